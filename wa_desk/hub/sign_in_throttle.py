"""Whether a sign-in may be tried at all: the backoff after failures in a row and the
lockout, as pure rules over what the store keeps per account name and per client
address (``queries/sign_in_failures.py``).

An attempt is counted the moment it starts (``pending``), before its password is
checked, so a burst of parallel guesses is held to the same count as one guess after
another: past the free failures only one attempt at a time is tried, and only once its
wait is over.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum

from wa_desk.core.clock import Millis
from wa_desk.hub.session_policy import SessionPolicy

DAY_MS = 24 * 3600 * 1000
# An attempt still pending after this long was cut short (the hub stopped): not counted.
PENDING_STALE_MS = 60 * 1000


class Scope(StrEnum):
    NAME = "name"  # the user name as typed, whether or not such a user exists
    ADDRESS = "address"  # the client's address (IPv6: its /64)


@dataclass(frozen=True, slots=True)
class Counts:
    failures: int = 0  # failed attempts in a row
    last_failure_at: Millis = 0
    retry_at: Millis = 0  # no attempt before this
    locked_until: Millis | None = None  # names only
    pending: int = 0  # attempts started and not yet finished
    pending_at: Millis = 0
    refused: int = 0  # attempts refused since the last recorded failure


@dataclass(frozen=True, slots=True)
class Refusal:
    locked: bool
    retry_after_ms: Millis

    @property
    def retry_after_seconds(self) -> int:
        return max(1, math.ceil(self.retry_after_ms / 1000))


def free_failures(scope: Scope, policy: SessionPolicy) -> int:
    if scope is Scope.NAME:
        return policy.login_free_failures
    return policy.login_address_free_failures


def backoff_ms(failures: int, scope: Scope, policy: SessionPolicy) -> Millis:
    """How long to wait after ``failures`` in a row: none within the free failures, then
    the first wait, doubling up to the cap."""
    over = failures - free_failures(scope, policy)
    if over < 0:
        return 0
    seconds = policy.login_backoff_first_seconds * 2.0 ** min(over, 60)
    return int(min(seconds, policy.login_backoff_cap_seconds) * 1000)


def _forget_after_ms(scope: Scope, policy: SessionPolicy) -> Millis:
    if scope is Scope.NAME:
        return DAY_MS
    return int(2 * policy.login_backoff_cap_seconds * 1000)


def is_locked(counts: Counts, now: Millis) -> bool:
    return counts.locked_until is not None and counts.locked_until > now


def as_of(counts: Counts, scope: Scope, now: Millis, policy: SessionPolicy) -> Counts:
    """The counts as they stand at ``now``: failures long past are forgotten (never
    those of a locked name), a stale pending attempt no longer counts."""
    if counts.pending and now - counts.pending_at > PENDING_STALE_MS:
        counts = replace(counts, pending=0)
    quiet = now - counts.last_failure_at > _forget_after_ms(scope, policy)
    if counts.failures and quiet and not is_locked(counts, now):
        counts = replace(counts, failures=0, retry_at=0)
    return counts


def refusal(counts: Counts, scope: Scope, now: Millis, policy: SessionPolicy) -> Refusal | None:
    """Why an attempt may not start now (``counts`` as of ``now``), or None."""
    if is_locked(counts, now):
        assert counts.locked_until is not None
        return Refusal(True, counts.locked_until - now)
    started = counts.failures + counts.pending
    if started < free_failures(scope, policy):
        return None
    if counts.retry_at > now:
        return Refusal(False, counts.retry_at - now)
    if counts.pending:
        # Past the free failures one attempt at a time: wait as if it fails.
        return Refusal(False, max(1000, backoff_ms(started, scope, policy)))
    return None


def started(counts: Counts, now: Millis) -> Counts:
    return replace(counts, pending=counts.pending + 1, pending_at=now)


def finished(counts: Counts) -> Counts:
    return replace(counts, pending=max(0, counts.pending - 1))


def failed(counts: Counts, scope: Scope, now: Millis, policy: SessionPolicy) -> Counts:
    """After a failed attempt (already finished): one more in a row, the next wait, and
    for a name that reaches ``lockout_failures``, the lock."""
    failures = counts.failures + 1
    locked_until = counts.locked_until
    if scope is Scope.NAME and failures >= policy.lockout_failures and not is_locked(counts, now):
        locked_until = now + int(policy.lockout_minutes * 60 * 1000)
    return replace(
        counts,
        failures=failures,
        last_failure_at=now,
        retry_at=now + backoff_ms(failures, scope, policy),
        locked_until=locked_until,
        refused=0,
    )
