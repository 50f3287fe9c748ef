"""Cached notes and tags: pending copies shown at once, replaced by the hub's."""

from __future__ import annotations

from pathlib import Path

from wa_desk.store.local_store import LocalStore


def test_a_pending_note_is_logged_queued_and_replaced_by_the_hubs(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        entry, pending = store.queue_note("c1", "u1", "ana", "Llamar a las 17 h")
        assert entry.kind == "note" and entry.payload == {"text": "Llamar a las 17 h"}
        assert pending["pending"] and pending["author_name"] == "ana"
        assert [n["text"] for n in store.notes("c1")] == ["Llamar a las 17 h"]
        assert [a["kind"] for a in store.actions()] == ["note.added"]
        hub_note = {
            "id": "n-1",
            "conversation_id": "c1",
            "author": "u1",
            "author_name": "ana",
            "kind": "note",
            "text": "Llamar a las 17 h",
            "at": "2026-11-24T10:15:00.000Z",
            "idempotency_key": entry.idempotency_key,
        }
        store.upsert_notes([hub_note])
        store.upsert_notes([hub_note])
        assert store.notes("c1") == [hub_note]

        _, refused = store.queue_note("c1", "u1", "ana", "otra")
        store.drop_pending_note(refused["idempotency_key"])
        assert store.notes("c1") == [hub_note]


def test_tags_show_at_once_and_the_hubs_set_wins(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        add = store.queue_tag(True, "u1", "c1", "34600000001", "vip")
        store.queue_tag(True, "u1", "c1", "34600000001", "vip")
        assert add.kind == "tag_add" and add.payload == {"wa_id": "34600000001", "tag": "vip"}
        assert store.contact_tags("34600000001") == ["vip"]
        remove = store.queue_tag(False, "u1", "c1", "34600000001", "vip")
        assert remove.kind == "tag_remove" and store.contact_tags("34600000001") == []
        store.set_contact_tags("34600000001", ["b", "a"])
        assert store.contact_tags("34600000001") == ["a", "b"]
        assert [a["kind"] for a in store.actions()] == ["tag.added", "tag.added", "tag.removed"]
        assert store.outbox_count() == 3
