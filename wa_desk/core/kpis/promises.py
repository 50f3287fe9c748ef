"""Promise figures (docs/kpis.md, "Promises"): how many promises were made, how each
ended (kept on time, kept late, broken) or stands (overdue, open), and whether a
conversation was closed with a promise still open."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from wa_desk.core.clock import Millis
from wa_desk.core.promises import PromiseState


@dataclass(frozen=True, slots=True)
class PromiseRecord:
    made_by: str
    owner: str  # who owns it now (after any transfer)
    made_at: Millis
    due_at: Millis  # the due date in force (after any reschedule)
    state: PromiseState
    closed_at: Millis | None  # when it was kept or broken


class PromiseOutcome(StrEnum):
    KEPT_ON_TIME = "kept_on_time"  # kept at or before its due date in force
    KEPT_LATE = "kept_late"
    BROKEN = "broken"  # marked broken by an agent
    OVERDUE = "overdue"  # open, its due date past
    OPEN = "open"  # open, still in time


def promise_outcome(p: PromiseRecord, now: Millis) -> PromiseOutcome:
    if p.state is PromiseState.KEPT:
        late = p.closed_at is not None and p.closed_at > p.due_at
        return PromiseOutcome.KEPT_LATE if late else PromiseOutcome.KEPT_ON_TIME
    if p.state is PromiseState.BROKEN:
        return PromiseOutcome.BROKEN
    return PromiseOutcome.OVERDUE if now > p.due_at else PromiseOutcome.OPEN


@dataclass(frozen=True, slots=True)
class PromiseCounts:
    made: int = 0
    kept_on_time: int = 0
    kept_late: int = 0
    broken: int = 0
    overdue: int = 0

    def __add__(self, other: PromiseCounts) -> PromiseCounts:
        return PromiseCounts(
            self.made + other.made,
            self.kept_on_time + other.kept_on_time,
            self.kept_late + other.kept_late,
            self.broken + other.broken,
            self.overdue + other.overdue,
        )


def promise_counts(
    promises: Iterable[PromiseRecord], now: Millis, agent: str | None = None
) -> PromiseCounts:
    """The promises made (by ``agent``, when given) and the outcomes of those owned (by
    ``agent``, when given): an agent answers for what they promised and for what they
    hold now, including what a colleague handed them."""
    found = list(promises)
    made = sum(agent is None or p.made_by == agent for p in found)
    outcomes = [promise_outcome(p, now) for p in found if agent is None or p.owner == agent]
    return PromiseCounts(
        made,
        outcomes.count(PromiseOutcome.KEPT_ON_TIME),
        outcomes.count(PromiseOutcome.KEPT_LATE),
        outcomes.count(PromiseOutcome.BROKEN),
        outcomes.count(PromiseOutcome.OVERDUE),
    )


def closed_with_open_promise(
    promises: Iterable[PromiseRecord], closed_at: Millis | None
) -> bool | None:
    """Whether a promise made by the close was still open at it (neither kept nor broken
    by then); None while the conversation is open."""
    if closed_at is None:
        return None
    return any(
        p.made_at <= closed_at and (p.closed_at is None or p.closed_at > closed_at)
        for p in promises
    )
