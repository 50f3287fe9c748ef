"""What the client needs from local storage, as Protocols ``store.LocalStore`` satisfies.

The client never imports the store (nor the store the client); the app passes the one
into the other.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from wa_desk.core.outbox_kinds import OutboxKind


class OutboxItem(Protocol):
    """One queued action, as the outbox runner reads it."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> OutboxKind: ...
    @property
    def conversation_id(self) -> str | None: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def idempotency_key(self) -> str: ...
    @property
    def attempts(self) -> int: ...


@runtime_checkable
class OutboxPort(Protocol):
    def outbox_next(self) -> OutboxItem | None: ...
    def outbox_mark_sending(self, entry_id: int) -> None: ...
    def outbox_retry_later(self, entry_id: int, code: str, message: str) -> None: ...
    def outbox_mark_done(self, entry_id: int, result: dict[str, Any] | None = None) -> None: ...
    def outbox_mark_failed(self, entry_id: int, code: str, message: str, *, actor: str) -> None: ...


# Where the app keeps the stream's position in its key-value store.
LAST_EVENT_ID_KEY = "stream.last_event_id"
