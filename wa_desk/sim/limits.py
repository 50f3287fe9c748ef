"""Meta's sending limits as pure logic: throughput per number and the pair rate.

Token buckets on a monotonic clock passed in by the caller, so tests drive time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(slots=True)
class TokenBucket:
    rate: float  # tokens added per second
    capacity: float
    tokens: float
    updated_s: float

    @classmethod
    def full(cls, rate: float, capacity: float, now_s: float) -> TokenBucket:
        return cls(rate=rate, capacity=capacity, tokens=capacity, updated_s=now_s)

    def try_take(self, now_s: float) -> bool:
        elapsed = max(0.0, now_s - self.updated_s)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated_s = now_s
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


class SendLimiter:
    """Decides whether one more message may go out now.

    ``rate_per_number`` messages per second per business number (a one-second burst);
    ``pair_burst`` messages to one customer at once, refilled at ``pair_per_second``.
    """

    def __init__(self, rate_per_number: float, pair_burst: int, pair_per_second: float) -> None:
        self.rate_per_number = rate_per_number
        self.pair_burst = pair_burst
        self.pair_per_second = pair_per_second
        self._numbers: dict[str, TokenBucket] = {}
        self._pairs: dict[tuple[str, str], TokenBucket] = {}
        self._lock = threading.Lock()

    def take_throughput(self, phone_number_id: str, now_s: float) -> bool:
        with self._lock:
            bucket = self._numbers.get(phone_number_id)
            if bucket is None:
                capacity = max(1.0, self.rate_per_number)
                bucket = TokenBucket.full(self.rate_per_number, capacity, now_s)
                self._numbers[phone_number_id] = bucket
            return bucket.try_take(now_s)

    def take_pair(self, phone_number_id: str, wa_id: str, now_s: float) -> bool:
        with self._lock:
            key = (phone_number_id, wa_id)
            bucket = self._pairs.get(key)
            if bucket is None:
                bucket = TokenBucket.full(self.pair_per_second, max(1, self.pair_burst), now_s)
                self._pairs[key] = bucket
            return bucket.try_take(now_s)
