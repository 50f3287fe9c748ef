"""The customer's open promises, across every conversation and queue the agent may see:
what was promised, by when, who owns it and who made it, so the next agent starts from
what was said. The agent marks one kept, moves it to another date, or adds one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.clock import Millis
from wa_desk.ui.common import theme
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.promise_dialog import PromiseDialog
from wa_desk.ui.common.promise_kept_dialog import KeptByMessageDialog
from wa_desk.ui.common.timefmt import format_due, format_when, parse_ms

HOUR_MS = 3_600_000
_PROMISE_ROLE = Qt.ItemDataRole.UserRole + 1  # the promise as the hub lists it


class PromisesBox(QGroupBox):
    keepRequested = Signal(str, str)  # "Kept" pressed: promise id, its conversation id
    keptBy = Signal(str, str, object)  # promise, conversation, the reply that kept it or None
    rescheduleRequested = Signal(str, str, object, str)  # promise, conversation, due ms, reason
    addRequested = Signal(str, str, object)  # conversation id, what, due ms (an int)
    breakRequested = Signal(str, str, str)  # promise id, its conversation id, reason

    def __init__(self, parent: QWidget | None, clock: Callable[[], Millis]) -> None:
        super().__init__(self.tr("Open promises"), parent)
        self._clock = clock
        self.conversation_id: str | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Open promises"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        # No spacing: a row's height is worked out for the full width, and spacing would
        # paint it narrower, wrapping a line more than there is room for (then elided).
        self.list.setSpacing(0)
        # Rows wrap again when the panel's width settles (or changes): none is cut short.
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self._max_height = self.fontMetrics().lineSpacing() * 12
        self.list.currentItemChanged.connect(self._selection)
        self.kept = QPushButton(self.tr("Kept"), self)
        self.kept.setToolTip(
            self.tr("The selected promise was kept: say which of your replies kept it")
        )
        self.kept.clicked.connect(self._keep)
        self.new_date = QPushButton(self.tr("New date…"), self)
        self.new_date.setToolTip(
            self.tr("Move the selected promise to another date, with the reason")
        )
        self.new_date.clicked.connect(self._reschedule)
        self.broken = QPushButton(self.tr("Won't be kept…"), self)
        self.broken.setToolTip(self.tr("The selected promise will not be kept: say why"))
        self.broken.clicked.connect(self._break)
        self.add = QPushButton(self.tr("Add…"), self)
        self.add.setToolTip(self.tr("Record a promise made to the customer"))
        self.add.clicked.connect(lambda: self.ask_new())
        # Two by two: the panel stays as narrow as its other parts let it be.
        buttons = QGridLayout()
        buttons.addWidget(self.kept, 0, 0)
        buttons.addWidget(self.new_date, 0, 1)
        buttons.addWidget(self.broken, 1, 0)
        buttons.addWidget(self.add, 1, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.list)
        box.addLayout(buttons)
        self._fit()
        self._selection()

    def show_promises(self, promises: list[dict[str, Any]], conversation_id: str) -> None:
        """The customer's open promises, the soonest due first."""
        self.conversation_id = conversation_id
        self.list.clear()
        for promise in sorted(promises, key=lambda p: str(p.get("due_at") or "")):
            self.list.addItem(self._item(promise))
        if not promises:
            none = QListWidgetItem(self.tr("None open"))
            none.setFlags(Qt.ItemFlag.ItemIsEnabled)
            none.setForeground(theme.colors(self.palette()).muted)
            self.list.addItem(none)
        self._fit()
        self._selection()

    def _fit(self) -> None:
        """As tall as its promises (each line of each, and three more per promise for lines
        that wrap in a narrow panel), up to twelve lines: the panel's other parts stay in
        sight. Counted from the text, since a list not yet laid out cannot say how its
        rows wrap."""
        count = self.list.count()
        lines = sum(
            self.list.item(r).text().count("\n") + 4
            for r in range(count)
            if self.list.item(r).data(_PROMISE_ROLE)
        )
        spacing = self.fontMetrics().lineSpacing()
        rows = max(lines, 1) * spacing + 2 * self.list.spacing() * count
        self.list.setFixedHeight(min(self._max_height, rows + 2 * self.list.frameWidth()))

    def promise_ids(self) -> list[str]:
        out: list[str] = []
        for row in range(self.list.count()):
            promise = self.list.item(row).data(_PROMISE_ROLE)
            if promise:
                out.append(str(promise["id"]))
        return out

    def clear_promises(self) -> None:
        self.conversation_id = None
        self.list.clear()
        self._fit()
        self._selection()

    def ask_new(self, what: str | None = None, due_ms: Millis | None = None) -> None:
        """Ask what was promised and by when (prefilled when given): the next hour's end,
        or ``due_ms``."""
        if self.conversation_id is None:
            return
        due = due_ms if due_ms is not None else self._clock() + HOUR_MS
        dialog = PromiseDialog(self, due_ms=due, what=what)
        conversation_id = self.conversation_id
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.addRequested.emit(conversation_id, dialog.text(), dialog.due_ms())
        )
        dialog.open()

    def ask_kept_by(self, promise_id: str, replies: list[dict[str, Any]]) -> None:
        """Which of ``replies`` (the agent's recent ones, newest first) kept the promise,
        or none of them; then ``keptBy``."""
        promise = self._listed(promise_id)
        if promise is None:
            return
        dialog = KeptByMessageDialog(self, str(promise.get("what") or ""), replies, self._clock())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ids = (promise_id, str(promise["conversation_id"]))
        dialog.accepted.connect(lambda: self.keptBy.emit(*ids, dialog.message()))
        dialog.open()

    # -- internals --------------------------------------------------------------------

    def _listed(self, promise_id: str) -> dict[str, Any] | None:
        for row in range(self.list.count()):
            promise = self.list.item(row).data(_PROMISE_ROLE)
            if isinstance(promise, dict) and promise.get("id") == promise_id:
                return promise
        return None

    def _item(self, promise: dict[str, Any]) -> QListWidgetItem:
        now = self._clock()
        due = parse_ms(promise.get("due_at"))
        made = parse_ms(promise.get("made_at"))
        # A hand-over still waiting for the server has no name yet: no owner is shown
        # rather than a user id.
        owner = str(
            promise.get("owner_name") or ("" if promise.get("pending") else promise.get("owner"))
        )
        maker = isolated(str(promise.get("made_by_name") or promise.get("made_by") or ""))
        when = format_due(due, now) if due is not None else "?"
        if due is not None and due < now:
            due_text = self.tr("overdue since %1").replace("%1", when)
        else:
            due_text = self.tr("due %1").replace("%1", when)
        made_text = self.tr("promised by %1, %2").replace(
            "%2", format_when(made, now) if made else ""
        )
        made_text = made_text.replace("%1", maker)
        owner_text = self.tr("owner %1").replace("%1", isolated(owner)) if owner else ""
        if promise.get("pending"):
            # Changed here, not yet taken by the server (it may be unreachable).
            made_text += " · " + self.tr("not yet on the server")
        # The agent's words are data: a list item shows plain text.
        item = QListWidgetItem(
            f"{promise.get('what') or ''}\n"
            + (f"{due_text} · {owner_text}" if owner_text else due_text)
            + f"\n{made_text}"
        )
        item.setData(_PROMISE_ROLE, promise)
        if due is not None and due < now:
            item.setForeground(theme.colors(self.palette()).warning_text)
        return item

    def _current(self) -> dict[str, Any] | None:
        item = self.list.currentItem()
        promise = item.data(_PROMISE_ROLE) if item is not None else None
        return promise if isinstance(promise, dict) else None

    def _selection(self) -> None:
        chosen = self._current() is not None
        self.kept.setEnabled(chosen)
        self.new_date.setEnabled(chosen)
        self.broken.setEnabled(chosen)
        self.add.setEnabled(self.conversation_id is not None)

    def _keep(self) -> None:
        promise = self._current()
        if promise is not None:
            self.keepRequested.emit(str(promise["id"]), str(promise["conversation_id"]))

    def _reschedule(self) -> None:
        promise = self._current()
        if promise is None:
            return
        due = parse_ms(promise.get("due_at")) or self._clock()
        dialog = PromiseDialog(
            self, due_ms=max(due, self._clock()) + 24 * HOUR_MS, reschedule_of=str(promise["what"])
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ids = (str(promise["id"]), str(promise["conversation_id"]))
        dialog.accepted.connect(
            lambda: self.rescheduleRequested.emit(*ids, dialog.due_ms(), dialog.text())
        )
        dialog.open()

    def _break(self) -> None:
        promise = self._current()
        if promise is None:
            return
        dialog = PromiseDialog(self, due_ms=self._clock(), break_of=str(promise["what"]))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ids = (str(promise["id"]), str(promise["conversation_id"]))
        dialog.accepted.connect(lambda: self.breakRequested.emit(*ids, dialog.text()))
        dialog.open()
