"""The canned-reply picker above the editor: a search field, the matching replies best
first, and the chosen one exactly as it will go into the draft (plain text: it is
customer-facing). Up and Down move through the list from the search field, Enter inserts,
Esc closes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.canned_replies import CannedReply, unfilled
from wa_desk.ui.common import theme
from wa_desk.ui.conversation.canned_list import CannedReplyListModel, CannedRoles
from wa_desk.ui.conversation.template_list import TemplateRowDelegate

_LIST_ROWS = 3  # two-line rows the picker shows at once (like the template list)


class CannedPicker(QFrame):
    chosen = Signal(object, str)  # the CannedReply, and its text as the preview shows it
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Canned replies"))
        self.title = QLabel(self.tr("Canned replies"), self)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by name, text or tag"))
        self.search.setAccessibleName(self.tr("Search canned replies"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.installEventFilter(self)
        self.model = CannedReplyListModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(TemplateRowDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName(self.tr("Matching canned replies"))
        self.list.setSpacing(2)  # two-line rows apart from each other
        row_height = self.fontMetrics().lineSpacing() * 2 + 4
        self.list.setFixedHeight(row_height * _LIST_ROWS + 8)
        self.list.installEventFilter(self)
        self.list.doubleClicked.connect(lambda _index: self.choose())
        self.list.selectionModel().currentChanged.connect(self._show_preview)
        self.model.modelReset.connect(self._select_first)
        self.preview_title = QLabel(self.tr("The customer will read:"), self)
        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # customer-facing data
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("Canned reply preview"))
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)  # it names the reply's variables
        theme.follow(self.hint, QPalette.ColorRole.WindowText, lambda c: c.muted)
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height() // 3
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(margin)
        for widget in (self.title, self.search, self.list, self.preview_title, self.preview):
            layout.addWidget(widget)
        layout.addWidget(self.hint)

    # -- inputs ---------------------------------------------------------------------------

    def set_replies(self, replies: Sequence[CannedReply], values: Mapping[str, str]) -> None:
        self.model.set_replies(replies, values)

    def open_with(self, query: str) -> None:
        """Shown, searching ``query``, the search field ready for more typing."""
        self.search.setText(query)
        self._search(query)  # the same text again must still rank afresh
        self.show()
        self.search.setFocus()
        self.search.end(False)

    def current(self) -> CannedReply | None:
        reply = self.list.currentIndex().data(CannedRoles.REPLY)
        return reply if isinstance(reply, CannedReply) else None

    def shown_preview(self) -> str:
        return self.preview.text()

    # -- actions --------------------------------------------------------------------------

    def choose(self) -> None:
        reply = self.current()
        if reply is not None:
            self.hide()
            self.chosen.emit(reply, self.model.preview(reply))

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose()
            return True
        if key == Qt.Key.Key_Escape:
            self.dismiss()
            return True
        if watched is self.search and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._move(-1 if key == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = min(max(self.list.currentIndex().row() + step, 0), rows - 1)
            self.list.setCurrentIndex(self.model.index(row, 0))

    def _search(self, text: str) -> None:
        self.model.set_query(text)

    def _fit_rows(self) -> None:
        """As tall as ``_LIST_ROWS`` whole rows: a row cut in half reads as a glitch."""
        hint = self.list.sizeHintForRow(0)
        if hint > 0:
            spacing = self.list.spacing()
            frame = 2 * self.list.frameWidth()
            self.list.setFixedHeight((hint + 2 * spacing) * _LIST_ROWS + frame)

    def _select_first(self) -> None:
        self._fit_rows()
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))
        else:
            self._show_preview(QModelIndex())

    def _show_preview(self, index: QModelIndex) -> None:
        text = index.data(CannedRoles.PREVIEW) if index.isValid() else None
        if not isinstance(text, str):
            self.preview.setText("")
            self.preview_title.setVisible(False)
            query = self.search.text().strip()
            self.hint.setText(
                self.tr("No canned reply matches “%1”.").replace("%1", query)
                if query
                else self.tr("There are no canned replies for this queue.")
            )
            return
        self.preview_title.setVisible(True)
        self.preview.setText(text)
        missing = unfilled(text)
        if missing:
            names = ", ".join("{{" + m + "}}" for m in missing)
            self.hint.setText(
                self.tr("Enter inserts it; then write %1 in the draft before sending.").replace(
                    "%1", names
                )
            )
        else:
            self.hint.setText(self.tr("Enter inserts it, Esc closes."))
