"""The store satisfies the client's ports; backoff grows, caps and jitters."""

from __future__ import annotations

import random
from pathlib import Path

from wa_desk.client.backoff import Backoff
from wa_desk.client.ports import OutboxPort
from wa_desk.store import LocalStore


def test_the_local_store_satisfies_the_clients_ports(tmp_path: Path) -> None:
    with LocalStore.open(tmp_path / "s.sqlite3") as store:
        outbox: OutboxPort = store  # checked by mypy as well as here
        assert isinstance(outbox, OutboxPort)


def test_backoff_grows_to_the_cap_with_jitter_and_resets() -> None:
    backoff = Backoff(base=0.5, cap=30.0, rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(12)]
    for n, delay in enumerate(delays):
        ceiling = min(30.0, 0.5 * 2**n)
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 30.0 and delays[-1] >= 15.0
    backoff.reset()
    assert backoff.next_delay() <= 0.5


def test_full_jitter_draws_from_zero_to_the_ceiling_and_none_is_exact() -> None:
    full = Backoff(base=1.0, cap=8.0, rng=random.Random(2), jitter=1.0)
    delays = [full.next_delay() for _ in range(200)]
    assert all(0 <= d <= 8.0 for d in delays)
    assert min(delays[4:]) < 4.0  # below the upper half: the whole range is used
    exact = Backoff(base=3.0, cap=3.0, jitter=0.0)
    assert [exact.next_delay() for _ in range(3)] == [3.0, 3.0, 3.0]
