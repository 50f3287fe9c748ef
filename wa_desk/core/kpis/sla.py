"""SLA clocks (docs/kpis.md, "SLA %"): each first response, next response and resolution
of a period is met, breached, still running within its target, or not counted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from wa_desk.core.clock import Millis
from wa_desk.core.kpis.events import Elapsed
from wa_desk.core.kpis.periods import Period
from wa_desk.core.kpis.waits import Abandon, Wait


class Clock(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    RESOLUTION = "resolution"


class Outcome(StrEnum):
    MET = "met"
    BREACHED = "breached"
    RUNNING = "running"  # still open and within its target: counted once it ends


@dataclass(frozen=True, slots=True)
class SlaTargets:
    """Targets in business-time milliseconds (the clocks pause outside business hours)."""

    first_response: Millis
    next_response: Millis
    resolution: Millis


@dataclass(frozen=True, slots=True)
class SlaResult:
    clock: Clock
    start: Millis
    outcome: Outcome


def _judge(
    start: Millis, end: Millis | None, target: Millis, now: Millis, elapsed: Elapsed
) -> Outcome:
    if end is not None:
        return Outcome.MET if elapsed(start, end) <= target else Outcome.BREACHED
    return Outcome.BREACHED if elapsed(start, now) > target else Outcome.RUNNING


def period_sla(
    period: Period,
    waits: tuple[Wait, ...],
    abandoned: Abandon | None,
    targets: SlaTargets,
    now: Millis,
    elapsed: Elapsed,
) -> tuple[SlaResult, ...]:
    if abandoned is not None and abandoned.short:
        return ()
    results: list[SlaResult] = []
    for wait in waits:
        clock = Clock.FIRST_RESPONSE if wait.first else Clock.NEXT_RESPONSE
        target = targets.first_response if wait.first else targets.next_response
        if wait.first and abandoned is not None:
            outcome = Outcome.BREACHED
        elif wait.end is None and period.end is not None:
            continue  # left unanswered at the close: the goodbye nobody needs to answer
        else:
            outcome = _judge(wait.start, wait.end, target, now, elapsed)
        results.append(SlaResult(clock, wait.start, outcome))
    resolution = _judge(period.start, period.end, targets.resolution, now, elapsed)
    results.append(SlaResult(Clock.RESOLUTION, period.start, resolution))
    return tuple(results)


def sla_percent(results: Iterable[SlaResult]) -> float | None:
    """met ÷ (met + breached) × 100; None when nothing was judged yet."""
    met = breached = 0
    for r in results:
        met += r.outcome is Outcome.MET
        breached += r.outcome is Outcome.BREACHED
    return None if met + breached == 0 else 100 * met / (met + breached)
