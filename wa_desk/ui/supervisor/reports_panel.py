"""The supervisor's reports: a range of days and a grouping (queue, agent or day), the
KPI table, a chart of the days (volume and SLA %), and the CSV export with its progress.

Displays only; ``ReportsController`` fetches and exports.

Outputs (signals):
    reportRequested()          first shown, the range or the grouping changed, "Refresh"
    exportRequested(path)      a file picked for the CSV (one row per conversation)
    exportCancelRequested()
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QStandardPaths, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.ui.common.timefmt import format_full, parse_ms
from wa_desk.ui.supervisor.range_picker import RangePicker
from wa_desk.ui.supervisor.report_chart import DayPoint, ReportChart
from wa_desk.ui.supervisor.report_model import ReportModel
from wa_desk.ui.supervisor.report_range import DayRange, RangePreset


class ReportsPanel(QWidget):
    reportRequested = Signal()
    exportRequested = Signal(str)
    exportCancelRequested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.model = ReportModel(self)
        self.range = RangePicker(self, preset=RangePreset.LAST_7_DAYS, today=today)
        self.group = QComboBox(self)
        self.group.setAccessibleName(self.tr("Group by"))
        for value, title in (
            (ReportGroup.QUEUE, self.tr("By queue")),
            (ReportGroup.AGENT, self.tr("By agent")),
            (ReportGroup.DAY, self.tr("By day")),
        ):
            self.group.addItem(title, value.value)
        self.refresh = QPushButton(self.tr("Refresh"), self)
        self.export = QPushButton(self.tr("Export CSV…"), self)
        self.export.setToolTip(self.tr("One row per conversation opened in the range"))
        top = QHBoxLayout()
        top.addWidget(self.range)
        top.addWidget(self.group)
        top.addStretch(1)
        top.addWidget(self.refresh)
        top.addWidget(self.export)

        self.state = QLabel(self)  # loading, taken at, or why not
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.chart = ReportChart(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setAccessibleName(self.tr("Report"))

        self.export_bar = QWidget(self)
        self.export_progress = QProgressBar(self.export_bar)
        self.export_progress.setRange(0, 0)  # the size is known only at the end
        self.export_progress.setTextVisible(False)
        self.export_progress.setMaximumWidth(self.fontMetrics().height() * 10)
        self.export_state = QLabel(self.export_bar)
        self.export_state.setTextFormat(Qt.TextFormat.PlainText)
        self.export_state.setWordWrap(True)
        self.cancel_export = QPushButton(self.tr("Cancel"), self.export_bar)
        bar = QHBoxLayout(self.export_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.export_progress)
        bar.addWidget(self.export_state, 1)
        bar.addWidget(self.cancel_export)
        self.export_bar.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.chart)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.export_bar)

        self.file_dialog: QFileDialog | None = None
        self._shown_once = False
        self.range.rangeChanged.connect(self.reportRequested)
        self.group.currentIndexChanged.connect(lambda _i: self.reportRequested.emit())
        self.refresh.clicked.connect(self._refresh)
        self.export.clicked.connect(self.choose_export_file)
        self.cancel_export.clicked.connect(self.exportCancelRequested)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the report is fetched when first looked at
            self._shown_once = True
            self.range.follow_today()
            self.reportRequested.emit()

    def _refresh(self) -> None:
        self.range.follow_today()
        self.reportRequested.emit()

    # -- what is asked ---------------------------------------------------------------------

    def days(self) -> DayRange:
        return self.range.days()

    def current_group(self) -> ReportGroup:
        return ReportGroup(self.group.currentData())

    def set_group(self, group: ReportGroup) -> None:
        self.group.setCurrentIndex(self.group.findData(group.value))

    # -- showing a report ------------------------------------------------------------------

    def show_loading(self) -> None:
        self.state.setText(self.tr("Loading the report…"))

    def show_report(
        self, group: ReportGroup, rows: list[dict[str, Any]], taken_at: str | None
    ) -> None:
        self.model.show_report(group, rows)
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        if 0 <= column < self.model.columnCount():  # a new report, sorted as asked before
            self.model.sort(column, header.sortIndicatorOrder())
        taken = parse_ms(taken_at)
        if not rows:
            self.state.setText(self.tr("No conversations were opened in this range."))
        elif taken is not None:
            self.state.setText(self.tr("Figures as of %1").replace("%1", format_full(taken)))
        else:
            self.state.clear()

    def show_days(self, points: list[DayPoint]) -> None:
        self.chart.show_days(points)

    def show_failure(self, text: str) -> None:
        """The report could not be fetched: why, in words (the table keeps what it had)."""
        self.state.setText(text)

    # -- the export -------------------------------------------------------------------------

    def choose_export_file(self) -> QFileDialog:
        """Where to save the CSV: a file dialog, opened without blocking the app."""
        days = self.days()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"report-{days.first.isoformat()}-{days.last.isoformat()}.csv"
        dialog = QFileDialog(self, self.tr("Export the report"), f"{folder}/{name}")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([self.tr("CSV files (*.csv)"), self.tr("All files (*)")])
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(self.exportRequested)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def export_started(self, path: str) -> None:
        self.export.setEnabled(False)
        self.export_bar.show()
        self.export_progress.show()
        self.cancel_export.show()
        self.export_state.setText(self.tr("Exporting to %1…").replace("%1", path))

    def export_progressed(self, written: int, rows: int) -> None:
        self.export_state.setText(
            self.tr("Conversations so far: %1 (%2)")
            .replace("%1", QLocale().toString(rows))
            .replace("%2", QLocale().formattedDataSize(written))
        )

    def export_finished(self, path: str, rows: int) -> None:
        self._export_over(
            self.tr("Conversations exported: %1, to %2")
            .replace("%1", QLocale().toString(rows))
            .replace("%2", path)
        )

    def export_cancelled(self) -> None:
        self._export_over(self.tr("Export cancelled: no file was saved."))

    def export_failed(self, text: str) -> None:
        self._export_over(text)

    def _export_over(self, text: str) -> None:
        self.export.setEnabled(True)
        self.export_progress.hide()
        self.cancel_export.hide()
        self.export_state.setText(text)
