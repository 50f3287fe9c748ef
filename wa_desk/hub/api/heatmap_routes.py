"""Heat-maps for supervisors and the conversations behind a cell (docs/kpis.md,
"Heat-maps").

Leads only: an agent gets 403. A supervisor sees the rows and cells of their queues'
aggregates only (by agent too: an agent's work in another queue is not in their map),
and never a conversation of another queue; an administrator sees every queue.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from wa_desk.core.clock import Millis, from_rfc3339, now_ms
from wa_desk.core.heatmap import (
    BUCKET_SECONDS,
    MAX_COLUMNS,
    WEEKS,
    HeatmapError,
    HeatmapLayout,
    HeatmapMetric,
    HeatmapRows,
    whole_weeks,
)
from wa_desk.hub import heatmap_drilldown
from wa_desk.hub.api import paging
from wa_desk.hub.api.deps import CurrentLead, Hub, can_see_queue, visible_queues
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.heatmap import HeatmapQuery, heatmap

router = APIRouter(prefix="/api/v1/supervisor")

_INSTANT_HELP = "RFC 3339 (e.g. 2026-11-23T09:00:00Z)"
From = Annotated[str | None, Query(alias="from", max_length=40, description=_INSTANT_HELP)]
To = Annotated[str | None, Query(alias="to", max_length=40, description=_INSTANT_HELP)]


def _choice(kind: type[Any], value: str, code: HeatmapError, what: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(v.value for v in kind)
        raise ApiError(400, code, f"{what} must be one of: {allowed}.") from None


def _instant(value: str | None, name: str) -> Millis:
    if not value:
        raise ApiError(400, HeatmapError.BAD_RANGE, f"`{name}` is required ({_INSTANT_HELP}).")
    try:
        return from_rfc3339(value)
    except ValueError:
        raise ApiError(
            400, HeatmapError.BAD_RANGE, f"`{name}` is not an RFC 3339 instant: {value!r}."
        ) from None


def _time_range(start: str | None, end: str | None, width: Millis) -> tuple[Millis, Millis]:
    """``[from, to)`` widened to whole columns: ``from`` down, ``to`` up to a bucket."""
    lo, hi = _instant(start, "from"), _instant(end, "to")
    if hi <= lo:
        raise ApiError(400, HeatmapError.BAD_RANGE, "`to` must be after `from`.")
    lo -= lo % width
    hi += -hi % width
    if (hi - lo) // width > MAX_COLUMNS:
        raise ApiError(
            400,
            HeatmapError.RANGE_TOO_LARGE,
            f"At most {MAX_COLUMNS} columns: {(hi - lo) // width} asked. Narrow the range "
            "or use bucket=3600.",
        )
    return lo, hi


@router.get("/heatmap")
async def supervisor_heatmap(
    user: CurrentLead,
    ctx: Hub,
    metric: Annotated[str, Query(max_length=40)],
    start: From = None,
    end: To = None,
    rows: Annotated[str, Query(max_length=40)] = HeatmapRows.QUEUE.value,
    bucket: int = 900,
    layout: Annotated[str, Query(max_length=40)] = HeatmapLayout.TIME.value,
    weeks: int = 4,
) -> dict[str, Any]:
    """A heat-map of ``metric`` (``volume``, ``conversations``, ``waiting``,
    ``first_response``, ``sla_breaches``, ``abandoned``; docs/kpis.md "Heat-maps") per
    ``rows`` (``queue`` or ``agent``): ``{"metric", "unit", "rows": [{"id", "name"}],
    "columns", "cells"}``, ``cells[i][j]`` the figure of row i in column j (null: a
    median over nothing). ``layout=time`` (default): one column per ``bucket`` (900 or
    3600 s) from ``from`` (rounded down to a bucket) to ``to`` (rounded up), columns the
    buckets' RFC 3339 starts. ``layout=weekday_hour``: 168 columns ``mon 00:00`` …
    ``sun 23:00`` (each row's queue's local time) over the last ``weeks`` (4 or 8) whole
    weeks, counts as a mean per week."""
    chosen = _choice(HeatmapMetric, metric, HeatmapError.BAD_METRIC, "metric")
    by = _choice(HeatmapRows, rows, HeatmapError.BAD_ROWS, "rows")
    shape = _choice(HeatmapLayout, layout, HeatmapError.BAD_LAYOUT, "layout")
    now = now_ms()
    if shape is HeatmapLayout.WEEKDAY_HOUR:
        if weeks not in WEEKS:
            raise ApiError(400, HeatmapError.BAD_WEEKS, "weeks must be 4 or 8.")
        lo, hi = whole_weeks(now, weeks)
        width: Millis = 900_000
    else:
        if bucket not in BUCKET_SECONDS:
            raise ApiError(400, HeatmapError.BAD_BUCKET, "bucket must be 900 or 3600 seconds.")
        width = bucket * 1000
        lo, hi = _time_range(start, end, width)
    q = HeatmapQuery(chosen, by, shape, lo, hi, width, weeks, visible_queues(user))
    guidelines = ctx.settings.guidelines
    return await ctx.db.read(lambda c: heatmap(c, q, guidelines, now))


@router.get("/conversations")
async def cell_conversations(
    user: CurrentLead,
    ctx: Hub,
    metric: Annotated[str, Query(max_length=40)],
    start: From = None,
    end: To = None,
    queue: Annotated[str | None, Query(max_length=100)] = None,
    agent: Annotated[str | None, Query(max_length=200)] = None,
    limit: int = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """The conversations behind a heat-map cell: those ``metric`` counted in ``[from,
    to)`` (``waiting``: those waiting at ``to``), of ``queue`` and/or ``agent`` if given,
    within the caller's queues; each with its figures (the columns of ``report.csv``),
    ``{"items", "next"}`` paged by ``limit`` and ``cursor``. A queue the caller cannot
    see is a 404."""
    chosen = _choice(HeatmapMetric, metric, HeatmapError.BAD_METRIC, "metric")
    paging.check_limit(limit)
    after = paging.decode(cursor)
    lo, hi = _time_range(start, end, 900_000)
    if queue is not None and not can_see_queue(user, queue):
        raise ApiError(404, "not_found", f"No queue {queue!r} that you can see.")
    cell = heatmap_drilldown.Cell(chosen, lo, hi, queue, agent, visible_queues(user))
    guidelines, now = ctx.settings.guidelines, now_ms()
    items, last = await ctx.db.read(
        lambda c: heatmap_drilldown.page(c, cell, guidelines, now, after[1] if after else "", limit)
    )
    return {"items": items, "next": paging.encode(0, last) if last else None}
