"""An index on a table that may already be large is built apart from the upgrade's
transaction on PostgreSQL (``CREATE INDEX CONCURRENTLY``), so other hubs go on writing
to the table meanwhile; one missing or left invalid is built again at the next start.
SQLite builds it in the upgrade itself."""

from __future__ import annotations

import logging
import threading
import time

import psycopg
import pytest

from wa_desk.hub.db import schema
from wa_desk.hub.db.database import Database

BUILT_APART = [s for m in schema.MIGRATIONS for s in m if isinstance(s, schema.IndexBuiltApart)]
NAME = "stream_events_kind_at"
DRILLDOWN_BY_CONVERSATION = "heatmap_conversation_counts_conversation"
UNSENT_SURVEYS = "conversations_csat_unsent"
KEPT_BY_MESSAGE = "promises_kept_message"


def _valid(url: str, name: str) -> bool | None:
    with psycopg.connect(url, autocommit=True) as pg:
        row = pg.execute(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", (name,)
        ).fetchone()
    return None if row is None else bool(row[0])


def test_the_indexes_on_large_tables_are_built_apart() -> None:
    assert [i.name for i in BUILT_APART] == [
        NAME,
        DRILLDOWN_BY_CONVERSATION,
        UNSENT_SURVEYS,
        KEPT_BY_MESSAGE,
    ]
    assert BUILT_APART[0].concurrently() == (
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS stream_events_kind_at ON stream_events(kind, at)"
    )


@pytest.mark.postgres
def test_postgresql_builds_every_one_of_them(pg_url: str) -> None:
    Database.open(pg_url).close()
    assert [_valid(pg_url, i.name) for i in BUILT_APART] == [True] * len(BUILT_APART)


def test_sqlite_builds_it_in_the_upgrade(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database.open(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        names = db.read_sync(
            lambda c: c.all(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?", (NAME,)
            )
        )
    finally:
        db.close()
    assert [r["name"] for r in names] == [NAME]


@pytest.mark.postgres
def test_postgresql_builds_it_after_the_upgrade_and_again_when_missing_or_invalid(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    Database.open(pg_url).close()
    assert _valid(pg_url, NAME) is True

    # The hub stopped between the upgrade's commit and the build: the next start builds it.
    with psycopg.connect(pg_url, autocommit=True) as pg:
        pg.execute(f"DROP INDEX {NAME}")
    assert _valid(pg_url, NAME) is None
    Database.open(pg_url).close()
    assert _valid(pg_url, NAME) is True

    # A concurrent build cut short leaves the index invalid (never used by a query): it
    # is dropped and built again.
    with psycopg.connect(pg_url, autocommit=True) as pg:
        pg.execute(
            "UPDATE pg_index SET indisvalid = false WHERE indexrelid = to_regclass(%s)", (NAME,)
        )
    assert _valid(pg_url, NAME) is False
    with caplog.at_level(logging.WARNING, logger="wa_desk.hub.db.schema"):
        Database.open(pg_url).close()
    assert _valid(pg_url, NAME) is True
    assert any("left unfinished" in r.getMessage() for r in caplog.records)


@pytest.mark.postgres
def test_writes_to_the_table_go_on_while_it_is_built(pg_url: str) -> None:
    """Another hub's write is under way (its transaction open) when this hub starts and
    builds the index: the build waits for it, and meanwhile a third write goes through at
    once. Inside a transaction the build would queue that write behind it."""
    Database.open(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as pg:
        pg.execute(f"DROP INDEX {NAME}")
    insert = "INSERT INTO stream_events (at, kind, data) VALUES (1, 'x', '{}')"
    with (
        psycopg.connect(pg_url) as under_way,
        psycopg.connect(pg_url, autocommit=True) as watcher,
        psycopg.connect(pg_url, autocommit=True) as third,
    ):
        third.execute(insert)
        # An update: inserts to the stream also wait for each other (db.stream_order),
        # which is not what this test is about.
        under_way.execute("UPDATE stream_events SET data = data")  # its transaction stays open
        opened: list[Database] = []
        starting = threading.Thread(target=lambda: opened.append(Database.open(pg_url)))
        starting.start()
        try:
            deadline = time.monotonic() + 20
            while not watcher.execute(
                "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX%'"
            ).fetchone():
                assert time.monotonic() < deadline, "the build never started"
                time.sleep(0.05)
            third.execute("SET statement_timeout = '3s'")
            third.execute(insert)  # not queued behind the build
            assert starting.is_alive()  # the build still waits for the open write
        finally:
            under_way.commit()
            starting.join(timeout=30)
            for db in opened:
                db.close()
    assert _valid(pg_url, NAME) is True


@pytest.mark.postgres
def test_hubs_starting_together_build_it_once_and_all_start(pg_url: str) -> None:
    """Replicas upgraded together: one builds, the others wait without holding a
    snapshot the build would wait for (no deadlock), and every one of them starts."""
    Database.open(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as pg:
        pg.execute(f"DROP INDEX {NAME}")
    opened: list[Database] = []
    failed: list[BaseException] = []

    def start() -> None:
        try:
            opened.append(Database.open(pg_url))
        except BaseException as exc:
            failed.append(exc)

    hubs = [threading.Thread(target=start) for _ in range(3)]
    for hub in hubs:
        hub.start()
    for hub in hubs:
        hub.join(timeout=60)
    for db in opened:
        db.close()
    assert not failed, failed
    assert len(opened) == 3
    assert _valid(pg_url, NAME) is True
