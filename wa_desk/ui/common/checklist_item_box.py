"""One checklist item: a tick box whose label wraps, so a long item never widens the
panel or the dialog it sits in (``QCheckBox`` draws its text on one line)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from wa_desk.core.guidelines import ChecklistItem


def item_text(item: ChecklistItem, required_mark: str) -> str:
    return f"{item.label} {required_mark}" if item.required else item.label


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ChecklistItemBox(QWidget):
    toggled = Signal(bool)

    def __init__(self, item: ChecklistItem, required_note: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.box.setAccessibleName(item.label)
        if item.required:
            self.box.setAccessibleDescription(required_note)
        self.label = _ClickableLabel(item_text(item, "*"), self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        # Beside its box whatever height the row is given, never centred away from it.
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setBuddy(self.box)
        self.label.clicked.connect(self.box.toggle)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.box.toggled.connect(self.toggled)

    def text(self) -> str:
        return self.label.text()

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        self.box.setChecked(checked)
