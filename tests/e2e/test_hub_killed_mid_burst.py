"""Fault test: the hub process is SIGKILLed in the middle of a webhook burst.

The simulator's deliverer keeps retrying what the hub did not acknowledge, as Meta does.
Some deliveries die with the process after their commit but before their 200, so they
come back as duplicates; others die before the commit and must come back at all. After a
restart on the same port and store, every message must be there exactly once, with
exactly one ``message.created`` on the stream and one conversation per customer.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_harness import APP_SECRET, SALES, free_port
from hub_process import HubProcess, hub_process

from wa_desk.sim.delivery import WebhookDeliverer
from wa_desk.sim.state import World
from wa_desk.sim.webhooks import customer_message, inbound_body

# Each phase has its own deadline below; this bounds the whole, hub restarts included.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(150)]

MESSAGES = 3000
KILL_AFTER = 1000  # acknowledged deliveries before the SIGKILL
CUSTOMERS = 150
# Requests in flight. More is slower here: httpcore's pool costs grow with connections.
CONCURRENCY = 8


def burst_bodies(n: int) -> tuple[list[dict[str, Any]], list[str]]:
    """``n`` customer text messages as the simulator builds them, one webhook each."""
    world = World(seed=42)
    number = world.numbers[SALES]
    customers = [world.customer(f"3467{i:07d}") for i in range(CUSTOMERS)]
    now_s = int(time.time())
    bodies, wamids = [], []
    for i in range(n):
        customer = customers[i % CUSTOMERS]
        wamid = world.new_wamid(customer.wa_id)
        message = customer_message(
            "text",
            wamid=wamid,
            wa_id=customer.wa_id,
            timestamp_s=now_s,
            text=f"Mensaje {i:05d} de la ráfaga",
        )
        bodies.append(inbound_body(world.waba_id, number, customer, message))
        wamids.append(wamid)
    assert len(set(wamids)) == n
    return bodies, wamids


async def deliver_with_a_kill(hub: HubProcess, bodies: list[dict[str, Any]]) -> dict[str, Any]:
    deliverer = WebhookDeliverer(
        f"{hub.url}/webhooks/whatsapp",
        APP_SECRET,
        base_delay_s=0.05,
        max_delay_s=0.5,
        concurrency=CONCURRENCY,
        timeout_s=5.0,
        seed=3,
    )
    try:
        for body in bodies:
            deliverer.submit(body)
        deadline = time.monotonic() + 30
        while deliverer.stats.delivered < KILL_AFTER:
            assert time.monotonic() < deadline, f"too slow before the kill: {deliverer.stats}"
            await asyncio.sleep(0.002)
        acked_at_kill = deliverer.stats.delivered
        await asyncio.to_thread(hub.kill)
        # What a SIGKILL leaves behind: every acknowledged delivery must be in it, and
        # usually a few more (committed, but the 200 never left or was not counted yet):
        # those come back as duplicates.
        stored_at_kill = await asyncio.to_thread(count_messages, hub.db_url)
        # Down for a moment: the deliverer's attempts now fail and back off.
        await asyncio.sleep(0.3)
        failures_while_down = deliverer.stats.failed_attempts
        await asyncio.to_thread(hub.start)
        drained = await deliverer.drain(40.0)
        return {
            "acked_at_kill": acked_at_kill,
            "stored_at_kill": stored_at_kill,
            "failures_while_down": failures_while_down,
            "drained": drained,
            "stats": deliverer.stats.to_json(),
        }
    finally:
        await deliverer.aclose()


def query(db_url: str, sql: str) -> list[tuple[Any, ...]]:
    if db_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(db_url.removeprefix("sqlite://"))) as conn:
            return list(conn.execute(sql).fetchall())
    import psycopg

    with psycopg.connect(db_url) as conn:
        return list(conn.execute(sql).fetchall())


def count_messages(db_url: str) -> int:
    ((n,),) = query(db_url, "SELECT COUNT(*) FROM messages")
    return int(n)


def test_every_message_is_stored_exactly_once_across_a_sigkill(db_url: str, tmp_path: Path) -> None:
    bodies, wamids = burst_bodies(MESSAGES)
    with hub_process(free_port(), db_url, tmp_path / "hub.log") as hub:
        outcome = asyncio.run(deliver_with_a_kill(hub, bodies))
        stats = outcome["stats"]
        assert outcome["drained"], f"the deliverer did not drain: {outcome}\n{hub.log()}"
        # The kill happened mid-burst and was felt: attempts failed while the hub was down.
        assert KILL_AFTER <= outcome["acked_at_kill"] < MESSAGES, outcome
        assert outcome["failures_while_down"] > 0, outcome
        # Answered 200 means committed: nothing acknowledged was lost with the process.
        assert outcome["stored_at_kill"] >= outcome["acked_at_kill"], outcome
        assert stats["delivered"] == MESSAGES and stats["given_up"] == 0, outcome
        assert stats["pending"] == 0
        healthy = httpx.get(f"{hub.url}/healthz", timeout=5)
        assert healthy.status_code == 200 and healthy.json()["store"] == "ok"

    stored = dict(query(db_url, "SELECT wamid, COUNT(*) FROM messages GROUP BY wamid"))
    duplicated = {w: n for w, n in stored.items() if n != 1}
    assert duplicated == {}, f"{len(duplicated)} wamids stored more than once"
    missing = set(wamids) - set(stored)
    assert not missing, f"{len(missing)} of {MESSAGES} messages lost, e.g. {sorted(missing)[:3]}"
    assert set(stored) == set(wamids)
    assert query(db_url, "SELECT COUNT(*) FROM messages") == [(MESSAGES,)]
    # Side effects happened once per message too: no retry re-announced or reopened.
    created = query(db_url, "SELECT COUNT(*) FROM stream_events WHERE kind = 'message.created'")
    assert created == [(MESSAGES,)]
    assert query(db_url, "SELECT COUNT(*) FROM conversations") == [(CUSTOMERS,)]
    assert query(db_url, "SELECT COUNT(*) FROM contacts") == [(CUSTOMERS,)]
    orphans = query(
        db_url,
        "SELECT COUNT(*) FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id "
        "WHERE c.id IS NULL",
    )
    assert orphans == [(0,)]
    if db_url.startswith("sqlite:///"):
        assert query(db_url, "PRAGMA integrity_check") == [("ok",)]
