"""The action path: a user's action (an agent's, or a lead's from the supervisor view) →
the local action log → the outbox → the hub.

Every action is recorded in the local store first, in one durable transaction with its
outbox entry when the hub must carry it out; the outbox runner then takes it to the hub,
in order, exactly once, so the agent keeps working while the hub is away. A store that
cannot record it (a full disk, a damaged file) becomes a problem shown to the agent,
never a crash and never a silent loss: the caller learns that nothing was recorded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.store.errors import StoreError
from wa_desk.store.local_store import LocalStore

P = ParamSpec("P")
T = TypeVar("T")


class Actions:
    def __init__(
        self,
        store: LocalStore,
        user_id: str,
        *,
        wake: Callable[[], None],
        report: Callable[[BaseException], None],
    ) -> None:
        self._store = store
        self._user_id = user_id
        self._wake = wake
        self._report = report

    def guard(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """Run a store call; what the store could not do is reported, and None returned."""
        try:
            return fn(*args, **kwargs)
        except StoreError as exc:
            self._report(exc)
        return None

    def act(self, kind: OutboxKind, conversation_id: str | None, payload: dict[str, Any]) -> bool:
        """An action the hub carries out (claim, release, transfer, close, status...)."""
        entry = self.guard(self._store.queue_action, kind, self._user_id, conversation_id, payload)
        if entry is None:
            return False
        self._wake()
        return True

    def record(
        self, kind: AuditKind | str, conversation_id: str | None, data: dict[str, Any]
    ) -> bool:
        """An action only logged (a guideline warning, the start of a session...)."""
        seq = self.guard(self._store.append_action, kind, self._user_id, conversation_id, data)
        return seq is not None

    # From a task rather than a click: the store's work runs in a worker thread.

    async def act_async(
        self, kind: OutboxKind, conversation_id: str | None, payload: dict[str, Any]
    ) -> bool:
        return await self.queue_async(kind, conversation_id, payload) is not None

    async def queue_async(
        self, kind: OutboxKind, conversation_id: str | None, payload: dict[str, Any]
    ) -> int | None:
        """Like ``act_async``; the outbox entry's id (its result names it), or None when
        nothing was recorded."""
        entry = await asyncio.to_thread(
            self.guard, self._store.queue_action, kind, self._user_id, conversation_id, payload
        )
        if entry is None:
            return None
        self._wake()
        return entry.id

    async def record_async(
        self, kind: AuditKind | str, conversation_id: str | None, data: dict[str, Any]
    ) -> bool:
        return await asyncio.to_thread(self.record, kind, conversation_id, data)

    def send(
        self,
        conversation_id: str,
        *,
        text: str | None = None,
        template: dict[str, Any] | None = None,
        overridden: list[str] | None = None,
        reply_to: str | None = None,
        canned: dict[str, str] | None = None,
    ) -> dict[str, Any] | None:
        """A reply, queued; the pending message to show, or None when nothing was recorded.
        ``reply_to``: the WhatsApp id of the message a text answers (quoted to the
        customer); ``canned``: the canned reply (name, language) the text came from."""
        queued = self.guard(
            self._store.queue_send,
            conversation_id,
            self._user_id,
            text=text,
            template=template,
            overridden=overridden or (),
            reply_to=reply_to,
            canned=canned,
        )
        if queued is None:
            return None
        self._wake()
        return queued[1]

    def note(self, conversation_id: str, author_name: str, text: str) -> bool:
        queued = self.guard(
            self._store.queue_note, conversation_id, self._user_id, author_name, text
        )
        if queued is None:
            return False
        self._wake()
        return True

    def tag(self, add: bool, conversation_id: str, wa_id: str, tag: str) -> bool:
        entry = self.guard(self._store.queue_tag, add, self._user_id, conversation_id, wa_id, tag)
        if entry is None:
            return False
        self._wake()
        return True

    def marketing(self, stop: bool, conversation_id: str, wa_id: str) -> bool:
        entry = self.guard(self._store.queue_marketing, stop, self._user_id, conversation_id, wa_id)
        if entry is None:
            return False
        self._wake()
        return True

    def tick(self, conversation_id: str, item_id: str, ticked: bool) -> bool:
        state = self.guard(
            self._store.tick_checklist_item, conversation_id, self._user_id, item_id, ticked
        )
        return state is not None
