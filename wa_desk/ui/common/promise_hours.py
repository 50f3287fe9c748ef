"""The business hours a promise's "by when" is read in: the queue's own (its
``[[policy.sla]]`` entry), or, for a queue the policy gives none, open around the clock
in this computer's time zone (so "mañana" ends at the agent's midnight, not UTC's)."""

from __future__ import annotations

from zoneinfo import ZoneInfoNotFoundError

from PySide6.QtCore import QTimeZone

from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.guidelines import Guidelines


def promise_hours(guidelines: Guidelines, queue: str) -> BusinessHours:
    policy = guidelines.sla_for(queue)
    if policy is not None:
        return policy.hours
    zone = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")
    try:
        return BusinessHours(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return BusinessHours()
