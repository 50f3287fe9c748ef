"""The promise ledger: promises made to customers, kept, rescheduled, broken or handed to
another owner.

Any agent who can see a conversation may record a promise in it and act on its promises:
the point is that the next agent, on another shift, can keep what a colleague promised.
Each change runs in one write transaction with its fact in the hub's chain and the
``promise.changed`` stream event for the conversation's queue. A repeated request that
would change nothing (the same promise made again, a kept promise kept again) answers
the promise as it is and records nothing, so a device's retried outbox entry is harmless.
The hub's facts name the promise, never what it says (that stays in the ledger).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.promises import (
    MESSAGE_NOT_IN_CONVERSATION,
    MESSAGE_NOT_OF_CUSTOMER,
    OWNER_NOT_IN_QUEUE,
    PROMISE_CLOSED,
    PROMISE_ID_TAKEN,
    PromiseState,
)
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.actions import NotVisible, actor_of, load_visible
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import promises, stream_log, users
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.users import User


class PromiseRefused(Exception):
    """A change the ledger does not allow, with its API status and code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class PromiseRequest:
    id: str
    what: str
    due_at: Millis
    owner: str | None  # None: the user who makes it
    message_id: str | None  # the message that made it: its id or WhatsApp id...
    message_key: str | None  # ...or the idempotency key its send carried


def _keyed(data: dict[str, Any], key: str | None) -> dict[str, Any]:
    return {**data, "idempotency_key": key} if key else data


def _changed(conn: Conn, promise_id: str, now: Millis) -> Outcome[dict[str, Any]]:
    row = promises.get(conn, promise_id)
    assert row is not None
    value = promises.view(row)
    event = stream_log.append(
        conn,
        StreamEventKind.PROMISE_CHANGED,
        row["conversation_queue"],
        row["conversation_id"],
        value,
        now,
    )
    return Outcome(value, [event])


def _owner(conn: Conn, user_id: str, queue: str) -> str:
    owner = users.get_user(conn, user_id)
    if owner is None or owner.disabled or not actor_of(owner).sees(queue):
        raise PromiseRefused(
            422, OWNER_NOT_IN_QUEUE, f"{user_id} is not a user of queue {queue!r}."
        )
    return owner.id


def make(
    conn: Conn, user: User, conversation_id: str, req: PromiseRequest, key: str | None, now: Millis
) -> Outcome[tuple[dict[str, Any], bool]]:
    """The promise and whether it is new (False: this id was already recorded so)."""
    conversation = load_visible(conn, user, conversation_id)
    earlier = promises.get(conn, req.id)
    if earlier is not None:
        if earlier["conversation_id"] != conversation_id or earlier["made_by"] != user.id:
            raise PromiseRefused(409, PROMISE_ID_TAKEN, f"Promise {req.id} is another one.")
        return Outcome((promises.view(earlier), False))
    message_id = promises.message_in_conversation(
        conn, conversation_id, req.message_id, req.message_key
    )
    if message_id is None and (req.message_id or req.message_key):
        raise PromiseRefused(
            422, MESSAGE_NOT_IN_CONVERSATION, "That message is not in this conversation."
        )
    owner = _owner(conn, req.owner or user.id, conversation["queue"])
    new = promises.NewPromise(
        req.id,
        conversation_id,
        conversation["wa_id"],
        conversation["queue"],
        req.what,
        req.due_at,
        owner,
        user.id,
        message_id,
    )
    promises.add(conn, new, now)
    fact = {
        "promise": req.id,
        "due_at": to_rfc3339(req.due_at),
        "owner": owner,
        "message_id": message_id,
    }
    append_hub_fact(conn, AuditKind.PROMISE_MADE, user.id, conversation_id, _keyed(fact, key), now)
    outcome = _changed(conn, req.id, now)
    return Outcome((outcome.value, True), outcome.events)


def _load(conn: Conn, user: User, promise_id: str) -> Row:
    row = promises.get(conn, promise_id)
    if row is None:
        raise NotVisible(promise_id)
    load_visible(conn, user, row["conversation_id"])
    return row


def _open(row: Row) -> None:
    if row["state"] != PromiseState.OPEN:
        raise PromiseRefused(
            409, PROMISE_CLOSED, f"This promise is {row['state']} already; make a new one."
        )


def _append(
    conn: Conn,
    kind: AuditKind,
    user: User,
    row: Row,
    data: dict[str, Any],
    key: str | None,
    now: Millis,
) -> None:
    fact = _keyed({"promise": row["id"], **data}, key)
    append_hub_fact(conn, kind, user.id, row["conversation_id"], fact, now)


def _kept_by(
    conn: Conn, user: User, row: Row, message_id: str | None, message_key: str | None
) -> Row | None:
    """The message that kept the promise: one of the customer's, in a conversation the
    user can see (the one the promise was made in, or a later one)."""
    if not (message_id or message_key):
        return None
    message = promises.message_of_contact(conn, row["wa_id"], message_id, message_key)
    if message is not None:
        try:
            load_visible(conn, user, message["conversation_id"])
        except NotVisible:
            message = None
    if message is None:
        raise PromiseRefused(
            422, MESSAGE_NOT_OF_CUSTOMER, "That message is not one of this customer's."
        )
    return message


def keep(
    conn: Conn,
    user: User,
    promise_id: str,
    message: tuple[str | None, str | None],
    key: str | None,
    now: Millis,
) -> Outcome[dict[str, Any]]:
    """Kept; ``message`` names the message that kept it (its id or WhatsApp id, or the
    idempotency key its send carried), or is ``(None, None)``."""
    row = _load(conn, user, promise_id)
    if row["state"] == PromiseState.KEPT:
        return Outcome(promises.view(row))  # a replay
    _open(row)
    kept_by = _kept_by(conn, user, row, *message)
    kept_id = None if kept_by is None else str(kept_by["id"])
    promises.close(conn, promise_id, PromiseState.KEPT, now, kept_message_id=kept_id)
    on_time = now <= int(row["due_at"])
    data: dict[str, Any] = {
        "message_id": kept_id,
        "due_at": to_rfc3339(int(row["due_at"])),
        "on_time": on_time,
    }
    if kept_by is not None and kept_by["conversation_id"] != row["conversation_id"]:
        data["message_conversation"] = kept_by["conversation_id"]
    _append(conn, AuditKind.PROMISE_KEPT, user, row, data, key, now)
    return _changed(conn, promise_id, now)


def reschedule(
    conn: Conn,
    user: User,
    promise_id: str,
    due_at: Millis,
    reason: str,
    key: str | None,
    now: Millis,
) -> Outcome[dict[str, Any]]:
    row = _load(conn, user, promise_id)
    if row["state"] == PromiseState.OPEN and int(row["due_at"]) == due_at:
        return Outcome(promises.view(row))  # a replay
    _open(row)
    promises.reschedule(conn, promise_id, due_at, reason)
    data = {
        "due_at": to_rfc3339(due_at),
        "from_due_at": to_rfc3339(int(row["due_at"])),
        "reason": reason,
    }
    _append(conn, AuditKind.PROMISE_RESCHEDULED, user, row, data, key, now)
    return _changed(conn, promise_id, now)


def break_(
    conn: Conn, user: User, promise_id: str, reason: str, key: str | None, now: Millis
) -> Outcome[dict[str, Any]]:
    row = _load(conn, user, promise_id)
    if row["state"] == PromiseState.BROKEN:
        return Outcome(promises.view(row))  # a replay
    _open(row)
    promises.close(conn, promise_id, PromiseState.BROKEN, now, reason=reason)
    data = {"reason": reason, "due_at": to_rfc3339(int(row["due_at"]))}
    _append(conn, AuditKind.PROMISE_BROKEN, user, row, data, key, now)
    return _changed(conn, promise_id, now)


def transfer(
    conn: Conn, user: User, promise_id: str, to_user: str, key: str | None, now: Millis
) -> Outcome[dict[str, Any]]:
    row = _load(conn, user, promise_id)
    if row["state"] == PromiseState.OPEN and row["owner"] == to_user:
        return Outcome(promises.view(row))  # a replay
    _open(row)
    owner = _owner(conn, to_user, row["conversation_queue"])
    promises.set_owner(conn, promise_id, owner)
    data = {"to_user": owner, "from_user": row["owner"]}
    _append(conn, AuditKind.PROMISE_TRANSFERRED, user, row, data, key, now)
    return _changed(conn, promise_id, now)


def of_conversation(conn: Conn, user: User, conversation_id: str) -> list[dict[str, Any]]:
    load_visible(conn, user, conversation_id)
    return [promises.view(r) for r in promises.for_conversation(conn, conversation_id)]


def of_contact(
    conn: Conn, user: User, wa_id: str, state: PromiseState | None
) -> list[dict[str, Any]]:
    """The customer's promises in the conversations the user may see (an administrator:
    all), the soonest due first."""
    queues = None if user.role.value == "admin" else user.queues
    return [promises.view(r) for r in promises.for_contact(conn, wa_id, queues, state)]


__all__ = [
    "NotVisible",
    "PromiseRefused",
    "PromiseRequest",
    "break_",
    "keep",
    "make",
    "of_contact",
    "of_conversation",
    "reschedule",
    "transfer",
]
