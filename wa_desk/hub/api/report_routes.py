"""Reports of the key performance figures (docs/kpis.md, "Reports"): per queue, agent or
day for supervisors, one row per conversation as CSV, and an agent's own figures.

A supervisor sees the conversations of their queues only, an administrator every one;
an agent is refused the supervisor's reports and sees their own figures through
``/me/stats``, computed by the same code as the supervisor's report by agent (without
the queue limit: an administrator's view of them)."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.hub import kpi_report
from wa_desk.hub.api.deps import CurrentLead, CurrentUser, Hub, visible_queues
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.audit_export import ExportRange, InvalidRange, csv_cell, describe, parse_range
from wa_desk.hub.kpi_report import Group
from wa_desk.hub.queries import kpi_inputs
from wa_desk.hub.queries.audit_log import append_hub_fact

router = APIRouter()

_RANGE_HELP = "YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC; a date alone as `to` includes that day"
From = Annotated[str, Query(alias="from", description=_RANGE_HELP)]
To = Annotated[str, Query(alias="to", description=_RANGE_HELP)]


def _range(start: str, end: str) -> ExportRange:
    try:
        return parse_range(start, end)
    except InvalidRange as exc:
        message = str(exc).replace("--from", "from").replace("--to", "to")
        raise ApiError(400, "bad_range", message) from None


def _group(value: str) -> Group:
    try:
        return Group(value)
    except ValueError:
        raise ApiError(400, "bad_group", "group must be queue, agent or day.") from None


@router.get("/api/v1/supervisor/report")
async def report(
    user: CurrentLead, ctx: Hub, start: From, end: To, group: str = "queue"
) -> dict[str, Any]:
    """The figures of the conversations opened in ``[from, to)`` per ``group`` (``queue``;
    ``agent``: each conversation counts for everyone who held it; ``day``: the opening's
    date in the queue's time zone), as docs/kpis.md "Reports" defines them: ``groups`` is
    a list of ``{"key", "name" (an agent's), figures...}``, durations in milliseconds,
    wall and business time. A supervisor sees their queues' conversations only."""
    rng, by = _range(start, end), _group(group)
    guidelines, now, queues = ctx.settings.guidelines, now_ms(), visible_queues(user)
    groups = await ctx.db.read(
        lambda c: kpi_report.group_rows(c, rng.start, rng.end, by, queues, guidelines, now)
    )
    return {
        "from": to_rfc3339(rng.start),
        "to": to_rfc3339(rng.end),
        "group": by.value,
        "taken_at": to_rfc3339(now),
        "groups": groups,
    }


@router.get("/api/v1/me/stats")
async def my_stats(user: CurrentUser, ctx: Hub, start: From, end: To) -> dict[str, Any]:
    """The caller's own figures over the conversations opened in ``[from, to)`` that they
    held (``figures``; null when none): exactly their group of a report by agent."""
    rng = _range(start, end)
    guidelines, now = ctx.settings.guidelines, now_ms()
    groups = await ctx.db.read(
        lambda c: kpi_report.group_rows(
            c, rng.start, rng.end, Group.AGENT, None, guidelines, now, only_agent=user.id
        )
    )
    return {
        "from": to_rfc3339(rng.start),
        "to": to_rfc3339(rng.end),
        "taken_at": to_rfc3339(now),
        "figures": groups[0] if groups else None,
    }


def csv_text(rows: list[dict[str, Any]], fields: tuple[str, ...], header: bool) -> str:
    """CSV lines of ``rows``, cells a spreadsheet would run as a formula neutralised
    (``audit_export.csv_cell``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(fields)
    for row in rows:
        writer.writerow([csv_cell(row[f]) for f in fields])
    return out.getvalue()


@router.get("/api/v1/supervisor/report.csv", response_class=StreamingResponse)
async def report_csv(user: CurrentLead, ctx: Hub, start: From, end: To) -> StreamingResponse:
    """One row per conversation opened in ``[from, to)`` with every figure of
    docs/kpis.md "Reports", streamed chunk by chunk (each read in its own snapshot).
    Recorded in the hub's audit chain as ``export.created`` once it has all been sent."""
    rng = _range(start, end)
    guidelines, now, queues = ctx.settings.guidelines, now_ms(), visible_queues(user)
    page = partial(kpi_report.row_page, start=rng.start, end=rng.end, queues=queues)

    async def body() -> AsyncIterator[str]:
        after: kpi_inputs.Cursor | None = kpi_inputs.first_cursor(rng.start)
        header, count = True, 0
        while after is not None:
            read = partial(page, after=after, guidelines=guidelines, now=now)
            rows, after = await ctx.db.read(read)
            yield csv_text(rows, kpi_report.ROW_FIELDS, header)
            header, count = False, count + len(rows)
        # Who took the conversations out of the hub, once they have all gone out.
        data = {**describe(rng, "csv", "conversation", False, count), "report": "kpi"}
        await ctx.db.write(
            lambda c: append_hub_fact(c, AuditKind.EXPORT_CREATED, user.id, None, data, now_ms())
        )

    name = f"report-{to_rfc3339(rng.start)[:10]}.csv"
    return StreamingResponse(
        body(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
