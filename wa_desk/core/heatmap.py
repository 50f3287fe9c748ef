"""Heat-maps (docs/kpis.md, "Heat-maps"): the metrics, their units, the 15-minute buckets
the hub keeps them in, and how per-bucket figures become the cells of a map, by time
(one column per bucket of 15 minutes or 1 hour) or by weekday × hour.

Pure: the hub reads its aggregate rows and hands them here as ``(row, bucket, value)``
triples; every cell is computed exactly as docs/kpis.md says.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from wa_desk.core.clock import Millis

BUCKET_MS: Millis = 15 * 60 * 1000  # the aggregates' resolution
HOUR_MS: Millis = 60 * 60 * 1000
WEEK_MS: Millis = 7 * 24 * HOUR_MS
NOBODY = ""  # the agent of what happened while nobody held the conversation
SHORT_ABANDON_MS: Millis = 60_000  # abandons within this are not counted against the SLA
WINDOW_MS: Millis = 24 * HOUR_MS  # the customer's 24 h window
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class HeatmapMetric(StrEnum):
    VOLUME = "volume"  # customer messages received
    CONVERSATIONS = "conversations"  # conversations opened
    WAITING = "waiting"  # customers waiting for a person at the bucket's end
    FIRST_RESPONSE = "first_response"  # median first response time, wall ms
    SLA_BREACHES = "sla_breaches"  # SLA clocks that ended breached
    ABANDONED = "abandoned"  # periods abandoned


class HeatmapRows(StrEnum):
    QUEUE = "queue"
    AGENT = "agent"


class HeatmapLayout(StrEnum):
    TIME = "time"  # one column per bucket from ``from`` to ``to``
    WEEKDAY_HOUR = "weekday_hour"  # 7 × 24 cells over the last whole weeks


class HeatmapError(StrEnum):
    """The codes of a refused heat-map or drill-down request (400)."""

    BAD_METRIC = "bad_metric"
    BAD_ROWS = "bad_rows"
    BAD_BUCKET = "bad_bucket"
    BAD_LAYOUT = "bad_layout"
    BAD_WEEKS = "bad_weeks"
    BAD_RANGE = "bad_range"
    RANGE_TOO_LARGE = "range_too_large"


class ClockKind(StrEnum):
    """The SLA clocks the heat-map keeps, one row each when it stops."""

    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    RESOLUTION = "resolution"


UNITS: Mapping[HeatmapMetric, str] = {
    HeatmapMetric.VOLUME: "messages",
    HeatmapMetric.CONVERSATIONS: "conversations",
    HeatmapMetric.WAITING: "customers",
    HeatmapMetric.FIRST_RESPONSE: "ms",
    HeatmapMetric.SLA_BREACHES: "clocks",
    HeatmapMetric.ABANDONED: "periods",
}

BUCKET_SECONDS = (900, 3600)
WEEKS = (4, 8)
MAX_COLUMNS = 3000  # 31 days of 15-minute columns, 125 days of hours


def bucket_of(at: Millis) -> Millis:
    """The start of the 15-minute bucket (UTC) holding ``at``."""
    return at - at % BUCKET_MS


def median(values: list[Millis]) -> Millis | None:
    """docs/kpis.md's median: of an even count, the mean of the two middle values rounded
    down to the millisecond; None over nothing."""
    return None if not values else int(statistics.median(values))


def whole_weeks(now: Millis, weeks: int) -> tuple[Millis, Millis]:
    """``[start, end)``: the ``weeks`` whole weeks (Monday 00:00 UTC to Monday 00:00 UTC)
    before the one ``now`` is in."""
    day = datetime.fromtimestamp(now / 1000, UTC).date()
    monday = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(days=day.weekday())
    end = int(monday.timestamp() * 1000)
    return end - weeks * WEEK_MS, end


def weekday_hour_labels() -> list[str]:
    """The 168 columns of a weekday × hour map: ``mon 00:00`` … ``sun 23:00``."""
    return [f"{d} {h:02d}:00" for d in WEEKDAYS for h in range(24)]


# Where a bucket's figure goes: a column index, or None when outside the map. The zone
# is the one of the aggregate row's queue (a weekday × hour map is in local time).
Placer = Callable[[Millis, ZoneInfo], int | None]


def time_placer(start: Millis, end: Millis, width: Millis) -> Placer:
    def place(bucket: Millis, zone: ZoneInfo) -> int | None:
        if bucket < start or bucket >= end:
            return None
        return (bucket - start) // width

    return place


def weekday_hour_placer(start: Millis, end: Millis) -> Placer:
    seen: dict[tuple[Millis, ZoneInfo], int] = {}  # a map has few buckets and zones

    def place(bucket: Millis, zone: ZoneInfo) -> int | None:
        if bucket < start or bucket >= end:
            return None
        cell = seen.get((bucket, zone))
        if cell is None:
            local = datetime.fromtimestamp(bucket / 1000, UTC).astimezone(zone)
            cell = seen[(bucket, zone)] = local.weekday() * 24 + local.hour
        return cell

    return place


def offset_segments(zone: ZoneInfo, start: Millis, end: Millis) -> list[tuple[Millis, Millis]]:
    """The zone's UTC offset over ``[start, end)`` as ``(until, offset_ms)`` stretches, in
    order: buckets before ``until`` (and after the previous one) are ``offset_ms`` ahead
    of UTC. Offsets change at 15-minute boundaries, so bucket by bucket is exact."""
    out: list[tuple[Millis, Millis]] = []
    if end <= start:
        return out
    # Day by day, and within a day whose offset changed, halving down to the bucket
    # (zones change their offset at most a few times a year).
    current = _offset(zone, start)
    day = start
    while day < end:
        nxt = min(day + 24 * HOUR_MS, end)
        last = _offset(zone, nxt - BUCKET_MS)
        while last != current:
            lo, hi = day, nxt - BUCKET_MS  # current at lo; not at hi
            while hi - lo > BUCKET_MS:
                mid = lo + (hi - lo) // 2 // BUCKET_MS * BUCKET_MS
                lo, hi = (mid, hi) if _offset(zone, mid) == current else (lo, mid)
            out.append((hi, current))
            day, current = hi, _offset(zone, hi)
        day = nxt
    out.append((end, current))
    return out


def _offset(zone: ZoneInfo, at: Millis) -> Millis:
    delta = datetime.fromtimestamp(at / 1000, UTC).astimezone(zone).utcoffset()
    return int(delta.total_seconds() * 1000) if delta is not None else 0


def hour_of_week(bucket: Millis, offset: Millis, monday: Millis) -> int:
    """The local weekday × hour (Monday 00:00 = 0 … Sunday 23:00 = 167) of a bucket in a
    zone ``offset`` ms ahead of UTC, ``monday`` being any Monday 00:00 UTC. What the hub's
    SQL computes for a weekday × hour map; ``weekday_hour_placer`` says the same."""
    return ((bucket - monday + offset) % WEEK_MS) // HOUR_MS


@dataclass(frozen=True, slots=True)
class Fact:
    """One aggregate figure: whose row (queue or agent), from which queue (for its time
    zone), in which 15-minute bucket, and its value (a count, a delta, a duration)."""

    row: str
    queue: str
    bucket: Millis
    value: int


def count_cells(
    rows: list[str],
    columns: int,
    facts: Iterable[Fact],
    place: Placer,
    zones: Mapping[str, ZoneInfo],
    divide_by: int = 1,
) -> list[list[float | int]]:
    """Sums per cell (``divide_by`` > 1: the sum ÷ weeks, rounded to three decimals)."""
    index = {r: i for i, r in enumerate(rows)}
    sums = [[0] * columns for _ in rows]
    for f in facts:
        i, col = index.get(f.row), place(f.bucket, zones[f.queue])
        if i is not None and col is not None:
            sums[i][col] += f.value
    if divide_by == 1:
        return [list(r) for r in sums]
    return [[round(v / divide_by, 3) for v in r] for r in sums]


@dataclass(frozen=True, slots=True)
class Cell:
    """A figure already placed: row, column index, value (summed, or a median)."""

    row: str
    column: int
    value: int


def cell_grid(
    rows: list[str], columns: int, cells: Iterable[Cell], empty: int | None, divide_by: int
) -> list[list[float | int | None]]:
    """The grid of ``cells`` (``empty`` where none: 0 for a count, None for a median);
    ``divide_by`` > 1: each value ÷ weeks, rounded to three decimals."""
    index = {r: i for i, r in enumerate(rows)}
    grid: list[list[float | int | None]] = [[empty] * columns for _ in rows]
    for c in cells:
        i = index.get(c.row)
        if i is not None and 0 <= c.column < columns:
            grid[i][c.column] = c.value if divide_by == 1 else round(c.value / divide_by, 3)
    return grid


def levels_at_bucket_ends(
    now_levels: Mapping[tuple[str, str], int],
    deltas: Iterable[Fact],
    bucket_ends: list[Millis],
) -> dict[tuple[str, str], list[int]]:
    """The waiting level of each ``(row, queue)`` at each of ``bucket_ends`` (ascending):
    the level now minus every change at or after that instant. ``deltas`` must hold every
    change from the first end on (later ones included), keyed by ``(row, queue)``."""
    by_key: dict[tuple[str, str], list[Fact]] = {}
    for d in deltas:
        by_key.setdefault((d.row, d.queue), []).append(d)
    out: dict[tuple[str, str], list[int]] = {}
    for key in set(now_levels) | set(by_key):
        changes = sorted(by_key.get(key, []), key=lambda f: f.bucket, reverse=True)
        level, j, series = now_levels.get(key, 0), 0, [0] * len(bucket_ends)
        for k in range(len(bucket_ends) - 1, -1, -1):
            while j < len(changes) and changes[j].bucket >= bucket_ends[k]:
                level -= changes[j].value
                j += 1
            series[k] = level
        out[key] = series
    return out
