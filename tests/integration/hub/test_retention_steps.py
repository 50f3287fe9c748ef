"""A large purge goes in steps (SQLite, then PostgreSQL): each step a whole purge at an
earlier cutoff, in a write of its own with its own record, so the store's only writer
is never held for the whole purge; together the steps remove exactly what one purge at
the cutoff would, open conversations stay, every chain still verifies."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from audit_rows import make_chain, store_chain

from wa_desk.cli import main
from wa_desk.core.clock import DAY_MS, now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import retention, retention_steps
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import conversations, messages, stream_log

MINUTE_MS = 60_000
NOW = now_ms()
CUTOFF = NOW - 90 * DAY_MS
DESK = "0190f0e0-aaaa-7000-8000-000000000001/u-ana"


def _conversation(conn: Conn, n: int, opened: int, closed_at: int | None) -> str:
    wa_id = f"3460000{n:04d}"
    conversations.upsert_contact(conn, wa_id, "Lucía", opened)
    cid = conversations.open_new(conn, wa_id, "100000000000001", "ventas", opened, None)
    messages.insert(
        conn,
        conversation_id=cid,
        direction="in",
        type_="text",
        text="hola",
        status="received",
        timestamp=opened,
        sender=wa_id,
        payload={},
        now=opened,
        wamid=f"wamid.{n}",
    )
    stream_log.append(conn, StreamEventKind.MESSAGE_CREATED, "ventas", cid, {"n": n}, opened)
    if closed_at is not None:
        conversations.close(conn, cid, "u-ana", "resolved", None, closed_at)
    return cid


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    store = Database.open(db_url, readers=1)
    try:
        yield store
    finally:
        store.close()


def _seed(db: Database, closed_at: list[int], kept_open: int = 2) -> None:
    def write(conn: Conn) -> None:
        start = CUTOFF - 40 * DAY_MS
        store_chain(conn, make_chain(DESK, "u-ana", 50, start_ms=start, step_ms=DAY_MS), "u-ana")
        for n, at in enumerate(closed_at):
            _conversation(conn, n, at - 30 * MINUTE_MS, at)
        for n in range(kept_open):  # open, however old: never purged
            _conversation(conn, 1000 + n, start, None)
        _conversation(conn, 2000, NOW - DAY_MS, NOW - 60_000)  # closed lately: kept

    db.write_sync(write)


ORDER = retention_steps.PurgeOrder(CUTOFF, 90, "test", NOW)


def _recorded_cutoffs(db: Database) -> list[str]:
    rows = db.read_sync(
        lambda c: c.all(
            "SELECT data FROM audit_events WHERE kind = 'retention.purged' ORDER BY seq"
        )
    )
    return [json.loads(r["data"])["cutoff"] for r in rows]


def test_a_purge_goes_in_steps_and_removes_what_one_purge_would(db: Database) -> None:
    closed = [CUTOFF - (30 - n) * DAY_MS for n in range(12)]  # twelve, a day apart
    _seed(db, closed)
    whole = db.read_sync(lambda c: retention.plan(c, CUTOFF))
    assert whole.conversations == 12

    steps = asyncio.run(retention_steps.purge_in_steps(db, ORDER, rows=5))

    assert len(steps) >= 3  # at most five conversations and five stream events a step
    assert all(step.conversations <= 5 for step in steps)
    assert [s.cutoff for s in steps] == sorted({s.cutoff for s in steps})
    assert steps[-1].cutoff == CUTOFF
    together = retention_steps.merged(steps)
    assert together.counts() == whole.counts()
    assert len(_recorded_cutoffs(db)) == len(steps)  # each step, its own record
    left = db.read_sync(
        lambda c: c.all("SELECT state, closed_at FROM conversations ORDER BY opened_at")
    )
    assert sum(1 for r in left if r["state"] != "closed") == 2  # the open ones stay
    assert all(r["closed_at"] is None or r["closed_at"] >= CUTOFF for r in left)
    url = db.url.target if db.dialect == "postgresql" else f"sqlite://{db.url.target}"
    assert main(["hub", "audit", "verify", "--db", url]) == 0  # every chain verifies

    again = asyncio.run(retention_steps.purge_in_steps(db, ORDER, rows=5))
    assert again == []  # nothing left: nothing purged, nothing recorded
    assert len(_recorded_cutoffs(db)) == len(steps)


def test_the_next_step_leaves_at_most_so_many_rows_before_it(db: Database) -> None:
    closed = [CUTOFF - (30 - n) * DAY_MS for n in range(12)]
    _seed(db, closed, kept_open=0)
    # The fifth conversation's closing: four close before it. Each conversation's
    # message event is half an hour before its closing, so the stream bounds the same.
    step = db.read_sync(lambda c: retention_steps.step_cutoff(c, CUTOFF, rows=4))
    assert step == closed[4] - 30 * MINUTE_MS
    assert db.read_sync(lambda c: retention_steps.step_cutoff(c, CUTOFF, rows=50)) == CUTOFF


def test_many_closed_at_one_instant_still_go(db: Database) -> None:
    """More conversations than a step holds, closed in the same millisecond (a bulk
    close): no step before that instant removes anything, so the rest goes at once."""
    _seed(db, [CUTOFF - DAY_MS] * 7, kept_open=0)
    steps = asyncio.run(retention_steps.purge_in_steps(db, ORDER, rows=3))
    assert retention_steps.merged(steps).conversations == 7
    assert db.read_sync(lambda c: retention.plan(c, CUTOFF)).empty
