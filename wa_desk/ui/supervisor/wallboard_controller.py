"""The wallboard, wired to a session: the board from the hub once, then every row the
stream pushes (``wallboard.changed``), never by asking again; the chosen agent's status
today, kept up by ``agent.status``; and a supervisor's change to an agent's status or
capacity, sent with an idempotency key, its refusal shown by its cause."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QDateTime, QObject, QTime

from wa_desk.client.errors import HubError, Refused
from wa_desk.core.clock import Millis
from wa_desk.core.conversation import Refusal
from wa_desk.core.ids import uuid7
from wa_desk.core.kpis.wallboard import RowType
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.session import Session
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import parse_ms
from wa_desk.ui.supervisor.change_agent_dialog import AgentChange, ChangeAgentDialog
from wa_desk.ui.supervisor.timeline_model import stretches_from_api
from wa_desk.ui.supervisor.wallboard_panel import WallboardPanel


def day_start(now: Millis) -> Millis:
    """This computer's midnight before ``now``: where "today" starts on the timeline."""
    moment = QDateTime.fromMSecsSinceEpoch(now).toLocalTime()
    return QDateTime(moment.date(), QTime(0, 0)).toMSecsSinceEpoch()


class WallboardController(QObject):
    def __init__(self, session: Session, panel: WallboardPanel) -> None:
        super().__init__(panel)
        self._session = session
        self._panel = panel
        self._timeline_task: asyncio.Task[Any] | None = None
        self._connections = Connections()
        self._connections.connect(panel.agentChosen, self._agent_chosen)
        self._connections.connect(panel.changeRequested, self._change_requested)
        self._connections.connect(session.reloadNeeded, self.reload)
        session.router.subscribe([StreamEventKind.WALLBOARD_CHANGED], self._on_rows)
        session.router.subscribe([StreamEventKind.AGENT_STATUS], self._on_status)

    def close(self) -> None:
        self._connections.disconnect_all()
        self._session.unsubscribe_owner(self)

    def reload(self) -> None:
        self._session.spawn(self.load(), "wallboard-load")

    async def load(self) -> None:
        """The whole board, once; the stream keeps it up to date afterwards."""
        try:
            board = await self._session.supervisor.wallboard()
        except HubError as exc:
            self._session.report(exc)
            return
        self._panel.show_board(board)

    def _on_rows(self, events: list[StreamEvent]) -> None:
        queues = [d for _k, d in events if d.get("type") == RowType.QUEUE]
        agents = [d for _k, d in events if d.get("type") == RowType.AGENT]
        if queues:
            self._panel.queues.apply(queues)
        if agents:
            self._panel.agents.apply(agents)

    def _on_status(self, events: list[StreamEvent]) -> None:
        timeline = self._panel.timeline
        for _kind, agent in events:
            since = parse_ms(agent.get("since")) or timeline.now()
            timeline.status_changed(str(agent.get("id")), str(agent.get("status") or ""), since)

    # -- the chosen agent's day -------------------------------------------------------

    def _agent_chosen(self, row: dict[str, Any]) -> None:
        if row.get("id") == self._panel.timeline.agent_id:
            return
        if self._timeline_task is not None:
            self._timeline_task.cancel()  # the newer choice replaces it
        self._timeline_task = self._session.spawn(self._load_timeline(row), "status-timeline")

    async def _load_timeline(self, row: dict[str, Any]) -> None:
        timeline = self._panel.timeline
        now = timeline.now()
        start = day_start(now)
        agent_id = str(row["id"])
        try:
            items = await self._session.supervisor.status_history(agent_id, start, now + 1000)
        except HubError as exc:
            self._session.report(exc)
            return
        timeline.show(agent_id, str(row.get("name") or ""), start, stretches_from_api(items))

    # -- acting ---------------------------------------------------------------------------

    def _change_requested(self, row: dict[str, Any]) -> ChangeAgentDialog:
        dialog = ChangeAgentDialog(row, self._panel)
        dialog.accepted.connect(lambda: self._changed(row, dialog.change()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _changed(self, row: dict[str, Any], change: AgentChange) -> None:
        if not change.is_empty():
            self._session.spawn(self.change_agent(row, change), "change-agent")

    async def change_agent(self, row: dict[str, Any], change: AgentChange) -> None:
        """Ask the hub; the board shows the result when the hub pushes the agent's row."""
        try:
            await self._session.supervisor.change_agent(
                str(row["id"]), key=uuid7(), status=change.status, capacity=change.capacity
            )
        except Refused as exc:
            if exc.code != Refusal.NOT_VISIBLE:
                self._session.report(exc)
                return
            # The agent left the lead's queues since the board was read (the general
            # words for this code speak of a conversation): said of the agent, and the
            # board read again without them.
            name = str(row.get("name") or "")
            self._session.problem.emit(
                ProblemKind.REFUSED,
                self.tr("%1 is no longer in any of your queues: you cannot change them.").replace(
                    "%1", isolated(name)
                ),
            )
            self.reload()
        except HubError as exc:
            self._session.report(exc)
