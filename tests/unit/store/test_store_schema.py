"""Opening, migrating and the errors the store expects (disk full, read-only, newer file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_samples import conversation, message

from wa_desk.store import DiskFull, LocalStore, NewerSchema, ReadOnly, StoreError, store_path
from wa_desk.store.errors import classify
from wa_desk.store.migrations import MIGRATIONS, migrate, schema_version


def test_a_new_file_gets_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "a" / "store.sqlite3") as store:
        assert schema_version(store._conn) == len(MIGRATIONS)
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert {"conversations", "messages", "outbox", "action_log", "kv"} <= set(
            store.db.table_names()
        )


def test_reopening_keeps_data_and_the_device_id(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with LocalStore.open(path) as store:
        store.upsert_conversations([conversation("c1")])
        device = store.device_id
    with LocalStore.open(path) as store:
        assert store.conversation("c1") is not None
        assert store.device_id == device


def test_migrations_run_once_in_order_and_stop_at_a_failure(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.sqlite3", isolation_level=None)
    ran: list[int] = []

    def step(n: int):  # type: ignore[no-untyped-def]
        def run(c: sqlite3.Connection) -> None:
            ran.append(n)
            c.execute(f"CREATE TABLE t{n} (x)")

        return run

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half (x)")
        raise RuntimeError("bug in a migration")

    assert migrate(conn, [step(1), step(2)]) == 2
    assert migrate(conn, [step(1), step(2)]) == 2
    assert ran == [1, 2]
    with pytest.raises(RuntimeError):
        migrate(conn, [step(1), step(2), broken])
    assert schema_version(conn) == 2
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half" not in tables
    conn.close()


def test_a_file_from_a_newer_app_is_refused_by_cause(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(NewerSchema) as caught:
        LocalStore.open(path)
    assert caught.value.cause == "newer_schema"


def test_a_full_disk_is_a_store_error_not_a_bug(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "full.sqlite3") as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = "x" * 3000
        with pytest.raises(DiskFull) as caught:
            store.upsert_messages(message(f"m{i}", "c1", text=big, at=i) for i in range(200))
        assert isinstance(caught.value, StoreError)
        assert caught.value.cause == "disk_full"
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        # The failed transaction left nothing half-written; the store still works.
        assert store.messages_page("c1").items == []
        store.set("still", "works")
        assert store.get("still") == "works"


def test_a_read_only_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    LocalStore.open(path).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as raw:
        conn.execute("INSERT INTO kv (key, value) VALUES ('a', 'b')")
    conn.close()
    assert isinstance(classify(raw.value), ReadOnly)


def test_bugs_are_not_disguised_as_store_errors(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        with pytest.raises(sqlite3.OperationalError):
            store.db.execute("SELECT no_such_column FROM kv")
        try:
            store.db.execute("SELECT no_such_column FROM kv")
        except sqlite3.OperationalError as exc:
            assert classify(exc) is None


def test_store_paths_are_per_hub_and_user(tmp_path: Path) -> None:
    a = store_path("https://hub.example.com", "ana", tmp_path)
    b = store_path("https://hub.example.com", "luis", tmp_path)
    c = store_path("https://other.example.com:8443/", "ana", tmp_path)
    assert len({a, b, c}) == 3
    assert a == store_path("https://hub.example.com", "ana", tmp_path)
    assert a.parent == tmp_path and a.name.startswith("hub.example.com-")
