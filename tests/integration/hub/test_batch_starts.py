"""What the store writer's transactions read first (``HubContext``'s ``BATCH_STARTS``):
on PostgreSQL each numbers its own stream appends after the stream's last number and
extends this replica's chain from the head it read in its first round trip.

On both stores (on SQLite the hub's writer has nothing to read first, and the results
must be the same): the stream a burst of group commits leaves is numbered without a gap
or a repeat, each event carries the number its row has, and an append made outside the
writer (a command-line tool's, numbered by the sequence) comes after them; a job that
fails takes its events and facts with it, and the numbers go on after the others; the
chain a fresh store's first batch starts verifies; two writers of two replicas on one
store take turns and never give one number twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from wa_desk.core.audit_chain import verify
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.context import BATCH_STARTS
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import audit_log, stream_log
from wa_desk.hub.queries.stream_log import StreamEvent

_T0 = 1_796_000_000_000


class _Refused(Exception):
    pass


def _two_events_and_a_fact(n: int, *, fail: bool = False) -> Callable[[Conn], list[StreamEvent]]:
    def fn(conn: Conn) -> list[StreamEvent]:
        events = [
            stream_log.append(conn, StreamEventKind.NOTE_ADDED, "q", f"c{n}", {"n": n, "i": i}, _T0)
            for i in range(2)
        ]
        audit_log.append_hub_fact(conn, "note.added", "ana", f"c{n}", {"n": n}, _T0 + n)
        if fail:
            raise _Refused(n)
        return events

    return fn


def _stored(db: Database) -> dict[int, tuple[str, bytes]]:
    rows = db.read_sync(lambda c: c.tuples("SELECT seq, kind, data FROM stream_events"))
    return {int(seq): (str(kind), str(data).encode()) for seq, kind, data in rows}


def _chain(db: Database, device: str) -> list[dict[str, Any]]:
    return db.read_sync(lambda c: audit_log.chain_events(c, device, 0, 10_000))


def _burst(db: Database, jobs: list[Callable[[Conn], list[StreamEvent]]]) -> list[Any]:
    async def scenario() -> list[Any]:
        return await asyncio.gather(*(db.write(j) for j in jobs), return_exceptions=True)

    return asyncio.run(scenario())


def test_appends_are_numbered_in_order_and_the_sequence_goes_on_after_them(
    db_url: str,
) -> None:
    db = Database.open(db_url, batch_starts=BATCH_STARTS)
    try:
        commits = db.commits
        results = _burst(db, [_two_events_and_a_fact(n) for n in range(40)])
        assert db.commits - commits < 40  # some shared a commit
        events = [e for r in results for e in r]
        # Each write's events in the order appended, the writes in commit order.
        assert sorted(e.seq for e in events) == list(range(1, 81))
        for first, second in zip(events[::2], events[1::2], strict=True):
            assert second.seq == first.seq + 1
        stored = _stored(db)
        assert stored == {e.seq: (e.kind, e.data) for e in events}
        assert all(e.sse.startswith(b"id: %d\n" % e.seq) for e in events)
        # A tool's append outside the writer: numbered by the sequence, after them.
        later = db.write_sync(
            lambda c: stream_log.append(c, StreamEventKind.NOTE_ADDED, "q", None, {}, _T0)
        )
        assert later.seq == 81
        # And the writer's next batch after that.
        after = _burst(db, [_two_events_and_a_fact(100)])
        assert [e.seq for e in after[0]] == [82, 83]
        chain = _chain(db, audit_log.hub_chain(None))
        assert verify(chain) == []
        assert [e["seq"] for e in chain] == list(range(1, 42))
    finally:
        db.close()


def test_a_failed_write_takes_its_numbers_and_facts_with_it(db_url: str) -> None:
    db = Database.open(db_url, batch_starts=BATCH_STARTS)
    try:
        _burst(db, [_two_events_and_a_fact(0)])
        jobs = [_two_events_and_a_fact(n, fail=n == 5) for n in range(1, 11)]
        results = _burst(db, jobs)
        assert isinstance(results[4], _Refused)
        good = [e for r in results if not isinstance(r, BaseException) for e in r]
        seqs = sorted(e.seq for e in good)
        assert len(set(seqs)) == 18 and seqs[0] > 2  # after the first batch's two
        stored = _stored(db)
        assert set(stored) == {1, 2, *seqs}
        assert all(stored[e.seq] == (e.kind, e.data) for e in good)
        assert all(b'"n":5' not in data for _kind, data in stored.values())
        chain = _chain(db, audit_log.hub_chain(None))
        assert verify(chain) == []
        assert sorted(e["data"]["n"] for e in chain) == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]
        newest = db.read_sync(stream_log.last_seq)
        assert newest == max(seqs)
        # A failed batch may leave a gap (as a rolled-back insert does); never a repeat.
        again = _burst(db, [_two_events_and_a_fact(20)])
        assert min(e.seq for e in again[0]) > newest
    finally:
        db.close()


@pytest.mark.postgres
def test_two_replicas_writers_take_turns_and_never_share_a_number(pg_url: str) -> None:
    first = Database.open(pg_url, replica_id="r1", batch_starts=BATCH_STARTS)
    second = Database.open(pg_url, replica_id="r2", batch_starts=BATCH_STARTS)
    try:

        async def scenario() -> list[Any]:
            jobs = [
                db.write(_two_events_and_a_fact(n))
                for n in range(60)
                for db in ((first, second)[n % 2],)
            ]
            return await asyncio.gather(*jobs)

        results = asyncio.run(scenario())
        events = [e for r in results for e in r]
        assert sorted(e.seq for e in events) == list(range(1, 121))
        assert _stored(first) == {e.seq: (e.kind, e.data) for e in events}
        for replica in ("r1", "r2"):
            chain = _chain(first, audit_log.hub_chain(replica))
            assert verify(chain) == [] and len(chain) == 30
    finally:
        first.close()
        second.close()
