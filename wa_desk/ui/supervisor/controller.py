"""The supervisor's view, wired to a session: one controller per section of the page,
built only for a lead (``leads.is_lead``), closed with the session."""

from __future__ import annotations

from PySide6.QtCore import QObject

from wa_desk.ui.app.session import Session
from wa_desk.ui.supervisor.page import SupervisorPage
from wa_desk.ui.supervisor.wallboard_controller import WallboardController


class SupervisorController(QObject):
    def __init__(self, session: Session, page: SupervisorPage) -> None:
        super().__init__(page)
        self._session = session
        self.page = page
        self.wallboard = WallboardController(session, page.wallboard)

    def load(self) -> None:
        """Every section from the hub (the stream keeps them up afterwards)."""
        self._session.spawn(self.wallboard.load(), "wallboard-load")

    def close(self) -> None:
        self.wallboard.close()
        self._session.unsubscribe_owner(self)
