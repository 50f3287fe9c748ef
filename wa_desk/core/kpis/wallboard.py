"""The live wallboard (docs/kpis.md, "Wallboard"): each queue's and each agent's figures
now and today, from the conversations that are open or had something today.

Pure: the hub reads the conversations, the agents and their overrides; this computes.
"Today" is the day, in the queue's time zone, that contains ``now``: from its local
midnight to ``now``. An agent's figures count each conversation's events on its own
queue's today.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.clock import Millis
from wa_desk.core.kpis.events import MINUTE_MS, ConversationEvents, Elapsed, Span
from wa_desk.core.kpis.holds import Hold, holds
from wa_desk.core.kpis.periods import Period, periods
from wa_desk.core.kpis.sla import (
    Clock,
    Outcome,
    SlaResult,
    SlaTargets,
    period_sla,
    sla_percent,
)
from wa_desk.core.kpis.waits import Wait, abandon, waits
from wa_desk.core.sla import sla_thresholds
from wa_desk.core.window import WINDOW_MS

CLOSING_WINDOW_MS: Millis = 60 * MINUTE_MS  # "windows closing within 1 h"
NEVER: Millis = 2**62  # an instant no clock reaches


class RowType(StrEnum):
    """What a wallboard row is about: its ``type`` in the API and on the stream."""

    QUEUE = "queue"
    AGENT = "agent"


@lru_cache(maxsize=1024)
def local_midnight(time_zone: str, now: Millis) -> Millis:
    """The local midnight, in ``time_zone``, that began the day containing ``now`` (asked
    once per conversation with the same ``now`` in one wallboard)."""
    zone = ZoneInfo(time_zone)
    local = datetime.fromtimestamp(now / 1000, zone)
    midnight = datetime(local.year, local.month, local.day, tzinfo=zone)
    return int(midnight.timestamp() * 1000)


@dataclass(frozen=True, slots=True)
class QueueTerms:
    """A queue's service levels: its targets (``measured``: the clocks that have one), the
    at-risk share, and its business hours, whose time zone also says when its day starts."""

    targets: SlaTargets
    measured: frozenset[Clock]
    at_risk: float
    hours: BusinessHours

    def day_start(self, now: Millis) -> Millis:
        """The local midnight that began the queue's day containing ``now``."""
        return local_midnight(self.hours.time_zone, now)

    def day(self, now: Millis) -> str:
        """The queue's local date of ``now`` (ISO)."""
        zone = ZoneInfo(self.hours.time_zone)
        return datetime.fromtimestamp(now / 1000, zone).date().isoformat()


@dataclass(frozen=True, slots=True)
class LiveConversation:
    id: str
    queue: str
    open: bool  # not closed (queued or assigned) in the store now
    assignee: str | None  # who holds it now; None: it waits in the queue
    events: ConversationEvents


@dataclass(frozen=True, slots=True)
class Response:
    """A wait that a human reply ended: when, how long it lasted, whether it was the
    period's first response, and who sent the reply."""

    at: Millis
    span: Span
    first: bool
    by: str


@dataclass(frozen=True, slots=True)
class ConversationNow:
    """What one conversation brings to the wallboard at ``now``."""

    conversation: LiveConversation
    day_start: Millis  # its queue's today
    wait: Wait | None  # the wait running now (open conversations only)
    unanswered_since: Millis | None  # the first customer message of that wait
    window_expiry: Millis | None  # of the running wait's period: last customer message + 24 h
    at_risk: bool  # the running wait's clock is at risk (past the share, within the target)
    responses: tuple[Response, ...]
    closes: tuple[Millis, ...]  # ends of its periods
    abandons: tuple[Millis, ...]  # ``abandoned_at`` of its abandoned periods
    sla: tuple[SlaResult, ...]  # its clocks that have a target, every period
    holds: tuple[Hold, ...]
    elapsed: Elapsed  # its queue's business time between two instants
    # The first instant at which this reads differently, but for the running wait's
    # length: a threshold of a clock, a window's expiry. Until then it can be reused.
    until: Millis

    def today(self, at: Millis, now: Millis) -> bool:
        return self.day_start <= at <= now

    def waited(self, now: Millis) -> Span | None:
        """The running wait's length at ``now``."""
        return None if self.wait is None else Span.between(self.wait.start, now, self.elapsed)


def _responses(period: Period, found: tuple[Wait, ...], hours: BusinessHours) -> list[Response]:
    out: list[Response] = []
    for w in found:
        if w.end is None:
            continue
        reply = next(m for m in period.messages if m.at == w.end and m.is_human_reply)
        out.append(
            Response(
                w.end, Span.between(w.start, w.end, hours.open_ms_between), w.first, reply.sender
            )
        )
    return out


def _target(clock: Clock, targets: SlaTargets) -> Millis:
    if clock is Clock.FIRST_RESPONSE:
        return targets.first_response
    return targets.next_response if clock is Clock.NEXT_RESPONSE else targets.resolution


def _risk_thresholds(wait: Wait, terms: QueueTerms) -> tuple[Millis, Millis] | None:
    """When the running wait's clock turns at risk and when it is breached; None when
    that clock has no target."""
    clock = Clock.FIRST_RESPONSE if wait.first else Clock.NEXT_RESPONSE
    if clock not in terms.measured:
        return None
    target = _target(clock, terms.targets)
    return sla_thresholds(target, terms.at_risk, terms.hours, wait.start)


def _after(now: Millis, instants: Iterable[Millis]) -> Millis:
    """The first of ``instants`` later than ``now`` (NEVER if none is)."""
    return min((t for t in instants if t > now), default=NEVER)


def conversation_now(c: LiveConversation, terms: QueueTerms, now: Millis) -> ConversationNow:
    elapsed = terms.hours.open_ms_between
    responses: list[Response] = []
    closes: list[Millis] = []
    abandons: list[Millis] = []
    sla: list[SlaResult] = []
    running: Wait | None = None
    unanswered: Millis | None = None
    expiry: Millis | None = None
    turns: list[Millis] = []  # instants at which what ``now`` decides may change
    for period in periods(c.events):
        found = waits(period)
        gone = abandon(period, now)
        responses += _responses(period, found, terms.hours)
        if period.end is not None:
            closes.append(period.end)
        if gone is not None:
            abandons.append(gone.at)
        judged = [
            r
            for r in period_sla(period, found, gone, terms.targets, now, elapsed)
            if r.clock in terms.measured
        ]
        sla += judged
        if period.end is None or period.end > now:
            # An expiry may abandon the period; a running clock may pass its target.
            turns += [m.at + WINDOW_MS for m in period.messages if m.inbound]
            turns += [
                terms.hours.add_open_ms(r.start, _target(r.clock, terms.targets) + 1)
                for r in judged
                if r.outcome is Outcome.RUNNING
            ]
            if period.end is not None:
                turns.append(period.end)
        if c.open and period.end is None and found and found[-1].end is None:
            running = found[-1]
            inbound = [m.at for m in period.messages if m.inbound]
            unanswered = next((at for at in inbound if at >= running.start), None)
            expiry = inbound[-1] + WINDOW_MS if inbound else None
    risk = None if running is None else _risk_thresholds(running, terms)
    if risk is not None:
        turns += risk
    day_start = terms.day_start(now)
    # A hold that still lasts ends at ``now``: it counts once it is longer than nothing
    # and once it reaches past midnight.
    turns += [f.at + 1 for f in c.events.facts if f.at >= now]
    if day_start >= now:
        turns.append(now + 1)
    return ConversationNow(
        conversation=c,
        day_start=day_start,
        wait=running,
        unanswered_since=unanswered,
        window_expiry=expiry,
        at_risk=risk is not None and risk[0] <= now < risk[1],
        responses=tuple(responses),
        closes=tuple(closes),
        abandons=tuple(abandons),
        sla=tuple(sla),
        holds=holds(c.events.facts, now),
        elapsed=elapsed,
        until=_after(now, turns),
    )


def median_span(spans: Iterable[Span]) -> Span | None:
    """The median wall and the median business time (docs/kpis.md: the mean of the two
    middle values of an even count, rounded down to the millisecond); None over nothing."""
    found = list(spans)
    if not found:
        return None
    return Span(
        int(statistics.median(s.wall for s in found)),
        int(statistics.median(s.business for s in found)),
    )


@dataclass(frozen=True, slots=True)
class QueueFigures:
    queue: str
    day: str  # the queue's local date: what "today" means for this row
    waiting: int
    longest_wait_since: Millis | None
    longest_wait: Span | None
    oldest_unanswered_at: Millis | None
    open: int
    assigned: int
    closed_today: int
    sla_percent_today: float | None
    first_response_median_today: Span | None
    next_response_median_today: Span | None
    abandoned_today: int
    at_risk: int
    windows_closing: int


def queue_figures(
    queue: str, terms: QueueTerms, measured: Iterable[ConversationNow], now: Millis
) -> QueueFigures:
    """The queue's row from its conversations (each ``conversation_now`` with this
    queue's terms); conversations of other queues are ignored."""
    mine = [m for m in measured if m.conversation.queue == queue]
    waiting = [m for m in mine if m.wait is not None]
    longest = min(waiting, key=lambda m: m.wait.start if m.wait else 0, default=None)
    unanswered = [m.unanswered_since for m in waiting if m.unanswered_since is not None]
    responses = [r for m in mine for r in m.responses if m.today(r.at, now)]
    return QueueFigures(
        queue=queue,
        day=terms.day(now),
        waiting=len(waiting),
        longest_wait_since=None if longest is None or longest.wait is None else longest.wait.start,
        longest_wait=None if longest is None else longest.waited(now),
        oldest_unanswered_at=min(unanswered, default=None),
        open=sum(m.conversation.open for m in mine),
        assigned=sum(m.conversation.open and m.conversation.assignee is not None for m in mine),
        closed_today=sum(m.today(at, now) for m in mine for at in m.closes),
        sla_percent_today=sla_percent(r for m in mine for r in m.sla if m.today(r.start, now)),
        first_response_median_today=median_span(r.span for r in responses if r.first),
        next_response_median_today=median_span(r.span for r in responses if not r.first),
        abandoned_today=sum(m.today(at, now) for m in mine for at in m.abandons),
        at_risk=sum(m.at_risk for m in waiting),
        windows_closing=sum(
            m.window_expiry is not None and now < m.window_expiry <= now + CLOSING_WINDOW_MS
            for m in waiting
        ),
    )


@dataclass(frozen=True, slots=True)
class AgentState:
    id: str
    name: str
    queues: tuple[str, ...]
    status: str
    since: Millis | None
    capacity: int


@dataclass(frozen=True, slots=True)
class Override:
    """A ``guideline.overridden`` fact: when, and the queue of its conversation."""

    at: Millis
    queue: str


@dataclass(frozen=True, slots=True)
class AgentFigures:
    agent: AgentState
    open: int
    load: float  # open ÷ capacity
    handled_today: int
    next_response_median_today: Span | None
    customer_waiting_since: Millis | None
    customer_waiting: Span | None
    overrides_today: int


def agent_figures(
    agent: AgentState,
    measured: Iterable[ConversationNow],
    overrides: Iterable[Override],
    day_start_of: Callable[[str], Millis],
    now: Millis,
) -> AgentFigures:
    """The agent's row from the conversations of their queues and their overrides;
    ``day_start_of(queue)`` is that queue's today."""
    found = list(measured)
    held_now = [m for m in found if m.conversation.open and m.conversation.assignee == agent.id]
    waiting = [m for m in held_now if m.wait is not None]
    longest = min(waiting, key=lambda m: m.wait.start if m.wait else 0, default=None)
    handled = [
        m
        for m in found
        if any(h.agent == agent.id and h.end > m.day_start and h.start <= now for h in m.holds)
    ]
    nexts = [
        r.span
        for m in found
        for r in m.responses
        if not r.first and r.by == agent.id and m.today(r.at, now)
    ]
    return AgentFigures(
        agent=agent,
        open=len(held_now),
        load=len(held_now) / agent.capacity,
        handled_today=len(handled),
        next_response_median_today=median_span(nexts),
        customer_waiting_since=None
        if longest is None or longest.wait is None
        else longest.wait.start,
        customer_waiting=None if longest is None else longest.waited(now),
        overrides_today=sum(day_start_of(o.queue) <= o.at <= now for o in overrides),
    )
