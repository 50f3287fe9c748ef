"""Throughput and pair-rate buckets, on a clock the test drives."""

from __future__ import annotations

import pytest

from wa_desk.sim.delivery import WebhookDeliverer
from wa_desk.sim.limits import SendLimiter, TokenBucket


def test_bucket_allows_a_burst_then_refills() -> None:
    bucket = TokenBucket.full(rate=2.0, capacity=3, now_s=0.0)
    assert [bucket.try_take(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.try_take(0.5)  # one token back after half a second at 2/s
    assert not bucket.try_take(0.5)
    assert [bucket.try_take(100.0) for _ in range(4)] == [True, True, True, False]


def test_throughput_is_per_business_number() -> None:
    limiter = SendLimiter(rate_per_number=2, pair_burst=100, pair_per_second=1)
    assert [limiter.take_throughput("a", 0.0) for _ in range(3)] == [True, True, False]
    assert limiter.take_throughput("b", 0.0)
    assert limiter.take_throughput("a", 1.0)


def test_pair_rate_is_per_customer_and_number() -> None:
    limiter = SendLimiter(rate_per_number=80, pair_burst=2, pair_per_second=1 / 6)
    assert [limiter.take_pair("n", "c", 0.0) for _ in range(3)] == [True, True, False]
    assert limiter.take_pair("n", "other", 0.0)
    assert limiter.take_pair("m", "c", 0.0)
    assert not limiter.take_pair("n", "c", 5.0)
    assert limiter.take_pair("n", "c", 6.1)


@pytest.mark.anyio
async def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    deliverer = WebhookDeliverer(
        "http://127.0.0.1:9/x", "s", base_delay_s=1.0, max_delay_s=60.0, seed=3
    )
    for attempt in range(1, 12):
        ceiling = min(60.0, 2.0 ** (attempt - 1))
        delays = [deliverer.backoff_s(attempt) for _ in range(20)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1  # jittered
    await deliverer.aclose()
