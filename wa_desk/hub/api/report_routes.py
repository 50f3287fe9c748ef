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

from wa_desk.core.clock import Millis, now_ms, to_rfc3339
from wa_desk.hub import kpi_report
from wa_desk.hub.api.deps import CurrentLead, CurrentUser, Hub, visible_queues
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.audit_export import ExportRange, InvalidRange, csv_cell, parse_range
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.kpi_report import Group, Measured
from wa_desk.hub.queries import kpi_inputs, users
from wa_desk.hub.queries.users import User

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


def report_body(
    conn: Conn,
    rng: ExportRange,
    group: Group,
    queues: frozenset[str] | None,
    guidelines: Any,
    now: Millis,
    only_agent: str | None = None,
) -> dict[str, Any]:
    """The report's JSON: each group's figures, by key."""
    measured = kpi_report.measured_in(conn, rng.start, rng.end, queues, guidelines, now)
    totals = kpi_report.grouped(measured, group, only_agent)
    names = users.names_of(conn, totals) if group is Group.AGENT else {}
    return {
        "from": to_rfc3339(rng.start),
        "to": to_rfc3339(rng.end),
        "group": group.value,
        "taken_at": to_rfc3339(now),
        "groups": [
            {"key": key, "name": names.get(key), **totals[key].view()} for key in sorted(totals)
        ],
    }


@router.get("/api/v1/supervisor/report")
async def report(
    user: CurrentLead, ctx: Hub, start: From, end: To, group: str = "queue"
) -> dict[str, Any]:
    """The figures of the conversations opened in ``[from, to)`` per ``group`` (``queue``,
    ``agent``: each conversation counts for everyone who held it; ``day``: the opening's
    date in the queue's time zone), as docs/kpis.md "Reports" defines them; medians in
    milliseconds, wall and business time."""
    rng, by = _range(start, end), _group(group)
    guidelines, now = ctx.settings.guidelines, now_ms()
    return await ctx.db.read(
        lambda c: report_body(c, rng, by, visible_queues(user), guidelines, now)
    )


@router.get("/api/v1/me/stats")
async def my_stats(user: CurrentUser, ctx: Hub, start: From, end: To) -> dict[str, Any]:
    """The caller's own figures over the conversations opened in ``[from, to)`` that they
    held: exactly what a supervisor's report by agent shows about them."""
    rng = _range(start, end)
    guidelines, now = ctx.settings.guidelines, now_ms()
    body = await ctx.db.read(
        lambda c: report_body(c, rng, Group.AGENT, None, guidelines, now, only_agent=user.id)
    )
    groups = body.pop("groups")
    body["figures"] = groups[0] if groups else None
    return body


def csv_lines(rows: list[dict[str, Any]], header: bool) -> str:
    """CSV text of ``rows`` (``kpi_report.ROW_FIELDS``), cells a spreadsheet would run as
    a formula neutralised (``audit_export.csv_cell``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(kpi_report.ROW_FIELDS)
    for row in rows:
        writer.writerow([csv_cell(row[f]) for f in kpi_report.ROW_FIELDS])
    return out.getvalue()


def _page_rows(
    conn: Conn, rng: ExportRange, user: User, after: kpi_inputs.Cursor, guidelines: Any, now: Millis
) -> tuple[list[dict[str, Any]], kpi_inputs.Cursor | None]:
    page: list[Measured]
    page, following = kpi_report.measured_page(
        conn, rng.start, rng.end, visible_queues(user), after, guidelines, now
    )
    names = users.names_of(conn, {a for m in page for a in m.agents})
    return [kpi_report.conversation_row(m, names) for m in page], following


@router.get("/api/v1/supervisor/report.csv", response_class=StreamingResponse)
async def report_csv(user: CurrentLead, ctx: Hub, start: From, end: To) -> StreamingResponse:
    """One row per conversation opened in ``[from, to)`` with every figure of
    docs/kpis.md "Reports", streamed in chunks (each read in its own snapshot)."""
    rng = _range(start, end)
    guidelines, now = ctx.settings.guidelines, now_ms()

    async def body() -> AsyncIterator[str]:
        after: kpi_inputs.Cursor | None = kpi_inputs.first_cursor(rng.start)
        header = True
        while after is not None:
            rows, after = await ctx.db.read(
                partial(_page_rows, rng=rng, user=user, after=after, guidelines=guidelines, now=now)
            )
            yield csv_lines(rows, header)
            header = False

    name = f"report-{to_rfc3339(rng.start)[:10]}.csv"
    return StreamingResponse(
        body(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
