"""Hand conversations to an agent: who can take them, with their status and how many they
hold of how many they may; one already at capacity may be chosen, after a clear warning.
From the wallboard the dialog lists the conversations too, each one ticked or not."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.supervisor.assignee_model import Assignee, AssigneeColumn, AssigneeModel


class AssignDialog(QDialog):
    def __init__(
        self,
        heading: str,
        assignees: list[Assignee],
        parent: QWidget | None = None,
        *,
        conversations: list[tuple[str, str]] | None = None,
    ) -> None:
        """``heading``: what is being handed over, in words; ``conversations``: (id,
        label) of each one to choose from, all ticked at first (None: one conversation,
        not chosen here)."""
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Assign conversation")
            if conversations is None
            else self.tr("Reassign conversations")
        )
        self.heading = QLabel(heading, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)

        self.conversations: QListWidget | None = None
        if conversations is not None:
            self.conversations = QListWidget(self)
            self.conversations.setAccessibleName(self.tr("Conversations"))
            for conversation_id, label in conversations:
                item = QListWidgetItem(label, self.conversations)
                item.setData(Qt.ItemDataRole.UserRole, conversation_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            rows = max(1, min(len(conversations), 6))
            self.conversations.setFixedHeight(
                self.conversations.sizeHintForRow(0) * rows + 2 * self.conversations.frameWidth()
            )
            self.conversations.itemChanged.connect(self._update)
            layout.addWidget(QLabel(self.tr("Conversations to hand over:"), self))
            layout.addWidget(self.conversations)

        self.model = AssigneeModel(self)
        self.model.set_assignees(assignees)
        self.table = QTreeView(self)
        self.table.setModel(self.model)
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Agents"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(AssigneeColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (AssigneeColumn.STATUS, AssigneeColumn.LOAD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(QLabel(self.tr("Hand over to:"), self))
        layout.addWidget(self.table, 1)

        self.empty = QLabel(self.tr("Nobody else works in this queue."), self)
        self.empty.setWordWrap(True)
        self.empty.setVisible(not assignees)
        layout.addWidget(self.empty)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setStyleSheet("font-weight: bold;")
        self.warning.hide()
        layout.addWidget(self.warning)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(self.tr("Assign"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.table.doubleClicked.connect(lambda _i: self.ok.click())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Wide enough for either text of the button, which changes with the choice.
        self.ok.setText(self.tr("Assign anyway"))
        self.ok.setMinimumWidth(self.ok.sizeHint().width())
        self.setMinimumWidth(64 * self.fontMetrics().averageCharWidth())
        self._update()

    def set_assignees(self, assignees: list[Assignee]) -> None:
        """Statuses or loads changed while the dialog is open: the list follows, the
        choice stays."""
        chosen = self.chosen()
        self.model.set_assignees(assignees)
        if chosen is not None:
            self.choose(chosen.id)
        self.empty.setVisible(not assignees)
        self._update()

    # -- the choice -----------------------------------------------------------------------

    def choose(self, agent_id: str) -> bool:
        row = self.model.row_of(agent_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def chosen(self) -> Assignee | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.assignee(rows[0].row()) if rows else None

    def chosen_conversations(self) -> list[str]:
        """The ticked conversations' ids (none from the conversation pane)."""
        if self.conversations is None:
            return []
        items = (self.conversations.item(i) for i in range(self.conversations.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update()

    def _update(self, *_: object) -> None:
        chosen = self.chosen()
        full = chosen is not None and chosen.full
        if chosen is not None and full:
            self.warning.setText(
                self.tr(
                    "%1 is already at capacity (%2 of %3). Assigning to them gives them "
                    "more than they should hold."
                )
                .replace("%1", isolated(chosen.name))
                .replace("%2", str(chosen.open))
                .replace("%3", str(chosen.capacity))
            )
        self.warning.setVisible(full)
        self.ok.setText(self.tr("Assign anyway") if full else self.tr("Assign"))
        some = self.conversations is None or bool(self.chosen_conversations())
        self.ok.setEnabled(chosen is not None and some)
