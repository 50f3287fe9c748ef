"""Sealed action-log events written straight into a hub store's audit tables, for tests."""

from __future__ import annotations

from typing import Any

from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.core.canonical_json import canonical_json
from wa_desk.core.clock import from_rfc3339, to_rfc3339
from wa_desk.core.ids import uuid7
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import audit_log

T0 = 1_790_000_000_000  # 2026-09-21, a fixed instant for the tests' events


def make_chain(
    device: str,
    actor: str,
    count: int,
    *,
    conversation: str | None = None,
    start_ms: int = T0,
    step_ms: int = 1000,
    kind: str = "note.added",
    data: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """``count`` sealed events of one device, seq 1.., one every ``step_ms``."""
    events: list[dict[str, Any]] = []
    prev = GENESIS
    for seq in range(1, count + 1):
        event = seal(
            {
                "id": uuid7(),
                "device": device,
                "seq": seq,
                "at": to_rfc3339(start_ms + (seq - 1) * step_ms),
                "actor": actor,
                "kind": kind,
                "conversation": conversation,
                "data": {"n": seq, "text": 'línea ünica "x"\n'} if data is None else data,
            },
            prev,
        )
        events.append(event)
        prev = event["hash"]
    return events


def extend_chain(events: list[dict[str, Any]], more: list[dict[str, Any]]) -> None:
    """Re-seal ``more`` after ``events`` (seq and prev follow on) and append them."""
    prev = events[-1]["hash"] if events else GENESIS
    for event in more:
        sealed = seal({**event, "seq": len(events) + 1}, prev)
        events.append(sealed)
        prev = sealed["hash"]


def event_row(event: dict[str, Any], received_at: int | None = None) -> tuple[Any, ...]:
    """The row of an event the hub received at ``received_at`` (default: its own ``at``)."""
    at_ms = from_rfc3339(event["at"])
    return (
        event["device"],
        event["seq"],
        event["id"],
        event["at"],
        at_ms,
        event["actor"],
        event["kind"],
        event["conversation"],
        canonical_json(event["data"]),
        event["prev"],
        event["hash"],
        at_ms if received_at is None else received_at,
    )


INSERT_EVENT = (
    "INSERT INTO audit_events (device, seq, id, at, at_ms, actor, kind, conversation_id, "
    "data, prev, hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def hub_facts(conn: Conn, kind: str) -> list[dict[str, Any]]:
    """The facts of ``kind`` in any of the hub's chains (a command records to its own
    machine's, ``hub`` or ``hub/<replica id>``), in time order."""
    rows = conn.all(
        "SELECT device, seq, id, at, actor, kind, conversation_id, data, prev, hash "  # noqa: S608 - constants
        f"FROM audit_events WHERE {audit_log.HUB_CHAINS} AND kind = ? ORDER BY at_ms, device, seq",
        (kind,),
    )
    return [audit_log.event_of(r) for r in rows]


def store_chain(conn: Conn, events: list[dict[str, Any]], user_id: str | None) -> None:
    """The events and their device's row, as the hub holds an acknowledged chain."""
    device = events[0]["device"]
    conn.execute(
        "INSERT INTO audit_devices (device, user_id, acked_seq, last_hash, base_seq, "
        "base_hash, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
        (device, user_id, events[-1]["seq"], events[-1]["hash"], GENESIS, T0, T0),
    )
    conn.executemany(INSERT_EVENT, [event_row(e) for e in events])
