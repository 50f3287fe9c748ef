"""The supervisor's view, wired to a session: one controller per section of the page,
built only for a lead (``leads.is_lead``), closed with the session."""

from __future__ import annotations

from PySide6.QtCore import QObject

from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.session import Session
from wa_desk.ui.supervisor.alerts_controller import AlertsController
from wa_desk.ui.supervisor.assign_controller import AssignController
from wa_desk.ui.supervisor.heatmap_controller import HeatmapController
from wa_desk.ui.supervisor.page import SupervisorPage
from wa_desk.ui.supervisor.reports_controller import ReportsController
from wa_desk.ui.supervisor.wallboard_controller import WallboardController


class SupervisorController(QObject):
    def __init__(self, session: Session, page: SupervisorPage) -> None:
        super().__init__(page)
        self._session = session
        self.page = page
        self.wallboard = WallboardController(session, page.wallboard)
        self.heatmap = HeatmapController(session, page.heatmap)  # refreshes while shown
        self.alerts = AlertsController(session, page.alerts)
        self.alerts.countChanged.connect(self._show_alert_count)
        self.reports = ReportsController(session, page.reports)  # loads when first shown
        # Handing conversations over: from an agent's row here, and from the inbox's
        # conversation pane (``desktop_app`` wires it).
        self.assign = AssignController(session, page, board=page.wallboard.agents)
        self._connections = Connections()
        self._connections.connect(page.wallboard.reassignRequested, self.assign.ask_for_agent)
        self._connections.connect(page.alerts.openQueue, self._open_queue)
        self._connections.connect(page.alerts.openAgent, self._open_agent)

    def load(self) -> None:
        """Every live section from the hub (the stream keeps them up afterwards)."""
        self._session.spawn(self.wallboard.load(), "wallboard-load")
        self.alerts.reload()

    def close(self) -> None:
        self._connections.disconnect_all()
        self.assign.close()
        self.wallboard.close()
        self.heatmap.close()
        self.alerts.close()
        self.reports.close()
        self._session.unsubscribe_owner(self)

    def _show_alert_count(self, count: int) -> None:
        self.page.set_count(self.page.alerts, count)

    def _open_queue(self, queue: str) -> None:
        """An alert about a queue: the wallboard, showing that queue's agents."""
        self.page.wallboard.choose_queue(queue)
        self.page.show_section(self.page.wallboard)

    def _open_agent(self, agent_id: str) -> None:
        """An alert about an agent: the wallboard, with their row and timeline chosen."""
        self.page.wallboard.choose_queue(None)
        self.page.wallboard.choose_agent(agent_id)
        self.page.show_section(self.page.wallboard)
