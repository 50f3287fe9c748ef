"""Several hub replicas append to one PostgreSQL stream at once: rows become visible in
``seq`` order, so a follower reading ``seq > last`` gets every event once, in order, with
no gap (db.stream_order, hub.stream_follower)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from hub_harness import wait_for

from wa_desk.core.clock import now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import stream_log
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.stream_follower import StreamFollower

pytestmark = pytest.mark.postgres

REPLICAS = 3
WRITERS_PER_REPLICA = 4
WRITES_EACH = 40


@pytest.fixture
def replicas(pg_url: str) -> Iterator[list[Database]]:
    dbs = [Database.open(pg_url, readers=1) for _ in range(REPLICAS)]
    try:
        yield dbs
    finally:
        for db in dbs:
            db.close()


def _append_then_linger(conn: Conn) -> Outcome[None]:
    """An append followed by more work in the same transaction: without ordered
    visibility, a later ``seq`` of another replica commits meanwhile and is read first."""
    event = stream_log.append(conn, StreamEventKind.NOTE_ADDED, "ventas", None, {"n": 1}, now_ms())
    conn.execute("SELECT pg_sleep(0.002)")
    return Outcome(None, [event])


def _write_many(db: Database) -> None:
    async def run() -> None:
        async def one_writer() -> None:
            for _ in range(WRITES_EACH):
                await db.write(_append_then_linger)

        await asyncio.gather(*(one_writer() for _ in range(WRITERS_PER_REPLICA)))

    asyncio.run(run())


def test_a_follower_gets_every_replicas_events_once_in_order_with_no_gap(
    pg_url: str, replicas: list[Database]
) -> None:
    delivered: list[int] = []
    reads = 0

    def deliver(events: list[StreamEvent]) -> None:
        nonlocal reads
        reads += 1
        delivered.extend(e.seq for e in events)

    follower = StreamFollower(pg_url, deliver, replicas[0].read_sync(stream_log.last_seq))
    follower.start()
    try:
        writers = [threading.Thread(target=_write_many, args=(db,)) for db in replicas]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)
        stored = replicas[0].read_sync(
            lambda c: [int(r["seq"]) for r in c.all("SELECT seq FROM stream_events ORDER BY seq")]
        )
        assert len(stored) == REPLICAS * WRITERS_PER_REPLICA * WRITES_EACH
        wait_for(lambda: follower.last_seq >= stored[-1])
    finally:
        follower.stop()
    assert delivered == stored  # every event, once, in order: none passed for good
    assert reads > 1  # followed while the replicas wrote, not read once at the end


def test_a_follower_starts_after_the_position_it_is_given_and_reads_what_came_since(
    pg_url: str, replicas: list[Database]
) -> None:
    db = replicas[0]
    asyncio.run(db.write(_append_then_linger))
    start = db.read_sync(stream_log.last_seq)
    for _ in range(3):
        asyncio.run(db.write(_append_then_linger))  # before the follower listens
    got: list[int] = []
    three = threading.Event()

    def deliver(events: list[StreamEvent]) -> None:
        got.extend(e.seq for e in events)
        if len(got) >= 3:
            three.set()

    follower = StreamFollower(pg_url, deliver, start)
    follower.start()
    try:
        assert three.wait(10)
    finally:
        follower.stop()
    assert got == [start + 1, start + 2, start + 3]
