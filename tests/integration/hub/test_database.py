"""The hub's store on both dialects: migrations, group commit, isolation of bad writes."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database, DatabaseUrl
from wa_desk.hub.db.errors import UnsupportedDatabaseUrl
from wa_desk.hub.db.schema import MIGRATIONS, migrate


def test_migrations_run_once_and_are_idempotent(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        version = db.read_sync(lambda c: c.scalar("SELECT MAX(version) FROM schema_version"))
        assert version == len(MIGRATIONS)
        # A second open (another replica, a restart) applies nothing again.
        again = Database.open(db_url)
        again.close()
        rows = db.read_sync(lambda c: c.all("SELECT version FROM schema_version"))
        assert [r["version"] for r in rows] == list(range(1, len(MIGRATIONS) + 1))
    finally:
        db.close()


def _insert_contact(wa_id: str):  # type: ignore[no-untyped-def]
    def fn(conn: Conn) -> str:
        conn.execute(
            "INSERT INTO contacts (wa_id, name, first_seen_at, last_seen_at) VALUES (?, ?, 1, 1)",
            (wa_id, f"name {wa_id}"),
        )
        return wa_id

    return fn


def _explode(conn: Conn) -> None:
    conn.execute("INSERT INTO contacts (wa_id, first_seen_at, last_seen_at) VALUES ('x', 1, 1)")
    raise RuntimeError("bug in a write")


def test_concurrent_writes_are_grouped_and_a_failing_one_is_isolated(db_url: str) -> None:
    db = Database.open(db_url)

    async def scenario() -> list[object]:
        jobs = [db.write(_insert_contact(f"34600{i:06d}")) for i in range(300)]
        jobs.insert(150, db.write(_explode))
        return await asyncio.gather(*jobs, return_exceptions=True)

    try:
        results = asyncio.run(scenario())
        errors = [r for r in results if isinstance(r, BaseException)]
        assert len(errors) == 1 and isinstance(errors[0], RuntimeError)
        assert sum(1 for r in results if isinstance(r, str)) == 300
        count = db.read_sync(lambda c: c.scalar("SELECT COUNT(*) FROM contacts"))
        assert count == 300  # the failing write's insert was rolled back, nobody else's
        assert db.commits < db.writes  # several writes shared a commit
    finally:
        db.close()


def test_reads_see_committed_writes_with_percent_and_quotes(db_url: str) -> None:
    db = Database.open(db_url)

    async def scenario() -> list[dict[str, object]]:
        await db.write(
            lambda c: c.execute(
                "INSERT INTO contacts (wa_id, name, first_seen_at, last_seen_at) "
                "VALUES (?, ?, 1, 1)",
                ("1", "50% off? 'yes'"),
            )
        )
        return await db.read(
            lambda c: c.all(
                "SELECT name FROM contacts WHERE name LIKE '%off?%' AND wa_id = ?", ("1",)
            )
        )

    try:
        assert asyncio.run(scenario()) == [{"name": "50% off? 'yes'"}]
    finally:
        db.close()


@pytest.mark.postgres
def test_a_read_after_the_server_dropped_its_idle_connection_answers(pg_url: str) -> None:
    """PostgreSQL restarted (or failed over) while the reader sat idle: psycopg learns
    the connection is gone only when it is used. The first read after the recovery still
    answers, on a new connection; it is not the request that pays for the restart."""
    import psycopg

    db = Database.open(pg_url, readers=1)
    probe = "SELECT MAX(version) AS v FROM schema_version"
    try:
        before = asyncio.run(db.read(lambda c: c.scalar(probe)))
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        assert asyncio.run(db.read(lambda c: c.scalar(probe))) == before
        assert db.health.report().ok
    finally:
        db.close()


def test_database_url_forms() -> None:
    assert DatabaseUrl.parse("/tmp/x.db") == DatabaseUrl("sqlite", "/tmp/x.db")
    assert DatabaseUrl.parse("sqlite:///tmp/x.db") == DatabaseUrl("sqlite", "/tmp/x.db")
    pg = DatabaseUrl.parse("postgresql://u:hunter22@h/db")
    assert pg.dialect == "postgresql"
    assert "hunter22" not in pg.redacted()
    with pytest.raises(UnsupportedDatabaseUrl, match="mysql"):
        DatabaseUrl.parse("mysql://h/db")


def test_sqlite_store_is_wal_and_durable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hub.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    db.close()
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert migrate(Conn(conn, "sqlite")) == len(MIGRATIONS)
    finally:
        conn.close()
