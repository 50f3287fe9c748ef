"""One SQL dialect for the hub's queries: SQLite and PostgreSQL behind the same calls.

Queries are written once with ``?`` placeholders; for PostgreSQL they are rewritten to
its own numbered ``$1, $2, …`` once and cached, and sent as written (psycopg's
``RawCursor``): psycopg then has no query text to parse, which it does again for every
statement longer than 4 kB or of more than 50 parameters, such as the writes a group
commit sends as one (``as_one``). Rows come back as dicts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from typing import Any, Literal, Protocol

from wa_desk.hub.db.as_one import rows_as_one, statements_as_one, with_clauses

Dialect = Literal["sqlite", "postgresql"]
Row = dict[str, Any]
Params = Sequence[Any]
# A statement and its parameters, for writes run together (``Conn.execute_together``).
Statement = tuple[str, Params]


class HeldWrites(Protocol):
    """Rows a transaction holds back to write together before it commits
    (``Conn.hold``)."""

    # Written first whenever a statement names one of these tables.
    tables: tuple[str, ...]

    def write(self, conn: Conn) -> None: ...


class _DbApiCursor(Protocol):
    description: Any
    rowcount: int

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class _DbApiConnection(Protocol):
    def execute(self, sql: str, params: Any = ...) -> Any: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


@lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """``sql`` with its ``?`` placeholders (outside string literals) numbered ``$1, $2,
    …`` in order, as PostgreSQL writes them."""
    if "?" not in sql:
        return sql
    pieces = sql.split("'")  # even pieces are outside literals ('' inside one: an empty one)
    n = 0
    for i in range(0, len(pieces), 2):
        if "?" not in pieces[i]:
            continue
        first, *rest = pieces[i].split("?")
        parts = [first]
        for after in rest:
            n += 1
            parts.append(f"${n}{after}")
        pieces[i] = "".join(parts)
    return "'".join(pieces)


class Conn:
    """A connection of either dialect with the few calls the queries need."""

    def __init__(self, raw: Any, dialect: Dialect, replica_id: str | None = None) -> None:
        self.raw = raw
        self.dialect: Dialect = dialect
        if dialect == "postgresql":
            import psycopg

            raw.cursor_factory = psycopg.RawCursor  # statements come numbered (``numbered``)
        # The hub replica whose work this connection does (its audit facts go to the
        # chain ``hub/<replica_id>``); None: the hub runs as one process (chain ``hub``).
        self.replica_id = replica_id
        # Additions to counters held back until the transaction ends (``add``); None:
        # each is written at once.
        self._additions: dict[tuple[str, tuple[Any, ...]], int] | None = None
        # Other writes held back (``hold``), by name, and the tables they write.
        self._held: dict[str, HeldWrites] = {}
        self._held_tables: tuple[str, ...] = ()
        # PostgreSQL's pipeline, while statements sent by ``one_later`` are outstanding.
        self._pipeline: AbstractContextManager[Any] | None = None
        self._together = False  # inside ``sent_together``
        # PostgreSQL: the held writes' statements, gathered to be sent as few
        # (``_sent_as_one``); None: each is sent as it comes.
        self._gathered: list[Statement] | None = None

    def _sql(self, sql: str) -> str:
        """``sql`` for this dialect, about to run and be waited for: what was sent ahead
        of it is settled first."""
        if self._gathered:
            self._send_gathered()
        if self._pipeline is not None and not self._together:
            self.settle()
        self._write_held_named_by(sql)
        return sql if self.dialect == "sqlite" else numbered(sql)

    def _write_held_named_by(self, sql: str) -> None:
        """What a statement reads or changes is written first."""
        if self._held_tables and any(t in sql for t in self._held_tables):
            self._write_held()

    @contextmanager
    def sent_together(self) -> Iterator[None]:
        """On PostgreSQL, the statements run inside are sent in one pipeline: one that
        must return rows waits for those before it, the others are waited for once, at
        the end, where the first that failed raises. For statements whose row counts are
        not read (``execute`` gives -1 inside). SQLite runs them as they come. Inside
        another, it is part of that one."""
        if self.dialect == "sqlite" or self._together:
            yield
            return
        self.settle()
        self._together = True
        try:
            with self.raw.pipeline():
                yield
        finally:
            self._together = False

    @contextmanager
    def sent_ahead(self) -> Iterator[None]:
        """``sent_together``, not waited for at its end: what is sent inside is settled
        with what is sent after it (``one_later``), or before the next statement that
        must wait. A transaction's first statements, whose answers its writes do not
        wait for, so cost no round trip of their own."""
        if self.dialect == "sqlite" or self._together:
            yield
            return
        self.settle()
        pipeline = self.raw.pipeline()
        pipeline.__enter__()
        self._pipeline = pipeline  # dropped with the transaction if it fails
        self._together = True
        try:
            yield
        finally:
            self._together = False

    def settle(self) -> None:
        """Wait for the statements ``one_later`` sent (one round trip for them all); the
        first that failed raises here."""
        pipeline, self._pipeline = self._pipeline, None
        if pipeline is not None:
            pipeline.__exit__(None, None, None)

    def _drop_pipeline(self) -> None:
        """The transaction is abandoned: its unsettled statements no longer matter."""
        pipeline, self._pipeline = self._pipeline, None
        if pipeline is not None:
            try:
                pipeline.__exit__(None, None, None)
            except Exception:  # the statement that failed is rolled back with the rest
                return

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; the number of rows it changed (-1 while held writes are
        written: it is sent with theirs)."""
        if self._gathered is not None:
            self._gathered.append((sql, params))
            return -1
        cur = self.raw.execute(self._sql(sql), _storable(params))
        count: int = cur.rowcount
        return count

    def execute_together(self, statements: Sequence[Statement]) -> int:
        """Writes to different rows, in order; the number of rows the last one changed.

        On PostgreSQL they go as one statement (all but the last as data-modifying WITH
        clauses): one round trip instead of several, on the path of every customer
        message. They then share one snapshot, so none may read what an earlier one
        writes, and no two may write the same row. SQLite runs in-process: one at a time
        costs nothing."""
        if self.dialect == "postgresql" and len(statements) > 1:
            return self.execute(*_with_clauses(statements))
        count = 0
        for sql, ps in statements:
            count = self.execute(sql, ps)
        return count

    def one_together(self, statements: Sequence[Statement]) -> Row | None:
        """``execute_together``, the last statement returning a row (``RETURNING``):
        the row it returns, read in the same round trip on PostgreSQL."""
        *writes, (last, last_params) = statements
        if self.dialect == "postgresql" and writes:
            return self.one(*_with_clauses(statements))
        for sql, ps in writes:
            self.execute(sql, ps)
        return self.one(last, last_params)

    def one_later(self, statements: Sequence[Statement]) -> LaterRow:
        """``one_together``, its row read when first needed. On PostgreSQL, in the store's
        writer (``holding``), the statement is sent without waiting for its answer: the
        next statement that must wait (or the commit) waits for both in one round trip,
        and the writer builds the next delivery's statements meanwhile."""
        if self.dialect == "sqlite" or not self.holding:
            return LaterRow(self, None, self.one_together(statements))
        sql, params = _with_clauses(statements)
        self._write_held_named_by(sql)
        if self._pipeline is None:
            pipeline = self.raw.pipeline()
            pipeline.__enter__()
            self._pipeline = pipeline
        cursor = self.raw.execute(numbered(sql), _storable(params))
        return LaterRow(self, cursor, None)

    def sent_now(self, sql: str, params: Params = ()) -> LaterRow:
        """Inside ``sent_together`` on PostgreSQL: send a statement that returns a row,
        without waiting for it; its row is read when first asked, once the round trip
        that ends ``sent_together`` (or a later statement's) has brought it."""
        assert self.dialect == "postgresql" and self._together
        cursor = self.raw.execute(numbered(sql), _storable(params))
        return LaterRow(None, cursor, None)

    def add(self, sql: str, key: Params, n: int) -> None:
        """Add ``n`` to the counter row ``key`` with ``sql``, an upsert whose parameters
        are ``key`` then ``n`` and that adds ``excluded.n`` on conflict.

        While additions are held back (``hold_additions``), those to the same row are
        summed and written once, when ``write_additions`` is called (the store's writer
        does before each commit; a write that reads or deletes counter rows, first):
        a burst of messages in one group commit bumps the same few counters (one queue,
        one quarter of an hour) once instead of once per message. The row ends with the
        same value, and exists, as if each had been written at once (a sum of zero is
        written too). Until then a read in the transaction does not see them."""
        if self._additions is None:
            self.execute(sql, (*key, n))
            return
        row = (sql, tuple(key))
        self._additions[row] = self._additions.get(row, 0) + n

    def hold_additions(self) -> None:
        """From now on, ``add`` holds additions back until ``write_additions``, and
        ``hold`` takes other writes to hold back."""
        self._additions = {}

    @property
    def holding(self) -> bool:
        """Whether writes are held back until the transaction's end (the store's writer
        holds them for each group commit)."""
        return self._additions is not None

    def held(self, name: str) -> HeldWrites | None:
        """The writes held back under ``name`` in this transaction, if any."""
        return self._held.get(name)

    def hold(self, name: str, writes: HeldWrites) -> None:
        """Hold ``writes`` back under ``name`` until ``write_additions``; a statement that
        names one of its tables writes them first, so no read in the transaction sees
        the table without them. Only while ``holding``."""
        assert self.holding, "writes are held only inside the writer's transaction"
        self._held[name] = writes
        self._held_tables = tuple({t for w in self._held.values() for t in w.tables})

    def _write_held(self) -> None:
        tables, self._held_tables = self._held_tables, ()  # its own statements run plainly
        try:
            with self._sent_as_one():
                for writes in self._held.values():
                    writes.write(self)
        finally:
            self._held_tables = tables

    @contextmanager
    def _sent_as_one(self) -> Iterator[None]:
        """On PostgreSQL, the writes made inside (``execute``, ``executemany``) are sent,
        as they end, as few statements (``statements_as_one``): the writes held for a
        transaction's end are each of its own table, and would otherwise cost the store's
        writer a statement apiece, rows included. A read inside sends those before it
        first. Inside another, part of that one."""
        if self.dialect == "sqlite" or self._gathered is not None:
            yield
            return
        self._gathered = []
        try:
            yield
            self._send_gathered()
        finally:
            self._gathered = None

    def _send_gathered(self) -> None:
        assert self._gathered is not None
        gathered, self._gathered = self._gathered, []
        for sql, params in statements_as_one(gathered):
            self.raw.execute(numbered(sql), _storable(params))

    def write_additions(self) -> None:
        """Write the additions held back so far, each row once, and the other held
        writes (and go on holding). What was sent ahead is settled first."""
        self.settle()
        with self._sent_as_one():
            if self._held:
                self._write_held()
            if not self._additions:
                return
            held, self._additions = self._additions, {}
            by_sql: dict[str, list[tuple[Any, ...]]] = {}
            for (sql, key), n in held.items():
                by_sql.setdefault(sql, []).append((*key, n))
            for sql, rows in by_sql.items():
                self.executemany(sql, rows)

    def stop_holding(self) -> None:
        """``add`` writes at once again; additions and writes still held, and statements
        sent and not settled, are forgotten (their transaction rolled back, or they were
        written)."""
        self._drop_pipeline()
        self._additions = None
        self._held = {}
        self._held_tables = ()

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        if self._gathered is not None:
            self._gathered.extend(rows_as_one(sql, list(rows)))
            return
        text = self._sql(sql)
        if self.dialect == "sqlite":
            self.raw.executemany(text, [_storable(r) for r in rows])
        else:
            with self.raw.cursor() as cur:
                cur.executemany(text, [_storable(r) for r in rows])

    def returning_many(self, sql: str, rows: Sequence[Params]) -> list[Any]:
        """``sql`` (one row's statement, ``RETURNING`` one value) for each of ``rows``, in
        order; the values returned. On PostgreSQL the statements are pipelined: one
        round trip for them all."""
        firsts, _names = self._each(sql, rows)
        return [None if first is None else first[0] for first in firsts]

    def one_each(self, sql: str, rows: Sequence[Params]) -> list[Row | None]:
        """``one`` for each of ``rows``, in order: pipelined on PostgreSQL, one round trip
        for them all."""
        firsts, names = self._each(sql, rows)
        return [None if first is None else dict(zip(names, first, strict=True)) for first in firsts]

    def _each(self, sql: str, rows: Sequence[Params]) -> tuple[list[Any], list[str]]:
        """The first row each of ``rows`` gives ``sql`` (None: no row), and the names of
        its columns (the same for every one: read once)."""
        text = self._sql(sql)
        firsts: list[Any] = []
        names: list[str] = []
        if self.dialect == "sqlite":
            for r in rows:
                cur = self.raw.execute(text, _storable(r))
                firsts.append(cur.fetchone())
                names = names or _names(cur)
            return firsts, names
        if not rows:
            return firsts, names
        with self.raw.cursor() as cur:
            cur.executemany(text, [_storable(r) for r in rows], returning=True)
            while True:
                firsts.append(cur.fetchone())
                names = names or _names(cur)
                if not cur.nextset():
                    break
        return firsts, names

    def one(self, sql: str, params: Params = ()) -> Row | None:
        cur = self.raw.execute(self._sql(sql), _storable(params))
        row = cur.fetchone()
        if row is None:
            return None
        return _as_dict(cur, row)

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        cur = self.raw.execute(self._sql(sql), _storable(params))
        rows = cur.fetchall()
        if not rows:
            return []
        names = _names(cur)
        return [dict(zip(names, r, strict=True)) for r in rows]

    def tuples(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Rows as plain tuples, in the order selected: for reads of many thousand rows,
        where building a dict per row would cost more than the query."""
        cur = self.raw.execute(self._sql(sql), _storable(params))
        return [tuple(r) for r in cur.fetchall()]

    def scalar(self, sql: str, params: Params = ()) -> Any:
        cur = self.raw.execute(self._sql(sql), _storable(params))
        row = cur.fetchone()
        return None if row is None else row[0]

    def is_unique_violation(self, exc: BaseException) -> bool:
        if self.dialect == "sqlite":
            return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)
        import psycopg.errors

        return isinstance(exc, psycopg.errors.UniqueViolation)


class LaterRow:
    """The row a statement sent by ``Conn.one_later`` (or ``Conn.sent_now``) returns,
    read when first asked."""

    __slots__ = ("_conn", "_cursor", "_row")

    def __init__(self, conn: Conn | None, cursor: Any, row: Row | None) -> None:
        self._conn = conn  # whose statements sent ahead to settle first; None: none
        self._cursor = cursor
        self._row = row

    def get(self) -> Row | None:
        cursor, self._cursor = self._cursor, None
        if cursor is not None:
            if self._conn is not None:
                self._conn.settle()
            first = cursor.fetchone()
            self._row = None if first is None else _as_dict(cursor, first)
        return self._row


def _with_clauses(statements: Sequence[Statement]) -> Statement:
    """PostgreSQL: ``statements`` as one, all but the last as data-modifying WITH clauses
    (``Conn.execute_together``'s rules)."""
    *writes, last = statements
    return with_clauses(writes, last)


def _storable(params: Params) -> tuple[Any, ...]:
    """PostgreSQL text cannot hold NUL; customers' text may. Both stores keep the same
    value: U+FFFD in its place (as for any other character that cannot be shown)."""
    return tuple(
        p.replace("\x00", "\ufffd") if type(p) is str and "\x00" in p else p for p in params
    )


def _names(cur: Any) -> list[str]:
    """The names of the columns of ``cur``'s result. On PostgreSQL they are read from the
    result itself: psycopg's ``description`` makes an object per column, looking up its
    type, which costs more than the row itself for the writer's narrow reads."""
    result = getattr(cur, "pgresult", None)
    if result is None:
        return [d[0] for d in cur.description or ()]
    return [result.fname(i).decode() for i in range(result.nfields)]


def _as_dict(cur: Any, row: Any) -> Row:
    return dict(zip(_names(cur), row, strict=True))
