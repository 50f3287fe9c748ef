"""What the wallboard is computed from (docs/kpis.md, "Wallboard"): the conversations
open now or with a message or a close since a moment (the last 25 hours: the longest a
local day can have lasted), with their events; agents' overrides since then; and the
queues there are.

Each part reads through an index (schema migration 13: conversations by state and by
close, audit events by kind and time), so its cost follows today's traffic, not the
store's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import orjson

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.conversation import State
from wa_desk.core.kpis.wallboard import LiveConversation, Override
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.queries import kpi_inputs

LOOKBACK_MS: Millis = 25 * 3600 * 1000  # a local day lasts at most 25 h (a DST change)

_COLUMNS = "id, wa_id, phone_number_id, queue, state, opened_at, closed_at, previous_id, assignee"
# What says whether a conversation kept between two reads is still as it was: its events
# aside (the stream names the conversations those changed), only these change.
KEY_COLUMNS = "id, queue, state, assignee"
_BRANCHES = (
    "SELECT {} FROM conversations WHERE state IN (?, ?)",
    "SELECT {} FROM conversations WHERE last_message_at >= ?",
    "SELECT {} FROM conversations WHERE closed_at >= ?",
)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def live_sql(queues: int | None, columns: str = _COLUMNS) -> str:
    """The query of ``live_rows`` for ``queues`` queue names (None: every queue). Only the
    open conversations are chosen by queue in SQL: the recent and the closed ones are
    found by time alone, so that each branch searches its own index for what happened
    since (an index by queue would lead a planner through the queue's whole history)."""
    only = "" if queues is None else f" AND queue IN ({_marks(queues)})"
    branches = [b.format(columns) for b in _BRANCHES]
    return " UNION ".join((branches[0] + only, *branches[1:]))


def live_rows(
    conn: Conn, since: Millis, queues: frozenset[str] | None, columns: str = _COLUMNS
) -> list[Row]:
    """Conversations open now, or whose last message or close is at or after ``since``,
    of ``queues`` (None: every queue); ``columns``: those of ``live_conversations``, or
    ``KEY_COLUMNS``."""
    if queues is not None and not queues:
        return []
    wanted: tuple[str, ...] = () if queues is None else tuple(sorted(queues))
    params = (State.QUEUED.value, State.ASSIGNED.value, *wanted, since, since)
    rows = conn.all(live_sql(None if queues is None else len(wanted), columns), params)
    return rows if queues is None else [r for r in rows if r["queue"] in queues]


def rows_by_id(conn: Conn, ids: list[str]) -> list[Row]:
    """The conversations ``ids`` as ``live_rows`` gives them, with their
    ``last_message_at`` (whether they are live is ``is_live``), a chunk at a time."""
    out: list[Row] = []
    for part in kpi_inputs.chunks(ids):
        out += conn.all(
            f"SELECT {_COLUMNS}, last_message_at FROM conversations "  # noqa: S608 - placeholders only
            f"WHERE id IN ({_marks(len(part))})",
            tuple(part),
        )
    return out


def last_active(row: Row) -> Millis:
    """A conversation's last message or close (of ``rows_by_id``)."""
    return max(int(row["last_message_at"]), int(row["closed_at"] or 0))


OPEN_STATES = frozenset({State.QUEUED.value, State.ASSIGNED.value})


def is_live(state: str, last_active: Millis, since: Millis) -> bool:
    """Whether ``live_rows`` finds a conversation (its state, its ``last_active``)."""
    return state in OPEN_STATES or last_active >= since


def live_conversations(
    conn: Conn, since: Millis, queues: frozenset[str] | None
) -> list[LiveConversation]:
    """``live_rows`` with their messages and lifecycle facts, read a chunk at a time."""
    return with_events(conn, live_rows(conn, since, queues), kpi_inputs.user_ids(conn))


def with_events(conn: Conn, rows: list[Row], people: frozenset[str]) -> list[LiveConversation]:
    """The conversations of ``rows`` (of ``live_rows``) with their messages and lifecycle
    facts, read a chunk at a time; ``people``: the users' ids."""
    out: list[LiveConversation] = []
    for part in kpi_inputs.chunks(rows):
        holders = {str(r["id"]): r["assignee"] for r in part}
        for stored in kpi_inputs.with_events(conn, part, people, guideline_counts=False):
            out.append(
                LiveConversation(
                    stored.id,
                    stored.queue,
                    stored.state != State.CLOSED.value,
                    holders[stored.id],
                    stored.events,
                )
            )
    return out


def overrides_since(conn: Conn, since: Millis, actors: Iterable[str]) -> dict[str, list[Override]]:
    """Each actor's ``guideline.overridden`` facts (any chain) at or after ``since``, with
    the queue of their conversation as it is now."""
    wanted = tuple(sorted(set(actors)))
    if not wanted:
        return {}
    rows = conn.all(
        "SELECT a.actor, a.at_ms, c.queue FROM audit_events a "  # noqa: S608 - placeholders only
        "JOIN conversations c ON c.id = a.conversation_id "
        f"WHERE a.kind = ? AND a.at_ms >= ? AND a.actor IN ({_marks(len(wanted))})",
        (AuditKind.GUIDELINE_OVERRIDDEN.value, since, *wanted),
    )
    out: dict[str, list[Override]] = {}
    for r in rows:
        out.setdefault(str(r["actor"]), []).append(Override(int(r["at_ms"]), str(r["queue"])))
    return out


def last_seq(conn: Conn) -> int:
    """The stream's last event (0: none yet)."""
    row = conn.one("SELECT MAX(seq) AS seq FROM stream_events")
    return 0 if row is None or row["seq"] is None else int(row["seq"])


# The stream events that name, in their data's ``id``, a message written: every insert
# and every status change of a message (``queries.messages``) appends one of them in its
# transaction.
_OF_A_MESSAGE = (StreamEventKind.MESSAGE_CREATED.value, StreamEventKind.MESSAGE_STATUS.value)


@dataclass(frozen=True, slots=True)
class Touched:
    """What the stream's events after a seq were about."""

    seq: int  # the last of them
    conversations: frozenset[str]
    messages: dict[str, set[str]]  # by conversation: the messages written


def touched_since(conn: Conn, seq: int) -> Touched:
    """The conversations the stream's events after ``seq`` are about, and the messages
    they wrote: every write to a conversation, its messages or its lifecycle appends an
    event about it in its transaction."""
    rows = conn.all(
        "SELECT seq, conversation_id, "
        "CASE WHEN kind IN (?, ?) THEN data END AS message "
        "FROM stream_events WHERE seq > ? ORDER BY seq",
        (*_OF_A_MESSAGE, seq),
    )
    if not rows:
        return Touched(seq, frozenset(), {})
    messages: dict[str, set[str]] = {}
    for r in rows:
        cid = r["conversation_id"]
        if cid is not None and r["message"] is not None:
            messages.setdefault(str(cid), set()).add(str(orjson.loads(r["message"])["id"]))
    ids = frozenset(str(r["conversation_id"]) for r in rows if r["conversation_id"] is not None)
    return Touched(int(rows[-1]["seq"]), ids, messages)


def member_queues(conn: Conn) -> frozenset[str]:
    return frozenset(str(r["queue"]) for r in conn.all("SELECT DISTINCT queue FROM user_queues"))
