"""The customer beside the conversation: who they are, tags, private notes, and how
their earlier conversations went (so nobody starts from zero)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.clock import Millis, now_ms
from wa_desk.ui.common import theme
from wa_desk.ui.common.elided_label import ElidedLabel
from wa_desk.ui.common.labels import disposition
from wa_desk.ui.common.names import assignee_name, phone_number, profile_name
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_when, parse_ms
from wa_desk.ui.customer.checklist_panel import ChecklistPanel
from wa_desk.ui.customer.opt_out_label import OptOutLabel
from wa_desk.ui.customer.promises_box import PromisesBox

_TAG_ROLE = Qt.ItemDataRole.UserRole + 1
_MUTED_ROLE = Qt.ItemDataRole.UserRole + 2


def _plain_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class CustomerPanel(QWidget):
    noteAdded = Signal(str, str)  # conversation id, text
    tagAdded = Signal(str, str)
    tagRemoved = Signal(str, str)
    historySelected = Signal(str)  # an earlier conversation's id
    marketingChanged = Signal(str, bool)  # conversation id; True: the customer stops it

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], Millis] = now_ms
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.conversation_id: str | None = None

        # The checklist of the conversation's queue, ticked while working it.
        self.checklist = ChecklistPanel(self)
        # What was promised to the customer and is still open, at the top: the next
        # agent starts from it.
        self.promises = PromisesBox(self, clock)

        profile = QGroupBox(self.tr("Customer"), self)
        # One line, elided (whole in its tooltip): a long name never widens the panel.
        self.name = ElidedLabel(profile)
        self.name.setAccessibleName(self.tr("Name"))
        self.number = _plain_label(profile, self.tr("Number"))
        form = QFormLayout(profile)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Number"), self.number)
        self.marketing = OptOutLabel(profile)
        # What the customer said some other way (a call, an e-mail): recorded by hand.
        self.marketing_button = QPushButton(profile)
        self.marketing_button.clicked.connect(self._marketing_clicked)
        marketing = QVBoxLayout()
        marketing.setContentsMargins(0, 0, 0, 0)
        marketing.addWidget(self.marketing)
        marketing.addWidget(self.marketing_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow(self.tr("Marketing"), marketing)

        tags = QGroupBox(self.tr("Tags"), self)
        self.tags = QListWidget(tags)
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setFlow(QListWidget.Flow.LeftToRight)
        self.tags.setWrapping(True)
        self.tags.setSpacing(2)
        self.tags.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.tags.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tags.setMaximumHeight(self.fontMetrics().height() * 4)
        self.tag_edit = QLineEdit(tags)
        self.tag_edit.setPlaceholderText(self.tr("New tag"))
        self.tag_edit.setAccessibleName(self.tr("New tag"))
        self.tag_edit.returnPressed.connect(self._add_tag)
        add_tag = QToolButton(tags)
        add_tag.setText("+")
        add_tag.setToolTip(self.tr("Add tag"))
        add_tag.setAccessibleName(self.tr("Add tag"))
        add_tag.clicked.connect(self._add_tag)
        self.remove_tag = QToolButton(tags)
        self.remove_tag.setText("−")
        self.remove_tag.setToolTip(self.tr("Remove the selected tag"))
        self.remove_tag.setAccessibleName(self.tr("Remove the selected tag"))
        self.remove_tag.clicked.connect(self._remove_tag)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag_edit, 1)
        tag_row.addWidget(add_tag)
        tag_row.addWidget(self.remove_tag)
        tag_box = QVBoxLayout(tags)
        tag_box.addWidget(self.tags)
        tag_box.addLayout(tag_row)

        notes = QGroupBox(self.tr("Private notes"), self)
        self.notes = QListWidget(notes)
        self.notes.setAccessibleName(self.tr("Private notes"))
        self.notes.setWordWrap(True)
        self.notes.setAlternatingRowColors(True)
        self.notes.setSpacing(2)
        self.notes.setMaximumHeight(self.fontMetrics().height() * 8)
        self.note_edit = QPlainTextEdit(notes)
        self.note_edit.setPlaceholderText(self.tr("Only agents see notes"))
        self.note_edit.setAccessibleName(self.tr("New note"))
        self.note_edit.setFixedHeight(
            self.fontMetrics().lineSpacing() * 3 + self.fontMetrics().height()
        )
        add_note = QPushButton(self.tr("Add note"), notes)
        add_note.clicked.connect(self._add_note)
        note_box = QVBoxLayout(notes)
        note_box.addWidget(self.notes, 1)
        note_box.addWidget(self.note_edit)
        note_box.addWidget(add_note, 0, Qt.AlignmentFlag.AlignRight)

        history = QGroupBox(self.tr("Earlier conversations"), self)
        self.history = QListWidget(history)
        self.history.setAccessibleName(self.tr("Earlier conversations"))
        self.history.setWordWrap(True)
        self.history.setAlternatingRowColors(True)
        self.history.itemActivated.connect(self._history_activated)
        QVBoxLayout(history).addWidget(self.history)

        inner = QWidget(self)
        self._inner = inner
        column = QVBoxLayout(inner)
        column.addWidget(profile)
        column.addWidget(self.promises)
        column.addWidget(self.checklist)
        column.addWidget(tags)
        column.addWidget(notes)  # its list stops growing at 8 lines: no gaps above it
        column.addWidget(history, 1)
        scroll = QScrollArea(self)
        self._scroll = scroll
        scroll.setWidgetResizable(True)
        # Everything in the panel wraps to its width: scrolling is up and down only.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setEnabled(False)

    def minimumSizeHint(self) -> QSize:
        """As narrow as its contents allow beside the scroll bar: never so narrow that
        the scroll area cuts their right side off (it does not scroll sideways)."""
        hint = super().minimumSizeHint()
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        return QSize(self._inner.minimumSizeHint().width() + bar, hint.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ⇄ dark while shown
            muted = theme.colors(self.palette()).muted
            for row in range(self.history.count()):
                item = self.history.item(row)
                if item.data(_MUTED_ROLE):
                    item.setForeground(muted)

    # -- inputs -----------------------------------------------------------------------

    def show_customer(
        self,
        contact: dict[str, Any],
        history: list[dict[str, Any]],
        notes: list[dict[str, Any]],
        tags: list[str],
        conversation_id: str | None = None,
        *,
        elsewhere: int = 0,
    ) -> None:
        """Fill the panel. ``contact``: {wa_id, name, marketing_opt_out}; ``history``:
        earlier conversation dicts; ``notes``: {text, author_name|author, at}; ``tags``:
        strings; ``elsewhere``: how many more conversations the customer had in queues the
        agent cannot open."""
        if conversation_id is not None:
            self.conversation_id = conversation_id
        self.setEnabled(True)
        self.name.setText(profile_name(contact) or self.tr("(unknown)"))
        self.number.setText(phone_number(contact))
        self.set_marketing(contact.get("marketing_opt_out"))
        self.set_tags(tags)
        self.set_notes(notes)
        self.history.clear()
        for c in history:
            self.history.addItem(self._history_item(c))
        if elsewhere:
            # Counted so nobody takes a known customer for a new one; not openable here.
            # Two sentences, not a %n plural: English (the source) loads no translator.
            text = (
                self.tr("1 other conversation in queues you cannot open")
                if elsewhere == 1
                else self.tr("%1 other conversations in queues you cannot open").replace(
                    "%1", str(elsewhere)
                )
            )
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = item.font()
            font.setItalic(True)  # a note about the history, not one of its entries
            item.setFont(font)
            item.setForeground(theme.colors(self.palette()).muted)
            item.setData(_MUTED_ROLE, True)  # recoloured when the theme changes
            self.history.addItem(item)
        if not history and not elsewhere:
            self.history.addItem(self.tr("None: first conversation"))

    def set_marketing(self, opt_out: dict[str, Any] | None) -> None:
        """The customer stopped or resumed marketing messages (None: they get them)."""
        self.marketing.show_opt_out(opt_out)
        self.marketing_button.setText(
            self.tr("Stop marketing") if opt_out is None else self.tr("Allow marketing again")
        )
        self.marketing_button.setToolTip(
            self.tr("The customer asked not to receive marketing messages")
            if opt_out is None
            else self.tr("The customer asked to receive marketing messages again")
        )

    def set_tags(self, tags: list[str]) -> None:
        self.tags.clear()
        for tag in tags:
            item = QListWidgetItem(tag)
            item.setData(_TAG_ROLE, tag)
            self.tags.addItem(item)

    def set_notes(self, notes: list[dict[str, Any]]) -> None:
        self.notes.clear()
        for note in notes:
            at = parse_ms(note.get("at"))
            who = note.get("author_name") or note.get("author") or ""
            who = isolated(str(who)) if who else ""
            when = format_when(at, self._clock()) if at else ""
            state = {
                "transfer": self.tr("on transfer"),
                "close": self.tr("on closing"),
            }.get(str(note.get("kind") or ""), "")
            if note.get("pending"):
                state = self.tr("sending…")
            head = " · ".join(p for p in (str(who), when, state) if p)
            self.notes.addItem(
                f"{head}\n{note.get('text') or ''}" if head else str(note.get("text") or "")
            )
        self.notes.scrollToBottom()  # the newest note is the one that matters now

    def clear(self) -> None:
        self.conversation_id = None
        self.name.clear()
        self.number.clear()
        self.set_marketing(None)
        for w in (self.tags, self.notes, self.history):
            w.clear()
        self.promises.clear_promises()
        self.checklist.clear()
        self.setEnabled(False)

    # -- internals --------------------------------------------------------------------

    def _history_item(self, c: dict[str, Any]) -> QListWidgetItem:
        opened = parse_ms(c.get("opened_at") or c.get("last_message_at"))
        when = format_when(opened, self._clock()) if opened else ""
        name = assignee_name(c)
        who = isolated(name) if name else self.tr("nobody")
        if c.get("state") == "closed":
            how = self.tr("closed: %1").replace(
                "%1", disposition(c.get("disposition")) or self.tr("no disposition")
            )
        else:
            how = self.tr("still open")
        item = QListWidgetItem(f"{when} · {c.get('queue') or ''}\n{who} · {how}")
        item.setData(Qt.ItemDataRole.UserRole, c.get("id"))
        return item

    def _history_activated(self, item: QListWidgetItem) -> None:
        conversation_id = item.data(Qt.ItemDataRole.UserRole)
        if conversation_id:  # the counted-only and "first conversation" lines open nothing
            self.historySelected.emit(str(conversation_id))

    def _marketing_clicked(self) -> None:
        if self.conversation_id:
            stop = self.marketing.opt_out is None
            self.marketingChanged.emit(self.conversation_id, stop)

    def _add_tag(self) -> None:
        tag = " ".join(self.tag_edit.text().split())
        if tag and self.conversation_id:
            self.tagAdded.emit(self.conversation_id, tag)
            self.tag_edit.clear()

    def _remove_tag(self) -> None:
        item = self.tags.currentItem()
        if item is not None and self.conversation_id:
            self.tagRemoved.emit(self.conversation_id, str(item.data(_TAG_ROLE)))

    def _add_note(self) -> None:
        text = self.note_edit.toPlainText().strip()
        if text and self.conversation_id:
            self.noteAdded.emit(self.conversation_id, text)
            self.note_edit.clear()
