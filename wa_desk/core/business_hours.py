"""Business hours: when a queue is open, in the queue's own time zone.

Opening hours are wall-clock ranges per weekday, so a day on which the clocks change
has an hour more or less of business time, exactly as the people working it live it.
Holidays close the whole day. Without opening hours a queue is open around the clock
(holidays still close it).

Everything here is pure: epoch milliseconds in, epoch milliseconds out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wa_desk.core.clock import Millis
from wa_desk.core.policy_entries import InvalidPolicy

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
_RANGE = re.compile(r"^(\d\d):(\d\d)-(\d\d):(\d\d)$")

# Minutes from local midnight, [start, end); end may be 24:00 (1440).
Range = tuple[int, int]
WeekHours = tuple[tuple[Range, ...], ...]  # seven days, Monday first
ALWAYS: WeekHours = tuple(((0, DAY_MINUTES),) for _ in WEEKDAYS)


class InvalidBusinessHours(InvalidPolicy):
    """Opening hours that cannot be used; ``where`` names the faulty key."""


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Opening hours in ``time_zone``; ``week`` is None when open around the clock."""

    time_zone: str = "UTC"
    week: WeekHours | None = None
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        _zone(self.time_zone)  # an unknown zone fails here, not at the first question
        if self.week is not None and not any(self.week):
            raise InvalidBusinessHours("hours", "must open at least one range in the week")

    @property
    def always_open(self) -> bool:
        return self.week is None and not self.holidays

    def is_open(self, at_ms: Millis) -> bool:
        if self.always_open:
            return True
        return any(s <= at_ms < e for s, e in self._day_intervals(self._local_date(at_ms)))

    def open_ms_between(self, start_ms: Millis, end_ms: Millis) -> Millis:
        """Milliseconds of business time in [start_ms, end_ms); 0 when end is not later.
        (The ``elapsed(start_ms, end_ms)`` the KPIs measure business time with.)"""
        if end_ms <= start_ms:
            return 0
        if self.always_open:
            return end_ms - start_ms
        total = 0
        for s, e in self._intervals_from(start_ms):
            if s >= end_ms:
                break
            total += max(0, min(e, end_ms) - max(s, start_ms))
        return total

    def add_open_ms(self, start_ms: Millis, ms: Millis) -> Millis:
        """The earliest instant by which ``ms`` of business time have passed since
        ``start_ms`` (a deadline): ``open_ms_between(start_ms, result) == ms``."""
        if ms <= 0:
            return start_ms
        if self.always_open:
            return start_ms + ms
        left = ms
        for s, e in self._intervals_from(start_ms):
            begin = max(s, start_ms)
            if e <= begin:
                continue
            if left <= e - begin:
                return begin + left
            left -= e - begin
        raise AssertionError("unreachable: the week opens at least once")  # pragma: no cover

    def local_date(self, at_ms: Millis) -> date:
        """The calendar day ``at_ms`` falls on in the queue's time zone."""
        return self._local_date(at_ms)

    def local_instant(self, day: date, minute: int) -> Millis:
        """Epoch ms of wall-clock ``minute`` (from midnight) of ``day`` in the queue's zone."""
        return self._instant(day, minute)

    def is_open_day(self, day: date) -> bool:
        """Whether the queue opens at all on ``day`` (not a holiday, not a closed weekday)."""
        return bool(self._day_intervals(day))

    def closing_ms(self, day: date) -> Millis | None:
        """When ``day``'s business ends (the end of its last range; midnight for a queue
        open around the clock), or None when the queue is closed all that day."""
        intervals = self._day_intervals(day)
        return intervals[-1][1] if intervals else None

    def next_open_ms(self, at_ms: Millis) -> Millis:
        """``at_ms`` when the queue is open then, else the instant it next opens."""
        if self.always_open:
            return at_ms
        for s, e in self._intervals_from(at_ms):
            if e > at_ms:
                return max(s, at_ms)
        raise AssertionError("unreachable: the week opens at least once")  # pragma: no cover

    def as_json(self) -> dict[str, Any]:
        hours = None
        if self.week is not None:
            hours = {
                day: [f"{_hhmm(s)}-{_hhmm(e)}" for s, e in ranges]
                for day, ranges in zip(WEEKDAYS, self.week, strict=True)
            }
        return {
            "time_zone": self.time_zone,
            "hours": hours,
            "holidays": sorted(d.isoformat() for d in self.holidays),
        }

    # -- internals ------------------------------------------------------------------------

    def _local_date(self, at_ms: Millis) -> date:
        return datetime.fromtimestamp(at_ms / 1000, _zone(self.time_zone)).date()

    def _instant(self, day: date, minute: int) -> Millis:
        """Epoch ms of wall-clock ``minute`` of ``day`` (24:00 is the next midnight). A
        wall time the clocks skip is the instant they jump (a range ending at 02:30 on a
        night that goes from 02:00 to 03:00 ends at 03:00); one they repeat, its first
        occurrence."""
        zone = _zone(self.time_zone)
        extra, minute = divmod(minute, DAY_MINUTES)
        day = day + timedelta(days=extra)
        local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=zone)
        seconds = int(local.timestamp())
        if datetime.fromtimestamp(seconds, zone).replace(tzinfo=None) == local.replace(tzinfo=None):
            return seconds * 1000
        # Skipped: ``seconds`` (read with the offset before the jump) is after it, the
        # same wall time read with the offset after it is before it; the jump is between.
        before = int(local.replace(fold=1).timestamp())
        after_offset = datetime.fromtimestamp(seconds, zone).utcoffset()
        while seconds - before > 1:
            middle = (before + seconds) // 2
            if datetime.fromtimestamp(middle, zone).utcoffset() == after_offset:
                seconds = middle
            else:
                before = middle
        return seconds * 1000

    def _day_intervals(self, day: date) -> list[tuple[Millis, Millis]]:
        if day in self.holidays:
            return []
        ranges = ALWAYS[0] if self.week is None else self.week[day.weekday()]
        return [(self._instant(day, s), self._instant(day, e)) for s, e in ranges]

    def _intervals_from(self, start_ms: Millis) -> Iterator[tuple[Millis, Millis]]:
        """Open intervals in time order, from the local day of ``start_ms`` on (forever:
        the caller stops)."""
        day = self._local_date(start_ms)
        while True:
            yield from self._day_intervals(day)
            day += timedelta(days=1)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def business_hours_from_json(raw: Mapping[str, Any], where: str) -> BusinessHours:
    """``time_zone`` (IANA name, UTC when absent), ``hours`` (``{"mon": ["09:00-14:00",
    ...], ...}``: a day not named is closed; absent or null: open around the clock) and
    ``holidays`` (``["2026-12-25", ...]``) of one policy entry, checked."""
    zone_name = raw.get("time_zone", "UTC")
    if not isinstance(zone_name, str) or not zone_name:
        raise InvalidBusinessHours(f"{where}.time_zone", "must be a time zone name")
    try:
        _zone(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidBusinessHours(
            f"{where}.time_zone", f"{zone_name!r} is not a known time zone (e.g. Europe/Madrid)"
        ) from None
    hours = raw.get("hours")
    week = None if hours is None else _week(hours, f"{where}.hours")
    return BusinessHours(zone_name, week, _holidays(raw.get("holidays", []), f"{where}.holidays"))


def _week(raw: Any, where: str) -> WeekHours:
    if not isinstance(raw, Mapping):
        raise InvalidBusinessHours(where, "must be a table of weekdays (mon = [...], ...)")
    unknown = set(raw) - set(WEEKDAYS)
    if unknown:
        raise InvalidBusinessHours(
            where, f"unknown days: {', '.join(sorted(unknown))} (use {', '.join(WEEKDAYS)})"
        )
    week = tuple(_day(raw.get(day, []), f"{where}.{day}") for day in WEEKDAYS)
    if not any(week):
        raise InvalidBusinessHours(where, "must open at least one range in the week")
    return week


def _day(raw: Any, where: str) -> tuple[Range, ...]:
    if not isinstance(raw, list):
        raise InvalidBusinessHours(where, 'must be a list of ranges like "09:00-14:00"')
    ranges: list[Range] = []
    for i, text in enumerate(raw):
        at = f"{where}[{i}]"
        match = _RANGE.match(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidBusinessHours(at, f'must look like "09:00-14:00", not {text!r}')
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2 != 0):
            raise InvalidBusinessHours(at, f"{text!r} is not a time of day (00:00 to 24:00)")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise InvalidBusinessHours(at, f"{text!r} must end after it starts")
        ranges.append((start, end))
    ranges.sort()
    for (_, end), (start, _) in itertools.pairwise(ranges):
        if start < end:
            raise InvalidBusinessHours(where, "ranges must not overlap")
    return tuple(ranges)


def _holidays(raw: Any, where: str) -> frozenset[date]:
    if not isinstance(raw, list):
        raise InvalidBusinessHours(where, 'must be a list of dates like "2026-12-25"')
    days: set[date] = set()
    for i, text in enumerate(raw):
        try:
            if isinstance(text, datetime) or not isinstance(text, str | date):
                raise ValueError
            days.add(text if isinstance(text, date) else date.fromisoformat(text))
        except ValueError:
            raise InvalidBusinessHours(
                f"{where}[{i}]", f'must be a date like "2026-12-25", not {text!r}'
            ) from None
    return frozenset(days)
