"""The device's action log: every agent action, appended before it goes to the hub.

Rows have the shape of DESIGN.md's action-log event, so the hash chain (``prev`` and
``hash``, empty for now) and the sync to the hub are additions to this table. ``seq``
is gapless per device because it is computed and inserted in one write transaction.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

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
    row = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM action_log WHERE device = ?", (device,)
    ).fetchone()
    seq = int(row[0])
    conn.execute(
        "INSERT INTO action_log (id, device, seq, at, actor, kind, conversation, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (uuid7(), device, seq, to_rfc3339(now), actor, kind, conversation_id, canonical_json(data)),
    )
    return seq


def events(conn: sqlite3.Connection, device: str, after: int, limit: int) -> list[dict[str, Any]]:
    """Events after ``after`` in seq order, as DESIGN.md's JSON (no chain fields yet)."""
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
