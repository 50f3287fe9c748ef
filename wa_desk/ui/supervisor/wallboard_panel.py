"""The wallboard tab: the queues as tiles, the agents as a sortable table filtered by
queue, the chosen agent's status today, and a button to change that agent's status or
capacity. It shows what its models hold and says what the supervisor asks; the
``WallboardController`` feeds it from the hub.

Outputs (signals):
    agentChosen(row)          a row of the table was chosen (its agent row dict)
    changeRequested(row)      "Change status or capacity…" for that agent
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.clock import Millis, now_ms
from wa_desk.ui.supervisor.agent_delegate import AgentDelegate
from wa_desk.ui.supervisor.agent_model import AgentColumn, AgentFilter, AgentModel, AgentRoles
from wa_desk.ui.supervisor.queue_model import QueueModel
from wa_desk.ui.supervisor.queue_tiles import QueueTiles
from wa_desk.ui.supervisor.timeline_model import TimelineModel
from wa_desk.ui.supervisor.timeline_view import StatusTimeline

TICK_MS = 1000  # running times move on screen once a second


class WallboardPanel(QWidget):
    agentChosen = Signal(object)  # the agent's row
    changeRequested = Signal(object)  # the agent's row
    reassignRequested = Signal(object)  # the agent's row: hand their conversations over
    ticked = Signal()  # the clock moved while the board is shown (a new day, maybe)

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self.queues = QueueModel(self, clock=clock)
        self.agents = AgentModel(self, clock=clock)
        self.timeline = TimelineModel(self, clock=clock)
        self.filter = AgentFilter(self.agents, self)

        self.tiles = QueueTiles(self.queues, self)
        self.tiles.queueChosen.connect(self._tile_chosen)
        self.queue_choice = QComboBox(self)
        self.queue_choice.setAccessibleName(self.tr("Queue"))
        self.queue_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.queue_choice.addItem(self.tr("All queues"), None)
        self.queue_choice.currentIndexChanged.connect(self._queue_chosen)
        for signal in (self.queues.rowsInserted, self.queues.modelReset):
            signal.connect(self._fill_queues)
        queue_label = QLabel(self.tr("&Agents of"), self)
        queue_label.setBuddy(self.queue_choice)
        self.change_button = QPushButton(self.tr("C&hange status or capacity…"), self)
        self.change_button.setEnabled(False)
        self.change_button.clicked.connect(self._change_clicked)
        self.reassign_button = QPushButton(self.tr("&Reassign their conversations…"), self)
        self.reassign_button.setEnabled(False)
        self.reassign_button.clicked.connect(self._reassign_clicked)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)

        self.table = QTableView(self)
        self.table.setModel(self.filter)
        self.table.setItemDelegate(AgentDelegate(self.table))
        self.table.setAccessibleName(self.tr("Agents"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AgentColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.8))
        # Columns fit their contents when a board is loaded, not at every push: measuring
        # every cell again for each row the stream changes would cost a frame each time.
        # What the window has beyond the columns goes to the names; a narrow window
        # scrolls sideways rather than hide them (``_spread``).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._name_width = 0
        self.table.viewport().installEventFilter(self)
        header.setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._change_clicked())
        # The row's own menu says the same: right-click an agent to change them.
        self.change_action = QAction(self.change_button.text(), self)
        self.change_action.triggered.connect(self._change_clicked)
        self.reassign_action = QAction(self.reassign_button.text(), self)
        self.reassign_action.triggered.connect(self._reassign_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.status_timeline = StatusTimeline(self.timeline, self)

        bar = QHBoxLayout()
        bar.addWidget(queue_label)
        bar.addWidget(self.queue_choice)
        bar.addStretch(1)
        bar.addWidget(self.reassign_button)
        bar.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tiles)
        layout.addLayout(bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_timeline)
        self._show_empty()
        for signal in (self.agents.modelReset, self.agents.rowsInserted):
            signal.connect(self._show_empty)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()

    # -- inputs -----------------------------------------------------------------------

    def show_board(self, board: dict[str, Any]) -> None:
        """A whole board (``GET /api/v1/supervisor/wallboard``)."""
        chosen = self.chosen_agent()
        self.queues.replace(board.get("queues") or [])
        self.agents.replace(board.get("agents") or [])
        self.fit_columns()
        if chosen is not None:
            self.choose_agent(str(chosen["id"]))

    def fit_columns(self) -> None:
        """Each figure's column as wide as its title and its widest cell now, with room
        for the figures to grow ("9 min" becoming "1 h 05 min")."""
        header = self.table.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("m")
        for column in AgentColumn:
            self.table.resizeColumnToContents(column)
            extra = em * 3 if column is AgentColumn.NAME else em
            header.resizeSection(column, header.sectionSize(column) + extra)
        self._name_width = header.sectionSize(AgentColumn.NAME)
        self._spread()

    def _spread(self) -> None:
        """The names' column: their width, or more when the table has room to spare."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in AgentColumn if c is not AgentColumn.NAME)
        room = self.table.viewport().width() - others
        header.resizeSection(AgentColumn.NAME, max(self._name_width, room))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._spread()
        return super().eventFilter(watched, event)

    def clear(self) -> None:
        """Nobody's board (another user signed in)."""
        self.show_board({})
        self.timeline.show(None, "", 0, [])

    def tick(self) -> None:
        """The clock moved: running times, and the timeline's last stretch."""
        if not self.isVisible():
            return
        self.queues.tick()
        self.agents.tick()
        self.status_timeline.update()
        self.ticked.emit()

    def choose_agent(self, agent_id: str) -> bool:
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            if index.data(AgentRoles.ID) == agent_id:
                self.table.selectRow(row)
                return True
        return False

    def chosen_agent(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(AgentRoles.ROW)
        return dict(row) if row else None

    def choose_queue(self, queue: str | None) -> None:
        index = self.queue_choice.findData(queue)
        self.queue_choice.setCurrentIndex(max(0, index))

    # -- internals --------------------------------------------------------------------

    def _fill_queues(self, *_: object) -> None:
        chosen = self.queue_choice.currentData()
        self.queue_choice.blockSignals(True)
        while self.queue_choice.count() > 1:
            self.queue_choice.removeItem(1)
        for queue in self.queues.queues():
            self.queue_choice.addItem(queue, queue)
        self.queue_choice.setCurrentIndex(max(0, self.queue_choice.findData(chosen)))
        self.queue_choice.blockSignals(False)
        self._queue_chosen()

    def _queue_chosen(self, *_: object) -> None:
        queue = self.queue_choice.currentData()
        self.filter.set_queue(queue)
        self.tiles.select_queue(queue)
        self._show_empty()

    def _tile_chosen(self, queue: str) -> None:
        self.choose_queue(None if queue == self.queue_choice.currentData() else queue)

    def _show_empty(self, *_: object) -> None:
        if self.agents.rowCount() == 0:
            self.empty_label.setText(self.tr("No agents in your queues yet."))
        elif self.filter.rowCount() == 0:
            self.empty_label.setText(self.tr("Nobody works in this queue."))
        else:
            self.empty_label.setText("")
        self.empty_label.setVisible(bool(self.empty_label.text()))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.chosen_agent()
        self.change_button.setEnabled(row is not None)
        self.reassign_button.setEnabled(row is not None)
        if row is not None:
            self.agentChosen.emit(row)

    def _row_menu(self, at: QPoint) -> None:
        index = self.table.indexAt(at)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.change_action)
        menu.addAction(self.reassign_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(at))

    def _change_clicked(self) -> None:
        row = self.chosen_agent()
        if row is not None:
            self.changeRequested.emit(row)

    def _reassign_clicked(self) -> None:
        row = self.chosen_agent()
        if row is not None:
            self.reassignRequested.emit(row)
