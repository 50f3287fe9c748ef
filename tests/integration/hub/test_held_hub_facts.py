"""The hub's chain in a group commit: facts sealed one on another as they come, written
together before the commit (``audit_log.append_hub_fact`` while ``Conn.holding``).

On both stores: the chain a group commit leaves verifies and has no gap; each fact keeps
the instant it was received; a read of the chain inside the transaction sees the facts
it already holds (an idempotency check must); a job that fails takes only its own facts
with it; and outside the writer each fact is written at once, as before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from wa_desk.core.audit_chain import verify
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import audit_log

_KIND = "note.added"
_T0 = 1_796_000_000_000


def _fact(n: int) -> Callable[[Conn], None]:
    def fn(conn: Conn) -> None:
        audit_log.append_hub_fact(conn, _KIND, "ana", f"c{n}", {"n": n}, _T0 + n)

    return fn


def _chain(db: Database) -> list[dict[str, Any]]:
    return db.read_sync(lambda c: audit_log.chain_events(c, audit_log.HUB_DEVICE, 0, 10_000))


def _received(db: Database) -> dict[int, int]:
    rows = db.read_sync(
        lambda c: c.tuples(
            "SELECT seq, received_at FROM audit_events WHERE device = ?", (audit_log.HUB_DEVICE,)
        )
    )
    return {int(seq): int(at) for seq, at in rows}


def test_a_group_commit_leaves_one_unbroken_chain(db_url: str) -> None:
    db = Database.open(db_url)

    async def scenario() -> None:
        await asyncio.gather(*(db.write(_fact(n)) for n in range(40)))

    try:
        commits_before = db.commits
        asyncio.run(scenario())
        assert db.commits - commits_before < 40  # some shared a commit
        chain = _chain(db)
        assert verify(chain) == []
        assert [e["seq"] for e in chain] == list(range(1, 41))
        assert sorted(e["data"]["n"] for e in chain) == list(range(40))
        # Each fact was received at its own instant, not at its commit's last.
        by_seq = {e["seq"]: e["data"]["n"] for e in chain}
        assert {seq: at - _T0 for seq, at in _received(db).items()} == by_seq
        head = db.read_sync(lambda c: c.one("SELECT * FROM audit_devices WHERE device = 'hub'"))
        assert head is not None
        assert (head["acked_seq"], head["last_hash"]) == (40, chain[-1]["hash"])
    finally:
        db.close()


def test_a_read_of_the_chain_in_the_transaction_sees_its_held_facts(db_url: str) -> None:
    db = Database.open(db_url)

    def record_once(conn: Conn) -> tuple[bool, bool]:
        key = {"idempotency_key": "k-1"}
        before = audit_log.keyed_fact_exists(conn, [_KIND], "ana", "k-1", conversation_id="c1")
        audit_log.append_hub_fact(conn, _KIND, "ana", "c1", key, _T0)
        after = audit_log.keyed_fact_exists(conn, [_KIND], "ana", "k-1", conversation_id="c1")
        audit_log.append_hub_fact(conn, _KIND, "ana", "c1", {"n": 2}, _T0 + 1)
        return before, after

    async def scenario() -> tuple[bool, bool]:
        return await db.write(record_once)

    try:
        assert asyncio.run(scenario()) == (False, True)
        chain = _chain(db)
        assert verify(chain) == [] and [e["seq"] for e in chain] == [1, 2]
    finally:
        db.close()


def test_a_failing_write_takes_only_its_own_facts(db_url: str) -> None:
    db = Database.open(db_url)

    def fails(conn: Conn) -> None:
        audit_log.append_hub_fact(conn, _KIND, "ana", "bad", {"n": -1}, _T0)
        raise RuntimeError("bug in a write")

    async def scenario() -> list[object]:
        jobs = [db.write(_fact(n)) for n in range(8)]
        jobs.insert(3, db.write(fails))
        return await asyncio.gather(*jobs, return_exceptions=True)

    try:
        results = asyncio.run(scenario())
        assert [type(r) for r in results if isinstance(r, BaseException)] == [RuntimeError]
        chain = _chain(db)
        assert verify(chain) == []
        assert sorted(e["data"]["n"] for e in chain) == list(range(8))
        assert [e["seq"] for e in chain] == list(range(1, 9))
    finally:
        db.close()


def test_outside_the_writer_each_fact_is_written_at_once(db_url: str) -> None:
    db = Database.open(db_url)

    def two_facts(conn: Conn) -> int:
        _fact(1)(conn)
        _fact(2)(conn)
        return int(conn.scalar("SELECT COUNT(*) FROM audit_events"))

    try:
        assert db.write_sync(two_facts) == 2
        assert verify(_chain(db)) == []
    finally:
        db.close()
