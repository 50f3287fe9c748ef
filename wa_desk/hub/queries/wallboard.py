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

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.conversation import State
from wa_desk.core.kpis.wallboard import LiveConversation, Override
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.queries import kpi_inputs

LOOKBACK_MS: Millis = 25 * 3600 * 1000  # a local day lasts at most 25 h (a DST change)

_COLUMNS = "id, wa_id, phone_number_id, queue, state, opened_at, closed_at, previous_id, assignee"
_BRANCHES = (
    f"SELECT {_COLUMNS} FROM conversations WHERE state IN (?, ?)",  # noqa: S608 - constants
    f"SELECT {_COLUMNS} FROM conversations WHERE last_message_at >= ?",  # noqa: S608 - constants
    f"SELECT {_COLUMNS} FROM conversations WHERE closed_at >= ?",  # noqa: S608 - constants
)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def live_sql(queues: int | None) -> str:
    """The query of ``live_rows`` for ``queues`` queue names (None: every queue). Only the
    open conversations are chosen by queue in SQL: the recent and the closed ones are
    found by time alone, so that each branch searches its own index for what happened
    since (an index by queue would lead a planner through the queue's whole history)."""
    only = "" if queues is None else f" AND queue IN ({_marks(queues)})"
    return " UNION ".join((_BRANCHES[0] + only, *_BRANCHES[1:]))


def live_rows(conn: Conn, since: Millis, queues: frozenset[str] | None) -> list[Row]:
    """Conversations open now, or whose last message or close is at or after ``since``,
    of ``queues`` (None: every queue)."""
    if queues is not None and not queues:
        return []
    wanted: tuple[str, ...] = () if queues is None else tuple(sorted(queues))
    params = (State.QUEUED.value, State.ASSIGNED.value, *wanted, since, since)
    rows = conn.all(live_sql(None if queues is None else len(wanted)), params)
    return rows if queues is None else [r for r in rows if r["queue"] in queues]


def live_conversations(
    conn: Conn, since: Millis, queues: frozenset[str] | None
) -> list[LiveConversation]:
    """``live_rows`` with their messages and lifecycle facts, read a chunk at a time."""
    rows = live_rows(conn, since, queues)
    people = kpi_inputs.user_ids(conn)
    out: list[LiveConversation] = []
    for i in range(0, len(rows), kpi_inputs.CHUNK):
        part = rows[i : i + kpi_inputs.CHUNK]
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


def member_queues(conn: Conn) -> frozenset[str]:
    return frozenset(str(r["queue"]) for r in conn.all("SELECT DISTINCT queue FROM user_queues"))
