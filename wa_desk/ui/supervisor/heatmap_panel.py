"""The heat-map tab: what to map (metric, rows, range), the map, the conversations behind
the cell opened, and the timeline of the conversation opened, read-only.

A pane: it shows what its controller hands it and says what the supervisor picked; it
never talks to the hub.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.clock import now_ms
from wa_desk.core.heatmap import HeatmapMetric, HeatmapRows
from wa_desk.ui.supervisor.conversation_timeline_delegate import ConversationTimelineDelegate
from wa_desk.ui.supervisor.conversation_timeline_model import ConversationTimelineModel
from wa_desk.ui.supervisor.drilldown_model import AGENTS_COLUMN, DrilldownModel
from wa_desk.ui.supervisor.heatmap_model import HeatmapModel
from wa_desk.ui.supervisor.heatmap_range import HeatmapRange, RangeRequest
from wa_desk.ui.supervisor.heatmap_view import HeatmapView
from wa_desk.ui.supervisor.heatmap_words import metric_names, range_names, row_kind_names

SIZE_SAMPLE = 50  # rows the drill-down's columns are sized by
TIMELINE_SPACING = 3  # pixels around each entry of the timeline


class HeatmapPanel(QWidget):
    choiceChanged = Signal()  # metric, rows or range picked
    cellChosen = Signal(int, int)  # row, column of the map
    conversationChosen = Signal(str)  # a conversation of the drill-down, to look at
    shown = Signal()  # the tab became visible
    hidden = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heatmap_model = HeatmapModel()
        self.drilldown_model = DrilldownModel(now_ms)
        self.timeline_model = ConversationTimelineModel(now_ms)

        self.metric_box = QComboBox()
        for metric, name in metric_names().items():
            self.metric_box.addItem(name, metric.value)
        self.rows_box = QComboBox()
        for rows, name in row_kind_names().items():
            self.rows_box.addItem(name, rows.value)
        self.range_box = QComboBox()
        for choice, name in range_names().items():
            self.range_box.addItem(name, choice.value)
        for box, what in (
            (self.metric_box, self.tr("Figure")),
            (self.rows_box, self.tr("Rows")),
            (self.range_box, self.tr("Range")),
        ):
            box.setAccessibleName(what)
            box.currentIndexChanged.connect(self._choice_changed)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        bar = QHBoxLayout()
        for label, box in (
            (self.tr("&Figure:"), self.metric_box),
            (self.tr("R&ows:"), self.rows_box),
            (self.tr("R&ange:"), self.range_box),
        ):
            caption = QLabel(label)
            caption.setBuddy(box)
            bar.addWidget(caption)
            bar.addWidget(box)
        bar.addStretch(1)
        bar.addWidget(self.status)

        self.map_view = HeatmapView(self.heatmap_model)
        self.map_view.cellActivated.connect(self.cellChosen)
        self.map_area = QScrollArea()
        self.map_area.setWidgetResizable(True)
        self.map_area.setWidget(self.map_view)
        self.map_view.focusRectChanged.connect(self._keep_in_sight)

        self.cell_title = QLabel(self.tr("Click a cell to see the conversations behind it."))
        self.cell_title.setTextFormat(Qt.TextFormat.PlainText)
        self.cell_title.setWordWrap(True)
        self.conversations = QTableView()
        self.conversations.setModel(self.drilldown_model)
        self.conversations.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conversations.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conversations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conversations.setWordWrap(False)
        self.conversations.verticalHeader().setVisible(False)
        # Columns fit their contents as first shown, judged on the first rows (every row
        # of a long list would cost more than it tells); the supervisor can resize them.
        header = self.conversations.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(SIZE_SAMPLE)
        # A chosen row would draw every header bold, wider than the width it was sized
        # to: the words would be cut.
        header.setHighlightSections(False)
        # The agents' names take the room the figures leave (cut short, whole in their
        # tooltip): the list never scrolls sideways at the window's default size.
        header.setSectionResizeMode(AGENTS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.drilldown_model.modelReset.connect(self.conversations.resizeColumnsToContents)
        self.conversations.resizeColumnsToContents()  # the headers, before any cell is chosen
        self.conversations.setAccessibleName(self.tr("Conversations behind the cell"))
        self.conversations.activated.connect(self._conversation_picked)
        self.conversations.clicked.connect(self._conversation_picked)

        self.timeline_title = QLabel(self.tr("Open a conversation to see its timeline."))
        self.timeline_title.setTextFormat(Qt.TextFormat.PlainText)
        self.timeline_title.setWordWrap(True)
        self.timeline = QListView()
        self.timeline.setModel(self.timeline_model)
        self.timeline.setWordWrap(True)
        self.timeline.setUniformItemSizes(False)
        self.timeline.setItemDelegate(ConversationTimelineDelegate(self.timeline))
        # Entries are laid out again as the list's width changes: their lines wrap anew.
        self.timeline.setResizeMode(QListView.ResizeMode.Adjust)
        # A little air between entries: a message's text, on its own line, reads as part
        # of its entry and not as the next one.
        self.timeline.setSpacing(TIMELINE_SPACING)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.timeline.setAccessibleName(self.tr("Timeline"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.cell_title)
        left_layout.addWidget(self.conversations, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.timeline_title)
        right_layout.addWidget(self.timeline, 1)
        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(left)
        below.addWidget(right)
        # Two thirds to the conversations' ten columns, one to the timeline's lines,
        # which wrap.
        below.setStretchFactor(0, 2)
        below.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.map_area)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    # -- what the supervisor picked ------------------------------------------------------

    def chosen_metric(self) -> HeatmapMetric:
        return HeatmapMetric(self.metric_box.currentData())

    def chosen_rows(self) -> HeatmapRows:
        return HeatmapRows(self.rows_box.currentData())

    def chosen_range(self) -> HeatmapRange:
        return HeatmapRange(self.range_box.currentData())

    def _choice_changed(self) -> None:
        # Another map: the cell opened before is not on it.
        self.cell_title.setText(self.tr("Click a cell to see the conversations behind it."))
        self.drilldown_model.clear()
        self.timeline_model.show_first(None, None)
        self.timeline_title.setText(self.tr("Open a conversation to see its timeline."))
        self.choiceChanged.emit()

    def _conversation_picked(self, index: QModelIndex) -> None:
        if index.isValid():
            cid = self.drilldown_model.conversation_id(index.row())
            if cid != self.timeline_model.conversation_id:
                self.conversationChosen.emit(cid)

    def _keep_in_sight(self, rect: QRect) -> None:
        self.map_area.ensureVisible(
            rect.center().x(), rect.center().y(), rect.width(), rect.height()
        )

    # -- what the controller shows ---------------------------------------------------------

    def show_map(self, answer: dict[str, Any], rows_by: HeatmapRows, request: RangeRequest) -> None:
        rows_before = self.heatmap_model.rowCount()
        self.heatmap_model.set_map(answer, rows_by, request)
        if self.heatmap_model.rowCount() != rows_before:
            self._fit_map()
        if not answer["rows"]:
            self.status.setText(self.tr("No queues or agents to show."))

    def _fit_map(self) -> None:
        """The map as tall as its rows need (up to 60 % of the tab), the rest for the
        conversations and the timeline."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        needed = self.map_view.minimumSizeHint().height() + 2 * self.map_area.frameWidth()
        top = min(needed, int(total * 0.6))
        self.splitter.setSizes([top, total - top])

    def clear(self) -> None:
        """Nothing of the previous user's map, cell or timeline."""
        self.heatmap_model.clear()
        self.status.setText("")
        self.cell_title.setText(self.tr("Click a cell to see the conversations behind it."))
        self.drilldown_model.clear()
        self.timeline_model.show_first(None, None)
        self.timeline_title.setText(self.tr("Open a conversation to see its timeline."))

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def show_cell(self, row: int, column: int) -> None:
        """The drill-down's heading: which cell its conversations are behind."""
        m = self.heatmap_model
        self.cell_title.setText(
            self.tr("Conversations behind %1").replace("%1", m.tooltip(row, column))
        )
        self.drilldown_model.clear()
        self.timeline_model.show_first(None, None)
        self.timeline_title.setText(self.tr("Open a conversation to see its timeline."))

    def show_timeline(self, conversation_id: str, answer: dict[str, Any], summary: str) -> None:
        self.timeline_title.setText(summary)
        self.timeline_model.show_first(conversation_id, answer)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.hidden.emit()
