"""The conversation's closing checklist, ticked while working it.

It only displays and reports: each tick is ``itemToggled`` and the composition root
keeps the state (per conversation, in the local store) and logs it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from wa_desk.core.guidelines import ChecklistItem
from wa_desk.ui.common.checklist_item_box import ChecklistItemBox


class ChecklistPanel(QGroupBox):
    itemToggled = Signal(str, str, bool)  # conversation id, item id, ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Checklist"))
        self.setAccessibleName(self.tr("Checklist"))
        self.conversation_id: str | None = None
        self._items: tuple[ChecklistItem, ...] = ()
        self.boxes: dict[str, ChecklistItemBox] = {}
        self.hint = QLabel(self.tr("* required before closing"), self)
        self.hint.setWordWrap(True)
        self._column = QVBoxLayout(self)
        self._column.addWidget(self.hint)
        self.setVisible(False)

    def show_checklist(
        self,
        conversation_id: str,
        items: Sequence[ChecklistItem],
        ticked: Mapping[str, bool],
    ) -> None:
        """The items of the conversation's queue with their state; hidden when none."""
        for box in self.boxes.values():
            self._column.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        self.conversation_id = conversation_id
        self._items = tuple(items)
        for item in self._items:
            box = ChecklistItemBox(item, self.tr("Required before closing"), self)
            box.setChecked(ticked.get(item.id) is True)
            box.toggled.connect(lambda on, i=item.id: self._toggled(i, on))
            self._column.insertWidget(self._column.count() - 1, box)
            self.boxes[item.id] = box
        self.hint.setVisible(any(i.required for i in self._items))
        self.setVisible(bool(self._items))

    def clear(self) -> None:
        self.show_checklist("", (), {})
        self.conversation_id = None

    def items(self) -> tuple[ChecklistItem, ...]:
        return self._items

    def state(self) -> dict[str, bool]:
        return {item_id: box.isChecked() for item_id, box in self.boxes.items()}

    def set_checked(self, item_id: str, checked: bool) -> None:
        """Tick from elsewhere (the close dialog): reported like a click here."""
        box = self.boxes.get(item_id)
        if box is not None:
            box.setChecked(checked)

    def _toggled(self, item_id: str, checked: bool) -> None:
        if self.conversation_id:
            self.itemToggled.emit(self.conversation_id, item_id, checked)
