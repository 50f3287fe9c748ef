"""Asking for a promise's details: what was promised and by when (a new promise), the
new date and the reason given to the customer (a promise moved to another date), or why
it will not be kept (a broken promise)."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from wa_desk.core.clock import Millis
from wa_desk.core.promises import MAX_REASON_LENGTH, MAX_WHAT_LENGTH
from wa_desk.ui.common.timefmt import local_datetime


class PromiseDialog(QDialog):
    """``what`` and ``due`` are asked for a new promise; ``due`` and ``reason`` for a new
    date; ``reason`` alone for a promise that will not be kept."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        due_ms: Millis,
        what: str | None = None,
        reschedule_of: str | None = None,
        break_of: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.breaking = break_of is not None
        self.rescheduling = reschedule_of is not None or self.breaking  # asks a reason
        if self.breaking:
            title = self.tr("A promise that will not be kept")
        elif self.rescheduling:
            title = self.tr("Move a promise to another date")
        else:
            title = self.tr("Promise")
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.what = QLineEdit(self)
        self.what.setMaxLength(MAX_WHAT_LENGTH)
        self.what.setAccessibleName(self.tr("What was promised"))
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(MAX_REASON_LENGTH)
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("What the customer was told"))
        if self.rescheduling:
            promised = QLabel(self)
            promised.setTextFormat(Qt.TextFormat.PlainText)  # the agent's words, as data
            promised.setWordWrap(True)
            promised.setText((break_of if self.breaking else reschedule_of) or "")
            form.addRow(self.tr("Promise"), promised)
        else:
            self.what.setText(what or "")
            form.addRow(self.tr("What"), self.what)
        self.due = QDateTimeEdit(local_datetime(due_ms), self)
        self.due.setCalendarPopup(True)
        self.due.setMinimumDateTime(QDateTime.currentDateTime().addDays(-1))
        self.due.setAccessibleName(self.tr("By when"))
        if not self.breaking:
            form.addRow(self.tr("By when"), self.due)
        else:
            self.due.hide()
        if self.rescheduling:
            form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.what.textChanged.connect(self._check)
        self.reason.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    def due_ms(self) -> Millis:
        return self.due.dateTime().toMSecsSinceEpoch()

    def text(self) -> str:
        """What was promised (new) or the reason (moved), trimmed."""
        return (self.reason if self.rescheduling else self.what).text().strip()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text()))
