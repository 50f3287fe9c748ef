"""The live wallboard's rows (docs/kpis.md, "Wallboard"): read what is open or happened
today, compute each queue's and agent's figures with ``core.kpis.wallboard``, and give
them in their API form, the same in ``GET /api/v1/supervisor/wallboard`` and in the
stream's ``wallboard.changed``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wa_desk.core.clock import Millis, optional_rfc3339, to_rfc3339
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.kpis.events import Span
from wa_desk.core.kpis.wallboard import (
    AgentFigures,
    AgentState,
    ConversationNow,
    QueueFigures,
    QueueTerms,
    RowType,
    agent_figures,
    conversation_now,
    queue_figures,
)
from wa_desk.core.sla import DEFAULT_AT_RISK
from wa_desk.hub.agent_view import capacity_of
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.kpi_report import queue_levels
from wa_desk.hub.queries import users
from wa_desk.hub.queries import wallboard as reads
from wa_desk.hub.queries.users import User
from wa_desk.hub.wallboard_live import LiveConversations


def queue_terms(guidelines: Guidelines, queue: str) -> QueueTerms:
    levels = queue_levels(guidelines, queue)
    policy = guidelines.sla_for(queue)
    at_risk = DEFAULT_AT_RISK if policy is None else policy.at_risk
    return QueueTerms(levels.targets, levels.measured, at_risk, levels.hours)


@dataclass(frozen=True, slots=True)
class Row:
    """One wallboard row: what it is about, who may see it (the leads of ``audience``, and
    administrators), and its API form."""

    key: str  # "queue:<name>" or "agent:<id>": one row of the board
    audience: frozenset[str]
    data: dict[str, Any]


def _ms(span: Span | None, business: bool = False) -> Millis | None:
    if span is None:
        return None
    return span.business if business else span.wall


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def queue_row(f: QueueFigures, terms: QueueTerms, now: Millis) -> Row:
    data = {
        "type": RowType.QUEUE.value,
        "queue": f.queue,
        "day": f.day,
        "time_zone": terms.hours.time_zone,
        "taken_at": to_rfc3339(now),
        "open": f.open,
        "assigned": f.assigned,
        "waiting": f.waiting,
        "longest_wait_since": optional_rfc3339(f.longest_wait_since),
        "longest_wait_ms": _ms(f.longest_wait),
        "longest_wait_business_ms": _ms(f.longest_wait, True),
        "oldest_unanswered_at": optional_rfc3339(f.oldest_unanswered_at),
        "closed_today": f.closed_today,
        "sla_percent_today": _percent(f.sla_percent_today),
        "first_response_median_today_ms": _ms(f.first_response_median_today),
        "first_response_median_today_business_ms": _ms(f.first_response_median_today, True),
        "next_response_median_today_ms": _ms(f.next_response_median_today),
        "next_response_median_today_business_ms": _ms(f.next_response_median_today, True),
        "abandoned_today": f.abandoned_today,
        "at_risk": f.at_risk,
        "windows_closing": f.windows_closing,
    }
    return Row(f"queue:{f.queue}", frozenset({f.queue}), data)


def agent_row(f: AgentFigures, now: Millis) -> Row:
    a = f.agent
    data = {
        "type": RowType.AGENT.value,
        "id": a.id,
        "name": a.name,
        "queues": list(a.queues),
        "taken_at": to_rfc3339(now),
        "status": a.status,
        "since": optional_rfc3339(a.since),
        "open": f.open,
        "capacity": a.capacity,
        "load": round(f.load, 2),
        "handled_today": f.handled_today,
        "next_response_median_today_ms": _ms(f.next_response_median_today),
        "next_response_median_today_business_ms": _ms(f.next_response_median_today, True),
        "customer_waiting_since": optional_rfc3339(f.customer_waiting_since),
        "customer_waiting_ms": _ms(f.customer_waiting),
        "customer_waiting_business_ms": _ms(f.customer_waiting, True),
        "overrides_today": f.overrides_today,
    }
    return Row(f"agent:{a.id}", frozenset(a.queues), data)


# Figures that grow with the clock alone: a client adds the time passed itself, so a
# change in them alone is no reason to push a row again (docs/kpis.md, "When a row is
# pushed").
CLOCK_FIELDS = frozenset(
    {
        "taken_at",
        "longest_wait_ms",
        "longest_wait_business_ms",
        "customer_waiting_ms",
        "customer_waiting_business_ms",
    }
)


def shown(row: Row) -> dict[str, Any]:
    """The figures of a row that only a change (or a threshold of the clock) moves."""
    return {k: v for k, v in row.data.items() if k not in CLOCK_FIELDS}


@dataclass(frozen=True, slots=True)
class Board:
    queues: list[Row]
    agents: list[Row]


def members(conn: Conn, scope: frozenset[str] | None) -> list[User]:
    """The agents the board has a row for: the members of the queues in ``scope``
    (None: of any queue)."""
    return [u for u in users.colleagues(conn, scope) if u.queues]


def board(
    conn: Conn,
    guidelines: Guidelines,
    configured: Iterable[str],
    now: Millis,
    queues: frozenset[str] | None,
    kept: LiveConversations | None = None,
) -> Board:
    """The rows of ``queues`` (None: every queue: ``configured``, those someone is a
    member of, and those with a conversation open or active today) and of the members of
    those queues. ``kept``: the conversations as a previous call left them, brought up to
    date (None: read them all)."""
    team = members(conn, queues)
    if queues is not None:
        loaded = queues | {q for u in team for q in u.queues}
        return _board(conn, guidelines, now, set(queues), team, loaded, kept)
    terms = _Terms(guidelines)
    measured = _measured(conn, terms, now, None, kept)
    names = set(configured) | reads.member_queues(conn) | {m.conversation.queue for m in measured}
    return _rows(conn, terms, now, names, team, measured)


def rows_of(
    conn: Conn,
    guidelines: Guidelines,
    now: Millis,
    queues: frozenset[str],
    agents: frozenset[str],
    kept: LiveConversations | None = None,
) -> Board:
    """The rows of these queues and of these agents (ids; a disabled user, or one in no
    queue, has none)."""
    people = [users.get_user(conn, a) for a in sorted(agents)]
    members = [u for u in people if u is not None and not u.disabled and u.queues]
    loaded = queues | {q for u in members for q in u.queues}
    return _board(conn, guidelines, now, set(queues), members, loaded, kept)


class _Terms:
    """Each queue's terms, worked out once per board."""

    def __init__(self, guidelines: Guidelines) -> None:
        self.guidelines = guidelines
        self._found: dict[str, QueueTerms] = {}

    def __call__(self, queue: str) -> QueueTerms:
        found = self._found.get(queue)
        if found is None:
            self._found[queue] = found = queue_terms(self.guidelines, queue)
        return found


def _measured(
    conn: Conn,
    terms: _Terms,
    now: Millis,
    loaded: frozenset[str] | None,
    kept: LiveConversations | None,
) -> list[ConversationNow]:
    """The live conversations of ``loaded`` (None: every queue) at ``now``."""
    since = now - reads.LOOKBACK_MS
    if kept is not None:
        return kept.measured(conn, terms, now, since, loaded)
    live = reads.live_conversations(conn, since, loaded)
    return [conversation_now(c, terms(c.queue), now) for c in live]


def _board(
    conn: Conn,
    guidelines: Guidelines,
    now: Millis,
    names: set[str],
    members: list[User],
    loaded: frozenset[str],
    kept: LiveConversations | None,
) -> Board:
    terms = _Terms(guidelines)
    return _rows(conn, terms, now, names, members, _measured(conn, terms, now, loaded, kept))


def _rows(
    conn: Conn,
    terms: _Terms,
    now: Millis,
    names: set[str],
    members: list[User],
    measured: list[ConversationNow],
) -> Board:
    """Rows for the queues ``names`` and the users ``members``, from ``measured``: the
    live conversations of those queues and of the members' queues."""
    by_queue: dict[str, list[ConversationNow]] = {}
    for m in measured:
        by_queue.setdefault(m.conversation.queue, []).append(m)
    queue_rows = [
        queue_row(queue_figures(q, terms(q), by_queue.get(q, []), now), terms(q), now)
        for q in sorted(names)
    ]
    overrides = reads.overrides_since(conn, now - reads.LOOKBACK_MS, (u.id for u in members))

    def day_start_of(queue: str) -> Millis:
        return terms(queue).day_start(now)

    agent_rows = []
    for u in members:
        state = AgentState(
            u.id, u.name, u.queues, u.status, u.status_since, capacity_of(u, terms.guidelines)
        )
        theirs = [m for q in u.queues for m in by_queue.get(q, [])]
        figures = agent_figures(state, theirs, overrides.get(u.id, []), day_start_of, now)
        agent_rows.append(agent_row(figures, now))
    return Board(queue_rows, agent_rows)
