"""A conversation's timeline: its messages and every chain's audit events about it, merged
in time order, with the durations a supervisor judges it by.

An audit event is placed by when the hub received it (``received_at``), not by its
``at``, which is the device's claim (shown as such): a desktop's clock cannot move its
actions before or after anything. An event's ``data`` is shown whatever the stored row
holds: one that cannot be shown (``event_data.read_stored``) has ``data`` None and its
``data_problem`` named.

Durations (milliseconds, None until reached):

- waiting: the first inbound message to the first assignment or claim;
- first response: the first inbound message to the first outbound message from an agent;
- handle: the first assignment or claim to the close.

The first assignment is the hub's own fact when it holds one, else the conversation's
``assigned_at`` (the hub's clock too, but a transfer or reopen moves it); a desktop's
claim is only an intent, which the hub may have refused, so it never counts. The first
response falls back to ``first_response_at`` when the messages are gone.

A device's event that is an intent (a claim, a close...) carries its ``outcome``: done,
refused (with the hub's code and words) or unconfirmed (``queries.outcomes``). An event
whose data names users (``to_user``, ``from_user``: an assignment, a transfer, a return
to the queue) carries their names in ``people`` (id -> name, null for no such user).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from wa_desk.core import cursor as cursors
from wa_desk.core.auto_replies import AUTOMATIC_SENDER
from wa_desk.core.clock import Millis, optional_rfc3339, to_rfc3339
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.event_data import DATA_COLUMN, read_stored
from wa_desk.hub.queries import conversations, outcomes, users
from wa_desk.hub.queries.audit_log import HUB_CHAINS, is_hub_chain

ASSIGN_KINDS = ("conversation.assigned", "conversation.claimed")

# (messages: their time, events: received_at; 0 event / 1 message, device or id, seq)
SortKey = tuple[Millis, int, str, int]


@dataclass(frozen=True, slots=True)
class Durations:
    waiting_ms: Millis | None
    first_response_ms: Millis | None
    handle_ms: Millis | None

    def view(self) -> dict[str, Millis | None]:
        return {
            "waiting_ms": self.waiting_ms,
            "first_response_ms": self.first_response_ms,
            "handle_ms": self.handle_ms,
        }


def _since(start: Millis | None, end: Millis | None) -> Millis | None:
    if start is None or end is None:
        return None
    return max(0, end - start)


def durations(conn: Conn, conv: Row) -> Durations:
    cid = conv["id"]
    first_in = conn.scalar(
        "SELECT MIN(timestamp) FROM messages WHERE conversation_id = ? AND direction = 'in'",
        (cid,),
    )
    if first_in is None:
        first_in = conv["last_inbound_at"]  # the messages were purged: the best we know
    first_out = None
    if first_in is not None:
        first_out = conn.scalar(
            "SELECT MIN(timestamp) FROM messages WHERE conversation_id = ? AND direction = 'out' "
            "AND sender <> ? AND timestamp >= ?",  # an automatic reply is no response
            (cid, AUTOMATIC_SENDER, first_in),
        )
    if first_out is None:
        first_out = conv["first_response_at"]
    assigned = first_assignment(conn, conv)
    return Durations(
        waiting_ms=_since(first_in, assigned),
        first_response_ms=_since(first_in, first_out),
        handle_ms=_since(assigned, conv["closed_at"]),
    )


def first_assignment(conn: Conn, conv: Row) -> Millis | None:
    found = conn.scalar(
        "SELECT MIN(at_ms) FROM audit_events WHERE conversation_id = ? "  # noqa: S608 - constants
        f"AND kind IN (?, ?) AND {HUB_CHAINS}",
        (conv["id"], *ASSIGN_KINDS),
    )
    if found is None:
        found = conv["assigned_at"]
    return None if found is None else int(found)


def _message_item(row: Row, names: dict[str, str], contact_name: str | None) -> dict[str, Any]:
    sender = row["sender"]
    inbound = row["direction"] == "in"
    return {
        "source": "message",
        "at": to_rfc3339(row["timestamp"]),
        "at_ms": row["timestamp"],
        "id": row["id"],
        "direction": row["direction"],
        "type": row["type"],
        "text": row["text"],
        "sender": {"id": sender, "name": contact_name if inbound else names.get(sender)},
        "status": row["status"],
        "template": row["template_name"],
        # What a reply quotes: its WhatsApp id, and its text when the hub holds it.
        "reply_to": (
            {
                "wamid": row["context_wamid"],
                "type": row["quoted_type"],
                "text": row["quoted_text"],
            }
            if row["context_wamid"]
            else None
        ),
    }


def _promises_by_message(conn: Conn, conversation_id: str) -> dict[str, list[dict[str, Any]]]:
    """The conversation's promises by the message that made them, so the timeline shows
    each beside it: what, by when, how it stands, who owns it."""
    rows = conn.all(
        "SELECT p.id, p.message_id, p.what, p.due_at, p.state, p.owner, u.name AS owner_name "
        "FROM promises p LEFT JOIN users u ON u.id = p.owner "
        "WHERE p.conversation_id = ? AND p.message_id IS NOT NULL ORDER BY p.made_at, p.id",
        (conversation_id,),
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(str(r["message_id"]), []).append(
            {
                "id": r["id"],
                "what": r["what"],
                "due_at": to_rfc3339(int(r["due_at"])),
                "state": r["state"],
                "owner": {"id": r["owner"], "name": r["owner_name"]},
            }
        )
    return out


_PEOPLE_KEYS = ("to_user", "from_user")


def _people(data: Any) -> list[str]:
    """The users an event's data names."""
    if not isinstance(data, dict):
        return []
    return [str(data[k]) for k in _PEOPLE_KEYS if isinstance(data.get(k), str)]


def _event_item(row: Row, names: dict[str, str], found: outcomes.Outcomes) -> dict[str, Any]:
    actor = row["actor"]
    data = read_stored(row["data"])
    by_hub = is_hub_chain(row["device"])
    intent = not by_hub and row["kind"] in outcomes.INTENT_KINDS
    return {
        "source": "hub" if by_hub else "device",
        "at": row["at"],  # the device's claim
        "at_ms": row["at_ms"],
        "received_at": to_rfc3339(row["received_at"]),
        "received_at_ms": row["received_at"],
        "kind": row["kind"],
        "actor": {"id": actor, "name": names.get(actor)},
        "device": row["device"],
        "seq": int(row["seq"]),
        "data": data.value,
        "data_problem": data.problem,
        "people": {user_id: names.get(user_id) for user_id in _people(data.value)},
        # A device's intent with what became of it (``queries.outcomes``); None otherwise.
        "outcome": found.of(data.value) if intent else None,
    }


def _key(item: dict[str, Any]) -> SortKey:
    if item["source"] == "message":
        return (item["at_ms"], 1, item["id"], 0)
    return (item["received_at_ms"], 0, item["device"], item["seq"])


def cursor_id(item: dict[str, Any]) -> str:
    """The item's place among items of the same millisecond, for ``core.cursor``."""
    _, rank, name, seq = _key(item)
    return orjson.dumps([rank, name, seq]).decode()


def next_cursor(item: dict[str, Any]) -> str:
    """The cursor of the page that follows ``item``."""
    return cursors.encode(_key(item)[0], cursor_id(item))


def key_of_cursor(millis: Millis, item_id: str) -> SortKey:
    """The sort key a cursor stands for; ``ValueError`` when it is not a timeline's."""
    try:
        rank, name, seq = orjson.loads(item_id)
    except (orjson.JSONDecodeError, TypeError, ValueError) as exc:
        raise ValueError("not a timeline cursor") from exc
    if type(rank) is not int or not isinstance(name, str) or type(seq) is not int:
        raise ValueError("not a timeline cursor")
    return (millis, rank, name, seq)


def _promises_kept_by_message(conn: Conn, conversation_id: str) -> dict[str, list[dict[str, Any]]]:
    """The promises kept by the conversation's messages, by message: a promise made in an
    earlier conversation shows beside the reply that kept it here."""
    rows = conn.all(
        "SELECT p.id, p.kept_message_id, p.what, p.conversation_id FROM promises p "
        "JOIN messages m ON m.id = p.kept_message_id "
        "WHERE m.conversation_id = ? ORDER BY p.closed_at, p.id",
        (conversation_id,),
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(str(r["kept_message_id"]), []).append(
            {"id": r["id"], "what": r["what"], "conversation_id": r["conversation_id"]}
        )
    return out


def items_page(conn: Conn, conv: Row, after: SortKey | None, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` items after ``after``, oldest first.

    Every item from ``after``'s millisecond on is read and ordered here rather than in
    SQL, so the order is the same on both stores whatever their collation.
    """
    cid = conv["id"]
    since = after[0] if after else -(2**62)
    # A reply carries what it quotes (a message of the same conversation, by wamid).
    msgs = conn.all(
        "SELECT m.id, m.direction, m.type, m.text, m.sender, m.status, m.template_name, "
        "m.timestamp, m.context_wamid, q.text AS quoted_text, q.type AS quoted_type "
        "FROM messages m LEFT JOIN messages q "
        "ON q.wamid = m.context_wamid AND q.conversation_id = m.conversation_id "
        "WHERE m.conversation_id = ? AND m.timestamp >= ?",
        (cid, since),
    )
    events = conn.all(
        f"SELECT device, seq, at, at_ms, received_at, actor, kind, {DATA_COLUMN} "  # noqa: S608 - a constant
        "FROM audit_events WHERE conversation_id = ? AND received_at >= ?",
        (cid, since),
    )
    ids = {m["sender"] for m in msgs if m["direction"] == "out"} | {e["actor"] for e in events}
    ids |= {p for e in events for p in _people(read_stored(e["data"]).value)}
    names = users.names_of(conn, ids)
    items = [_message_item(m, names, conv["contact_name"]) for m in msgs]
    made = _promises_by_message(conn, cid)
    kept = _promises_kept_by_message(conn, cid)
    for item in items:
        item["promises"] = made.get(item["id"], [])
        item["kept_promises"] = kept.get(item["id"], [])
    found = outcomes.outcomes(conn, cid)
    items += [_event_item(e, names, found) for e in events]
    items.sort(key=_key)
    if after is not None:
        items = [i for i in items if _key(i) > after]
    return items[:limit]


def conversation_view(conv: Row) -> dict[str, Any]:
    """The conversation as the rest of the API shows it, with how it was closed."""
    return {
        **conversations.view(conv),
        "closed_by": conv["closed_by"],
        "close_note": conv["close_note"],
        "csat": _survey_view(conv),
    }


def _survey_view(conv: Row) -> dict[str, Any] | None:
    """The satisfaction survey of its latest closed period, if one was sent."""
    if conv.get("csat_sent_at") is None:
        return None
    return {
        "sent_at": to_rfc3339(int(conv["csat_sent_at"])),
        "period": optional_rfc3339(conv.get("csat_period")),
        "agent": conv.get("csat_agent"),
        "rating": conv.get("csat_rating"),
        "answered_at": optional_rfc3339(conv.get("csat_answered_at")),
    }
