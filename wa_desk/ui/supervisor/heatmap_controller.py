"""The heat-map tab wired to a session: it asks the hub for the map picked (when the tab
becomes visible, when the pick changes, and once a minute while visible: the hub pushes no
heat-map), for the conversations behind a cell, page by page, and for a conversation's
timeline, page by page. Every request runs on the session's tasks; a newer request of
the same kind replaces one still running, so a slow answer never overwrites a newer one.

Looking is the hub's to record (``supervisor.viewed``); it marks nothing read.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer

from wa_desk.client.errors import HubError
from wa_desk.core.clock import Millis
from wa_desk.core.heatmap import HeatmapMetric, HeatmapRows
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.session import Session
from wa_desk.ui.common.timefmt import format_clock
from wa_desk.ui.supervisor.heatmap_panel import HeatmapPanel
from wa_desk.ui.supervisor.heatmap_range import (
    request_for,
    time_cell_span,
    weekday_hour_spans,
)
from wa_desk.ui.supervisor.timeline_words import summary_text

REFRESH_MS = 60_000  # at most once a minute while the tab is visible
PAGE = 100  # conversations asked per page of a drill-down
TIMELINE_PAGE = 500  # timeline items asked per page
MORE = "more"  # the drill-down's ``next`` while spans or pages are left


@dataclass
class _Drill:
    """The cell whose conversations are listed: what to ask, and where the paging is."""

    metric: HeatmapMetric
    spans: list[tuple[Millis, Millis]]
    queue: str | None
    agent: str | None
    span: int = 0
    cursor: str | None = None
    seen: set[str] | None = None


class HeatmapController(QObject):
    def __init__(self, session: Session, panel: HeatmapPanel) -> None:
        super().__init__(panel)
        self._session = session
        self._panel = panel
        self._map_task: asyncio.Task[Any] | None = None
        self._drill_task: asyncio.Task[Any] | None = None
        self._timeline_task: asyncio.Task[Any] | None = None
        self._drill: _Drill | None = None
        self.page_size, self.timeline_page_size = PAGE, TIMELINE_PAGE
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        c = self._connections = Connections()
        c.connect(panel.choiceChanged, self.refresh)
        c.connect(panel.cellChosen, self.open_cell)
        c.connect(panel.conversationChosen, self.open_conversation)
        c.connect(panel.drilldown_model.moreWanted, self._more_conversations)
        c.connect(panel.timeline_model.moreWanted, self._more_timeline)
        c.connect(panel.shown, self._on_shown)
        c.connect(panel.hidden, self.timer.stop)
        if panel.isVisible():
            self._on_shown()

    def close(self) -> None:
        self.timer.stop()
        self._connections.disconnect_all()
        for task in (self._map_task, self._drill_task, self._timeline_task):
            if task is not None:
                task.cancel()

    def _on_shown(self) -> None:
        self.refresh()
        self.timer.start()

    def _replace(
        self, running: asyncio.Task[Any] | None, coro: Any, name: str
    ) -> asyncio.Task[Any]:
        if running is not None and not running.done():
            running.cancel()
        return self._session.spawn(coro, name)

    def _failed(self, exc: HubError) -> None:
        self._session.report(exc, quiet_when_offline=True)
        self._panel.show_status(self.tr("Could not update: %1").replace("%1", str(exc)))

    # -- the map -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask again for the map picked (the one running, if any, is dropped)."""
        self._map_task = self._replace(self._map_task, self._load_map(), "heatmap")

    async def _load_map(self) -> None:
        panel, api = self._panel, self._session.supervisor
        metric, rows, choice = panel.chosen_metric(), panel.chosen_rows(), panel.chosen_range()
        request = request_for(choice, self._session.api.clock.now())
        panel.show_status(self.tr("Updating…"))
        try:
            if request.weekly:
                answer = await api.weekly_heatmap(metric, rows, request.weeks)
            else:
                answer = await api.heatmap(
                    metric, rows, request.start, request.end, request.bucket_s
                )
        except HubError as exc:
            self._failed(exc)
            return
        panel.show_status(
            self.tr("Updated at %1").replace("%1", format_clock(self._session.api.clock.now()))
        )
        panel.show_map(answer, rows, request)

    # -- the conversations behind a cell ---------------------------------------------------------

    def open_cell(self, row: int, column: int) -> None:
        model = self._panel.heatmap_model
        row_id = model.row_id(row)
        by_queue = model.rows_by is HeatmapRows.QUEUE
        request = model.request
        if request.weekly:
            spans = weekday_hour_spans(
                column, request.weeks, self._session.api.clock.now(), self._zone(row_id, by_queue)
            )
        else:
            start = model.column_start(column)
            assert start is not None
            spans = time_cell_span(start, request.bucket_s)
        self._drill = _Drill(
            model.metric,
            spans,
            row_id if by_queue else None,
            None if by_queue else row_id,
            seen=set(),
        )
        self._panel.show_cell(row, column)
        self._drill_task = self._replace(self._drill_task, self._next_page(True), "drill-down")

    def _zone(self, row_id: str, by_queue: bool) -> ZoneInfo:
        """The time zone a weekday × hour row is folded in: its queue's; for an agent, the
        zone of the supervisor's queues when they share one, else UTC."""
        guidelines = self._session.guidelines
        queues = [row_id] if by_queue else [str(q) for q in self._session.user.get("queues") or []]
        zones = set()
        for queue in queues:
            policy = guidelines.sla_for(queue)
            zones.add(policy.hours.time_zone if policy is not None else "UTC")
        return ZoneInfo(zones.pop() if len(zones) == 1 else "UTC")

    def _more_conversations(self) -> None:
        self._drill_task = self._replace(self._drill_task, self._next_page(False), "drill-down")

    async def _next_page(self, first: bool) -> None:
        drill, api = self._drill, self._session.supervisor
        if drill is None:
            return
        items: list[dict[str, Any]] = []
        seen = drill.seen if drill.seen is not None else set()
        # A page, or the end of every span: spans that hold nothing are passed over.
        while drill.span < len(drill.spans) and not items:
            start, end = drill.spans[drill.span]
            try:
                page = await api.cell_conversations(
                    drill.metric,
                    start,
                    end,
                    queue=drill.queue,
                    agent=drill.agent,
                    limit=self.page_size,
                    cursor=drill.cursor,
                )
            except HubError as exc:
                self._failed(exc)
                return
            if self._drill is not drill:
                return  # another cell was opened meanwhile
            items += [i for i in page.items if str(i["id"]) not in seen]
            seen.update(str(i["id"]) for i in page.items)
            drill.cursor = page.next
            if page.next is None:
                drill.span += 1
        more = MORE if drill.span < len(drill.spans) else None
        model = self._panel.drilldown_model
        if first:
            model.show_first(items, more)
        else:
            model.append(items, more)

    # -- a conversation's timeline ----------------------------------------------------------------

    def open_conversation(self, conversation_id: str) -> None:
        self._timeline_task = self._replace(
            self._timeline_task, self._open(conversation_id), "timeline"
        )

    async def _open(self, conversation_id: str) -> None:
        try:
            answer = await self._session.supervisor.timeline(
                conversation_id, limit=self.timeline_page_size
            )
        except HubError as exc:
            self._failed(exc)
            return
        self._panel.show_timeline(conversation_id, answer, summary_text(answer))

    def _more_timeline(self) -> None:
        model = self._panel.timeline_model
        if model.conversation_id is None or model.next is None:
            return
        self._timeline_task = self._replace(
            self._timeline_task, self._timeline_page(model.conversation_id, model.next), "timeline"
        )

    async def _timeline_page(self, conversation_id: str, cursor: str) -> None:
        try:
            answer = await self._session.supervisor.timeline(
                conversation_id, limit=self.timeline_page_size, cursor=cursor
            )
        except HubError as exc:
            self._failed(exc)
            return
        model = self._panel.timeline_model
        if model.conversation_id == conversation_id:
            model.append(list(answer["items"]), answer.get("next"))
