"""A bug reached the top: say so plainly, show the details, tell where the log is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("wa-desk hit a problem"))
        intro = QLabel(
            self.tr(
                "Something went wrong inside wa-desk. Your messages and actions are saved; "
                "you can keep working, but if this happens again, restart the application "
                "and send the log file to your IT team."
            ),
            self,
        )
        intro.setWordWrap(True)
        where = QLabel(
            self.tr("Log file: %1").replace("%1", log_path or self.tr("not written")), self
        )
        where.setWordWrap(True)
        where.setTextFormat(Qt.TextFormat.PlainText)
        # IT asks for the file: the agent can select the path and copy it.
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        # A traceback's indentation and columns read only in a fixed-width font.
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setAccessibleName(self.tr("Technical details"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("x") * 80, fm.height() * 24)
