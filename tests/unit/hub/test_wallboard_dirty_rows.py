"""Which wallboard rows a committed stream event marks as changed: its queue's, and the
agents who held the conversation before and after it (a transfer changes both)."""

from __future__ import annotations

from typing import Any

import orjson

from wa_desk.core.stream_protocol import StreamEventKind as K
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.wallboard_push import DirtyRows


def event(
    kind: K, queue: str | None, conversation: str | None, data: dict[str, Any]
) -> StreamEvent:
    return StreamEvent(1, 0, kind.value, queue, conversation, orjson.dumps(data), b"")


def updated(conversation: str, queue: str, assignee: str | None, state: str) -> StreamEvent:
    data = {"queue": queue, "assignee": assignee, "state": state}
    return event(K.CONVERSATION_UPDATED, queue, conversation, data)


def test_a_message_marks_its_queue() -> None:
    dirty = DirtyRows()
    dirty.note([event(K.MESSAGE_CREATED, "ventas", "c1", {"wamid": "w"})])
    assert dirty.wake.is_set()
    assert dirty.take() == (frozenset({"ventas"}), frozenset())
    assert not dirty.wake.is_set()


def test_a_transfer_marks_who_held_it_and_the_queue_it_left() -> None:
    dirty = DirtyRows()
    dirty.note([updated("c1", "ventas", "ana", "assigned")])
    assert dirty.take() == (frozenset({"ventas"}), frozenset({"ana"}))
    dirty.note([updated("c1", "soporte", "bea", "assigned")])
    assert dirty.take() == (frozenset({"ventas", "soporte"}), frozenset({"ana", "bea"}))
    dirty.note([updated("c1", "soporte", None, "closed")])
    assert dirty.take() == (frozenset({"soporte"}), frozenset({"bea"}))
    # Closed: forgotten, so a later change names only what it says.
    dirty.note([updated("c1", "soporte", None, "closed")])
    assert dirty.take() == (frozenset({"soporte"}), frozenset())


def test_an_agent_status_marks_the_agent_and_wallboard_rows_mark_nothing() -> None:
    dirty = DirtyRows()
    dirty.note([event(K.AGENT_STATUS, None, None, {"id": "ana", "status": "away"})])
    assert dirty.take() == (frozenset(), frozenset({"ana"}))
    dirty.note([event(K.WALLBOARD_CHANGED, None, None, {"type": "queue", "queue": "ventas"})])
    dirty.note([event(K.TEMPLATES_CHANGED, None, None, {"templates": []})])
    assert not dirty.wake.is_set()
    assert dirty.take() == (frozenset(), frozenset())
