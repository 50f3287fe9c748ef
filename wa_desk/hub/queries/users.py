"""Users, their queues and their bearer tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from wa_desk.core.clock import Millis
from wa_desk.core.conversation import Role
from wa_desk.core.ids import uuid7
from wa_desk.hub.db.connection import Conn, Row

AGENT_STATUSES = ("available", "away", "offline")


@dataclass(frozen=True, slots=True)
class User:
    id: str
    name: str
    role: Role
    queues: tuple[str, ...]
    disabled: bool
    status: str

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
        }


class UserExists(Exception):
    pass


def _user(conn: Conn, row: Row) -> User:
    queues = conn.all(
        "SELECT queue FROM user_queues WHERE user_id = ? ORDER BY queue", (row["id"],)
    )
    return User(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        queues=tuple(q["queue"] for q in queues),
        disabled=bool(row["disabled"]),
        status=row["status"],
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


def get_user(conn: Conn, user_id: str) -> User | None:
    row = conn.one("SELECT * FROM users WHERE id = ?", (user_id,))
    return None if row is None else _user(conn, row)


def user_with_hash(conn: Conn, name: str) -> tuple[User, str] | None:
    row = conn.one("SELECT * FROM users WHERE name = ?", (name,))
    return None if row is None else (_user(conn, row), row["password_hash"])


def list_users(conn: Conn) -> list[User]:
    return [_user(conn, r) for r in conn.all("SELECT * FROM users ORDER BY name")]


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


def set_status(conn: Conn, user_id: str, status: str) -> None:
    conn.execute("UPDATE users SET status = ? WHERE id = ?", (status, user_id))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(conn: Conn, user_id: str, now: Millis, ttl_ms: Millis) -> tuple[str, Millis]:
    """A new opaque bearer token; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    expires = now + ttl_ms
    conn.execute(
        "INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        (hash_token(token), user_id, now, expires),
    )
    return token, expires


def user_for_token(conn: Conn, token: str, now: Millis) -> User | None:
    row = conn.one(
        "SELECT u.* FROM tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? "
        "AND u.disabled = 0",
        (hash_token(token), now),
    )
    return None if row is None else _user(conn, row)


def revoke_token(conn: Conn, token: str, now: Millis) -> None:
    conn.execute(
        "UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
        (now, hash_token(token)),
    )
