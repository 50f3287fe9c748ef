"""Meta may deliver one webhook again while the first delivery is still being stored,
and a load balancer may hand the two to different replicas. Both are answered 200 and
the message is stored once: the replicas' write transactions take turns on PostgreSQL
(db.stream_order), so the second sees the first's message, even now that each replica
records its facts in a chain of its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from hub_harness import RunningHub, running_hub, text_webhook

pytestmark = pytest.mark.postgres

DELIVERIES = 40


@pytest.fixture
def east_and_west(pg_url: str) -> Iterator[tuple[RunningHub, RunningHub]]:
    with (
        running_hub(pg_url, waba=False, hub_settings={"replica_id": "east"}) as east,
        running_hub(pg_url, waba=False, hub_settings={"replica_id": "west"}) as west,
    ):
        yield east, west


def test_one_delivery_taken_by_two_replicas_at_once_is_stored_once_and_answered_200(
    east_and_west: tuple[RunningHub, RunningHub],
) -> None:
    answers: list[int] = []
    for i in range(DELIVERIES):
        body = text_webhook(f"wamid.twice{i}", f"3467{i:08d}", f"hola {i}")
        both = threading.Barrier(2)

        def deliver(
            hub: RunningHub, body: dict[str, Any] = body, both: threading.Barrier = both
        ) -> None:
            both.wait(timeout=30)
            answers.append(hub.post_webhook(body).status_code)

        senders = [threading.Thread(target=deliver, args=(hub,)) for hub in east_and_west]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(timeout=60)
    assert answers == [200] * (2 * DELIVERIES)
    east = east_and_west[0]
    stored = east.ctx.db.read_sync(
        lambda c: (
            c.scalar("SELECT COUNT(*) FROM messages"),
            c.scalar("SELECT COUNT(*) FROM conversations"),
        )
    )
    assert stored == (DELIVERIES, DELIVERIES)
