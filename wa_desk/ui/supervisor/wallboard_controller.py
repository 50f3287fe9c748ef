"""The wallboard, wired to a session: the board from the hub once, then every row the
stream pushes (``wallboard.changed``), never by asking again; every agent's status today
(read once, and again after midnight) and the chosen agent's, kept up by
``agent.status``; and a supervisor's change to an agent's status or
capacity: recorded in this computer's action log first (``agent.changed``) and queued in
the outbox, which takes it to the hub with its idempotency key (waiting there while the
hub is away); the hub's refusal comes back through the outbox and is said by its cause."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from wa_desk.client.errors import HubError
from wa_desk.client.outbox_runner import OutboxResult
from wa_desk.client.supervisor_api import _Keep
from wa_desk.core.conversation import Refusal
from wa_desk.core.kpis.wallboard import RowType
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.app.session import Session
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import parse_ms
from wa_desk.ui.supervisor.change_agent_dialog import AgentChange, ChangeAgentDialog
from wa_desk.ui.supervisor.timeline_model import day_start, stretches_from_api
from wa_desk.ui.supervisor.wallboard_panel import WallboardPanel


class WallboardController(QObject):
    def __init__(self, session: Session, panel: WallboardPanel) -> None:
        super().__init__(panel)
        self._session = session
        self._panel = panel
        self._days_loading = False
        self._connections = Connections()
        self._connections.connect(panel.agentChosen, self._agent_chosen)
        self._connections.connect(panel.changeRequested, self._change_requested)
        self._connections.connect(session.reloadNeeded, self.reload)
        self._connections.connect(panel.ticked, self._new_day)
        session.router.subscribe([StreamEventKind.WALLBOARD_CHANGED], self._on_rows)
        session.router.subscribe([StreamEventKind.AGENT_STATUS], self._on_status)
        session.on_outbox_result([OutboxKind.CHANGE_AGENT], self._on_change_result)

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
        await self.load_days()

    async def load_days(self) -> None:
        """Every agent's status since midnight, once (and again after midnight); the
        stream's ``agent.status`` carries it on."""
        agents = self._panel.agents
        now = self._panel.timeline.now()
        start = day_start(now)
        try:
            found = await self._session.supervisor.status_histories(start, now + 1000)
        except HubError as exc:
            self._session.report(exc)
            return
        agents.show_days(
            start, {str(a["agent"]): stretches_from_api(a.get("items") or ()) for a in found}
        )
        timeline = self._panel.timeline
        if timeline.agent_id is not None:  # chosen before the days came
            self._show_day_of(timeline.agent_id, timeline.agent_name)

    def _new_day(self) -> None:
        if self._panel.agents.new_day() and not self._days_loading:
            self._days_loading = True
            self._session.spawn(self._load_new_day(), "wallboard-days")

    async def _load_new_day(self) -> None:
        try:
            await self.load_days()
        finally:
            self._days_loading = False

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
            agent_id, status = str(agent.get("id")), str(agent.get("status") or "")
            timeline.status_changed(agent_id, status, since)
            self._panel.agents.status_changed(agent_id, status, since)

    # -- the chosen agent's day -------------------------------------------------------

    def _agent_chosen(self, row: dict[str, Any]) -> None:
        if row.get("id") != self._panel.timeline.agent_id:
            self._show_day_of(str(row["id"]), str(row.get("name") or ""))

    def _show_day_of(self, agent_id: str, name: str) -> None:
        """The chosen agent's day, drawn large: the board's own (``load_days``)."""
        agents = self._panel.agents
        day = agents.day(agent_id)
        self._panel.timeline.show(agent_id, name, day.start, day.stretches)

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

    async def change_agent(self, row: dict[str, Any], change: AgentChange) -> bool:
        """Log the change and queue it for the hub; whether it was recorded. The board
        shows the result when the hub pushes the agent's row."""
        payload: dict[str, Any] = {"user": str(row["id"])}
        if change.status is not None:
            payload["status"] = change.status.value
        if not isinstance(change.capacity, _Keep):
            payload["capacity"] = change.capacity
        return await self._session.actions.act_async(OutboxKind.CHANGE_AGENT, None, payload)

    def _on_change_result(self, result: OutboxResult) -> None:
        if result.ok or result.session_expired:
            return
        entry = self._session.store.outbox_get(result.entry_id)
        agent_id = str(entry.payload.get("user") or "") if entry is not None else ""
        row = self._panel.agents.row(agent_id) or {}
        name = isolated(str(row.get("name") or agent_id))
        if result.code == Refusal.NOT_VISIBLE:
            # The agent left the lead's queues since the board was read (the general
            # words for this code speak of a conversation): said of the agent, and the
            # board read again without them.
            text = self.tr("%1 is no longer in any of your queues: you cannot change them.")
            self._session.problem.emit(ProblemKind.REFUSED, text.replace("%1", name))
            self.reload()
            return
        text = self.tr("%1 was not changed. %2").replace("%1", name)
        self._session.problem.emit(
            ProblemKind.REFUSED, text.replace("%2", refusal_text(result.code))
        )
