"""The conversations behind a heat-map cell (``GET /api/v1/supervisor/conversations``),
each with its figures as a report row (``kpi_report.conversation_row``).

Read from the same aggregate rows the cell was summed from, so the list and the cell
agree: a conversation is listed when it contributed to the cell. Paged by conversation
id; a conversation now in a queue the caller cannot see is never listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.core.clock import Millis
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.heatmap import ClockKind, HeatmapLayout, HeatmapMetric, HeatmapRows
from wa_desk.hub import kpi_report
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.heatmap import HeatmapQuery, breaches_of, queue_filter
from wa_desk.hub.queries import kpi_inputs, users


@dataclass(frozen=True, slots=True)
class Cell:
    metric: HeatmapMetric
    start: Millis
    end: Millis
    queue: str | None
    agent: str | None
    queues: frozenset[str] | None  # the caller's; None: every queue


def _where(cell: Cell) -> tuple[str, list[Any]]:
    sql, params = queue_filter(cell.queues)
    extra: list[Any] = list(params)
    if cell.queue is not None:
        sql += " AND queue = ?"
        extra.append(cell.queue)
    if cell.agent is not None:
        sql += " AND agent = ?"
        extra.append(cell.agent)
    return sql, extra


def _ids(conn: Conn, cell: Cell, guidelines: Guidelines, now: Millis) -> set[str]:
    where, params = _where(cell)
    span = (cell.start, cell.end)
    if cell.metric in (HeatmapMetric.VOLUME, HeatmapMetric.CONVERSATIONS):
        rows = conn.all(
            "SELECT DISTINCT conversation_id FROM heatmap_conversation_counts "  # noqa: S608 - placeholders only
            f"WHERE metric = ? AND bucket >= ? AND bucket < ? AND n > 0{where}",
            (cell.metric.value, *span, *params),
        )
        return {str(r["conversation_id"]) for r in rows}
    if cell.metric is HeatmapMetric.WAITING:
        rows = conn.all(
            "SELECT DISTINCT conversation_id FROM heatmap_waits "  # noqa: S608 - placeholders only
            f"WHERE (stopped_at >= ? OR stopped_at IS NULL) AND started_at < ?{where}",
            (cell.end, cell.end, *params),
        )
        return {str(r["conversation_id"]) for r in rows}
    if cell.metric is HeatmapMetric.FIRST_RESPONSE:
        rows = conn.all(
            "SELECT conversation_id FROM heatmap_clocks "  # noqa: S608 - placeholders only
            f"WHERE clock = ? AND bucket >= ? AND bucket < ?{where}",
            (ClockKind.FIRST_RESPONSE.value, *span, *params),
        )
        return {str(r["conversation_id"]) for r in rows}
    if cell.metric is HeatmapMetric.ABANDONED:
        rows = conn.all(
            "SELECT conversation_id FROM heatmap_abandons "  # noqa: S608 - placeholders only
            f"WHERE bucket >= ? AND bucket < ? AND at <= ?{where}",
            (*span, now, *params),
        )
        return {str(r["conversation_id"]) for r in rows}
    q = HeatmapQuery(
        cell.metric,
        HeatmapRows.QUEUE,
        HeatmapLayout.TIME,
        cell.start,
        cell.end,
        cell.end - cell.start,
        1,
        cell.queues,
        queue=cell.queue,
        agent=cell.agent,
    )
    return {cid for cid, _fact in breaches_of(conn, q, guidelines, now)}


def page(
    conn: Conn, cell: Cell, guidelines: Guidelines, now: Millis, after: str, limit: int
) -> tuple[list[dict[str, Any]], str | None]:
    """Up to ``limit`` conversations after id ``after``, with their figures, and the id to
    go on from (None: that was the last page)."""
    ids = sorted(i for i in _ids(conn, cell, guidelines, now) if i > after)
    wanted, more = ids[:limit], len(ids) > limit
    if not wanted:
        return [], None
    where, params = queue_filter(cell.queues)
    rows = conn.all(
        f"SELECT {kpi_inputs.COLUMNS} FROM conversations "  # noqa: S608 - placeholders only
        f"WHERE id IN ({', '.join('?' * len(wanted))}){where} ORDER BY id",
        (*wanted, *params),
    )
    chunk = kpi_inputs.with_events(conn, rows, kpi_inputs.user_ids(conn))
    measured = kpi_report.measure(conn, chunk, guidelines, now) if chunk else []
    names = users.names_of(conn, {a for m in measured for a in m.agents})
    items = [kpi_report.conversation_row(m, names) for m in measured]
    return items, (wanted[-1] if more else None)
