"""Heat-maps read from the aggregates (docs/kpis.md, "Heat-maps").

Only the aggregate rows of the asked range are read (and, for the waiting level, those
from the range's start until now), never messages or conversations: a map costs the
same whatever the store's history. Cells are computed by ``wa_desk.core.heatmap``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.heatmap import (
    HOUR_MS,
    NOBODY,
    SHORT_ABANDON_MS,
    UNITS,
    WEEK_MS,
    Cell,
    ClockKind,
    Fact,
    HeatmapLayout,
    HeatmapMetric,
    HeatmapRows,
    Placer,
    cell_grid,
    count_cells,
    levels_at_bucket_ends,
    median,
    offset_segments,
    time_placer,
    weekday_hour_labels,
    weekday_hour_placer,
)
from wa_desk.core.kpis.sla import Clock
from wa_desk.core.policy_entries import ALL_QUEUES
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.kpi_report import QueueLevels, queue_levels
from wa_desk.hub.queries import users

_CLOCKS = {
    ClockKind.FIRST_RESPONSE: Clock.FIRST_RESPONSE,
    ClockKind.NEXT_RESPONSE: Clock.NEXT_RESPONSE,
    ClockKind.RESOLUTION: Clock.RESOLUTION,
}


@dataclass(frozen=True, slots=True)
class HeatmapQuery:
    metric: HeatmapMetric
    rows: HeatmapRows
    layout: HeatmapLayout
    start: Millis  # a bucket start
    end: Millis  # exclusive, a bucket start
    width: Millis  # a column's width (time layout)
    weeks: int  # the weeks a weekday × hour cell sums over
    queues: frozenset[str] | None  # the caller's queues; None: every queue
    queue: str | None = None  # only this queue's figures (a drill-down's cell)
    agent: str | None = None  # only this agent's


def queue_filter(queues: frozenset[str] | None) -> tuple[str, list[str]]:
    """SQL (`` AND queue IN (...)``) and its parameters: only ``queues`` (None: all)."""
    if queues is None:
        return "", []
    wanted = sorted(queues) or [""]  # no queue: nothing matches (no queue is named "")
    return f" AND queue IN ({', '.join('?' * len(wanted))})", wanted


def _scope(q: HeatmapQuery) -> tuple[str, list[str]]:
    sql, params = queue_filter(q.queues)
    if q.queue is not None:
        sql, params = sql + " AND queue = ?", [*params, q.queue]
    if q.agent is not None:
        sql, params = sql + " AND agent = ?", [*params, q.agent]
    return sql, params


def _row_of(q: HeatmapQuery, r: Row) -> str:
    return str(r["queue"] if q.rows is HeatmapRows.QUEUE else r["agent"])


@dataclass(frozen=True, slots=True)
class _Columns:
    """How the store places a row in a column: SQL over ``bucket`` (and ``queue``), its
    parameters, and whether whole hours do (the hourly rows can be read instead)."""

    sql: str
    params: list[Any]
    by_hour: bool


def _columns(q: HeatmapQuery, guidelines: Guidelines) -> _Columns:
    """By time, the column of the bucket; by weekday × hour, ``core.heatmap.hour_of_week``
    with the UTC offset of the queue's time zone at that bucket (so the store sums the
    weeks itself)."""
    if q.layout is HeatmapLayout.TIME:
        return _Columns("(bucket - ?) / ?", [q.start, q.width], q.width % HOUR_MS == 0)
    own = {p.queue: p.hours.time_zone for p in guidelines.sla if p.queue != ALL_QUEUES}
    default = queue_levels(guidelines, ALL_QUEUES).hours.time_zone
    by_zone: dict[str, list[str]] = {}
    for queue, zone in own.items():
        if zone != default:
            by_zone.setdefault(zone, []).append(queue)
    segments = {z: offset_segments(ZoneInfo(z), q.start, q.end) for z in {default, *by_zone}}
    sql, params = _offset_sql(segments[default])
    for zone, queues in sorted(by_zone.items()):
        then, then_params = _offset_sql(segments[zone])
        marks = ", ".join("?" * len(queues))
        sql = f"CASE WHEN queue IN ({marks}) THEN {then} ELSE {sql} END"
        params = [*sorted(queues), *then_params, *params]
    whole_hours = all(o % HOUR_MS == 0 for s in segments.values() for _until, o in s)
    return _Columns(
        f"((bucket - ? + {sql} + {WEEK_MS}) % {WEEK_MS}) / {HOUR_MS}",
        [q.start, *params],
        whole_hours,
    )


def _offset_sql(segments: list[tuple[Millis, Millis]]) -> tuple[str, list[Any]]:
    if len(segments) == 1:
        return "?", [segments[0][1]]
    whens = " ".join("WHEN bucket < ? THEN ?" for _ in segments[:-1])
    params: list[Any] = [v for until, offset in segments[:-1] for v in (until, offset)]
    return f"(CASE {whens} ELSE ? END)", [*params, segments[-1][1]]


def _folded_counts(conn: Conn, q: HeatmapQuery, guidelines: Guidelines) -> list[Cell]:
    """Each row's sum per column, summed in the store (from the hourly rows when whole
    hours make the columns)."""
    where, params = _scope(q)
    columns = _columns(q, guidelines)
    table = "heatmap_hourly_counts" if columns.by_hour else "heatmap_counts"
    by = "queue" if q.rows is HeatmapRows.QUEUE else "agent"
    rows = conn.all(
        f"SELECT {by} AS k, {columns.sql} AS col, SUM(n) AS n FROM {table} "  # noqa: S608 - constants and placeholders
        f"WHERE metric = ? AND bucket >= ? AND bucket < ?{where} GROUP BY 1, 2",
        (*columns.params, q.metric.value, q.start, q.end, *params),
    )
    return [Cell(str(r["k"]), int(r["col"]), int(r["n"])) for r in rows]


def _folded_medians(conn: Conn, q: HeatmapQuery, guidelines: Guidelines) -> list[Cell]:
    """Each row's median first response per column: every value of the range, read from
    the clocks' covering index with its column, sorted per cell here. (Ranking them in
    the store with window functions is slower on SQLite, and a median cannot be summed.)"""
    where, params = _scope(q)
    columns = _columns(q, guidelines)
    by = "queue" if q.rows is HeatmapRows.QUEUE else "agent"
    rows = conn.tuples(
        f"SELECT {by}, {columns.sql}, stopped_at - started_at "  # noqa: S608 - constants and placeholders
        f"FROM heatmap_clocks WHERE clock = ? AND bucket >= ? AND bucket < ?{where}",
        (*columns.params, ClockKind.FIRST_RESPONSE.value, q.start, q.end, *params),
    )
    values: dict[tuple[str, int], list[int]] = {}
    for k, col, ms in rows:
        values.setdefault((k, col), []).append(ms)
    return [
        Cell(str(k), int(col), m) for (k, col), v in values.items() if (m := median(v)) is not None
    ]


def _counts(conn: Conn, q: HeatmapQuery, metric: HeatmapMetric, start: Millis) -> list[Fact]:
    """Summed in the store per row (and queue: its time zone) and bucket."""
    where, params = _scope(q)
    by = "queue" if q.rows is HeatmapRows.QUEUE else "agent, queue"
    rows = conn.all(
        f"SELECT {by}, bucket, SUM(n) AS n FROM heatmap_counts "  # noqa: S608 - constants and placeholders
        f"WHERE metric = ? AND bucket >= ? AND bucket < ?{where} GROUP BY {by}, bucket",
        (metric.value, start, q.end if metric is not HeatmapMetric.WAITING else 2**62, *params),
    )
    return [Fact(_row_of(q, r), str(r["queue"]), int(r["bucket"]), int(r["n"])) for r in rows]


def _clocks(conn: Conn, q: HeatmapQuery) -> list[Row]:
    where, params = _scope(q)
    return conn.all(
        "SELECT conversation_id, clock, started_at, stopped_at, bucket, queue, agent, judged "  # noqa: S608 - placeholders only
        f"FROM heatmap_clocks WHERE clock IN (?, ?, ?) AND bucket >= ? AND bucket < ?{where}",
        (*(k.value for k in ClockKind), q.start, q.end, *params),
    )


def _abandons(conn: Conn, q: HeatmapQuery, now: Millis) -> list[Row]:
    where, params = _scope(q)
    return conn.all(
        "SELECT conversation_id, queue, agent, bucket, at, first_customer_at FROM heatmap_abandons "  # noqa: S608 - placeholders only
        f"WHERE bucket >= ? AND bucket < ? AND at <= ?{where}",
        (q.start, q.end, now, *params),
    )


def _one(q: HeatmapQuery, r: Row) -> Fact:
    return Fact(_row_of(q, r), str(r["queue"]), int(r["bucket"]), 1)


def breaches_of(
    conn: Conn, q: HeatmapQuery, guidelines: Guidelines, now: Millis
) -> Iterator[tuple[str, Fact]]:
    """Each SLA clock of ``q``'s range that ended breached, with its conversation."""
    clocks, abandons = _clocks(conn, q), _abandons(conn, q, now)
    names = {str(r["queue"]) for r in clocks} | {str(r["queue"]) for r in abandons}
    levels = {name: queue_levels(guidelines, name) for name in names}
    return _breaches(q, clocks, abandons, levels)


def _breaches(
    q: HeatmapQuery, clocks: list[Row], abandons: list[Row], levels: dict[str, QueueLevels]
) -> Iterator[tuple[str, Fact]]:
    """SLA clocks that ended breached (docs/kpis.md, "Heat-maps", ``sla_breaches``)."""
    for r in clocks:
        level = levels[str(r["queue"])]
        clock = _CLOCKS[ClockKind(r["clock"])]
        if not r["judged"] or clock not in level.measured:
            continue
        target = {
            Clock.FIRST_RESPONSE: level.targets.first_response,
            Clock.NEXT_RESPONSE: level.targets.next_response,
            Clock.RESOLUTION: level.targets.resolution,
        }[clock]
        if level.hours.open_ms_between(int(r["started_at"]), int(r["stopped_at"])) > target:
            yield str(r["conversation_id"]), _one(q, r)
    for r in abandons:
        level = levels[str(r["queue"])]
        waited = int(r["at"]) - int(r["first_customer_at"])
        if Clock.FIRST_RESPONSE in level.measured and waited >= SHORT_ABANDON_MS:
            yield str(r["conversation_id"]), _one(q, r)


def _facts(conn: Conn, q: HeatmapQuery, guidelines: Guidelines, now: Millis) -> list[Fact]:
    """``abandoned`` and ``sla_breaches`` per bucket (breaches are judged here, against
    the policy as it is now)."""
    if q.metric is HeatmapMetric.ABANDONED:
        return [
            Fact(_row_of(q, r), str(r["queue"]), int(r["bucket"]), 1)
            for r in _abandons(conn, q, now)
        ]
    return [fact for _cid, fact in breaches_of(conn, q, guidelines, now)]


def _waiting_cells(
    conn: Conn, q: HeatmapQuery, rows: list[str], columns: int, place: Placer, zones: Zones
) -> list[list[float | int]]:
    """The level at each bucket's end (a weekday × hour cell: at each hour's end, summed
    over the weeks ÷ weeks)."""
    where, params = _scope(q)
    now_rows = conn.all(
        f"SELECT queue, agent, n FROM heatmap_waiting_now WHERE 1 = 1{where}",  # noqa: S608 - placeholders only
        params,
    )
    now_levels: dict[tuple[str, str], int] = {}
    for r in now_rows:
        key = (_row_of(q, r), str(r["queue"]))
        now_levels[key] = now_levels.get(key, 0) + int(r["n"])
    width = q.width if q.layout is HeatmapLayout.TIME else 3_600_000
    starts = list(range(q.start, q.end, width))
    ends = [s + width for s in starts]
    later = _counts(conn, q, HeatmapMetric.WAITING, q.start + width)
    levels = levels_at_bucket_ends(now_levels, later, ends)
    facts = [
        Fact(row, queue, start, series[i])
        for (row, queue), series in levels.items()
        for i, start in enumerate(starts)
    ]
    divide = q.weeks if q.layout is HeatmapLayout.WEEKDAY_HOUR else 1
    return count_cells(rows, columns, facts, place, zones, divide)


class Zones(dict[str, ZoneInfo]):
    """Each queue's time zone (``[[policy.sla]]``; UTC without one), looked up once."""

    def __init__(self, guidelines: Guidelines) -> None:
        super().__init__()
        self._guidelines = guidelines

    def __missing__(self, queue: str) -> ZoneInfo:
        zone = ZoneInfo(queue_levels(self._guidelines, queue).hours.time_zone)
        self[queue] = zone
        return zone


def heatmap(conn: Conn, q: HeatmapQuery, guidelines: Guidelines, now: Millis) -> dict[str, Any]:
    """The answer of ``GET /api/v1/supervisor/heatmap``."""
    zones = Zones(guidelines)
    if q.layout is HeatmapLayout.TIME:
        labels = [to_rfc3339(s) for s in range(q.start, q.end, q.width)]
        place = time_placer(q.start, q.end, q.width)
    else:
        labels = weekday_hour_labels()
        place = weekday_hour_placer(q.start, q.end)
    divide = q.weeks if q.layout is HeatmapLayout.WEEKDAY_HOUR else 1
    cells: list[list[Any]]
    if q.metric in (HeatmapMetric.VOLUME, HeatmapMetric.CONVERSATIONS):
        folded = _folded_counts(conn, q, guidelines)
        row_ids = _row_ids(conn, q, {c.row for c in folded})
        cells = list(cell_grid(row_ids, len(labels), folded, 0, divide))
    elif q.metric is HeatmapMetric.FIRST_RESPONSE:
        folded = _folded_medians(conn, q, guidelines)
        row_ids = _row_ids(conn, q, {c.row for c in folded})
        cells = list(cell_grid(row_ids, len(labels), folded, None, 1))
    elif q.metric is HeatmapMetric.WAITING:
        row_ids = _row_ids(conn, q, set())
        cells = list(_waiting_cells(conn, q, row_ids, len(labels), place, zones))
    else:
        facts = _facts(conn, q, guidelines, now)
        row_ids = _row_ids(conn, q, {f.row for f in facts})
        cells = list(count_cells(row_ids, len(labels), facts, place, zones, divide))
    names = users.names_of(conn, row_ids) if q.rows is HeatmapRows.AGENT else {}
    answer: dict[str, Any] = {
        "metric": q.metric.value,
        "unit": UNITS[q.metric],
        "layout": q.layout.value,
        "from": to_rfc3339(q.start),
        "to": to_rfc3339(q.end),
        "rows": [{"id": r, "name": names.get(r, r)} for r in row_ids],
        "columns": labels,
        "cells": cells,
    }
    if q.layout is HeatmapLayout.WEEKDAY_HOUR:
        answer["weeks"] = q.weeks
    else:
        answer["bucket"] = q.width // 1000
    return answer


def _row_ids(conn: Conn, q: HeatmapQuery, with_figures: set[str]) -> list[str]:
    """Queues: the caller's (an administrator's: those with figures, or anyone's waiting
    now); agents: those with figures in range or waiting on them now. Never ``NOBODY``."""
    found = set(with_figures)
    if q.metric is HeatmapMetric.WAITING:
        where, params = _scope(q)
        column = "queue" if q.rows is HeatmapRows.QUEUE else "agent"
        found |= {
            str(r["k"])
            for r in conn.all(
                f"SELECT DISTINCT {column} AS k FROM heatmap_counts "  # noqa: S608 - constants and placeholders
                f"WHERE metric = ? AND bucket >= ?{where}",
                (HeatmapMetric.WAITING.value, q.start, *params),
            )
        }
        found |= {
            str(r["k"])
            for r in conn.all(
                f"SELECT {column} AS k FROM heatmap_waiting_now WHERE n <> 0{where}",  # noqa: S608 - constants and placeholders
                params,
            )
        }
    if q.rows is HeatmapRows.QUEUE and q.queues is not None:
        found |= q.queues
    found.discard(NOBODY)
    return sorted(found)
