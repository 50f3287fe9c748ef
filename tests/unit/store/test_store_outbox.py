"""The outbox (order, states, restart recovery) and the device's action log."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_reads import failed_entries, stored_message
from store_samples import conversation, message

from wa_desk.core.canonical_json import canonical_json
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.store import LocalStore


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[LocalStore]:
    with LocalStore.open(path) as s:
        yield s


def test_entries_come_out_oldest_first_and_only_while_queued(store: LocalStore) -> None:
    a = store.queue_action(OutboxKind.CLAIM, "me", "c1")
    b = store.queue_action(OutboxKind.CLOSE, "me", "c1", {"disposition": "resolved"})
    assert store.outbox_count() == 2
    first = store.outbox_next()
    assert first is not None and first.id == a.id and first.state == "queued"
    store.outbox_mark_sending(a.id)
    second = store.outbox_next()
    assert second is not None and second.id == b.id
    assert second.payload == {"disposition": "resolved"}
    assert second.idempotency_key == b.idempotency_key != a.idempotency_key
    store.outbox_mark_done(a.id)
    store.outbox_mark_failed(b.id, "not_assignee", "Only the assignee can close it.", actor="me")
    assert store.outbox_next() is None
    assert store.outbox_count() == 0
    [failed] = failed_entries(store)
    assert (failed.error_code, failed.error_message) == (
        "not_assignee",
        "Only the assignee can close it.",
    )


def test_retry_later_keeps_the_entry_first_in_line(store: LocalStore) -> None:
    a = store.queue_action(OutboxKind.CLAIM, "me", "c1")
    store.queue_action(OutboxKind.RELEASE, "me", "c1")
    store.outbox_mark_sending(a.id)
    store.outbox_retry_later(a.id, "hub_unreachable", "connection refused")
    again = store.outbox_next()
    assert again is not None and again.id == a.id
    assert again.attempts == 1 and again.error_code == "hub_unreachable"


def test_entries_interrupted_while_sending_are_queued_again_at_start(path: Path) -> None:
    with LocalStore.open(path) as store:
        a = store.queue_action(OutboxKind.CLAIM, "me", "c1")
        store.queue_action(OutboxKind.RELEASE, "me", "c1")
        store.outbox_mark_sending(a.id)
        assert store.outbox_next() is not None  # the second one
    with LocalStore.open(path) as store:
        entry = store.outbox_next()
        assert entry is not None and entry.id == a.id and entry.attempts == 1
        assert store.outbox_count() == 2


def test_a_queued_send_is_logged_shown_pending_and_replaced_when_done(store: LocalStore) -> None:
    store.upsert_conversations([conversation("c1", state="assigned", assignee="me")])
    entry, pending = store.queue_send("c1", "me", text="Hola, soy Ana")
    assert entry.kind == "send" and entry.payload["text"] == "Hola, soy Ana"
    assert entry.payload["local_id"] == pending["id"]
    assert pending["idempotency_key"] == entry.idempotency_key
    assert [m["id"] for m in store.messages_page("c1").items] == [pending["id"]]
    [event] = store.actions()
    assert event["kind"] == "message.sent" and event["data"]["text"] == "Hola, soy Ana"
    server = message("srv", "c1", direction="out", status="accepted", text="Hola, soy Ana")
    store.outbox_mark_done(entry.id, server)
    assert [m["id"] for m in store.messages_page("c1").items] == ["srv"]


def test_a_refused_send_shows_as_failed_with_the_reason(store: LocalStore) -> None:
    entry, pending = store.queue_send("c1", "me", text="hola")
    store.outbox_mark_failed(
        entry.id, "window_closed", "More than 24 hours have passed.", actor="me"
    )
    failed = stored_message(store, pending["id"])
    assert failed is not None and failed["status"] == "failed"
    assert failed["error"]["code"] == "window_closed"


def test_a_done_state_change_updates_the_cached_conversation(store: LocalStore) -> None:
    store.upsert_conversations([conversation("c1")])
    entry = store.queue_action(OutboxKind.CLAIM, "me", "c1")
    assert store.outbox_next() == entry and entry.kind is OutboxKind.CLAIM
    claimed = conversation("c1", state="assigned", assignee="me", assignee_name="Ana")
    store.outbox_mark_done(entry.id, claimed)
    assert store.conversation("c1") == claimed
    with pytest.raises(ValueError):
        store.queue_action(OutboxKind.SEND, "me", "c1", {"text": "x"})
    with pytest.raises(ValueError):  # refused before anything is logged or queued
        store.queue_action("wave", "me", "c1")  # type: ignore[arg-type]
    assert store.outbox_count() == 0 and len(store.actions()) == 1


def test_the_action_log_is_gapless_canonical_and_shaped_like_design(path: Path) -> None:
    with LocalStore.open(path) as store:
        seqs = [store.append_action("note.added", "u1", "c1", {"b": 1, "a": "ñ"})]
        seqs.append(store.queue_action("close", "u1", "c1", {"disposition": "resolved"}).id * 0)
        seqs.append(store.append_action("session.started", "u1", None, {}))
        device = store.device_id
    with LocalStore.open(path) as store:
        seqs.append(store.append_action("session.ended", "u1", None, {}))
        events = store.actions()
        raw = store.db.execute("SELECT data FROM action_log ORDER BY seq").fetchall()
        later = store.actions(after=3)
    assert [e["seq"] for e in events] == [1, 2, 3, 4]
    assert seqs == [1, 0, 3, 4]
    assert {e["device"] for e in events} == {f"{device}/u1"}  # one chain per install and user
    first = events[0]
    assert set(first) == {
        "id", "device", "seq", "at", "actor", "kind", "conversation", "data", "prev", "hash",
    }  # fmt: skip
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", first["at"])
    assert raw[0][0] == '{"a":"ñ","b":1}' == canonical_json(first["data"])
    assert events[1]["kind"] == "conversation.closed"
    assert events[1]["data"]["disposition"] == "resolved"
    assert json.loads(raw[1][0])["idempotency_key"]
    assert [e["kind"] for e in later] == ["session.ended"]
