"""The backoff and lockout rules of sign-ins, without a store."""

from __future__ import annotations

from wa_desk.hub.session_policy import SessionPolicy
from wa_desk.hub.sign_in_throttle import (
    DAY_MS,
    Counts,
    Scope,
    as_of,
    backoff_ms,
    failed,
    finished,
    refusal,
    started,
)

POLICY = SessionPolicy(
    login_free_failures=3,
    login_address_free_failures=10,
    login_backoff_first_seconds=5,
    login_backoff_cap_seconds=60,
    lockout_failures=6,
    lockout_minutes=30,
)
NOW = 1_800_000_000_000


def test_waits_start_after_the_free_failures_and_double_up_to_the_cap() -> None:
    waits = [backoff_ms(n, Scope.NAME, POLICY) for n in range(8)]
    assert waits == [0, 0, 0, 5000, 10000, 20000, 40000, 60000]
    assert backoff_ms(9, Scope.ADDRESS, POLICY) == 0
    assert backoff_ms(10, Scope.ADDRESS, POLICY) == 5000
    assert backoff_ms(10_000, Scope.NAME, POLICY) == 60000  # no overflow, the cap


def _fail(counts: Counts, at: int) -> Counts:
    return failed(finished(started(counts, at)), Scope.NAME, at, POLICY)


def test_a_name_waits_then_locks_and_the_lock_refuses_whatever_the_wait() -> None:
    counts, now = Counts(), NOW
    for _ in range(3):
        assert refusal(counts, Scope.NAME, now, POLICY) is None
        counts = _fail(counts, now)
    wait = refusal(counts, Scope.NAME, now, POLICY)
    assert wait is not None and not wait.locked and wait.retry_after_seconds == 5
    for _ in range(3):
        now = counts.retry_at
        assert refusal(counts, Scope.NAME, now, POLICY) is None
        counts = _fail(counts, now)
    locked = refusal(counts, Scope.NAME, now, POLICY)
    assert locked is not None and locked.locked and locked.retry_after_ms == 30 * 60 * 1000
    after_lock = now + 30 * 60 * 1000
    assert (
        refusal(as_of(counts, Scope.NAME, after_lock, POLICY), Scope.NAME, after_lock, POLICY)
        is None
    )
    # Still six in a row: one more failure locks it again at once.
    assert _fail(counts, after_lock).locked_until == after_lock + 30 * 60 * 1000


def test_past_the_free_failures_parallel_attempts_take_turns() -> None:
    counts = Counts(failures=3, last_failure_at=NOW - 10_000, retry_at=NOW - 5000)
    first = refusal(counts, Scope.NAME, NOW, POLICY)
    assert first is None
    in_flight = started(counts, NOW)
    second = refusal(in_flight, Scope.NAME, NOW, POLICY)
    assert second is not None and not second.locked
    # A burst within the free failures is counted as it starts, too.
    burst = Counts()
    for _ in range(3):
        assert refusal(burst, Scope.NAME, NOW, POLICY) is None
        burst = started(burst, NOW)
    assert refusal(burst, Scope.NAME, NOW, POLICY) is not None


def test_counts_are_forgotten_after_quiet_time_but_never_while_locked() -> None:
    name = Counts(failures=4, last_failure_at=NOW - DAY_MS - 1, retry_at=NOW - DAY_MS)
    assert as_of(name, Scope.NAME, NOW, POLICY).failures == 0
    locked = Counts(failures=6, last_failure_at=NOW - DAY_MS - 1, locked_until=NOW + 1)
    assert as_of(locked, Scope.NAME, NOW, POLICY).failures == 6
    address = Counts(failures=12, last_failure_at=NOW - 2 * 60_000 - 1)
    assert as_of(address, Scope.ADDRESS, NOW, POLICY).failures == 0
    stale = Counts(pending=2, pending_at=NOW - 61_000)
    assert as_of(stale, Scope.ADDRESS, NOW, POLICY).pending == 0
