"""Acknowledge an alert, or snooze it for a while, with a note for the other leads."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

# The hub keeps a note of up to this many characters (``alert_routes.MAX_NOTE_LENGTH``).
MAX_NOTE_LENGTH = 500
DEFAULT_SNOOZE_MINUTES = 30


class AlertAction(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    SNOOZE = "snooze"


class AlertActionDialog(QDialog):
    """``note()`` and, for a snooze, ``minutes()`` once accepted."""

    def __init__(
        self, action: AlertAction, alert_title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.action = action
        snooze = action is AlertAction.SNOOZE
        self.setWindowTitle(self.tr("Snooze alert") if snooze else self.tr("Acknowledge alert"))
        # The alert's sentence holds names (data): shown as plain text.
        self.summary = QLabel(alert_title, self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Alert"))
        self.duration = QComboBox(self)
        self.duration.setAccessibleName(self.tr("Snooze for"))
        for minutes, label in self._durations():
            self.duration.addItem(label, minutes)
        self.duration.setCurrentIndex(self.duration.findData(DEFAULT_SNOOZE_MINUTES))
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(MAX_NOTE_LENGTH)
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(
            self.tr("Why, for the other leads (optional)")
            if snooze
            else self.tr("What you are doing about it (optional)")
        )
        self.note_edit.setClearButtonEnabled(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        if snooze:
            form.addRow(self.tr("Snooze for"), self.duration)
        else:
            self.duration.hide()
        form.addRow(self.tr("Note"), self.note_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(
            self.tr("Snooze") if snooze else self.tr("Acknowledge"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        (self.duration if snooze else self.note_edit).setFocus()

    def _durations(self) -> list[tuple[int, str]]:
        return [
            (15, self.tr("15 minutes")),
            (30, self.tr("30 minutes")),
            (60, self.tr("1 hour")),
            (120, self.tr("2 hours")),
            (240, self.tr("4 hours")),
            (480, self.tr("8 hours")),
            (24 * 60, self.tr("1 day")),
        ]

    def note(self) -> str | None:
        """The note, or None when the lead wrote none."""
        return self.note_edit.text().strip() or None

    def minutes(self) -> int:
        return int(self.duration.currentData())
