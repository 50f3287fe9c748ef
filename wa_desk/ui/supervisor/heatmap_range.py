"""The spans of time a heat-map covers and what each of its cells stands for.

Pure (no Qt): which request a range makes, and the ``[start, end)`` stretches of time
behind a cell, which the drill-down asks the hub for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from wa_desk.core.clock import Millis, from_rfc3339
from wa_desk.core.heatmap import HOUR_MS, whole_weeks


class HeatmapRange(StrEnum):
    """The ranges a supervisor picks from."""

    DAY = "day"  # the last 24 h in 15-minute cells
    WEEK = "week"  # the last 7 days by hour
    WEEKDAY_HOUR_4 = "weekday_hour_4"  # weekday × hour over the last 4 whole weeks
    WEEKDAY_HOUR_8 = "weekday_hour_8"  # … over the last 8


@dataclass(frozen=True, slots=True)
class RangeRequest:
    """What to ask the hub: by time (``start``, ``end``, ``bucket_s``) or by weekday ×
    hour (``weeks``)."""

    start: Millis = 0
    end: Millis = 0
    bucket_s: int = 900
    weeks: int = 0

    @property
    def weekly(self) -> bool:
        return self.weeks > 0


def request_for(choice: HeatmapRange, now: Millis) -> RangeRequest:
    if choice is HeatmapRange.WEEKDAY_HOUR_4:
        return RangeRequest(weeks=4)
    if choice is HeatmapRange.WEEKDAY_HOUR_8:
        return RangeRequest(weeks=8)
    if choice is HeatmapRange.WEEK:
        end = now - now % HOUR_MS + HOUR_MS  # the hour now is in, whole
        return RangeRequest(end - 7 * 24 * HOUR_MS, end, 3600)
    quarter = 15 * 60 * 1000
    end = now - now % quarter + quarter
    return RangeRequest(end - 24 * HOUR_MS, end, 900)


def column_starts(columns: list[str]) -> list[Millis]:
    """A map by time: its columns' starts (RFC 3339 in the hub's answer)."""
    return [from_rfc3339(c) for c in columns]


def time_cell_span(start: Millis, bucket_s: int) -> list[tuple[Millis, Millis]]:
    return [(start, start + bucket_s * 1000)]


def weekday_hour_spans(
    column: int, weeks: int, now: Millis, zone: ZoneInfo
) -> list[tuple[Millis, Millis]]:
    """The hours a weekday × hour cell folds together: that weekday and hour (``column``
    = weekday × 24 + hour, Monday first) in ``zone``, once in each of the ``weeks`` whole
    weeks the map covers, oldest first. An hour that a daylight-saving change skips is
    left out; one it repeats is taken whole (both passes)."""
    lo, hi = whole_weeks(now, weeks)
    weekday, hour = divmod(column, 24)
    # Local days that can hold a bucket of [lo, hi): one day either side for the offset.
    first = datetime.fromtimestamp(lo / 1000, UTC).astimezone(zone).date() - timedelta(days=1)
    spans: list[tuple[Millis, Millis]] = []
    day = first
    last = datetime.fromtimestamp(hi / 1000, UTC).astimezone(zone).date() + timedelta(days=1)
    while day <= last:
        if day.weekday() == weekday:
            for fold in (0, 1):
                local = datetime(day.year, day.month, day.day, hour, tzinfo=zone, fold=fold)
                start = int(local.astimezone(UTC).timestamp() * 1000)
                back = datetime.fromtimestamp(start / 1000, UTC).astimezone(zone)
                if back.hour != hour or back.date() != day:
                    continue  # skipped by a change of offset
                span = (start, start + HOUR_MS)
                if lo <= start < hi and span not in spans:
                    spans.append(span)
        day += timedelta(days=1)
    return spans
