"""When customers write and when the team works, hour by hour of a week.

A contact center's week: busy weekday office hours with a morning and an afternoon peak,
evenings tailing off, quiet nights, a short Saturday morning shift and a closed Sunday.
Customers write at every hour; only the team keeps hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta

# Expected new conversations per hour of a weekday, per queue, at each local hour.
WEEKDAY_ARRIVALS: tuple[float, ...] = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.9,  # 00-07
    2.0, 3.6, 4.4, 4.6, 3.8, 2.8, 2.6, 3.4,  # 08-15
    3.8, 3.2, 2.2, 1.4, 1.0, 0.8, 0.5, 0.3,  # 16-23
)  # fmt: skip
# How a day of the week compares with a weekday (Monday first): Monday is the busiest.
DAY_FACTOR: tuple[float, ...] = (1.2, 1.0, 1.0, 0.95, 0.9, 0.35, 0.18)

# The team's hours (local): start and end hour per weekday, None when closed.
OPENING: tuple[tuple[int, int] | None, ...] = (
    (9, 18),
    (9, 18),
    (9, 18),
    (9, 18),
    (9, 18),
    (10, 14),
    None,
)


def arrivals_per_hour(local: datetime) -> float:
    """Expected new conversations of one queue in the hour starting at ``local``."""
    return WEEKDAY_ARRIVALS[local.hour] * DAY_FACTOR[local.weekday()]


def is_open(local: datetime) -> bool:
    hours = OPENING[local.weekday()]
    return hours is not None and hours[0] <= local.hour < hours[1]


def next_opening(local: datetime) -> datetime:
    """``local`` itself when the team is at work, else when it next starts."""
    if is_open(local):
        return local
    day = local.replace(minute=0, second=0, microsecond=0)
    for _ in range(8):
        hours = OPENING[day.weekday()]
        if hours is not None:
            start = day.replace(hour=hours[0])
            if start >= local:
                return start
        day = (day + timedelta(days=1)).replace(hour=0)
    raise AssertionError("the week has no opening hours")  # pragma: no cover
