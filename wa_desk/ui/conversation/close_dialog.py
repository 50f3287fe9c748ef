"""Close a conversation with a disposition (how it ended), an optional note, and the
queue's checklist: it does not close while a required item is unticked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.guidelines import ChecklistItem, missing_required
from wa_desk.ui.common import theme
from wa_desk.ui.common.checklist_item_box import ChecklistItemBox
from wa_desk.ui.common.labels import dispositions as default_dispositions


class CloseDialog(QDialog):
    """``itemToggled(item id, ticked)``: a tick here is the agent's, logged like one
    beside the conversation."""

    itemToggled = Signal(str, bool)

    def __init__(
        self,
        dispositions: list[tuple[str, str]] | None = None,
        parent: QWidget | None = None,
        *,
        items: Sequence[ChecklistItem] = (),
        ticked: Mapping[str, bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close conversation"))
        self._items = tuple(items)
        self.disposition = QComboBox(self)
        self.disposition.setAccessibleName(self.tr("Disposition"))
        for code, label in dispositions or default_dispositions():
            self.disposition.addItem(label, code)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("What was agreed or promised (optional)"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + self.fontMetrics().height())
        form = QFormLayout()
        form.addRow(self.tr("How did it end?"), self.disposition)
        form.addRow(self.tr("Note"), self.note)

        # The conversation's checklist as the agent left it: a tick here is reported
        # (itemToggled) and shown beside the conversation too.
        self.items_box = QGroupBox(self.tr("Checklist"), self)
        self.items_box.setAccessibleName(self.tr("Checklist"))
        self.boxes: dict[str, ChecklistItemBox] = {}
        items_column = QVBoxLayout(self.items_box)
        state = ticked or {}
        for item in self._items:
            box = ChecklistItemBox(item, self.tr("Required before closing"), self.items_box)
            box.setChecked(state.get(item.id) is True)
            box.toggled.connect(lambda on, i=item.id: self._ticked(i, on))
            items_column.addWidget(box)
            self.boxes[item.id] = box
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setAccessibleName(self.tr("Why it cannot close yet"))
        theme.follow(self.reason, self.reason.foregroundRole(), lambda c: c.failed)
        items_column.addWidget(self.reason)
        self.items_box.setVisible(bool(self._items))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.close_button: QPushButton = buttons.addButton(
            self.tr("Close conversation"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.items_box)
        layout.addWidget(buttons)
        self._update()

    def missing(self) -> list[str]:
        """Labels of the required items still unticked."""
        return [i.label for i in missing_required(self._items, self.checklist())]

    def checklist(self) -> dict[str, bool]:
        return {item_id: box.isChecked() for item_id, box in self.boxes.items()}

    def accept(self) -> None:
        if self.missing():
            self._update()
            return
        super().accept()

    def result_values(self) -> tuple[str, str]:
        return str(self.disposition.currentData()), self.note.toPlainText().strip()

    def _ticked(self, item_id: str, checked: bool) -> None:
        self.itemToggled.emit(item_id, checked)
        self._update()

    def _update(self) -> None:
        missing = self.missing()
        self.close_button.setEnabled(not missing)
        self.reason.setVisible(bool(missing))
        self.reason.setText(
            self.tr("Tick the required items before closing: %1").replace("%1", "; ".join(missing))
        )
