"""Failed sign-ins in a row, per user name and per client address, kept in the store so
that they hold across restarts and are shared by every hub replica."""

from __future__ import annotations

from wa_desk.core.clock import Millis
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.sign_in_throttle import DAY_MS, PENDING_STALE_MS, Counts, Scope

_SELECT = "SELECT * FROM sign_in_failures WHERE scope = ? AND subject = ?"
_HELD = {"sqlite": _SELECT, "postgresql": _SELECT + " FOR UPDATE"}
# On PostgreSQL a row another replica holds (a sign-in deciding about it) is left for the
# next sweep rather than waited for.
_SWEEP = {
    "sqlite": (
        "DELETE FROM sign_in_failures WHERE last_failure_at < ? AND pending_at < ? "
        "AND (locked_until IS NULL OR locked_until < ?)"
    ),
    "postgresql": (
        "DELETE FROM sign_in_failures WHERE (scope, subject) IN (SELECT scope, subject "
        "FROM sign_in_failures WHERE last_failure_at < ? AND pending_at < ? "
        "AND (locked_until IS NULL OR locked_until < ?) FOR UPDATE SKIP LOCKED)"
    ),
}


def _counts(row: Row) -> Counts:
    return Counts(
        failures=int(row["failures"]),
        last_failure_at=int(row["last_failure_at"]),
        retry_at=int(row["retry_at"]),
        locked_until=None if row["locked_until"] is None else int(row["locked_until"]),
        pending=int(row["pending"]),
        pending_at=int(row["pending_at"]),
        refused=int(row["refused"]),
    )


def held(conn: Conn, scope: Scope, subject: str) -> Counts | None:
    """The counts of ``subject`` (None: nothing recorded), its row held until the
    transaction ends, so that replicas deciding about one name take turns (PostgreSQL's
    row lock; SQLite's writer lock does it for every write)."""
    sql = _HELD[conn.dialect]
    row = conn.one(sql, (scope.value, subject))
    return None if row is None else _counts(row)


def save(conn: Conn, scope: Scope, subject: str, counts: Counts) -> None:
    conn.execute(
        "INSERT INTO sign_in_failures (scope, subject, failures, last_failure_at, retry_at, "
        "locked_until, pending, pending_at, refused) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (scope, subject) DO UPDATE SET failures = excluded.failures, "
        "last_failure_at = excluded.last_failure_at, retry_at = excluded.retry_at, "
        "locked_until = excluded.locked_until, pending = excluded.pending, "
        "pending_at = excluded.pending_at, refused = excluded.refused",
        (
            scope.value,
            subject,
            counts.failures,
            counts.last_failure_at,
            counts.retry_at,
            counts.locked_until,
            counts.pending,
            counts.pending_at,
            counts.refused,
        ),
    )


def forget(conn: Conn, scope: Scope, subject: str) -> bool:
    """Start ``subject`` afresh (a success, an unlock); whether it had a record."""
    return (
        conn.execute(
            "DELETE FROM sign_in_failures WHERE scope = ? AND subject = ?", (scope.value, subject)
        )
        > 0
    )


def locked_names(conn: Conn, now: Millis) -> set[str]:
    rows = conn.all(
        "SELECT subject FROM sign_in_failures WHERE scope = ? AND locked_until > ?",
        (Scope.NAME.value, now),
    )
    return {r["subject"] for r in rows}


def sweep(conn: Conn, now: Millis) -> int:
    """Delete records that no longer slow anything down: no failure for a day, no lock,
    nothing in flight. Names typed by attackers do not pile up."""
    return conn.execute(_SWEEP[conn.dialect], (now - DAY_MS, now - PENDING_STALE_MS, now))
