"""The wallboard's reads search indexes for what is open or happened since the start of
the day, never a queue's whole history (SQLite's query plan, on a migrated store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import wallboard


def _plan(db: Database, sql: str, params: tuple[object, ...]) -> list[str]:
    def read(conn: Conn) -> list[str]:
        return [str(r["detail"]) for r in conn.all("EXPLAIN QUERY PLAN " + sql, params)]

    return db.read_sync(read)


@pytest.mark.parametrize("queues", [None, 2])
def test_live_conversations_are_found_through_indexes(tmp_path: Path, queues: int | None) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        names = ("a", "b")[: queues or 0]
        plan = _plan(db, wallboard.live_sql(queues), ("queued", "assigned", *names, 0, 0))
    finally:
        db.close()
    searches = [line for line in plan if "conversations" in line]
    assert [line.split(" USING INDEX ")[1].split(" ")[0] for line in searches] == [
        "conversations_state",
        "conversations_recent",
        "conversations_closed",
    ], plan
    assert all(line.startswith("SEARCH") for line in searches), plan
