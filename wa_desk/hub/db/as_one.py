"""PostgreSQL: writes to different tables sent as one statement, rows and all.

The store's writer ends each transaction with the writes it held back (the stream's
events, the hub's audit facts and chain head, the counters' additions): each to its own
table, none reading what another writes. One statement per write, and one per row of a
write of many rows, would cost the writer the client's work of a statement apiece; here
a write of many rows becomes one ``INSERT … VALUES (…), (…)``, and the writes become the
data-modifying ``WITH`` clauses of one statement. They then share one snapshot, as
``Conn.execute_together``'s writes do.

A statement joins the one being built unless that one already writes its table (two
changes to one row in one statement are not allowed), it is a second ``SELECT`` (a
``SELECT`` in ``WITH`` is run only when read, so it must be the main statement), or the
parameters would pass :data:`MAX_PARAMETERS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wa_desk.hub.db.connection import Statement

# PostgreSQL's protocol counts a statement's parameters in 16 bits; well under that.
MAX_PARAMETERS = 30_000

_TARGET = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)", re.IGNORECASE)
_SELECT = re.compile(r"\s*SELECT\b", re.IGNORECASE)
_VALUES = " VALUES ("


def rows_as_one(sql: str, rows: Sequence[Sequence[Any]]) -> list[Statement]:
    """``sql`` (an ``INSERT`` of one row's ``VALUES (…)``, ``?`` placeholders) for each
    of ``rows``: one statement of many rows (several past :data:`MAX_PARAMETERS`); one
    statement per row when ``sql`` is not of that form."""
    start = sql.find(_VALUES)
    if start < 0 or len(rows) < 2:
        return [(sql, row) for row in rows]
    first = start + len(_VALUES) - 1
    last = _closing(sql, first)
    one_row = sql[first : last + 1]
    width = max(1, one_row.count("?"))
    per_statement = max(1, MAX_PARAMETERS // width)
    out: list[Statement] = []
    for at in range(0, len(rows), per_statement):
        part = rows[at : at + per_statement]
        text = sql[:first] + ", ".join([one_row] * len(part)) + sql[last + 1 :]
        out.append((text, [p for row in part for p in row]))
    return out


def statements_as_one(statements: Sequence[Statement]) -> Iterator[Statement]:
    """``statements`` (writes to different rows, none reading what another writes) as
    few statements, in order but for a ``SELECT``, which ends the statement it joins."""
    writes: list[Statement] = []
    select: Statement | None = None
    tables: set[str] = set()
    count = 0
    for sql, params in statements:
        is_select = _SELECT.match(sql) is not None
        target = _TARGET.match(sql)
        joins = (is_select or target is not None) and count + len(params) <= MAX_PARAMETERS
        if joins and is_select:
            joins = select is None
        if joins and target is not None:
            joins = target.group(1).lower() not in tables
        if not joins and (writes or select):
            yield _joined(writes, select)
            writes, select, tables, count = [], None, set(), 0
        if is_select:
            select = (sql, params)
        else:
            writes.append((sql, params))
        if target is not None:
            tables.add(target.group(1).lower())
        elif not is_select:  # not one to join with others: alone
            yield _joined(writes, select)
            writes, select, tables, count = [], None, set(), 0
            continue
        count += len(params)
    if writes or select:
        yield _joined(writes, select)


def with_clauses(writes: Sequence[Statement], main: Statement) -> Statement:
    """``writes`` as the data-modifying ``WITH`` clauses of ``main``: one statement, all
    of it seeing one snapshot (``Conn.execute_together``'s rules)."""
    if not writes:
        return main
    ctes = ", ".join(f"w{i} AS ({sql} RETURNING 1)" for i, (sql, _) in enumerate(writes))
    params = [p for _sql, ps in writes for p in ps]
    return f"WITH {ctes} {main[0]}", [*params, *main[1]]


def _joined(writes: list[Statement], select: Statement | None) -> Statement:
    if select is None:
        *writes, select = writes
    return with_clauses(writes, select)


def _closing(sql: str, opening: int) -> int:
    """Where the parenthesis opened at ``opening`` closes (quoted text skipped)."""
    depth = 0
    quoted = False
    for i in range(opening, len(sql)):
        ch = sql[i]
        if ch == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(f"unbalanced VALUES in {sql[:80]!r}")
