"""Service levels: each queue's targets and business hours (``[[policy.sla]]``), and the
SLA clock that measures a wait against a target in business time.

A clock runs only while the queue is open: a customer who writes at night starts a
clock that begins ticking when the queue opens. The hub serves the policy in its bundle
(``GET /api/v1/policy``) and the desktop colours waits with the same clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from wa_desk.core.business_hours import (
    BusinessHours,
    business_hours_from_json,
)
from wa_desk.core.clock import Millis
from wa_desk.core.policy_entries import ALL_QUEUES, InvalidPolicy, queue_entries

DEFAULT_AT_RISK = 0.8
TARGETS = ("first_response", "next_response", "resolution")
_KEYS = {"queue", "at_risk", "time_zone", "hours", "holidays", *TARGETS}


class SlaState(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"  # past the at-risk share of the target, not past the target
    BREACHED = "breached"  # past the deadline


@dataclass(frozen=True, slots=True)
class SlaClock:
    elapsed_ms: Millis  # business time since the clock started
    deadline_ms: Millis  # the instant the target is used up
    state: SlaState


def sla_clock(
    target_ms: Millis, at_risk: float, hours: BusinessHours, started_ms: Millis, now_ms: Millis
) -> SlaClock:
    """The clock of a wait that began at ``started_ms``, read at ``now_ms``: at risk from
    ``at_risk × target`` of business time on, breached once more than the target passed
    (an answer exactly at the deadline meets it)."""
    elapsed = hours.open_ms_between(started_ms, now_ms)
    deadline = hours.add_open_ms(started_ms, target_ms)
    if elapsed > target_ms:
        state = SlaState.BREACHED
    elif elapsed >= at_risk * target_ms:
        state = SlaState.AT_RISK
    else:
        state = SlaState.OK
    return SlaClock(elapsed, deadline, state)


def sla_state(
    target_ms: Millis, at_risk: float, hours: BusinessHours, started_ms: Millis, now_ms: Millis
) -> SlaState:
    """``sla_clock(...).state`` at a cost bounded by the target, not by how long ago the
    clock started (a list repainting old waits every second asks this): business time is
    whole milliseconds, so "at least n of it passed" is "now is at or after the instant n
    of it have passed"."""
    at_risk_from, breached_from = sla_thresholds(target_ms, at_risk, hours, started_ms)
    if now_ms >= breached_from:
        return SlaState.BREACHED
    if now_ms >= at_risk_from:
        return SlaState.AT_RISK
    return SlaState.OK


@lru_cache(maxsize=4096)
def sla_thresholds(
    target_ms: Millis, at_risk: float, hours: BusinessHours, started_ms: Millis
) -> tuple[Millis, Millis]:
    """The instants a clock started at ``started_ms`` becomes at risk and breached: fixed
    for a wait, so a list repainting its waits every second computes them once each."""
    return (
        hours.add_open_ms(started_ms, math.ceil(at_risk * target_ms)),
        hours.add_open_ms(started_ms, target_ms + 1),
    )


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """One queue's service levels (``*``: every queue without its own). A target of
    None means that clock is not measured against a target."""

    queue: str
    first_response_s: int | None = None
    next_response_s: int | None = None
    resolution_s: int | None = None
    at_risk: float = DEFAULT_AT_RISK
    hours: BusinessHours = field(default_factory=BusinessHours)

    def clock(self, target_s: int, started_ms: Millis, now_ms: Millis) -> SlaClock:
        return sla_clock(target_s * 1000, self.at_risk, self.hours, started_ms, now_ms)

    def as_json(self) -> dict[str, Any]:
        return {
            "queue": self.queue,
            "first_response": self.first_response_s,
            "next_response": self.next_response_s,
            "resolution": self.resolution_s,
            "at_risk": self.at_risk,
            **self.hours.as_json(),
        }


class InvalidSla(InvalidPolicy):
    """An SLA entry that cannot be used; ``where`` names the faulty key."""


def sla_policy_for(policies: Iterable[SlaPolicy], queue: str) -> SlaPolicy | None:
    """The queue's own entry, which replaces the every-queue one, else that one."""
    by_queue = {p.queue: p for p in policies}
    return by_queue.get(queue) or by_queue.get(ALL_QUEUES)


def sla_policies_from_json(raw: Any, where: str = "sla") -> tuple[SlaPolicy, ...]:
    """The ``sla`` list of a policy bundle (the hub's TOML or its JSON), checked; one
    entry per queue."""
    out: list[SlaPolicy] = []
    for at, queue, entry in queue_entries(raw, where, _KEYS, InvalidSla):
        targets = {key: _seconds(entry.get(key), f"{at}.{key}") for key in TARGETS}
        at_risk = entry.get("at_risk", DEFAULT_AT_RISK)
        if isinstance(at_risk, bool) or not isinstance(at_risk, int | float) or not 0 < at_risk < 1:
            raise InvalidSla(f"{at}.at_risk", f"must be a share between 0 and 1, not {at_risk!r}")
        hours = business_hours_from_json(entry, at)  # InvalidBusinessHours: an InvalidPolicy
        out.append(
            SlaPolicy(
                queue,
                targets["first_response"],
                targets["next_response"],
                targets["resolution"],
                float(at_risk),
                hours,
            )
        )
    return tuple(out)


def _seconds(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidSla(where, f"must be a whole number of seconds above 0, not {value!r}")
    return value
