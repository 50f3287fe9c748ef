"""A report's range as people choose it: whole days on this computer's calendar (today,
yesterday, the last 7 days, this month, or any first and last day), turned into the UTC
instants the hub takes (``[from, to)``, to the minute)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class RangePreset(StrEnum):
    TODAY = "today"
    YESTERDAY = "yesterday"
    LAST_7_DAYS = "last_7_days"
    THIS_MONTH = "this_month"
    CUSTOM = "custom"  # the days picked by hand


@dataclass(frozen=True)
class DayRange:
    first: date
    last: date  # included

    def bounds(self) -> tuple[datetime, datetime]:
        """From the first day's local midnight to the local midnight after the last day,
        as aware datetimes (``report_bound`` sends them in UTC)."""
        start = datetime.combine(self.first, time()).astimezone()
        end = datetime.combine(self.last + timedelta(days=1), time()).astimezone()
        return start, end

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def preset_range(preset: RangePreset, today: date) -> DayRange | None:
    """The days of a preset as of ``today`` (None for ``CUSTOM``: the days picked)."""
    if preset is RangePreset.TODAY:
        return DayRange(today, today)
    if preset is RangePreset.YESTERDAY:
        yesterday = today - timedelta(days=1)
        return DayRange(yesterday, yesterday)
    if preset is RangePreset.LAST_7_DAYS:
        return DayRange(today - timedelta(days=6), today)
    if preset is RangePreset.THIS_MONTH:
        return DayRange(today.replace(day=1), today)
    return None
