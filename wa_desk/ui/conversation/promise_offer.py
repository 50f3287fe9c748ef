"""The composer's offer to record a promise: after a reply whose words match a promise
pattern of the policy, a bar above the editor names what was promised and by when, and
offers to record it. The reply has already gone to the outbox: the offer never holds a
send back, and ignoring it records nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from wa_desk.core.clock import Millis
from wa_desk.core.promise_patterns import PromiseOffer
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_when


class PromiseOfferBar(QFrame):
    # conversation id, what, due ms (an int, or None: the agent picks), the send's key
    recordRequested = Signal(str, str, object, str)

    def __init__(self, parent: QWidget | None, clock: Callable[[], Millis]) -> None:
        super().__init__(parent)
        self._clock = clock
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.conversation_id: str | None = None
        self._offer: PromiseOffer | None = None
        self._message_key = ""
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the agent's words, as data
        self.text.setWordWrap(True)
        self.record = QPushButton(self.tr("Record promise…"), self)
        self.record.clicked.connect(self._record)
        self.dismiss = QPushButton(self.tr("Not a promise"), self)
        self.dismiss.clicked.connect(self.withdraw)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.record)
        row.addWidget(self.dismiss)
        self.hide()

    def offer(self, conversation_id: str, found: PromiseOffer, message_key: str) -> None:
        """Offer to record ``found``, made by the send queued with ``message_key``."""
        self.conversation_id = conversation_id
        self._offer = found
        self._message_key = message_key
        what = isolated(found.what)
        if found.due_ms is None:
            text = self.tr("Record this as a promise? “%1”").replace("%1", what)
        else:
            when = format_when(found.due_ms, self._clock())
            text = (
                self.tr("Record this as a promise? “%1”, due %2")
                .replace("%2", when)
                .replace("%1", what)
            )
        self.text.setText(text)
        self.show()

    def withdraw(self) -> None:
        self.conversation_id = None
        self._offer = None
        self.hide()

    def _record(self) -> None:
        found, conversation_id = self._offer, self.conversation_id
        if found is None or conversation_id is None:
            return
        self.withdraw()
        self.recordRequested.emit(conversation_id, found.what, found.due_ms, self._message_key)
