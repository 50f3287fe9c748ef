"""The conversation and message cache: upserts, inbox views, paging, statuses, pending."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_reads import stored_message
from store_samples import BASE_MS, conversation, message

from wa_desk.core.cursor import encode as encode_cursor
from wa_desk.store import LocalStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with LocalStore.open(tmp_path / "store.sqlite3") as s:
        yield s


def ids(items: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [i["id"] for i in items]


def test_conversations_round_trip_as_the_api_json(store: LocalStore) -> None:
    item = conversation("c1", name="Ana 👋", unread=3)
    store.upsert_conversations([item])
    assert store.conversation("c1") == item
    assert store.conversation("nope") is None
    changed = {**item, "state": "assigned", "assignee": "u1", "assignee_name": "Ana"}
    store.upsert_conversations([changed])
    assert store.conversation("c1") == changed


def test_views_mine_queue_and_all_newest_first(store: LocalStore) -> None:
    store.upsert_conversations(
        [
            conversation("q-old", at=1),
            conversation("q-new", at=5),
            conversation("q-other-queue", queue="soporte", at=6),
            conversation("mine", state="assigned", assignee="me", at=3),
            conversation("mine-closed", state="closed", assignee="me", at=9, closed_at=10),
            conversation("theirs", state="assigned", assignee="luis", at=7),
        ]
    )
    assert ids(store.list_conversations("mine", "me", ["ventas"])) == ["mine"]
    assert ids(store.list_conversations("queue", "me", ["ventas"])) == ["q-new", "q-old"]
    assert ids(store.list_conversations("queue", "me", ["ventas", "soporte"])) == [
        "q-other-queue",
        "q-new",
        "q-old",
    ]
    assert store.list_conversations("queue", "me", []) == []
    assert ids(store.list_conversations("all", "me", [])) == [
        "mine-closed",
        "theirs",
        "q-other-queue",
        "q-new",
        "mine",
        "q-old",
    ]
    assert len(store.list_conversations("all", "me", [], limit=2)) == 2
    with pytest.raises(ValueError):
        store.list_conversations("everything", "me", [])  # type: ignore[arg-type]


def test_views_combine_with_search(store: LocalStore) -> None:
    store.upsert_conversations(
        [
            conversation("a", name="Lucía Pérez", at=1),
            conversation("b", name="Marta Ruiz", at=2),
            conversation("c", name="Lucía Gómez", state="assigned", assignee="me", at=3),
        ]
    )
    assert ids(store.list_conversations("queue", "me", ["ventas"], search="lucia")) == ["a"]
    assert ids(store.list_conversations("all", "me", [], search="lucía")) == ["c", "a"]
    assert store.list_conversations("all", "me", [], search="  \"*' ") == []


def test_contact_history_lists_every_conversation_newest_first(store: LocalStore) -> None:
    store.upsert_conversations(
        [
            conversation(
                "first",
                state="closed",
                at=1,
                closed_at=2,
                disposition="resolved",
                assignee="u1",
                assignee_name="Ana",
            ),
            conversation("second", state="assigned", at=5, assignee="u2", assignee_name="Luis"),
            conversation("someone-else", wa_id="34999", at=7),
        ]
    )
    history = store.contact_history("34600111222")
    assert ids(history) == ["second", "first"]
    assert history[1]["disposition"] == "resolved"
    assert history[1]["assignee_name"] == "Ana"
    assert history[1]["closed_at"] is not None
    assert history[0]["queue"] == "ventas"


def test_messages_page_oldest_first_with_a_cursor(store: LocalStore) -> None:
    store.upsert_messages(message(f"m{i:03d}", "c1", text=f"n{i}", at=i * 10) for i in range(120))
    store.upsert_messages([message("x", "c2", at=5)])
    first = store.messages_page("c1", limit=50)
    assert ids(first.items) == [f"m{i:03d}" for i in range(70, 120)]
    second = store.messages_page("c1", before=first.before, limit=50)
    assert ids(second.items) == [f"m{i:03d}" for i in range(20, 70)]
    third = store.messages_page("c1", before=second.before, limit=50)
    assert ids(third.items) == [f"m{i:03d}" for i in range(20)]
    assert third.before is None
    assert store.messages_page("nothing").items == []


def test_messages_after_pages_newer_from_a_cursor_to_the_newest(store: LocalStore) -> None:
    # Two messages share a timestamp: the id orders them, on both sides of a cursor.
    store.upsert_messages(message(f"m{i:03d}", "c1", at=(i // 2) * 10) for i in range(120))
    store.upsert_messages([message("x", "c2", at=5)])
    oldest = store.messages_page("c1", limit=50)
    while oldest.before is not None:
        oldest = store.messages_page("c1", before=oldest.before, limit=50)
    assert ids(oldest.items) == [f"m{i:03d}" for i in range(20)]
    start = encode_cursor(BASE_MS + 90, "m018")  # the message m018, second of its timestamp's two
    first = store.messages_after("c1", start, limit=50)
    assert ids(first.items) == [f"m{i:03d}" for i in range(19, 69)]
    assert first.before == encode_cursor(BASE_MS + 340, "m068")
    second = store.messages_after("c1", first.before or "", limit=50)
    assert ids(second.items) == [f"m{i:03d}" for i in range(69, 119)]
    last = store.messages_after("c1", second.before or "", limit=50)
    assert ids(last.items) == ["m119"] and last.before is None
    assert store.messages_after("c1", encode_cursor(BASE_MS + 590, "m119")).items == []


def test_statuses_only_move_forward(store: LocalStore) -> None:
    store.upsert_messages([message("m1", "c1", direction="out", status="accepted", wamid="w1")])

    def status(name: str, **extra: object) -> bool:
        return store.apply_status({"id": "m1", "wamid": "w1", "status": name, **extra})

    assert status("delivered", status_at="2026-01-01T00:00:00.000Z")
    assert not status("sent")
    assert not status("delivered")
    assert status("read")
    assert not status("failed", error={"code": 131047})
    stored = stored_message(store, "m1")
    assert stored is not None
    assert stored["status"] == "read"
    assert stored["error"] is None
    assert not store.apply_status({"id": "unknown", "wamid": None, "status": "read"})


def test_a_stale_copy_of_a_message_does_not_undo_a_newer_status(store: LocalStore) -> None:
    store.upsert_messages([message("m1", "c1", direction="out", status="pending", wamid="")])
    assert store.apply_status({"id": "m1", "wamid": "w1", "status": "delivered"})
    store.upsert_messages([message("m1", "c1", direction="out", status="accepted", wamid="w1")])
    stored = stored_message(store, "m1")
    assert stored is not None and stored["status"] == "delivered"


def test_a_failure_with_its_reason_replaces_delivered(store: LocalStore) -> None:
    store.upsert_messages([message("m1", "c1", direction="out", status="delivered")])
    error = {"code": 131047, "title": "Re-engagement message", "meaning": "window"}
    assert store.apply_status({"id": "m1", "status": "failed", "error": error})
    stored = stored_message(store, "m1")
    assert stored is not None and stored["error"] == error


def test_a_pending_message_shows_at_once_and_the_server_copy_replaces_it(
    store: LocalStore,
) -> None:
    store.upsert_messages([message("in1", "c1", at=0)])
    _, pending = store.queue_send("c1", "me", text="¿En qué le ayudo?")
    assert pending["status"] == "pending"
    assert pending["id"].startswith("local-") and pending["local_id"] == pending["id"]
    assert ids(store.messages_page("c1").items) == ["in1", pending["id"]]
    server = message("srv1", "c1", direction="out", status="accepted", text="¿En qué le ayudo?")
    store.upsert_messages([{**server, "idempotency_key": pending["idempotency_key"]}])
    assert ids(store.messages_page("c1").items) == ["in1", "srv1"]
    assert stored_message(store, pending["id"]) is None
    assert stored_message(store, "srv1") == server


def test_a_pending_template(store: LocalStore) -> None:
    template = {"name": "seguimiento", "language": "es", "body_params": ["Lucía"]}
    _, pending = store.queue_send("c1", "me", template=template)
    assert pending["type"] == "template" and pending["template"] == "seguimiento"
    with pytest.raises(ValueError):  # neither text nor template: nothing is queued
        store.queue_send("c1", "me")
    assert store.outbox_count() == 1


def test_kv(store: LocalStore) -> None:
    assert store.get("stream.last_event_id") is None
    store.set("stream.last_event_id", "41")
    store.set("stream.last_event_id", "42")
    assert store.get("stream.last_event_id") == "42"
