"""The device's action log: every agent action, appended before it goes to the hub.

Rows have the shape of DESIGN.md's action-log event and are hash-chained per device
(``core.audit_chain``): each one is sealed with the hash of the one before it, in the
same write transaction that gives it its gapless ``seq``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.core.canonical_json import canonical_json
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.ids import uuid7


def append(
    conn: sqlite3.Connection,
    device: str,
    kind: str,
    actor: str,
    conversation_id: str | None,
    data: dict[str, Any],
    now: Millis,
) -> int:
    last = conn.execute(
        "SELECT seq, hash FROM action_log WHERE device = ? ORDER BY seq DESC LIMIT 1", (device,)
    ).fetchone()
    if last is not None and last["hash"] is None:
        _seal_unsealed(conn, device)
        last = conn.execute(
            "SELECT seq, hash FROM action_log WHERE device = ? ORDER BY seq DESC LIMIT 1",
            (device,),
        ).fetchone()
    seq = 1 if last is None else int(last["seq"]) + 1
    prev = GENESIS if last is None else str(last["hash"])
    event = seal(
        {
            "id": uuid7(),
            "device": device,
            "seq": seq,
            "at": to_rfc3339(now),
            "actor": actor,
            "kind": kind,
            "conversation": conversation_id,
            "data": json.loads(canonical_json(data)),
        },
        prev,
    )
    conn.execute(
        "INSERT INTO action_log (id, device, seq, at, actor, kind, conversation, data, prev, "
        "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event["id"], device, seq, event["at"], actor, kind, conversation_id,
         canonical_json(data), prev, event["hash"]),
    )  # fmt: skip
    return seq


def _seal_unsealed(conn: sqlite3.Connection, device: str) -> None:
    """Events written before the chain existed are sealed in order, once."""
    prev = GENESIS
    for event in events(conn, device, 0, 1_000_000_000):
        if "hash" not in event:
            event = seal(event, prev)
            conn.execute(
                "UPDATE action_log SET prev = ?, hash = ? WHERE device = ? AND seq = ?",
                (event["prev"], event["hash"], device, event["seq"]),
            )
        prev = str(event["hash"])


def events(conn: sqlite3.Connection, device: str, after: int, limit: int) -> list[dict[str, Any]]:
    """Events after ``after`` in seq order, as DESIGN.md's JSON."""
    rows = conn.execute(
        "SELECT * FROM action_log WHERE device = ? AND seq > ? ORDER BY seq LIMIT ?",
        (device, after, limit),
    ).fetchall()
    out = []
    for r in rows:
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
        out.append(event)
    return out
