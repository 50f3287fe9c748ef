"""What became of each action a device logged about a conversation.

A device logs its intent before the hub acts (``conversation.claimed`` with an
idempotency key) and, when the hub refuses it, the refusal after it, in the same chain and
with the same key (``core.audit_kinds.REFUSAL_OF``). The hub writes the key of the request
into the fact it records when the action takes effect, and keeps it on a sent message. So
each logged intent is, by its key:

- ``done``: the hub holds the fact (or the message) carrying its key;
- ``refused``: the device logged the refusal, with the hub's code and words;
- ``unconfirmed``: neither yet (the device has not synced its outcome, or logged the
  intent before a version of the hub that kept keys).

What happened is the hub's facts; a device's intent is only ever shown with its outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.core.audit_kinds import REFUSAL_OF
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.event_data import DATA_COLUMN, read_stored
from wa_desk.hub.queries.audit_log import HUB_CHAINS, is_hub_chain

DONE = "done"
REFUSED = "refused"
UNCONFIRMED = "unconfirmed"

INTENT_KINDS = frozenset(str(k) for k in REFUSAL_OF)
REFUSED_KINDS = frozenset(str(k) for k in REFUSAL_OF.values())
_REFUSED_LIST = ", ".join("?" * len(REFUSED_KINDS))


@dataclass(frozen=True, slots=True)
class Outcomes:
    """Idempotency key → the outcome of the intent that carried it."""

    done: frozenset[str]
    refused: dict[str, dict[str, Any]]  # key → {"code", "message", "actor", "kind"}

    def of(self, data: Any) -> dict[str, Any]:
        """The outcome of the intent whose ``data`` this is."""
        key = data.get("idempotency_key") if isinstance(data, dict) else None
        if not isinstance(key, str):
            return {"state": UNCONFIRMED}
        if key in self.refused:
            refusal = self.refused[key]
            return {"state": REFUSED, "code": refusal["code"], "message": refusal["message"]}
        if key in self.done:
            return {"state": DONE}
        return {"state": UNCONFIRMED}


def outcomes(conn: Conn, conversation_id: str) -> Outcomes:
    rows = conn.all(
        f"SELECT device, actor, kind, {DATA_COLUMN} FROM audit_events "  # noqa: S608 - constants
        f"WHERE conversation_id = ? AND ({HUB_CHAINS} OR kind IN ({_REFUSED_LIST})) "
        "ORDER BY received_at, device, seq",
        (conversation_id, *sorted(REFUSED_KINDS)),
    )
    done: set[str] = set()
    refused: dict[str, dict[str, Any]] = {}
    for row in rows:
        data = read_stored(row["data"]).value
        key = data.get("idempotency_key") if isinstance(data, dict) else None
        if not isinstance(key, str):
            continue
        if is_hub_chain(row["device"]):
            done.add(key)
        elif row["kind"] in REFUSED_KINDS:
            refused[key] = {
                "kind": row["kind"],
                "actor": row["actor"],
                "code": str(data.get("code") or ""),
                "message": str(data.get("message") or ""),
            }
    sent = conn.all(
        "SELECT idempotency_key FROM messages WHERE conversation_id = ? "
        "AND idempotency_key IS NOT NULL AND status <> 'failed'",
        (conversation_id,),
    )
    done.update(str(r["idempotency_key"]) for r in sent)
    return Outcomes(frozenset(done), refused)
