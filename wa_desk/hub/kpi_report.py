"""Reports of the key performance figures (docs/kpis.md, "Reports"): one row per
conversation opened in a range, and those rows summed up per queue, agent or day.

Every figure is computed by ``wa_desk.core.kpis`` from the store's inputs
(``queries.kpi_inputs``), with each queue's SLA targets and business hours from the
policy (``[[policy.sla]]``). A clock whose queue has no target is not judged.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from wa_desk.core.agents import AgentStatus
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.clock import Millis, optional_rfc3339, to_rfc3339
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.kpis.contacts import (
    FCR_MS,
    HOUR_MS,
    FollowUp,
    first_contact_resolution,
    repeat_contact,
)
from wa_desk.core.kpis.csat import Survey, csat
from wa_desk.core.kpis.events import Span
from wa_desk.core.kpis.figures import ConversationFigures, conversation_figures
from wa_desk.core.kpis.holds import holds
from wa_desk.core.kpis.promises import PromiseCounts, closed_with_open_promise, promise_counts
from wa_desk.core.kpis.rates import Available, GuidelineCounts, compliance, occupancy
from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.core.kpis.sla import Clock, Outcome, SlaResult, SlaTargets, sla_percent
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import kpi_inputs, users
from wa_desk.hub.queries.kpi_inputs import StoredConversation

# A clock with no target in the policy is measured against this and then left out.
_NO_TARGET: Millis = 2**62


Group = ReportGroup


ROW_FIELDS: tuple[str, ...] = (
    "id",
    "queue",
    "state",
    "opened_at",
    "closed_at",
    "agents",
    "periods",
    "first_response_ms",
    "first_response_business_ms",
    "next_responses",
    "next_response_median_ms",
    "next_response_median_business_ms",
    "resolution_ms",
    "resolution_business_ms",
    "handle_ms",
    "handle_business_ms",
    "abandoned",
    "short_abandoned",
    "sla_met",
    "sla_breached",
    "sla_running",
    "sla_percent",
    "transfers",
    "take_overs",
    "repeat_contact_24h",
    "repeat_contact_72h",
    "first_contact_resolution",
    "sends",
    "blocks",
    "overrides",
    "checklist_ticked",
    "checklist_items",
    "canned_replies",
    "promises_made",
    "promises_kept_on_time",
    "promises_kept_late",
    "promises_broken",
    "promises_overdue",
    "closed_with_open_promise",
    "csat_surveyed",
    "csat_rating",
)


@dataclass(frozen=True, slots=True)
class QueueLevels:
    targets: SlaTargets
    measured: frozenset[Clock]  # the clocks with a target
    hours: BusinessHours


def queue_levels(guidelines: Guidelines, queue: str) -> QueueLevels:
    policy = guidelines.sla_for(queue)
    if policy is None:
        return QueueLevels(
            SlaTargets(_NO_TARGET, _NO_TARGET, _NO_TARGET), frozenset(), BusinessHours()
        )
    given = {
        Clock.FIRST_RESPONSE: policy.first_response_s,
        Clock.NEXT_RESPONSE: policy.next_response_s,
        Clock.RESOLUTION: policy.resolution_s,
    }
    ms = {c: _NO_TARGET if s is None else s * 1000 for c, s in given.items()}
    return QueueLevels(
        SlaTargets(ms[Clock.FIRST_RESPONSE], ms[Clock.NEXT_RESPONSE], ms[Clock.RESOLUTION]),
        frozenset(c for c, s in given.items() if s is not None),
        policy.hours,
    )


@dataclass(frozen=True, slots=True)
class Measured:
    """One conversation with its figures, what its agents held, and its follow-up
    verdicts (None: not known yet; or not closed)."""

    conversation: StoredConversation
    figures: ConversationFigures
    sla: tuple[SlaResult, ...]
    agents: tuple[str, ...]  # everyone who held it, in the order they first did
    take_overs: int
    repeat_24h: bool | None
    repeat_72h: bool | None
    fcr: bool | None
    day: str  # the opening's date in the queue's time zone
    taken_at: Millis  # the report's now: whether an open promise is overdue


def _agents(c: StoredConversation, now: Millis) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h.agent for h in holds(c.events.facts, now)))


def measure(
    conn: Conn,
    chunk: list[StoredConversation],
    guidelines: Guidelines,
    now: Millis,
) -> list[Measured]:
    levels = {q: queue_levels(guidelines, q) for q in {c.queue for c in chunk}}
    figures = {
        c.id: conversation_figures(
            c.events,
            levels[c.queue].targets,
            now,
            levels[c.queue].hours.open_ms_between,
        )
        for c in chunk
    }
    follow_ups = _follow_ups(conn, chunk, figures, now)
    out: list[Measured] = []
    for c in chunk:
        f = figures[c.id]
        measured = levels[c.queue].measured
        sla = tuple(r for p in f.periods for r in p.sla if r.clock in measured)
        closed_at = f.periods[-1].end if f.periods else None
        later = follow_ups.get(c.wa_id, [])
        r24 = r72 = fcr = None
        if closed_at is not None:
            r24 = repeat_contact(closed_at, c.queue, later, 24 * HOUR_MS, now)
            r72 = repeat_contact(closed_at, c.queue, later, 72 * HOUR_MS, now)
            fcr = first_contact_resolution(closed_at, c.queue, later, now)
        zone = ZoneInfo(levels[c.queue].hours.time_zone)
        day = datetime.fromtimestamp(c.opened_at / 1000, UTC).astimezone(zone).date()
        out.append(
            Measured(
                c,
                f,
                sla,
                _agents(c, now),
                sum(x.kind is AuditKind.CONVERSATION_TAKEN_OVER for x in c.events.facts),
                r24,
                r72,
                fcr,
                day.isoformat(),
                now,
            )
        )
    return out


def _follow_ups(
    conn: Conn,
    chunk: list[StoredConversation],
    figures: dict[str, ConversationFigures],
    now: Millis,
) -> dict[str, list[FollowUp]]:
    """Later conversations of the chunk's contacts, up to 7 days after the last close
    that could have them, as follow-up candidates."""
    closes = [p.end for f in figures.values() for p in f.periods[-1:] if p.end is not None]
    if not closes:
        return {}
    later = kpi_inputs.later_of_contacts(
        conn, [c.wa_id for c in chunk], min(closes), max(closes) + FCR_MS
    )
    out: dict[str, list[FollowUp]] = {}
    for c in later:
        needed = conversation_figures(
            c.events, SlaTargets(_NO_TARGET, _NO_TARGET, _NO_TARGET), now, _wall
        ).needed_a_person
        out.setdefault(c.wa_id, []).append(FollowUp(c.opened_at, c.queue, needed))
    return out


def _wall(start: Millis, end: Millis) -> Millis:
    return end - start


def measured_page(
    conn: Conn,
    start: Millis,
    end: Millis,
    queues: frozenset[str] | None,
    after: kpi_inputs.Cursor,
    guidelines: Guidelines,
    now: Millis,
) -> tuple[list[Measured], kpi_inputs.Cursor | None]:
    """One chunk of the conversations opened in ``[start, end)`` of ``queues`` (None:
    all), measured, and the cursor to read on from (None: done)."""
    chunk, following = kpi_inputs.conversations_opened(conn, start, end, queues, after)
    return (measure(conn, chunk, guidelines, now) if chunk else []), following


def measured_in(
    conn: Conn,
    start: Millis,
    end: Millis,
    queues: frozenset[str] | None,
    guidelines: Guidelines,
    now: Millis,
) -> Iterator[Measured]:
    """Every conversation opened in ``[start, end)`` of ``queues`` (None: all), measured."""
    after: kpi_inputs.Cursor | None = kpi_inputs.first_cursor(start)
    while after is not None:
        page, after = measured_page(conn, start, end, queues, after, guidelines, now)
        yield from page


# -- one row per conversation ---------------------------------------------------------


def _median(values: list[Millis]) -> Millis | None:
    return None if not values else int(statistics.median(values))


def _spans_sum(spans: Iterable[Span]) -> Span | None:
    found = list(spans)
    if not found:
        return None
    return Span(sum(s.wall for s in found), sum(s.business for s in found))


def _summed(counts: Iterable[GuidelineCounts]) -> GuidelineCounts:
    found = list(counts)
    return GuidelineCounts(
        sum(c.sends for c in found),
        sum(c.blocks for c in found),
        sum(c.overrides for c in found),
        sum(c.ticked for c in found),
        sum(c.items for c in found),
        sum(c.canned for c in found),
    )


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def conversation_row(m: Measured, names: dict[str, str]) -> dict[str, Any]:
    f = m.figures
    first = f.periods[0].first_response if f.periods else None
    nexts = [s for p in f.periods for s in p.next_responses]
    resolution = _spans_sum(p.resolution for p in f.periods if p.resolution is not None)
    handle = _spans_sum(f.handle_time.values())
    closed_at = f.periods[-1].end if f.periods else None
    outcomes = [r.outcome for r in m.sla]
    percent = sla_percent(m.sla)
    guideline = _summed(m.conversation.guideline.values())
    promised = promise_counts(m.conversation.promises, m.taken_at)
    left_open = closed_with_open_promise(m.conversation.promises, closed_at)
    return {
        "id": m.conversation.id,
        "queue": m.conversation.queue,
        "state": m.conversation.state,
        "opened_at": to_rfc3339(m.conversation.opened_at),
        "closed_at": optional_rfc3339(closed_at),
        "agents": [names.get(a, a) for a in m.agents],
        "periods": len(f.periods),
        "first_response_ms": None if first is None else first.wall,
        "first_response_business_ms": None if first is None else first.business,
        "next_responses": len(nexts),
        "next_response_median_ms": _median([s.wall for s in nexts]),
        "next_response_median_business_ms": _median([s.business for s in nexts]),
        "resolution_ms": None if resolution is None else resolution.wall,
        "resolution_business_ms": None if resolution is None else resolution.business,
        "handle_ms": 0 if handle is None else handle.wall,
        "handle_business_ms": 0 if handle is None else handle.business,
        "abandoned": sum(p.abandoned is not None for p in f.periods),
        "short_abandoned": sum(p.abandoned is not None and p.abandoned.short for p in f.periods),
        "sla_met": outcomes.count(Outcome.MET),
        "sla_breached": outcomes.count(Outcome.BREACHED),
        "sla_running": outcomes.count(Outcome.RUNNING),
        "sla_percent": None if percent is None else round(percent, 1),
        "transfers": f.transfers,
        "take_overs": m.take_overs,
        "repeat_contact_24h": _yes_no(m.repeat_24h),
        "repeat_contact_72h": _yes_no(m.repeat_72h),
        "first_contact_resolution": _yes_no(m.fcr),
        "sends": guideline.sends,
        "blocks": guideline.blocks,
        "overrides": guideline.overrides,
        "checklist_ticked": guideline.ticked,
        "checklist_items": guideline.items,
        "canned_replies": guideline.canned,
        **_promise_figures(promised),
        "closed_with_open_promise": _yes_no(left_open),
        "csat_surveyed": _yes_no(m.conversation.survey is not None),
        "csat_rating": None if m.conversation.survey is None else m.conversation.survey.rating,
    }


def _promise_figures(c: PromiseCounts) -> dict[str, int]:
    return {
        "promises_made": c.made,
        "promises_kept_on_time": c.kept_on_time,
        "promises_kept_late": c.kept_late,
        "promises_broken": c.broken,
        "promises_overdue": c.overdue,
    }


# -- per group ------------------------------------------------------------------------


@dataclass
class Totals:
    """What a group's figures are made of; ``view`` gives the figures."""

    conversations: int = 0
    closed: int = 0
    periods: int = 0
    first: list[Span] = field(default_factory=list)
    nexts: list[Span] = field(default_factory=list)
    resolutions: list[Span] = field(default_factory=list)
    handles: list[Span] = field(default_factory=list)
    abandoned: int = 0
    short_abandoned: int = 0
    sla: list[SlaResult] = field(default_factory=list)
    transfers: int = 0
    take_overs: int = 0
    repeat_24h: list[bool] = field(default_factory=list)
    repeat_72h: list[bool] = field(default_factory=list)
    fcr: list[bool] = field(default_factory=list)
    guideline: list[GuidelineCounts] = field(default_factory=list)
    promised: PromiseCounts = field(default_factory=PromiseCounts)
    left_open: list[bool] = field(default_factory=list)  # closed with an open promise
    surveys: list[Survey] = field(default_factory=list)

    def add(self, m: Measured, agent: str | None) -> None:
        f = m.figures
        self.conversations += 1
        self.closed += bool(f.periods) and f.periods[-1].end is not None
        self.periods += len(f.periods)
        self.first += [p.first_response for p in f.periods if p.first_response is not None]
        self.nexts += [s for p in f.periods for s in p.next_responses]
        self.resolutions += [p.resolution for p in f.periods if p.resolution is not None]
        if agent is None:
            handle = _spans_sum(f.handle_time.values())
            self.handles.append(handle or Span(0, 0))
        else:
            self.handles.append(f.handle_time.get(agent, Span(0, 0)))
        self.abandoned += sum(p.abandoned is not None for p in f.periods)
        self.short_abandoned += sum(
            p.abandoned is not None and p.abandoned.short for p in f.periods
        )
        self.sla += m.sla
        self.transfers += f.transfers
        self.take_overs += m.take_overs
        for verdicts, value in (
            (self.repeat_24h, m.repeat_24h),
            (self.repeat_72h, m.repeat_72h),
            (self.fcr, m.fcr),
        ):
            if value is not None:
                verdicts.append(value)
        by_user = m.conversation.guideline
        mine = by_user.values() if agent is None else [by_user[agent]] if agent in by_user else []
        self.guideline.append(_summed(mine))
        self.promised += promise_counts(m.conversation.promises, m.taken_at, agent)
        closed_at = f.periods[-1].end if f.periods else None
        left_open = closed_with_open_promise(m.conversation.promises, closed_at)
        if left_open is not None:
            self.left_open.append(left_open)
        survey = m.conversation.survey
        if survey is not None and (agent is None or survey.agent == agent):
            self.surveys.append(survey)

    def view(self) -> dict[str, Any]:
        outcomes = [r.outcome for r in self.sla]
        percent = sla_percent(self.sla)
        guideline = _summed(self.guideline)
        rates = compliance(guideline)
        satisfaction = csat(self.surveys)

        def medians(name: str, spans: list[Span]) -> dict[str, Millis | None]:
            return {
                f"{name}_median_ms": _median([s.wall for s in spans]),
                f"{name}_median_business_ms": _median([s.business for s in spans]),
            }

        def share(verdicts: list[bool]) -> float | None:
            return None if not verdicts else round(100 * sum(verdicts) / len(verdicts), 1)

        return {
            "conversations": self.conversations,
            "closed": self.closed,
            "periods": self.periods,
            **medians("first_response", self.first),
            **medians("next_response", self.nexts),
            **medians("resolution", self.resolutions),
            **medians("handle", self.handles),
            "abandoned": self.abandoned,
            "short_abandoned": self.short_abandoned,
            "sla_met": outcomes.count(Outcome.MET),
            "sla_breached": outcomes.count(Outcome.BREACHED),
            "sla_running": outcomes.count(Outcome.RUNNING),
            "sla_percent": None if percent is None else round(percent, 1),
            "transfers": self.transfers,
            "transfers_per_conversation": (
                None if not self.conversations else round(self.transfers / self.conversations, 2)
            ),
            "take_overs": self.take_overs,
            "repeat_contact_24h_percent": share(self.repeat_24h),
            "repeat_contact_72h_percent": share(self.repeat_72h),
            "first_contact_resolution_percent": share(self.fcr),
            "first_contact_resolution_known": len(self.fcr),
            "sends": guideline.sends,
            "blocks_per_100_sends": _rounded(rates.blocks_per_100_sends),
            "overrides_per_100_sends": _rounded(rates.overrides_per_100_sends),
            "checklist_ticked_percent": _rounded(rates.checklist_ticked_percent),
            "canned_replies_per_100_sends": _rounded(rates.canned_replies_per_100_sends),
            **_promise_figures(self.promised),
            "closed_with_open_promise_percent": share(self.left_open),
            "csat_surveys": satisfaction.surveys,
            "csat_responses": satisfaction.responses,
            "csat_percent": _rounded(satisfaction.csat_percent),
            "csat_average_rating": (
                None
                if satisfaction.average_rating is None
                else round(satisfaction.average_rating, 2)
            ),
            "csat_response_percent": _rounded(satisfaction.response_percent),
        }


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def grouped(
    measured: Iterable[Measured], group: Group, only_agent: str | None = None
) -> dict[str, Totals]:
    """Each group's totals. By agent, a conversation counts for everyone who held it
    (``only_agent``: for that agent alone), with that agent's own handle time."""
    out: dict[str, Totals] = {}
    for m in measured:
        if group is Group.AGENT:
            for agent in m.agents:
                if only_agent is None or agent == only_agent:
                    out.setdefault(agent, Totals()).add(m, agent)
            continue
        key = m.conversation.queue if group is Group.QUEUE else m.day
        out.setdefault(key, Totals()).add(m, None)
    return out


GROUP_FIELDS: tuple[str, ...] = ("key", "name", *Totals().view(), "occupancy_percent")
_AVAILABLE = frozenset({AgentStatus.AVAILABLE, AgentStatus.BUSY})


def occupancies(
    conn: Conn,
    agents: Iterable[str],
    start: Millis,
    end: Millis,
    guidelines: Guidelines,
    now: Millis,
) -> dict[str, float | None]:
    """Each agent's occupancy over ``[start, min(end, now))`` as docs/kpis.md
    "Occupancy" defines it, in percent (one decimal; None: no time available). Every
    conversation they held counts, whatever its queue: their capacity is one for all
    their queues."""
    wanted = set(agents)
    until = min(end, now)
    if until <= start or not wanted:
        return dict.fromkeys(wanted)
    held: dict[str, list[tuple[Millis, Millis]]] = {a: [] for a in wanted}
    for facts in kpi_inputs.facts_of_conversations_open_in(conn, start, until):
        for h in holds(tuple(facts), now):
            if h.agent in held:
                held[h.agent].append((max(h.start, start), min(h.end, until)))
    people = {u.id: u for u in users.list_users(conn) if u.id in wanted}
    out: dict[str, float | None] = {}
    for agent in sorted(wanted):
        user = people.get(agent)
        if user is None:
            out[agent] = None
            continue
        own = user.capacity
        capacity = guidelines.capacity_for(user.queues) if own is None else own
        available = [
            Available(max(s.start, start), min(until if s.end is None else s.end, until), capacity)
            for s in users.status_history(conn, agent, start, until)
            if s.status in _AVAILABLE
        ]
        ratio = occupancy(held[agent], available)
        out[agent] = None if ratio is None else round(100 * ratio, 1)
    return out


def group_rows(
    conn: Conn,
    start: Millis,
    end: Millis,
    group: Group,
    queues: frozenset[str] | None,
    guidelines: Guidelines,
    now: Millis,
    only_agent: str | None = None,
) -> list[dict[str, Any]]:
    """Each group's figures (``GROUP_FIELDS``), by key; ``name`` is the agent's name when
    grouped by agent."""
    totals = grouped(measured_in(conn, start, end, queues, guidelines, now), group, only_agent)
    by_agent = group is Group.AGENT
    names = users.names_of(conn, totals) if by_agent else {}
    occupied = occupancies(conn, totals, start, end, guidelines, now) if by_agent else {}
    return [
        {"key": k, "name": names.get(k), **totals[k].view(), "occupancy_percent": occupied.get(k)}
        for k in sorted(totals)
    ]


def conversation_rows(
    conn: Conn,
    start: Millis,
    end: Millis,
    queues: frozenset[str] | None,
    guidelines: Guidelines,
    now: Millis,
) -> Iterator[dict[str, Any]]:
    """One row per conversation (``ROW_FIELDS``), read chunk by chunk."""
    after: kpi_inputs.Cursor | None = kpi_inputs.first_cursor(start)
    while after is not None:
        page, after = row_page(conn, start, end, queues, after, guidelines, now)
        yield from page


def row_page(
    conn: Conn,
    start: Millis,
    end: Millis,
    queues: frozenset[str] | None,
    after: kpi_inputs.Cursor,
    guidelines: Guidelines,
    now: Millis,
) -> tuple[list[dict[str, Any]], kpi_inputs.Cursor | None]:
    """One chunk of ``conversation_rows`` and the cursor to read on from (None: done)."""
    page, following = measured_page(conn, start, end, queues, after, guidelines, now)
    names = users.names_of(conn, {a for m in page for a in m.agents})
    return [conversation_row(m, names) for m in page], following
