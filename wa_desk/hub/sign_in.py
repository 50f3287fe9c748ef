"""One sign-in attempt in three steps around the password check, each a store write:
:func:`begin` counts the attempt (or refuses it, locked or waiting, without a password
being tried), then :func:`failed` or :func:`succeeded` settles it.

The user name is counted as typed whether or not such a user exists, and unknown names
answer exactly as wrong passwords do, so neither the answers nor the lock tell which
names exist. Failed attempts, locks and unlocks are facts in the hub's audit chain (the
name, the reason and the address; never the password).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from enum import StrEnum

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.hub import sign_in_throttle as throttle
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import sign_in_failures, users
from wa_desk.hub.queries.audit_log import HUB_ACTOR, append_hub_fact
from wa_desk.hub.queries.users import IssuedToken, User
from wa_desk.hub.session_policy import SessionPolicy
from wa_desk.hub.sign_in_throttle import Refusal, Scope


class FailReason(StrEnum):
    NO_MATCH = "wrong_password"  # the password given is not the user's
    UNKNOWN_USER = "unknown_user"
    DISABLED_USER = "disabled_user"


def address_key(host: str | None) -> str:
    """Who is counted as one client: the address, an IPv6 one by its /64 (what one
    customer of a provider is given), an IPv4-mapped one as IPv4."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:100]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


@dataclass(frozen=True, slots=True)
class Attempt:
    name: str
    address: str
    found: tuple[User, str] | None  # the user and their password hash


def begin(
    conn: Conn, name: str, address: str, now: Millis, policy: SessionPolicy
) -> Attempt | Refusal:
    """Count the attempt before its password is checked, or refuse it. A refusal only
    counts on records that exist: refused requests cost no password check and add no
    rows, however many there are."""
    subjects = ((Scope.NAME, name), (Scope.ADDRESS, address))
    stored = {scope: sign_in_failures.held(conn, scope, subject) for scope, subject in subjects}
    counts = {s: throttle.as_of(c or throttle.Counts(), s, now, policy) for s, c in stored.items()}
    refusals = [r for s, c in counts.items() if (r := throttle.refusal(c, s, now, policy))]
    if refusals:
        for scope, subject in subjects:
            if stored[scope] is not None:
                c = counts[scope]
                sign_in_failures.save(conn, scope, subject, replace(c, refused=c.refused + 1))
        return max(refusals, key=lambda r: (r.locked, r.retry_after_ms))
    for scope, subject in subjects:
        sign_in_failures.save(conn, scope, subject, throttle.started(counts[scope], now))
    return Attempt(name, address, users.user_with_hash(conn, name))


def _counts(
    conn: Conn, scope: Scope, subject: str, now: Millis, policy: SessionPolicy
) -> throttle.Counts:
    counts = sign_in_failures.held(conn, scope, subject) or throttle.Counts()
    return throttle.as_of(counts, scope, now, policy)


def failed(
    conn: Conn, attempt: Attempt, reason: FailReason, now: Millis, policy: SessionPolicy
) -> bool:
    """Settle a failed attempt: counted in a row, recorded; whether the name is locked."""
    # The name's row, then the address's, as everywhere: replicas never wait in a circle.
    before = throttle.finished(_counts(conn, Scope.NAME, attempt.name, now, policy))
    after = throttle.failed(before, Scope.NAME, now, policy)
    sign_in_failures.save(conn, Scope.NAME, attempt.name, after)
    address = throttle.finished(_counts(conn, Scope.ADDRESS, attempt.address, now, policy))
    sign_in_failures.save(
        conn, Scope.ADDRESS, attempt.address, throttle.failed(address, Scope.ADDRESS, now, policy)
    )
    user_id = attempt.found[0].id if attempt.found else None
    data: dict[str, object] = {
        "name": attempt.name,
        "user": user_id,
        "reason": reason.value,
        "address": attempt.address,
        "failures_in_a_row": after.failures,
    }
    if before.refused:
        data["refused_since_last_failure"] = before.refused
    append_hub_fact(conn, AuditKind.AUTH_LOGIN_FAILED, HUB_ACTOR, None, data, now)
    locked = throttle.is_locked(after, now)
    if locked and not throttle.is_locked(before, now):
        assert after.locked_until is not None
        lock = {
            "name": attempt.name,
            "user": user_id,
            "address": attempt.address,
            "failures_in_a_row": after.failures,
            "until": to_rfc3339(after.locked_until),
        }
        append_hub_fact(conn, AuditKind.AUTH_LOCKED, HUB_ACTOR, None, lock, now)
    return locked


def succeeded(
    conn: Conn, attempt: Attempt, user: User, now: Millis, ttl_ms: Millis, policy: SessionPolicy
) -> IssuedToken:
    """Settle a successful attempt: the name starts afresh (the address keeps its
    failures, which only time forgets), a token is issued, long-dead tokens and records
    are swept (sign-ins are what creates them, so sweeping here bounds both)."""
    sign_in_failures.forget(conn, Scope.NAME, attempt.name)
    address = throttle.finished(_counts(conn, Scope.ADDRESS, attempt.address, now, policy))
    sign_in_failures.save(conn, Scope.ADDRESS, attempt.address, address)
    idle_ms = idle_limit_ms(policy)
    issued = users.issue_token(
        conn, user.id, now, ttl_ms, max_sessions=policy.max_sessions_per_user, idle_ms=idle_ms
    )
    users.delete_dead_tokens(conn, now, idle_ms)
    sign_in_failures.sweep(conn, now)
    return issued


def unlock(conn: Conn, name: str, operator: str, now: Millis) -> bool:
    """An administrator lifts a name's lock and failures; False when no such user."""
    user = users.user_with_hash(conn, name)
    if user is None:
        return False
    was_locked = name in sign_in_failures.locked_names(conn, now)
    sign_in_failures.forget(conn, Scope.NAME, name)
    append_hub_fact(
        conn,
        AuditKind.AUTH_UNLOCKED,
        HUB_ACTOR,
        None,
        {"name": name, "user": user[0].id, "operator": operator, "was_locked": was_locked},
        now,
    )
    return True


def idle_limit_ms(policy: SessionPolicy) -> Millis:
    return int(policy.idle_minutes * 60 * 1000)


def use_noted_every_ms(policy: SessionPolicy) -> Millis:
    """How often a token's use is written: once a minute, or more often when the idle
    limit is so short that a minute would matter."""
    return min(60_000, idle_limit_ms(policy) // 4)
