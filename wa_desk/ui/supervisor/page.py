"""The supervisor's page of the main window: one tab per section, the wallboard first.

Each section is a pane with its own controller (``XPanel`` + ``XController(session,
panel)``); ``add_section`` gives the page another one, and ``set_count`` puts a count in a
section's title ("Alerts (3)"), so that what needs attention shows from any tab.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from wa_desk.core.clock import Millis, now_ms
from wa_desk.ui.supervisor.alerts_panel import AlertsPanel
from wa_desk.ui.supervisor.heatmap_panel import HeatmapPanel
from wa_desk.ui.supervisor.reports_panel import ReportsPanel
from wa_desk.ui.supervisor.wallboard_panel import WallboardPanel


class SupervisorPage(QTabWidget):
    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setAccessibleName(self.tr("Supervisor"))
        self._titles: dict[QWidget, str] = {}
        self.wallboard = WallboardPanel(self, clock=clock)
        self.add_section(self.wallboard, self.tr("&Wallboard"))
        self.heatmap = HeatmapPanel(self)
        self.add_section(self.heatmap, self.tr("&Heat-map"))
        self.alerts = AlertsPanel(self)
        self.add_section(self.alerts, self.tr("A&lerts"))
        self.reports = ReportsPanel(self)
        self.add_section(self.reports, self.tr("&Reports"))

    def add_section(self, widget: QWidget, title: str) -> int:
        """Another section, as the next tab; its index."""
        self._titles[widget] = title
        return self.addTab(widget, title)

    def set_count(self, widget: QWidget, count: int | None) -> None:
        """``count`` beside the section's title (None or 0: the title alone)."""
        title = self._titles[widget]
        index = self.indexOf(widget)
        if index < 0:
            return
        shown = (
            title
            if not count
            else self.tr("%1 (%2)").replace("%1", title).replace("%2", str(count))
        )
        self.setTabText(index, shown)

    def show_section(self, widget: QWidget) -> None:
        self.setCurrentWidget(widget)

    def clear(self) -> None:
        """Another user signed in: nothing of the previous one's board, alerts or report."""
        self.wallboard.clear()
        self.heatmap.clear()
        self.alerts.model.show(self.alerts.shown_state(), [])
        self.alerts.set_open_count(0)
        self.set_count(self.alerts, None)
        self.reports.model.clear()
        self.reports.show_days([])
