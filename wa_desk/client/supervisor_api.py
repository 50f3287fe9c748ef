"""The hub's supervisor API (v1) and an agent's own figures, for the desktop's
supervisor view and "My day": the wallboard, heat-maps and the conversations behind a
cell, a conversation's timeline, early alerts, reassigning and an agent's capacity or
status, reports and their CSV. Errors by cause, as ``HubApi`` raises them (an agent
asking is ``Refused`` with status 403)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any, Final

from wa_desk.client.hub_api import HubApi, Page
from wa_desk.core.agents import AgentStatus
from wa_desk.core.alert_kinds import AlertState
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.heatmap import HeatmapLayout, HeatmapMetric, HeatmapRows
from wa_desk.core.kpis.report_groups import ReportGroup

_BASE: Final = "/api/v1/supervisor"
ALL_ALERTS: Final = "all"  # ``alerts(state=ALL_ALERTS)``: every state


class _Keep:
    """A capacity left as it is (``change_agent``)."""


KEEP: Final = _Keep()


def report_bound(day_or_time: date | datetime) -> str:
    """A report's ``from`` or ``to``: a date alone (as ``to``, that whole day), or a UTC
    time to the minute."""
    if isinstance(day_or_time, datetime):
        return day_or_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    return day_or_time.isoformat()


class SupervisorApi:
    """The supervisor's endpoints over a signed-in ``HubApi`` (its session, its clock)."""

    def __init__(self, hub: HubApi) -> None:
        self.hub = hub

    # -- now ----------------------------------------------------------------------------

    async def wallboard(self) -> dict[str, Any]:
        """``{"taken_at", "queues": [...], "agents": [...]}``: the rows the stream's
        ``wallboard.changed`` updates afterwards."""
        return await self.hub.call("GET", f"{_BASE}/wallboard")

    # -- heat-maps ----------------------------------------------------------------------

    async def heatmap(
        self,
        metric: HeatmapMetric,
        rows: HeatmapRows,
        start: Millis,
        end: Millis,
        bucket_s: int = 900,
    ) -> dict[str, Any]:
        """``{"metric", "unit", "rows", "columns", "cells"}``, one column per bucket
        of ``bucket_s`` (900 or 3600) over ``[start, end)``."""
        params = {
            "metric": metric.value,
            "rows": rows.value,
            "from": to_rfc3339(start),
            "to": to_rfc3339(end),
            "bucket": bucket_s,
        }
        return await self.hub.call("GET", f"{_BASE}/heatmap", params=params)

    async def weekly_heatmap(
        self, metric: HeatmapMetric, rows: HeatmapRows, weeks: int
    ) -> dict[str, Any]:
        """Weekday × hour (168 columns, ``mon 00:00`` first) over the last ``weeks``
        (4 or 8) whole weeks; counts are a mean per week."""
        params = {
            "metric": metric.value,
            "rows": rows.value,
            "layout": HeatmapLayout.WEEKDAY_HOUR.value,
            "weeks": weeks,
        }
        return await self.hub.call("GET", f"{_BASE}/heatmap", params=params)

    async def cell_conversations(
        self,
        metric: HeatmapMetric,
        start: Millis,
        end: Millis,
        *,
        queue: str | None = None,
        agent: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """The conversations behind a cell, each with its figures (``report.csv``'s
        columns)."""
        params = {
            "metric": metric.value,
            "from": to_rfc3339(start),
            "to": to_rfc3339(end),
            "queue": queue,
            "agent": agent,
            "limit": limit,
            "cursor": cursor,
        }
        return await self.hub.page(f"{_BASE}/conversations", params)

    async def timeline(
        self, conversation_id: str, *, limit: int | None = None, cursor: str | None = None
    ) -> dict[str, Any]:
        """``{"conversation", "items", "next", "durations", "disposition"}``: messages
        and every action, oldest first. The hub records the look as ``supervisor.viewed``;
        it marks nothing read."""
        params = {"limit": limit, "cursor": cursor}
        path = f"{_BASE}/conversations/{conversation_id}/timeline"
        return await self.hub.call("GET", path, params=params)

    # -- alerts -------------------------------------------------------------------------

    async def alerts(
        self,
        state: AlertState | str = AlertState.OPEN,
        *,
        limit: int = 100,
        cursor: str | None = None,
    ) -> Page:
        """Alerts newest first; ``state`` an ``AlertState`` or ``ALL_ALERTS``."""
        params = {"state": str(state), "limit": limit, "cursor": cursor}
        return await self.hub.page(f"{_BASE}/alerts", params)

    async def acknowledge(self, alert_id: int, note: str | None = None) -> dict[str, Any]:
        return await self.hub.call("POST", f"{_BASE}/alerts/{alert_id}/ack", json={"note": note})

    async def snooze(self, alert_id: int, minutes: int, note: str | None = None) -> dict[str, Any]:
        body = {"minutes": minutes, "note": note}
        return await self.hub.call("POST", f"{_BASE}/alerts/{alert_id}/snooze", json=body)

    # -- acting -------------------------------------------------------------------------

    async def assign(self, conversation_id: str, agent_id: str, *, key: str) -> dict[str, Any]:
        """Hand the conversation to ``agent_id`` (a member of its queue)."""
        path = f"{_BASE}/conversations/{conversation_id}/assign"
        return await self.hub.call("POST", path, json={"agent": agent_id}, key=key)

    async def change_agent(
        self,
        agent_id: str,
        *,
        key: str,
        status: AgentStatus | None = None,
        capacity: int | _Keep | None = KEEP,
    ) -> dict[str, Any]:
        """Set an agent's ``status`` and/or ``capacity`` (``None``: back to the policy's
        default; ``KEEP``: left as it is). The agent as ``GET /api/v1/agents`` lists them."""
        body: dict[str, Any] = {}
        if status is not None:
            body["status"] = status.value
        if not isinstance(capacity, _Keep):
            body["capacity"] = capacity
        return await self.hub.call("PUT", f"{_BASE}/agents/{agent_id}", json=body, key=key)

    async def status_history(
        self, agent_id: str, start: Millis, end: Millis
    ) -> list[dict[str, Any]]:
        """The agent's status stretches over ``[start, end)``, oldest first: each
        ``{"status", "start", "end", "lasts", "set_by"}``."""
        params = {"from": to_rfc3339(start), "to": to_rfc3339(end)}
        body = await self.hub.call(
            "GET", f"{_BASE}/agents/{agent_id}/status-history", params=params
        )
        return list(body["items"])

    async def status_histories(self, start: Millis, end: Millis) -> list[dict[str, Any]]:
        """Every agent the wallboard shows, with their status stretches over ``[start,
        end)``: each ``{"agent", "name", "items"}``, ``items`` as ``status_history``."""
        params = {"from": to_rfc3339(start), "to": to_rfc3339(end)}
        body = await self.hub.call("GET", f"{_BASE}/agents/status-history", params=params)
        return list(body["items"])

    # -- reports ------------------------------------------------------------------------

    async def report(
        self, start: date | datetime, end: date | datetime, group: ReportGroup
    ) -> dict[str, Any]:
        """The figures per ``group`` of the conversations opened in the range
        (docs/kpis.md "Reports"): ``{"from", "to", "group", "taken_at", "groups"}``."""
        params = {"from": report_bound(start), "to": report_bound(end), "group": group.value}
        return await self.hub.call("GET", f"{_BASE}/report", params=params)

    @asynccontextmanager
    async def report_csv(
        self, start: date | datetime, end: date | datetime
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        """One CSV row per conversation opened in the range, streamed as it comes."""
        params = {"from": report_bound(start), "to": report_bound(end)}
        async with self.hub.download(f"{_BASE}/report.csv", params) as chunks:
            yield chunks

    async def my_stats(self, start: date | datetime, end: date | datetime) -> dict[str, Any]:
        """The caller's own figures (any role): ``{"from", "to", "taken_at", "figures"}``,
        exactly their row of a report by agent; ``figures`` null when they held nothing."""
        params = {"from": report_bound(start), "to": report_bound(end)}
        return await self.hub.call("GET", "/api/v1/me/stats", params=params)
