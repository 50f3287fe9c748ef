"""Counter additions held back to the commit (``Conn.add``) end as if written one by one.

The heat-maps' counters are bumped by every message; the store's writer sums the
additions of one group commit per row and writes each row once. These tests run the
same additions both ways on both stores and compare the tables, including a row whose
additions cancel out (it exists, with 0, as it would have) and a job that fails (its
additions are dropped with its transaction, its neighbours' kept).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from wa_desk.core.heatmap import NOBODY, HeatmapMetric
from wa_desk.hub import heatmap_upkeep
from wa_desk.hub.db import as_one
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database

_ADD = heatmap_upkeep._ADD_COUNT
_QUARTER = 900_000
_COUNTS = "SELECT metric, bucket, queue, agent, n FROM heatmap_counts ORDER BY 1, 2, 3, 4"

# (metric, bucket, queue, agent, n): the volume of two queues, a waiting level that
# goes up and down within one quarter (sums to 0), and a later quarter.
_ADDITIONS = [
    (HeatmapMetric.VOLUME, 0, "ventas", NOBODY, 1),
    (HeatmapMetric.VOLUME, 0, "ventas", NOBODY, 1),
    (HeatmapMetric.VOLUME, 0, "soporte", "ana", 1),
    (HeatmapMetric.WAITING, 0, "ventas", NOBODY, 1),
    (HeatmapMetric.WAITING, 0, "ventas", NOBODY, -1),
    (HeatmapMetric.VOLUME, _QUARTER, "ventas", NOBODY, 1),
    (HeatmapMetric.VOLUME, 0, "ventas", NOBODY, 1),
]
_EXPECTED = [
    ("volume", 0, "soporte", "ana", 1),
    ("volume", 0, "ventas", NOBODY, 3),
    ("volume", _QUARTER, "ventas", NOBODY, 1),
    ("waiting", 0, "ventas", NOBODY, 0),
]


def _adding(
    metric: HeatmapMetric, bucket: int, queue: str, agent: str, n: int
) -> Callable[[Conn], None]:
    def fn(conn: Conn) -> None:
        conn.add(_ADD, (metric.value, bucket, queue, agent), n)

    return fn


def _rows(db: Database) -> list[tuple[object, ...]]:
    return [tuple(r) for r in db.read_sync(lambda c: c.tuples(_COUNTS))]


def test_additions_written_one_by_one_outside_the_writer(db_url: str) -> None:
    db = Database.open(db_url)
    try:

        def all_at_once(conn: Conn) -> None:
            for metric, bucket, queue, agent, n in _ADDITIONS:
                conn.add(_ADD, (metric.value, bucket, queue, agent), n)
            # Not held: a read in the same transaction sees them.
            assert conn.scalar("SELECT SUM(n) FROM heatmap_counts WHERE metric = 'volume'") == 5

        db.write_sync(all_at_once)
        assert _rows(db) == _EXPECTED
    finally:
        db.close()


def test_additions_of_a_group_commit_end_as_if_written_one_by_one(db_url: str) -> None:
    db = Database.open(db_url)

    async def scenario() -> None:
        await asyncio.gather(*(db.write(_adding(*a)) for a in _ADDITIONS))

    try:
        commits_before = db.commits
        asyncio.run(scenario())
        assert db.commits - commits_before < len(_ADDITIONS)  # some shared a commit
        assert _rows(db) == _EXPECTED
    finally:
        db.close()


@pytest.mark.parametrize("max_parameters", [as_one.MAX_PARAMETERS, 12])
def test_additions_sent_as_few_statements_end_the_same(
    db_url: str, max_parameters: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL the held rows go as one statement of many rows, or, past the limit of
    parameters, as several (12: two rows of 5 per statement)."""
    monkeypatch.setattr(as_one, "MAX_PARAMETERS", max_parameters)
    db = Database.open(db_url)

    def all_in_one_transaction(conn: Conn) -> None:
        for addition in _ADDITIONS:
            _adding(*addition)(conn)

    async def scenario() -> None:
        await db.write(all_in_one_transaction)

    try:
        asyncio.run(scenario())
        assert _rows(db) == _EXPECTED
    finally:
        db.close()


def test_a_failing_write_takes_its_additions_with_it(db_url: str) -> None:
    db = Database.open(db_url)

    def fails(conn: Conn) -> None:
        conn.add(_ADD, (HeatmapMetric.VOLUME.value, 0, "ventas", NOBODY), 100)
        raise RuntimeError("bug in a write")

    async def scenario() -> list[object]:
        jobs = [db.write(_adding(*a)) for a in _ADDITIONS]
        jobs.insert(3, db.write(fails))
        return await asyncio.gather(*jobs, return_exceptions=True)

    try:
        results = asyncio.run(scenario())
        assert [type(r) for r in results if isinstance(r, BaseException)] == [RuntimeError]
        assert _rows(db) == _EXPECTED
    finally:
        db.close()


def test_a_retention_purge_sees_the_additions_its_batch_made(db_url: str) -> None:
    """A write that deletes counter rows writes the held additions first, so a row it
    deletes does not come back at the commit."""
    db = Database.open(db_url)

    def add_then_delete(conn: Conn) -> None:
        conn.add(_ADD, (HeatmapMetric.VOLUME.value, 0, "ventas", NOBODY), 1)
        conn.write_additions()
        conn.execute("DELETE FROM heatmap_counts WHERE bucket < ?", (_QUARTER,))
        conn.add(_ADD, (HeatmapMetric.VOLUME.value, _QUARTER, "ventas", NOBODY), 2)

    async def scenario() -> None:
        await db.write(add_then_delete)

    try:
        asyncio.run(scenario())
        assert _rows(db) == [("volume", _QUARTER, "ventas", NOBODY, 2)]
    finally:
        db.close()


def test_the_writer_holds_additions_until_the_commit(db_url: str) -> None:
    db = Database.open(db_url)

    def add_and_look(conn: Conn) -> object:
        conn.add(_ADD, (HeatmapMetric.VOLUME.value, 0, "ventas", NOBODY), 1)
        return conn.scalar("SELECT COUNT(*) FROM heatmap_counts")

    async def scenario() -> object:
        return await db.write(add_and_look)

    try:
        assert asyncio.run(scenario()) == 0
        assert _rows(db) == [("volume", 0, "ventas", NOBODY, 1)]
    finally:
        db.close()
