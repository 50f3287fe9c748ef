"""Bars above the conversation: the disconnected banner and expected problems."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wa_desk.ui.app.problems import Problem, ProblemKind
from wa_desk.ui.common import theme


class MessageBar(QFrame):
    actionTriggered = Signal(str)  # the problem kind whose button was pressed

    def __init__(
        self, background: Callable[[theme.Colors], QColor], parent: QWidget | None = None
    ) -> None:
        """``background`` picks the bar's colour from the theme of the moment (e.g.
        ``lambda c: c.error_back``); its text keeps the window's, which reads on it."""
        super().__init__(parent)
        self.kind: ProblemKind | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        theme.follow(self, QPalette.ColorRole.Window, background)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.action = QPushButton(self)
        self.action.clicked.connect(lambda: self.actionTriggered.emit(self.kind or ""))
        self.dismiss = QPushButton(self.tr("Dismiss"), self)
        self.dismiss.clicked.connect(self.hide)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.title)
        texts.addWidget(self.text)
        layout = QHBoxLayout(self)
        layout.addLayout(texts, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.dismiss)
        self.setAccessibleName(self.tr("Notice"))
        self.hide()

    def show_text(
        self, title: str, text: str, action: str | None = None, *, closable: bool = True
    ) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        self.action.setVisible(bool(action))
        self.action.setText(action or "")
        self.dismiss.setVisible(closable)
        self.show()

    def show_problem(self, problem: Problem) -> None:
        self.kind = problem.kind
        text = problem.next_step
        if problem.detail:
            text = f"{problem.detail}\n{text}"
        self.show_text(problem.title, text, problem.action)
