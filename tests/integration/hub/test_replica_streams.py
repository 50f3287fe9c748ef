"""Two hub replicas on one PostgreSQL store, each serving on loopback: a webhook taken by
either reaches the streams of both, once, in order, with the same ids; a client resumes
on the other replica with ``Last-Event-ID``."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from hub_harness import SUPPORT, RunningHub, running_hub
from sse_reader import Sse, StreamReader

pytestmark = pytest.mark.postgres

MESSAGES_EACH = 30


@pytest.fixture
def two_replicas(pg_url: str) -> Iterator[tuple[RunningHub, RunningHub]]:
    with running_hub(pg_url, waba=False) as first, running_hub(pg_url, waba=False) as second:
        yield first, second


def _customers_write(hub: RunningHub, tag: str) -> None:
    for i in range(MESSAGES_EACH):
        number = {} if i % 2 else {"phone_number_id": SUPPORT}
        hub.customer_writes(f"wamid.{tag}{i}", f"346{tag}{i:05d}", f"{tag}-{i}", **number)


# Replicas started cold (their first requests import and build the app) on a busy machine
# may take seconds per webhook; in order and once is what is checked, not how fast.
EVENT_WAIT_S = 30.0


def _messages(reader: StreamReader, count: int) -> list[Sse]:
    return [reader.take("message.created", timeout=EVENT_WAIT_S) for _ in range(count)]


def test_every_stream_on_every_replica_gets_every_webhook_once_in_order(
    two_replicas: tuple[RunningHub, RunningHub],
) -> None:
    first, second = two_replicas
    first.add_user("lead", "supervisor", ("ventas", "soporte"))
    first.add_user("boss", "supervisor", ("ventas", "soporte"))
    first.login("lead")
    first.login("boss")  # a session made on one replica holds on the other
    readers = [
        StreamReader(first.url, first.tokens["lead"]),
        StreamReader(second.url, first.tokens["lead"]),
        StreamReader(second.url, first.tokens["boss"]),
    ]
    try:
        for reader in readers:
            reader.take("ready")
        senders = [
            threading.Thread(target=_customers_write, args=(first, "1")),
            threading.Thread(target=_customers_write, args=(second, "2")),
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(timeout=60)
        total = 2 * MESSAGES_EACH
        seen = [_messages(reader, total) for reader in readers]
    finally:
        for reader in readers:
            reader.close()
    expected = {f"{tag}-{i}" for tag in "12" for i in range(MESSAGES_EACH)}
    ids = [[e.id or 0 for e in events] for events in seen]
    for events, numbers in zip(seen, ids, strict=True):
        assert {e.data["text"] for e in events} == expected  # every one, none twice
        assert numbers == sorted(set(numbers))  # in order
    assert ids[0] == ids[1] == ids[2]  # the same numbers on every replica
    assert [e.data["text"] for e in seen[0]] == [e.data["text"] for e in seen[1]]


def test_a_stream_resumes_on_the_other_replica_with_nothing_missed_or_repeated(
    two_replicas: tuple[RunningHub, RunningHub],
) -> None:
    first, second = two_replicas
    first.add_user("lead", "supervisor", ("ventas", "soporte"))
    first.login("lead")
    token = first.tokens["lead"]
    on_first = StreamReader(first.url, token)
    try:
        on_first.take("ready")
        _customers_write(second, "3")
        before = _messages(on_first, MESSAGES_EACH // 2)
    finally:
        on_first.close()
    moved = StreamReader(second.url, token, last_event_id=before[-1].id)
    try:
        after = _messages(moved, MESSAGES_EACH - len(before))
        first.customer_writes("wamid.live", "34699999999", "live")
        live = moved.take("message.created")
    finally:
        moved.close()
    texts = [e.data["text"] for e in [*before, *after]]
    assert texts == [f"3-{i}" for i in range(MESSAGES_EACH)]
    assert live.data["text"] == "live"
    numbers = [e.id or 0 for e in [*before, *after, live]]
    assert numbers == sorted(set(numbers))
