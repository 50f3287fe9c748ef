"""The alert pass reads before it writes (SQLite, then PostgreSQL): a pass with nothing
to change never takes the store's writer, and a change made between its read and its
write is neither lost nor doubled, because the write makes the pass again. A pass with
many changes writes them a few at a time, each write a pass again.

The passes under test run from a second store handle on the same database, as a second
hub replica would: its write count is the pass's alone, whatever the hub's own loops do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from alert_pass_hub import hub_passing_hourly
from hub_harness import RunningHub, wait_for

from wa_desk.core.clock import Millis, now_ms
from wa_desk.hub import alert_loop, alert_pass
from wa_desk.hub.alert_loop import evaluate_once
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.database import Database

T = TypeVar("T")

POLICY = {"alerts": {"unanswered_in_a_row": 3, "backlog_waiting": 50}}
WA_ID = "34611400001"


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    with hub_passing_hourly(db_url, POLICY) as running:
        yield running


@pytest.fixture
def replica(hub: RunningHub) -> Iterator[HubContext]:
    """A second handle on the hub's store, with the hub's settings."""
    db = Database.open(hub.ctx.settings.db)
    try:
        yield HubContext(hub.ctx.settings, db, hub.ctx.graph)
    finally:
        db.close()


def pass_on(ctx: HubContext, now: Millis) -> int:
    return asyncio.run(evaluate_once(ctx, now))


def streaks(hub: RunningHub) -> list[dict[str, Any]]:
    return hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT id, count, resolved_at FROM alerts WHERE kind = 'unanswered_streak' ORDER BY id"
        )
    )


def streak_events(hub: RunningHub) -> list[str]:
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT kind FROM stream_events WHERE kind LIKE 'alert.%' "
            "AND data LIKE '%unanswered_streak%' ORDER BY seq"
        )
    )
    return [r["kind"] for r in rows]


def unanswered(hub: RunningHub, cid: str) -> int:
    waiting = hub.ctx.db.read_sync(alert_pass.waiting_now)
    return next((w.unanswered for w in waiting if w.id == cid), 0)


def customer_writes_again(hub: RunningHub, cid: str, n: int, wa_id: str = WA_ID) -> None:
    before = unanswered(hub, cid)
    hub.customer_writes(f"wamid.again.{wa_id}.{n}", wa_id, f"¿Hola? {n}")
    wait_for(lambda: unanswered(hub, cid) == before + 1)


def three_unanswered(hub: RunningHub, wa_id: str = WA_ID) -> str:
    cid = hub.new_conversation(wa_id, seen_by="ana")
    for n in (2, 3):
        customer_writes_again(hub, cid, n, wa_id)
    return cid


def between_read_and_write(
    monkeypatch: pytest.MonkeyPatch, ctx: HubContext, meanwhile: Callable[[], None]
) -> None:
    """``meanwhile`` runs once, after the pass's read and before its write."""
    real_read = ctx.db.read
    done: list[bool] = []

    async def read_then_meanwhile(fn: Callable[[Conn], T]) -> T:
        result = await real_read(fn)
        if not done:
            done.append(True)
            meanwhile()
        return result

    monkeypatch.setattr(ctx.db, "read", read_then_meanwhile)


def test_a_pass_with_nothing_to_change_writes_nothing(hub: RunningHub, replica: HubContext) -> None:
    assert pass_on(replica, now_ms()) == 0  # no customer waits: nothing to raise
    assert (replica.db.writes, replica.db.commits) == (0, 0)

    three_unanswered(hub)
    assert pass_on(replica, now_ms()) == 1  # the streak is raised: one write
    assert (replica.db.writes, replica.db.commits) == (1, 1)
    (raised,) = streaks(hub)

    for _ in range(3):  # it still holds, unchanged: nothing to write
        assert pass_on(replica, now_ms()) == 0
    assert (replica.db.writes, replica.db.commits) == (1, 1)
    assert streaks(hub) == [raised]
    assert streak_events(hub) == ["alert.raised"]


def test_a_pass_with_many_changes_writes_them_a_few_at_a_time(
    hub: RunningHub, replica: HubContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every other write of the store waits for the pass's: a storm of changes goes in
    several short writes, each a pass again, and ends as one pass in one write would."""
    monkeypatch.setattr(alert_loop, "CHANGES_PER_WRITE", 2)
    for k in range(5):
        three_unanswered(hub, f"3461150000{k}")
    assert pass_on(replica, now_ms()) == 5
    assert (replica.db.writes, replica.db.commits) == (3, 3)  # 2 + 2 + 1
    raised = streaks(hub)
    assert [(r["count"], r["resolved_at"]) for r in raised] == [(3, None)] * 5
    assert streak_events(hub) == ["alert.raised"] * 5  # each once

    assert pass_on(replica, now_ms()) == 0  # nothing was left out
    assert replica.db.writes == 3
    assert streaks(hub) == raised


def test_a_quiet_pass_moves_nothing_in_the_store(
    hub: RunningHub, replica: HubContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen from the store itself: no write transaction began (a hook on the writer)."""
    three_unanswered(hub)
    assert pass_on(replica, now_ms()) == 1
    began: list[str] = []
    real_write = replica.db.write

    async def counting_write(fn: Callable[[Conn], T]) -> T:
        began.append("write")
        return await real_write(fn)

    monkeypatch.setattr(replica.db, "write", counting_write)
    assert pass_on(replica, now_ms()) == 0
    assert began == []


def test_an_alert_raised_by_another_replica_meanwhile_is_not_raised_twice(
    hub: RunningHub, replica: HubContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    three_unanswered(hub)
    now = now_ms()
    # The replica reads that the streak must be raised; the hub raises it meanwhile.
    between_read_and_write(monkeypatch, replica, lambda: hub.run(evaluate_once(hub.ctx, now)))
    assert pass_on(replica, now) == 0
    assert [r["count"] for r in streaks(hub)] == [3]
    assert streak_events(hub) == ["alert.raised"]


def test_a_message_arriving_between_the_read_and_the_write_counts(
    hub: RunningHub, replica: HubContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = three_unanswered(hub)
    # The replica reads three unanswered messages; a fourth arrives before its write.
    between_read_and_write(monkeypatch, replica, lambda: customer_writes_again(hub, cid, 4))
    assert pass_on(replica, now_ms()) == 1
    assert [r["count"] for r in streaks(hub)] == [4]  # what a pass in the write finds
    assert streak_events(hub) == ["alert.raised"]


def test_an_alert_cleared_between_the_read_and_the_write_is_not_raised(
    hub: RunningHub, replica: HubContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = three_unanswered(hub)
    agent = hub.client("ana")

    def answered() -> None:
        assert agent.post(f"/api/v1/conversations/{cid}/claim").status_code == 200
        sent = agent.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dime"})
        assert sent.status_code == 201, sent.text

    between_read_and_write(monkeypatch, replica, answered)
    assert pass_on(replica, now_ms()) == 0
    assert streaks(hub) == []
    assert streak_events(hub) == []


def test_replicas_still_take_turns_on_postgresql(
    hub: RunningHub, replica: HubContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A replica whose pass finds the other's write in progress skips its own."""
    if hub.ctx.db.dialect != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's")
    three_unanswered(hub)
    other = Database.open(hub.ctx.settings.db)
    try:
        holder = other.read_sync  # its own connection, holding the pass's lock
        lock = alert_loop._PASS_LOCK

        def held(conn: Conn) -> int:
            conn.raw.execute("BEGIN")
            assert conn.scalar("SELECT pg_try_advisory_xact_lock(?)", (lock,))
            try:
                return pass_on(replica, now_ms())
            finally:
                conn.raw.execute("ROLLBACK")

        assert holder(held) == 0
        assert replica.db.writes == 1  # it took the writer, found the lock taken, skipped
        assert streaks(hub) == []
        assert pass_on(replica, now_ms()) == 1  # the lock free again: raised
    finally:
        other.close()
