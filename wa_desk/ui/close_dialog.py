"""Close a conversation with a disposition (how it ended) and an optional note."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wa_desk.ui.labels import dispositions as default_dispositions


class CloseDialog(QDialog):
    def __init__(
        self, dispositions: list[tuple[str, str]] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close conversation"))
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.tr("Close conversation"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def result_values(self) -> tuple[str, str]:
        return str(self.disposition.currentData()), self.note.toPlainText().strip()
