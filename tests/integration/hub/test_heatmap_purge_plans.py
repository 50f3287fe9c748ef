"""Each deletion a retention purge makes of the heat-maps' aggregates reads through an
index, on SQLite and on PostgreSQL: a purge in steps repeats them at every step, and a
deletion reading its whole table would cost each step as much as the last one."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from wa_desk.core.clock import DAY_MS, now_ms
from wa_desk.core.conversation import State
from wa_desk.hub import heatmap_purge
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database

PURGED = "SELECT id FROM conversations WHERE state = ? AND closed_at < ?"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    store = Database.open(db_url, readers=1)
    try:
        yield store
    finally:
        store.close()


def _plan(conn: Conn, table: str, where: str, params: tuple[object, ...]) -> str:
    sql = f"DELETE FROM {table} WHERE {where}"  # noqa: S608 - the module's own
    if conn.dialect == "sqlite":
        return "\n".join(str(r["detail"]) for r in conn.all("EXPLAIN QUERY PLAN " + sql, params))
    # An empty table is read whole whatever its indexes: ask whether one serves.
    conn.execute("SET enable_seqscan = off")
    return "\n".join(str(next(iter(r.values()))) for r in conn.all("EXPLAIN " + sql, params))


def test_every_heatmap_deletion_of_a_purge_reads_an_index(db: Database) -> None:
    cutoff = now_ms() - 30 * DAY_MS
    purged = (State.CLOSED.value, cutoff)

    def plans(conn: Conn) -> list[tuple[str, str, str]]:
        return [
            (d.table, where, _plan(conn, d.table, where, params))
            for d in heatmap_purge.DELETIONS
            for where, params in d.bound(cutoff, PURGED, purged)
        ]

    found = db.read_sync(plans)
    assert len(found) == sum(len(d.parts) for d in heatmap_purge.DELETIONS) == 11
    for table, where, plan in found:
        if db.dialect == "sqlite":
            assert re.search(rf"\bSCAN {table}\b", plan) is None, (table, where, plan)
        else:
            # PostgreSQL calls a condition on any column of an index an index condition,
            # even when the whole index is read: only the sequential scan shows here.
            assert re.search(rf"Seq Scan on {table}\b", plan) is None, (table, where, plan)
