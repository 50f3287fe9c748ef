"""The install's action log: every agent action, appended before it goes to the hub.

Rows have the shape of DESIGN.md's action-log event and are hash-chained per chain
(``core.audit_chain``): each one is sealed with the hash of the one before it, in the
same write transaction that gives it its gapless ``seq``.

A workstation is shared by several agents, and the hub accepts a chain only from the
user it belongs to, so there is one chain per install and user: its id (the event's
``device``) is ``"<install id>/<user id>"``. ``action_log_sync`` remembers how far the
hub acknowledged each chain, so a restart resumes without asking.

An event's ``at`` never goes back within a chain (the hub refuses one that does, and a
sealed event cannot be rewritten): it is the computer's clock, or the chain's last
``at`` when the clock was put back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.core.canonical_json import canonical_json
from wa_desk.core.clock import Millis, from_rfc3339, to_rfc3339
from wa_desk.core.ids import uuid7

_INSERT = (
    "INSERT INTO action_log (id, device, seq, at, actor, kind, conversation, data, prev, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_LAST = "SELECT seq, hash, at FROM action_log WHERE device = ? ORDER BY seq DESC LIMIT 1"


@dataclass(frozen=True, slots=True)
class Action:
    """One action to append: what, by whom, about which conversation."""

    kind: str
    actor: str
    conversation_id: str | None
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ChainState:
    """A chain's length here and how much of it the hub acknowledged (None: never asked)."""

    device: str
    user_id: str
    last_seq: int
    acked_seq: int | None

    @property
    def unsynced(self) -> int:
        return self.last_seq - (self.acked_seq or 0)


def chain_id(install_id: str, user_id: str) -> str:
    if not user_id or "/" in user_id:
        raise ValueError(f"not a user id for an action-log chain: {user_id!r}")
    return f"{install_id}/{user_id}"


def chain_user(device: str) -> str:
    """The user a chain belongs to (the part after the last ``/``)."""
    return device.rpartition("/")[2]


def append(
    conn: sqlite3.Connection,
    install_id: str,
    kind: str,
    actor: str,
    conversation_id: str | None,
    data: dict[str, Any],
    now: Millis,
) -> int:
    """Append to ``actor``'s chain on this install; the event's seq."""
    return append_many(conn, install_id, [Action(kind, actor, conversation_id, data)], now)[-1]


def append_many(
    conn: sqlite3.Connection, install_id: str, actions: Iterable[Action], now: Millis
) -> list[int]:
    """Append actions in order (each to its actor's chain); their seqs."""
    heads: dict[str, tuple[int, str, Millis]] = {}
    rows = []
    seqs = []
    for action in actions:
        device = chain_id(install_id, action.actor)
        head = heads.get(device) or _head(conn, device)
        seq, prev, at_ms = head[0] + 1, head[1], max(now, head[2])
        at = to_rfc3339(at_ms)
        data_text = canonical_json(action.data)
        event = seal(
            {
                "id": uuid7(),
                "device": device,
                "seq": seq,
                "at": at,
                "actor": action.actor,
                "kind": action.kind,
                "conversation": action.conversation_id,
                "data": json.loads(data_text),
            },
            prev,
        )
        heads[device] = (seq, event["hash"], at_ms)
        seqs.append(seq)
        rows.append(
            (event["id"], device, seq, at, action.actor, action.kind, action.conversation_id,
             data_text, prev, event["hash"])
        )  # fmt: skip
    conn.executemany(_INSERT, rows)
    return seqs


def _head(conn: sqlite3.Connection, device: str) -> tuple[int, str, Millis]:
    """The chain's last seq, hash and ``at`` (GENESIS and 0 when it is empty)."""
    last = conn.execute(_LAST, (device,)).fetchone()
    if last is None:
        return (0, GENESIS, 0)
    try:
        at_ms = from_rfc3339(str(last["at"]))
    except (ValueError, OverflowError):
        at_ms = 0  # not one this code wrote: the clock decides
    return (int(last["seq"]), str(last["hash"]), at_ms)


def events(conn: sqlite3.Connection, device: str, after: int, limit: int) -> list[dict[str, Any]]:
    """One chain's events after ``after`` in seq order, as DESIGN.md's JSON."""
    rows = conn.execute(
        "SELECT * FROM action_log WHERE device = ? AND seq > ? ORDER BY seq LIMIT ?",
        (device, after, limit),
    ).fetchall()
    return [_event(r) for r in rows]


def events_of_install(
    conn: sqlite3.Connection, install_id: str, user_id: str | None, after: int, limit: int
) -> list[dict[str, Any]]:
    """Events of this install's chains (one user's, or all) in the order they were written."""
    if user_id is not None:
        return events(conn, chain_id(install_id, user_id), after, limit)
    rows = conn.execute(
        "SELECT * FROM action_log WHERE device LIKE ? ESCAPE '\\' AND seq > ? "
        "ORDER BY rowid LIMIT ?",
        (_like_prefix(install_id), after, limit),
    ).fetchall()
    return [_event(r) for r in rows]


def _like_prefix(install_id: str) -> str:
    escaped = install_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "/%"


def _event(r: sqlite3.Row) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": r["id"],
        "device": r["device"],
        "seq": r["seq"],
        "at": r["at"],
        "actor": r["actor"],
        "kind": r["kind"],
        "conversation": r["conversation"],
        "data": json.loads(r["data"]),
    }
    if r["prev"] is not None:
        event["prev"] = r["prev"]
    if r["hash"] is not None:
        event["hash"] = r["hash"]
    return event


def chains(conn: sqlite3.Connection) -> list[ChainState]:
    """Every chain in the file with its length and the hub's last acknowledgement."""
    # Index seeks only (distinct devices by skip-scan, then each one's last seq): this
    # runs after every append while the syncer is live, over a log of any length.
    rows = conn.execute(
        "WITH RECURSIVE d(device) AS ("
        " SELECT MIN(device) FROM action_log"
        " UNION ALL SELECT (SELECT MIN(device) FROM action_log WHERE device > d.device)"
        " FROM d WHERE d.device IS NOT NULL) "
        "SELECT d.device, (SELECT MAX(seq) FROM action_log WHERE device = d.device) AS last_seq,"
        " s.acked_seq FROM d LEFT JOIN action_log_sync s ON s.device = d.device "
        "WHERE d.device IS NOT NULL ORDER BY d.device"
    ).fetchall()
    return [
        ChainState(
            r["device"],
            chain_user(r["device"]),
            int(r["last_seq"]),
            None if r["acked_seq"] is None else int(r["acked_seq"]),
        )
        for r in rows
    ]


def set_acked(conn: sqlite3.Connection, device: str, acked_seq: int) -> None:
    """What the hub holds of a chain (it never shrinks: a late answer cannot undo a newer one)."""
    conn.execute(
        "INSERT INTO action_log_sync (device, acked_seq) VALUES (?, ?) "
        "ON CONFLICT (device) DO UPDATE SET acked_seq = MAX(acked_seq, excluded.acked_seq)",
        (device, acked_seq),
    )


def forget_acked(conn: sqlite3.Connection, device: str) -> None:
    """The remembered acknowledgement is wrong (the hub said otherwise): ask again."""
    conn.execute("DELETE FROM action_log_sync WHERE device = ?", (device,))


def rechain_by_user(conn: sqlite3.Connection) -> None:
    """Move events of per-install chains (device = bare install id, mixed actors) to
    per-user chains, in their order, re-sealed. Never-synced data only: a migration step."""
    rows = conn.execute(
        "SELECT * FROM action_log WHERE instr(device, '/') = 0 ORDER BY device, seq"
    ).fetchall()
    heads: dict[str, tuple[int, str]] = {}
    for r in rows:
        event = _event(r)
        device = chain_id(str(r["device"]), str(r["actor"]))
        seq, prev = heads.get(device, (0, GENESIS))
        event.update(device=device, seq=seq + 1)
        sealed = seal(event, prev)
        heads[device] = (seq + 1, sealed["hash"])
        conn.execute(
            "UPDATE action_log SET device = ?, seq = ?, prev = ?, hash = ? WHERE id = ?",
            (device, seq + 1, prev, sealed["hash"], r["id"]),
        )
