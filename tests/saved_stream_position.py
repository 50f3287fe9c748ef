"""The stream's position kept in a local store across runs, as the desktop app keeps it
(read once at start, written as events arrive), for tests that drive a StreamConsumer
without the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wa_desk.client.ports import LAST_EVENT_ID_KEY
from wa_desk.store import LocalStore

OnEvent = Callable[[str, int, dict[str, Any]], None]


def saved_position(store: LocalStore) -> int | None:
    saved = store.get(LAST_EVENT_ID_KEY)
    return int(saved) if saved and saved.isdigit() else None


def saving_position(store: LocalStore, on_event: OnEvent) -> OnEvent:
    """``on_event``, then the event's seq saved as where the next run resumes."""

    def handle(kind: str, seq: int, data: dict[str, Any]) -> None:
        on_event(kind, seq, data)
        store.set(LAST_EVENT_ID_KEY, str(seq))

    return handle
