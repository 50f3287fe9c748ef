"""Fault test: the hub process is SIGKILLed in the middle of a webhook burst.

The simulator's deliverer keeps retrying what the hub did not acknowledge, as Meta does.
Some deliveries die with the process after their commit but before their 200, so they
come back as duplicates; others die before the commit and must come back at all. After a
restart on the same port and store, every message must be there exactly once, with
exactly one ``message.created`` on the stream and one conversation per customer.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import IO, Any

import httpx
import pytest
from hub_harness import APP_SECRET, SALES, free_port

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


def wa_desk_cli() -> str:
    """The ``wa-desk`` entry point of the interpreter running the tests."""
    candidate = Path(sys.executable).parent / "wa-desk"
    assert candidate.exists(), f"no wa-desk next to {sys.executable}; pip install -e .[dev]"
    return str(candidate)


class HubProcess:
    """``wa-desk hub serve`` as a real child process; its output goes to a log file."""

    def __init__(self, port: int, db_url: str, log_path: Path) -> None:
        self.port = port
        self.db_url = db_url
        self.log_path = log_path
        self.url = f"http://127.0.0.1:{port}"
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self, timeout_s: float = 30.0) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}
        env.update(
            WA_APP_SECRET=APP_SECRET,
            WA_VERIFY_TOKEN="verify-token",
            WA_ACCESS_TOKEN="access-token",
            # Nothing is sent in this test; a closed port is an honest Graph API here.
            WA_GRAPH_URL=f"http://127.0.0.1:{free_port()}",
        )
        self._log = self.log_path.open("ab")
        self._proc = subprocess.Popen(
            [
                wa_desk_cli(),
                "hub",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--db",
                self.db_url,
                "--log-level",
                "warning",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout_s
        with httpx.Client(timeout=1.0) as client:
            while True:
                if self._proc.poll() is not None:
                    raise AssertionError(f"the hub exited ({self._proc.returncode}):\n{self.log()}")
                try:
                    if client.get(f"{self.url}/healthz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError(f"the hub did not answer /healthz:\n{self.log()}")
                time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no final commit, sockets cut mid-request."""
        assert self._proc is not None
        self._proc.send_signal(signal.SIGKILL)
        self._proc.wait(10)
        self._close_log()

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(10)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


@contextmanager
def hub_process(port: int, db_url: str, log_path: Path) -> Iterator[HubProcess]:
    hub = HubProcess(port, db_url, log_path)
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()


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
