"""Three ``wa-desk hub serve`` processes on one PostgreSQL behind HAProxy, no stickiness.

Webhooks taken by every replica reach every stream on every replica, once, in order,
with the same ids. One replica is SIGKILLed while webhooks keep coming through the
balancer: the clients it held reconnect through the balancer and resume on the others,
losing nothing and seeing nothing twice, and the work that runs once, which it held,
moves to another replica. Claims of one conversation racing on two
replicas have one winner. A replica stopped with SIGTERM moves its streams the same way
and exits without cutting anything short.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import orjson
import psycopg
import pytest
from hub_harness import APP_SECRET, PASSWORD, SALES, free_port, text_webhook, wait_for
from hub_process import HubProcess
from load_balancer import NO_HAPROXY_REASON, HaProxy, find_haproxy
from resuming_reader import ResumingReader

from wa_desk.core.clock import now_ms
from wa_desk.core.conversation import Role
from wa_desk.hub.db.database import Database
from wa_desk.hub.passwords import hash_password
from wa_desk.hub.queries import users
from wa_desk.hub.run_once import LEADER_LOCK
from wa_desk.whatsapp.signature import HEADER, sign

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.timeout(240),
    pytest.mark.skipif(find_haproxy() is None, reason=NO_HAPROXY_REASON),
]

REPLICAS = 3
BALANCED_READERS = 6  # round robin: two on each replica
MESSAGE = "message.created"


class Deployment:
    def __init__(self, hubs: list[HubProcess], balancer: HaProxy) -> None:
        self.hubs = hubs
        self.balancer = balancer


@pytest.fixture
def deployment(pg_url: str, tmp_path: Path) -> Iterator[Deployment]:
    Database.open(pg_url, readers=1).close()  # migrated once, before the replicas start
    with ExitStack() as stack:
        hubs = []
        for i in range(REPLICAS):
            hub = HubProcess(free_port(), pg_url, tmp_path / f"replica{i}.log")
            stack.callback(hub.stop)
            hub.start()
            hubs.append(hub)
        balancer = HaProxy(free_port(), [h.port for h in hubs], tmp_path)
        stack.callback(balancer.stop)
        balancer.wait_ready()
        yield Deployment(hubs, balancer)


def add_users(db_url: str, names: list[str]) -> None:
    db = Database.open(db_url, readers=1)
    try:
        hashed = hash_password(PASSWORD)
        for name in names:
            db.write_sync(
                lambda c, n=name: users.add_user(c, n, Role.AGENT, [SALES], hashed, now_ms())
            )
    finally:
        db.close()


def sign_in(url: str, name: str) -> str:
    response = httpx.post(
        f"{url}/api/v1/auth/login", json={"username": name, "password": PASSWORD}, timeout=10
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def deliver(url: str, wamid: str, wa_id: str, text: str) -> None:
    """As Meta does: again until a 200 (a replica killed mid-request answers nothing)."""
    raw = orjson.dumps(text_webhook(wamid, wa_id, text))
    headers = {HEADER: sign(raw, APP_SECRET), "Content-Type": "application/json"}
    deadline = time.monotonic() + 30
    while True:
        try:
            answer = httpx.post(f"{url}/webhooks/whatsapp", content=raw, headers=headers)
        except httpx.TransportError:
            pass
        else:
            if answer.status_code == 200:
                return
        assert time.monotonic() < deadline, f"{wamid} never acknowledged"
        time.sleep(0.05)


def work_holder(db_url: str) -> int | None:
    """The server process of the connection holding the work that runs once."""
    with psycopg.connect(db_url, autocommit=True) as pg:
        row = pg.execute(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND granted",
            (LEADER_LOCK,),
        ).fetchone()
    return None if row is None else int(row[0])


def texts_of(reader: ResumingReader) -> list[str]:
    return [e.data["text"] for e in reader.of_kind(MESSAGE)]


def assert_every_event_once_in_order(readers: list[ResumingReader], expected: list[str]) -> None:
    def all_there() -> bool:
        return all(len(texts_of(r)) >= len(expected) for r in readers)

    wait_for(all_there, timeout=60)
    ids = []
    for reader in readers:
        events = reader.of_kind(MESSAGE)
        assert sorted(texts_of(reader)) == sorted(expected)  # every one, none twice
        numbers = [e.id or 0 for e in events]
        assert numbers == sorted(set(numbers))  # in order
        ids.append(numbers)
    assert all(numbers == ids[0] for numbers in ids)  # the same ids everywhere


def test_replicas_share_one_stream_survive_a_kill_and_race_claims_fairly(
    deployment: Deployment, pg_url: str
) -> None:
    hubs, balancer = deployment.hubs, deployment.balancer
    names = [f"agent{i}" for i in range(REPLICAS + BALANCED_READERS)]
    add_users(pg_url, names)
    tokens = {name: sign_in(balancer.url, name) for name in names}
    direct = [ResumingReader(hub.url, tokens[names[i]]) for i, hub in enumerate(hubs)]
    balanced = [ResumingReader(balancer.url, tokens[n]) for n in names[REPLICAS:]]
    readers = [*direct, *balanced]
    try:
        wait_for(lambda: all(r.connections == 1 for r in readers), timeout=30)

        # 1. Webhooks taken by each replica reach every stream on every replica.
        first = [f"first-{i}" for i in range(60)]
        senders = [
            threading.Thread(
                target=lambda k=k: [
                    deliver(hubs[k].url, f"wamid.a{i}", f"3461{i % 20:07d}", first[i])
                    for i in range(k, len(first), REPLICAS)
                ]
            )
            for k in range(REPLICAS)
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(timeout=60)
        assert_every_event_once_in_order(readers, first)

        # 2. One replica is SIGKILLed mid-stream: its clients come back through the
        # balancer and lose nothing.
        second = [f"second-{i}" for i in range(60)]
        killed = threading.Event()

        def send_second() -> None:
            for i, text in enumerate(second):
                if i == len(second) // 3:
                    hubs[0].kill()
                    killed.set()
                deliver(balancer.url, f"wamid.b{i}", f"3462{i % 20:07d}", text)

        # The first replica started first: it took the work that runs once.
        holder = wait_for(lambda: work_holder(pg_url))
        sender = threading.Thread(target=send_second)
        sender.start()
        sender.join(timeout=90)
        assert killed.is_set()
        # Its lock went with its connection; another replica holds the work now.
        wait_for(lambda: work_holder(pg_url) not in (None, holder), timeout=20)
        survivors = [r for r in readers if r is not direct[0]]
        assert_every_event_once_in_order(survivors, first + second)
        moved = [r for r in balanced if r.connections > 1]
        assert len(moved) == BALANCED_READERS // REPLICAS  # the killed replica's own
        assert direct[0].connections == 1  # its address is dead: nothing to come back to

        # 3. Claims racing on two replicas: one winner each time.
        claimed = [f"claim-{i}" for i in range(5)]
        for i, text in enumerate(claimed):
            assert_one_claim_wins(hubs[1].url, hubs[2].url, tokens, names[:2], i, text)

        # 4. A replica stopped with SIGTERM moves its streams: they resume elsewhere.
        remaining = [r for r in balanced if r not in moved]
        # uvicorn raises the signal again once it has shut down gracefully.
        assert hubs[1].sigterm() == -signal.SIGTERM
        assert "graceful shutdown exceeded" not in hubs[1].log()  # nothing was cut short
        third = [f"third-{i}" for i in range(10)]
        for i, text in enumerate(third):
            deliver(balancer.url, f"wamid.c{i}", f"3463{i:07d}", text)
        every = first + second + claimed + third
        assert_every_event_once_in_order([direct[2], *remaining], every)
        told_to_move = [r for r in remaining if r.connections == 2]
        assert len(told_to_move) == BALANCED_READERS // REPLICAS
    finally:
        for reader in readers:
            reader.close()


def assert_one_claim_wins(
    url_a: str, url_b: str, tokens: dict[str, str], names: list[str], i: int, text: str
) -> None:
    wa_id = f"3469{i:07d}"
    deliver(url_a, f"wamid.claim{i}", wa_id, text)
    a = httpx.Client(base_url=url_a, headers={"Authorization": f"Bearer {tokens[names[0]]}"})
    b = httpx.Client(base_url=url_b, headers={"Authorization": f"Bearer {tokens[names[1]]}"})
    with a, b:
        items = a.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
        conversation = items[0]["id"]
        barrier = threading.Barrier(2)
        results: dict[str, int] = {}

        def claim(name: str, client: httpx.Client) -> None:
            barrier.wait()
            results[name] = client.post(f"/api/v1/conversations/{conversation}/claim").status_code

        racers = [
            threading.Thread(target=claim, args=pair) for pair in zip(names, (a, b), strict=True)
        ]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join(timeout=30)
        assert sorted(results.values()) == [200, 409]
        winner = next(name for name, status in results.items() if status == 200)
        holder = a.get(f"/api/v1/conversations/{conversation}").json()["assignee_name"]
        assert holder == winner
