"""Users, their queues and their bearer tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from wa_desk.core.clock import Millis, optional_rfc3339
from wa_desk.core.conversation import Role
from wa_desk.core.ids import uuid7
from wa_desk.hub.db.connection import Conn, Row

DAY_MS = 24 * 3600 * 1000


@dataclass(frozen=True, slots=True)
class User:
    id: str
    name: str
    role: Role
    queues: tuple[str, ...]
    disabled: bool
    status: str
    status_since: Millis | None = None  # None: set before the hub kept status times
    capacity: int | None = None  # their own; None: the policy's default for their queues

    @property
    def is_lead(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)

    def public(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "queues": list(self.queues),
            "status": self.status,
            "since": optional_rfc3339(self.status_since),
        }


class UserExists(Exception):
    pass


def _user(conn: Conn, row: Row) -> User:
    queues = conn.all(
        "SELECT queue FROM user_queues WHERE user_id = ? ORDER BY queue", (row["id"],)
    )
    return _with_queues(row, tuple(q["queue"] for q in queues))


def _with_queues(row: Row, queues: tuple[str, ...]) -> User:
    return User(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        queues=queues,
        disabled=bool(row["disabled"]),
        status=row["status"],
        status_since=row["status_since"],
        capacity=row["capacity"],
    )


def add_user(
    conn: Conn, name: str, role: Role, queues: list[str], password_hash: str, now: Millis
) -> User:
    if conn.one("SELECT id FROM users WHERE name = ?", (name,)):
        raise UserExists(name)
    user_id = uuid7()
    conn.execute(
        "INSERT INTO users (id, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        (user_id, name, role.value, password_hash, now),
    )
    for q in sorted(set(queues)):
        conn.execute("INSERT INTO user_queues (user_id, queue) VALUES (?, ?)", (user_id, q))
    found = get_user(conn, user_id)
    assert found is not None
    return found


def names_of(conn: Conn, ids: Iterable[str]) -> dict[str, str]:
    """User id → name, for the ids that name a user."""
    wanted = tuple(set(ids))
    if not wanted:
        return {}
    marks = ", ".join("?" * len(wanted))
    rows = conn.all(f"SELECT id, name FROM users WHERE id IN ({marks})", wanted)  # noqa: S608 - placeholders only
    return {str(r["id"]): str(r["name"]) for r in rows}


def get_user(conn: Conn, user_id: str) -> User | None:
    row = conn.one("SELECT * FROM users WHERE id = ?", (user_id,))
    return None if row is None else _user(conn, row)


def user_with_hash(conn: Conn, name: str) -> tuple[User, str] | None:
    row = conn.one("SELECT * FROM users WHERE name = ?", (name,))
    return None if row is None else (_user(conn, row), row["password_hash"])


def list_users(conn: Conn) -> list[User]:
    return _users(conn, conn.all("SELECT * FROM users ORDER BY name"))


def colleagues(conn: Conn, sharing: frozenset[str] | None) -> list[User]:
    """Enabled users by name: those in at least one of the ``sharing`` queues, or all of
    them when it is None."""
    if sharing is None:
        return _users(conn, conn.all("SELECT * FROM users WHERE disabled = 0 ORDER BY name"))
    if not sharing:
        return []
    marks = ", ".join("?" * len(sharing))
    rows = conn.all(
        "SELECT * FROM users WHERE disabled = 0 AND id IN "  # noqa: S608 - placeholders only
        f"(SELECT user_id FROM user_queues WHERE queue IN ({marks})) ORDER BY name",
        tuple(sorted(sharing)),
    )
    return _users(conn, rows)


def with_their_queues(conn: Conn, rows: list[Row]) -> list[User]:
    """The users of ``rows`` (``users`` rows), each with their queues."""
    return _users(conn, rows)


def _users(conn: Conn, rows: list[Row]) -> list[User]:
    """Users of ``rows`` with their queues, read in one query rather than one per user."""
    if not rows:
        return []
    queues: dict[str, list[str]] = {r["id"]: [] for r in rows}
    for q in conn.all("SELECT user_id, queue FROM user_queues ORDER BY queue"):
        if q["user_id"] in queues:
            queues[q["user_id"]].append(q["queue"])
    return [_with_queues(r, tuple(queues[r["id"]])) for r in rows]


def set_disabled(conn: Conn, name: str, disabled: bool, now: Millis) -> bool:
    row = conn.one("SELECT id FROM users WHERE name = ?", (name,))
    if row is None:
        return False
    conn.execute("UPDATE users SET disabled = ? WHERE id = ?", (int(disabled), row["id"]))
    if disabled:
        conn.execute(
            "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            (now, row["id"]),
        )
    return True


def set_password(conn: Conn, name: str, password_hash: str, now: Millis) -> User | None:
    """A new password; every session of the user ends (whoever held the old one)."""
    row = conn.one("SELECT id FROM users WHERE name = ?", (name,))
    if row is None:
        return None
    conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, row["id"]))
    conn.execute(
        "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        (now, row["id"]),
    )
    return get_user(conn, row["id"])


def set_status(conn: Conn, user_id: str, status: str, now: Millis, by: str | None = None) -> bool:
    """The user's status from ``now``, set by ``by`` (None: the hub itself); whether it
    changed. The stretch of the previous status ends and a new one begins, so a status
    timeline can be drawn (``status_history``)."""
    changed = conn.execute(
        "UPDATE users SET status = ?, status_since = ? WHERE id = ? AND status <> ?",
        (status, now, user_id, status),
    )
    if changed:
        record_status(conn, user_id, status, now, by)
    return bool(changed)


def record_status(conn: Conn, user_id: str, status: str, now: Millis, by: str | None) -> None:
    """End the user's open status stretch at ``now`` and begin one of ``status``."""
    conn.execute(
        "UPDATE agent_status_history SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
        (now, user_id),
    )
    conn.execute(
        "INSERT INTO agent_status_history (user_id, status, started_at, changed_by) "
        "VALUES (?, ?, ?, ?)",
        (user_id, status, now, by),
    )


@dataclass(frozen=True, slots=True)
class StatusStretch:
    status: str
    start: Millis
    end: Millis | None  # None: it still lasts
    by: str | None


def status_history(conn: Conn, user_id: str, start: Millis, end: Millis) -> list[StatusStretch]:
    """The user's status stretches that overlap ``[start, end)``, oldest first."""
    return status_histories(conn, [user_id], start, end)[user_id]


def status_histories(
    conn: Conn, user_ids: list[str], start: Millis, end: Millis
) -> dict[str, list[StatusStretch]]:
    """Each user's status stretches that overlap ``[start, end)``, oldest first, in one
    read (a user with none has an empty list)."""
    found: dict[str, list[StatusStretch]] = {u: [] for u in user_ids}
    for first in range(0, len(user_ids), _IDS_PER_READ):
        ids = user_ids[first : first + _IDS_PER_READ]
        marks = ",".join("?" * len(ids))
        rows = conn.all(
            "SELECT user_id, status, started_at, ended_at, changed_by FROM agent_status_history "  # noqa: S608 - marks only
            f"WHERE user_id IN ({marks}) AND started_at < ? "
            "AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at, id",
            (*ids, end, start),
        )
        for r in rows:
            found[str(r["user_id"])].append(
                StatusStretch(
                    str(r["status"]), int(r["started_at"]), r["ended_at"], r["changed_by"]
                )
            )
    return found


_IDS_PER_READ = 500  # ids bound in one read (SQLite allows 32766; plenty of room)


def set_capacity(conn: Conn, user_id: str, capacity: int | None) -> bool:
    """The user's own capacity (None: the policy's default); whether it changed."""
    row = conn.one("SELECT capacity FROM users WHERE id = ?", (user_id,))
    if row is None or row["capacity"] == capacity:
        return False
    conn.execute("UPDATE users SET capacity = ? WHERE id = ?", (capacity, user_id))
    return True


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    expires_at: Millis
    evicted: tuple[str, ...]  # hashes of the user's oldest sessions it ended


def issue_token(
    conn: Conn,
    user_id: str,
    now: Millis,
    ttl_ms: Millis,
    *,
    max_sessions: int,
    idle_ms: Millis,
) -> IssuedToken:
    """A new opaque bearer token (only its hash is stored); beyond ``max_sessions`` live
    tokens the user's oldest are revoked, and named so their streams can be ended."""
    live = conn.all(
        "SELECT token_hash FROM tokens WHERE user_id = ? AND revoked_at IS NULL "
        "AND expires_at > ? AND COALESCE(last_used_at, created_at) > ? "
        "ORDER BY created_at, token_hash",
        (user_id, now, now - idle_ms),
    )
    evicted = tuple(r["token_hash"] for r in live[: max(0, len(live) - max_sessions + 1)])
    for token_hash in evicted:
        conn.execute("UPDATE tokens SET revoked_at = ? WHERE token_hash = ?", (now, token_hash))
    token = secrets.token_urlsafe(32)
    expires = now + ttl_ms
    conn.execute(
        "INSERT INTO tokens (token_hash, user_id, created_at, expires_at, last_used_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (hash_token(token), user_id, now, expires, now),
    )
    return IssuedToken(token, expires, evicted)


@dataclass(frozen=True, slots=True)
class TokenUse:
    user: User
    token_hash: str
    last_used_at: Millis


def token_use(conn: Conn, token: str, now: Millis, idle_ms: Millis) -> TokenUse | None:
    """The user of a live token (not revoked, expired or idle for ``idle_ms``, its user
    not disabled) and when it was last recorded as used."""
    token_hash = hash_token(token)
    row = conn.one(
        "SELECT u.*, COALESCE(t.last_used_at, t.created_at) AS token_used_at "
        "FROM tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? "
        "AND COALESCE(t.last_used_at, t.created_at) > ? AND u.disabled = 0",
        (token_hash, now, now - idle_ms),
    )
    if row is None:
        return None
    return TokenUse(_user(conn, row), token_hash, int(row["token_used_at"]))


def record_token_use(conn: Conn, token_hash: str, now: Millis, every_ms: Millis) -> None:
    """Note that a token was used, unless that was noted less than ``every_ms`` ago."""
    conn.execute(
        "UPDATE tokens SET last_used_at = ? WHERE token_hash = ? "
        "AND COALESCE(last_used_at, created_at) <= ?",
        (now, token_hash, now - every_ms),
    )


def revoke_token(conn: Conn, token: str, now: Millis) -> str:
    """Revoke a token; its hash (to end its streams)."""
    token_hash = hash_token(token)
    conn.execute(
        "UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
        (now, token_hash),
    )
    return token_hash


def delete_dead_tokens(conn: Conn, now: Millis, idle_ms: Millis) -> int:
    """Tokens revoked, expired or idle for over a day: no use left in keeping them."""
    day_ago = now - DAY_MS
    return conn.execute(
        "DELETE FROM tokens WHERE revoked_at < ? OR expires_at < ? "
        "OR COALESCE(last_used_at, created_at) < ?",
        (day_ago, day_ago, day_ago - idle_ms),
    )


def revoked_since(conn: Conn, since: Millis) -> list[tuple[str, bool]]:
    """Tokens revoked at or after ``since`` (by any process on this store): each token's
    hash and whether its user is now disabled."""
    rows = conn.all(
        "SELECT t.token_hash, u.disabled FROM tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.revoked_at >= ?",
        (since,),
    )
    return [(str(r["token_hash"]), bool(r["disabled"])) for r in rows]
