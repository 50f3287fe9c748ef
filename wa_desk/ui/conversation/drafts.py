"""What the agent is writing in each conversation, kept in the local store as they type,
so it survives switching conversations, signing out and a restart.

Typing never waits for the disk: an edit is held here and written from a worker thread
once typing pauses. One writer at a time, so the store sees the edits in the order they
were made; until a text is written, reading the conversation's draft answers it from
here. A sent text is forgotten by the store in the send's own transaction
(``LocalStore.queue_send``); ``sent`` makes sure no edit still on its way brings it back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from wa_desk.core.background import BackgroundTasks
from wa_desk.store.errors import StoreError
from wa_desk.store.local_store import LocalStore

SAVE_DELAY_MS = 400  # typing pauses this long before the draft is written


class Drafts(QObject):
    def __init__(
        self,
        store: LocalStore,
        report: Callable[[BaseException], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._report = report
        self._unsaved: dict[str, str] = {}  # conversation id -> text not yet in the store
        self._writing = asyncio.Lock()
        self._failing = False  # a failure is shown once, not at every pause in typing
        self._tasks = BackgroundTasks()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(lambda: self._tasks.spawn(self.save(), "save-drafts"))

    def edited(self, conversation_id: str, text: str) -> None:
        self._unsaved[conversation_id] = text
        self._timer.start()

    def sent(self, conversation_id: str) -> None:
        """The conversation's text was sent: its draft is gone for good."""
        self.edited(conversation_id, "")

    async def load(self, conversation_id: str) -> str:
        if conversation_id in self._unsaved:
            return self._unsaved[conversation_id]
        return await asyncio.to_thread(self._store.draft, conversation_id)

    async def save(self) -> None:
        """Write every edit not yet written (at a pause in typing, and at sign-out)."""
        self._timer.stop()
        async with self._writing:
            while self._unsaved:
                batch = dict(self._unsaved)
                try:
                    await asyncio.to_thread(self._store.set_drafts, batch)
                except StoreError as exc:
                    if not self._failing:
                        self._failing = True
                        self._report(exc)
                    return  # kept here: the next edit tries again
                self._failing = False
                for conversation_id, text in batch.items():
                    if self._unsaved.get(conversation_id) == text:
                        del self._unsaved[conversation_id]

    async def aclose(self) -> None:
        """Everything written; nothing more will be."""
        await self.save()
        await self._tasks.cancel_all()
