"""Marking a promise kept, with what kept it: from a promise, the agent picks which of
their recent replies kept it (or none: kept some other way, a call, an email); from a
reply, which of the customer's open promises it kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wa_desk.core.auto_replies import AUTOMATIC_SENDER
from wa_desk.core.clock import Millis
from wa_desk.core.csat import SURVEY_SENDER
from wa_desk.ui.common import theme
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_due, format_when, parse_ms

_CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1  # the message or promise the row stands for
# A reply longer than this shows its start: the row is there to recognise it by.
_SHOWN_CHARACTERS = 160


def may_keep_a_promise(message: dict[str, Any]) -> bool:
    """Whether a message can be what kept a promise: a reply a person sent (not the
    server's automatic greeting or survey) that did not fail."""
    return (
        message.get("direction") == "out"
        and message.get("status") != "failed"
        and message.get("sender") not in (AUTOMATIC_SENDER, SURVEY_SENDER)
    )


def kept_by_reference(reply: dict[str, Any]) -> dict[str, str]:
    """How a keep names the reply that kept it: by the hub's id once the hub has the
    reply, else by the idempotency key its send carries (it still waits in the outbox,
    which takes it to the hub before the keep)."""
    if reply.get("local_id") or not reply.get("id"):
        return {"message_key": str(reply.get("idempotency_key") or "")}
    return {"message_id": str(reply["id"])}


def _shortened(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_CHARACTERS else flat[: _SHOWN_CHARACTERS - 1] + "…"


class _ChoiceDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, prompt: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.prompt = QLabel(self)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)  # holds the agent's words
        self.prompt.setWordWrap(True)
        self.prompt.setText(prompt)
        self.choices = QListWidget(self)
        self.choices.setWordWrap(True)
        self.choices.setAlternatingRowColors(True)
        self.choices.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.choices.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choices.currentItemChanged.connect(self._check)
        box = QVBoxLayout(self)
        box.addWidget(self.prompt)
        box.addWidget(self.choices)
        box.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumWidth(em * 42)
        self.choices.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)

    def _add(self, text: str, value: dict[str, Any] | None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(_CHOICE_ROLE, value)
        self.choices.addItem(item)
        return item

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.choices.currentItem() is not None)

    def chosen(self) -> dict[str, Any] | None:
        item = self.choices.currentItem()
        value = item.data(_CHOICE_ROLE) if item is not None else None
        return value if isinstance(value, dict) else None


class KeptByMessageDialog(_ChoiceDialog):
    """Which reply kept the promise ``what``: the conversation's recent replies, newest
    first and the newest chosen, or none of them."""

    def __init__(
        self, parent: QWidget | None, what: str, replies: list[dict[str, Any]], now: Millis
    ) -> None:
        super().__init__(
            parent,
            self.tr("Promise kept"),
            self.tr("Which of your replies kept “%1”?").replace("%1", what),
        )
        for reply in replies:
            at = parse_ms(reply.get("timestamp"))
            when = format_when(at, now) if at is not None else ""
            text = reply.get("text") or (
                self.tr("Template %1").replace("%1", isolated(str(reply.get("template") or "")))
            )
            self._add(f"{when} · {isolated(_shortened(str(text)))}", reply)
        other_way = self._add(self.tr("None of them: kept another way (a call, an email…)"), None)
        # Set apart from the replies: it is not one of them.
        font = other_way.font()
        font.setItalic(True)
        other_way.setFont(font)
        other_way.setForeground(theme.colors(self.palette()).muted)
        self.choices.setCurrentRow(0)

    def message(self) -> dict[str, Any] | None:
        """The reply chosen; None: kept without naming one."""
        return self.chosen()


class PromiseKeptByDialog(_ChoiceDialog):
    """Which of the customer's open promises the reply ``text`` kept (the soonest due
    chosen)."""

    def __init__(
        self, parent: QWidget | None, text: str, promises: list[dict[str, Any]], now: Millis
    ) -> None:
        prompt = (
            self.tr("Which promise did this reply keep? “%1”").replace("%1", _shortened(text))
            if text.strip()
            else self.tr("Which promise did this reply keep?")  # a template, a picture
        )
        super().__init__(parent, self.tr("Promise kept"), prompt)
        for promise in promises:
            due = parse_ms(promise.get("due_at"))
            when = format_due(due, now) if due is not None else "?"
            line = self.tr("due %1").replace("%1", when)
            self._add(f"{isolated(str(promise.get('what') or ''))}\n{line}", promise)
        self.choices.setCurrentRow(0)

    def promise(self) -> dict[str, Any] | None:
        return self.chosen()
