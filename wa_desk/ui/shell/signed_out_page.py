"""The window's page while nobody is signed in: it says so, and offers to sign in.

Shown when the agent cancels the sign-in after signing out or after their session ended,
instead of closing the app; nothing of the previous user's work is on screen meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class SignedOutPage(QWidget):
    signInRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("You are signed out."), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(
            self.tr(
                "Conversations and what you did are kept on this computer. Sign in to "
                "keep working; what is waiting to be sent goes out then."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # A fixed width, and the height its wrapped lines need at that width.
        width = hint.fontMetrics().horizontalAdvance("m") * 34
        hint.setFixedWidth(width)
        hint.setMinimumHeight(hint.heightForWidth(width))
        self.sign_in = QPushButton(self.tr("Sign in…"), self)
        self.sign_in.setDefault(True)
        self.sign_in.clicked.connect(self.signInRequested)
        column = QVBoxLayout(self)
        column.addStretch(1)
        for widget in (title, hint, self.sign_in):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        self.sign_in.setAccessibleName(self.tr("Sign in"))
