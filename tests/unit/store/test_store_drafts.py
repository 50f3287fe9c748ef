"""Drafts: kept per conversation across reopening the file, forgotten when emptied or
when a text reply is recorded, kept when the reply could not be."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_samples import conversation

from wa_desk.store import LocalStore, StoreError
from wa_desk.store.migrations import MIGRATIONS, migrate, schema_version


def test_a_draft_is_kept_per_conversation_across_reopening(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with LocalStore.open(path) as store:
        assert store.draft("c1") == ""
        store.set_drafts({"c1": "Hola, te escribo por", "c2": "Buenas"})
        store.set_drafts({"c1": "Hola, te escribo por tu pedido"})
    with LocalStore.open(path) as store:
        assert store.draft("c1") == "Hola, te escribo por tu pedido"
        assert store.draft("c2") == "Buenas"
        store.set_drafts({"c2": "  \n"})  # emptied: forgotten
        assert store.draft("c2") == ""
        assert store.db.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 1


def test_a_recorded_text_reply_forgets_the_draft_and_a_template_does_not(
    tmp_path: Path,
) -> None:
    with LocalStore.open(tmp_path / "store.sqlite3") as store:
        store.upsert_conversations([conversation("c1"), conversation("c2")])
        store.set_drafts({"c1": "Ahora te lo miro", "c2": "Sigue aquí"})
        store.queue_send("c1", "u-ana", text="Ahora te lo miro")
        store.queue_send(
            "c2", "u-ana", template={"name": "hola", "language": "es", "body_params": []}
        )
        assert store.draft("c1") == ""
        assert store.draft("c2") == "Sigue aquí"


def test_a_reply_the_store_could_not_record_keeps_the_draft(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "store.sqlite3") as store:
        store.upsert_conversations([conversation("c1")])
        reply = "No lo pierdas " * 400
        store.set_drafts({"c1": reply})
        pages = int(store.db.execute("PRAGMA page_count").fetchone()[0])
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
        with pytest.raises(StoreError):
            store.queue_send("c1", "u-ana", text=reply)
        assert store.draft("c1") == reply  # the whole transaction went, the deletion too


def test_a_file_of_the_previous_version_gains_drafts_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, MIGRATIONS[:3]) == 3
    conn.execute("INSERT INTO kv (key, value) VALUES ('device_id', 'dev-1')")
    conn.close()
    with LocalStore.open(path) as store:
        assert schema_version(store._conn) == len(MIGRATIONS) >= 4
        assert store.device_id == "dev-1"
        store.set_drafts({"c1": "Hola"})
        assert store.draft("c1") == "Hola"
