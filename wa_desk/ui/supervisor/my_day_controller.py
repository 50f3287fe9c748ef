""" "My day", wired to a session: the signed-in user's own figures (``/api/v1/me/stats``)
for the dialog's days, fetched when it opens and again whenever the range changes."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QObject

from wa_desk.client.errors import HubError
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import describe_problem, problem_of
from wa_desk.ui.app.session import Session
from wa_desk.ui.supervisor.my_day_dialog import MyDayDialog


class MyDayController(QObject):
    def __init__(self, session: Session, dialog: MyDayDialog) -> None:
        super().__init__(dialog)
        self._session = session
        self._dialog = dialog
        self._loading: asyncio.Task[Any] | None = None
        self._connections = Connections()
        self._connections.connect(dialog.figuresRequested, self.load)

    def close(self) -> None:
        self._connections.disconnect_all()
        if self._loading is not None:
            self._loading.cancel()

    @property
    def busy(self) -> bool:
        """The figures are on their way."""
        return self._loading is not None and not self._loading.done()

    def load(self) -> asyncio.Task[Any]:
        """The figures for the days the dialog shows (replacing a request on its way)."""
        if self._loading is not None:
            self._loading.cancel()
        self._loading = self._session.spawn(self._load(), "my-day")
        return self._loading

    async def _load(self) -> None:
        dialog = self._dialog
        start, end = dialog.days().bounds()
        dialog.show_loading()
        try:
            mine = await self._session.supervisor.my_stats(start, end)
        except HubError as exc:
            self._session.report(exc, quiet_when_offline=True)
            kind, detail = problem_of(exc)
            problem = describe_problem(kind, detail)
            dialog.show_failure(" ".join(t for t in (problem.title, problem.detail) if t))
            return
        dialog.show_figures(mine.get("figures"), mine.get("taken_at"))
