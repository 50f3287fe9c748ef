"""Agent actions on conversations: claim, release, transfer, close, reopen, take over,
read.

Each runs in one write transaction: load, check ``core.conversation_permissions`` (the
same answer the desktop shows its buttons by), change, announce on the stream. A claim
and a takeover are compare-and-sets, so of two racing ones exactly one wins and the other
gets a clear refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.conversation import ActionRefused, Refusal, State
from wa_desk.core.conversation_permissions import Actor
from wa_desk.core.conversation_permissions import ConversationAction as Act
from wa_desk.core.conversation_permissions import check as check_allowed
from wa_desk.core.guidelines import ChecklistItem, Disposition, Guidelines, missing_required
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import csat_survey, heatmap_upkeep
from wa_desk.hub.changes import conversation_changed
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import conversations, messages, stream_log, users
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.users import User


class NotVisible(Exception):
    """The conversation does not exist, or the user may not see it (both answer 404)."""


class ChecklistIncomplete(Exception):
    """A close without every required item of the queue's checklist ticked."""

    def __init__(self, missing: tuple[ChecklistItem, ...]) -> None:
        labels = "; ".join(i.label for i in missing)
        super().__init__(f"Tick the required checklist items before closing: {labels}.")
        self.missing = missing


class UnknownDisposition(Exception):
    """A close with a disposition that is not one of the queue's closing reasons."""

    def __init__(self, disposition: str, queue: str, allowed: tuple[Disposition, ...]) -> None:
        ids = ", ".join(d.id for d in allowed)
        super().__init__(
            f"{disposition!r} is not a closing reason of queue {queue!r}: choose one of {ids}."
        )
        self.allowed = allowed


def load_visible(conn: Conn, user: User, conversation_id: str) -> Row:
    row = conversations.get(conn, conversation_id)
    if row is None or not _can_see(user, row["queue"]):
        raise NotVisible(conversation_id)
    return row


def _can_see(user: User, queue: str) -> bool:
    return actor_of(user).sees(queue)


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.role, frozenset(user.queues))


def _check(user: User, row: Row, action: Act) -> None:
    check_allowed(actor_of(user), conversations.place(row), action)


def _done(
    conn: Conn, conversation_id: str, now: Millis, extra: list[stream_log.StreamEvent] | None = None
) -> Outcome[dict[str, Any]]:
    event = conversation_changed(conn, conversation_id, now)
    data = conversations.get(conn, conversation_id)
    assert data is not None
    return Outcome(conversations.view(data), [*(extra or []), event])


def _keyed(data: dict[str, Any], key: str | None) -> dict[str, Any]:
    """A fact's data with the idempotency key of the request that caused it, if any: the
    device's intent carries the same key, so the trail tells which intents took effect."""
    return {**data, "idempotency_key": key} if key else data


def claim(
    conn: Conn, user: User, conversation_id: str, now: Millis, key: str | None = None
) -> Outcome[dict[str, Any]]:
    row = load_visible(conn, user, conversation_id)
    if not (row["state"] == State.ASSIGNED and row["assignee"] == user.id):
        _check(user, row, Act.CLAIM)  # a claim repeated by its holder is a harmless replay
    if not conversations.claim_if_free(conn, conversation_id, user.id, now):
        raise ActionRefused(
            Refusal.ALREADY_ASSIGNED, "Another agent already took this conversation."
        )
    heatmap_upkeep.held_by(conn, conversation_id, row["queue"], user.id, now)
    fact = _keyed({}, key)
    append_hub_fact(conn, AuditKind.CONVERSATION_CLAIMED, user.id, conversation_id, fact, now)
    return _done(conn, conversation_id, now)


def release(
    conn: Conn, user: User, conversation_id: str, now: Millis, key: str | None = None
) -> Outcome[dict[str, Any]]:
    row = load_visible(conn, user, conversation_id)
    _check(user, row, Act.RELEASE)
    conversations.unassign(conn, conversation_id, row["queue"])
    heatmap_upkeep.held_by(conn, conversation_id, row["queue"], None, now)
    released = _keyed({"from_user": row["assignee"]}, key)
    append_hub_fact(conn, AuditKind.CONVERSATION_RELEASED, user.id, conversation_id, released, now)
    return _done(conn, conversation_id, now)


@dataclass(frozen=True, slots=True)
class TransferTarget:
    user_id: str | None
    queue: str | None
    note: str | None


def transfer(
    conn: Conn,
    user: User,
    conversation_id: str,
    target: TransferTarget,
    now: Millis,
    key: str | None = None,
) -> Outcome[dict[str, Any]]:
    row = load_visible(conn, user, conversation_id)
    _check(user, row, Act.TRANSFER)
    queue = target.queue or row["queue"]
    if target.queue and not _queue_exists(conn, target.queue):
        raise ActionRefused(Refusal.NO_TARGET, f"There is no queue named {target.queue!r}.")
    if target.user_id:
        to = users.get_user(conn, target.user_id)
        if to is None or to.disabled:
            raise ActionRefused(Refusal.NO_TARGET, "That agent does not exist or is disabled.")
        if not _can_see(to, queue):
            raise ActionRefused(Refusal.NO_TARGET, f"{to.name} does not work in queue {queue!r}.")
        conversations.unassign(conn, conversation_id, queue)
        conversations.assign(conn, conversation_id, to.id, now)
    elif target.queue:
        conversations.unassign(conn, conversation_id, queue)
    else:
        raise ActionRefused(Refusal.NO_TARGET, "Say whom or which queue to transfer to.")
    heatmap_upkeep.held_by(conn, conversation_id, queue, target.user_id, now)
    note_id = None
    if target.note:
        note_id = conversations.add_note(
            conn, conversation_id, user.id, "transfer", target.note, now
        )
    moved_to = {
        "from_user": row["assignee"],
        "from_queue": row["queue"],
        "to_user": target.user_id,
        "to_queue": queue,
        "note": note_id,
    }
    append_hub_fact(
        conn,
        AuditKind.CONVERSATION_TRANSFERRED,
        user.id,
        conversation_id,
        _keyed(moved_to, key),
        now,
    )
    extra = []
    if queue != row["queue"]:
        # Tell the old queue's subscribers that the conversation left it.
        moved = conversations.get(conn, conversation_id)
        assert moved is not None
        extra.append(
            stream_log.append(
                conn,
                StreamEventKind.CONVERSATION_UPDATED,
                row["queue"],
                conversation_id,
                conversations.view(moved),
                now,
            )
        )
    return _done(conn, conversation_id, now, extra)


def _queue_exists(conn: Conn, queue: str) -> bool:
    return (
        conn.one("SELECT 1 AS x FROM conversations WHERE queue = ? LIMIT 1", (queue,)) is not None
        or conn.one("SELECT 1 AS x FROM user_queues WHERE queue = ? LIMIT 1", (queue,)) is not None
    )


@dataclass(frozen=True, slots=True)
class Closing:
    disposition: str
    note: str | None = None
    checklist: dict[str, bool] | None = None  # item id -> ticked, as the agent left it


def close(
    conn: Conn,
    user: User,
    conversation_id: str,
    closing: Closing,
    guidelines: Guidelines,
    now: Millis,
    key: str | None = None,
) -> Outcome[dict[str, Any]]:
    row = load_visible(conn, user, conversation_id)
    _check(user, row, Act.CLOSE)
    allowed = guidelines.dispositions_for(row["queue"])
    if all(d.id != closing.disposition for d in allowed):
        raise UnknownDisposition(closing.disposition, row["queue"], allowed)
    items = guidelines.checklist_for(row["queue"])
    missing = missing_required(items, closing.checklist)
    if missing:
        raise ChecklistIncomplete(missing)
    disposition, note = closing.disposition, closing.note
    conversations.close(conn, conversation_id, user.id, disposition, note, now)
    heatmap_upkeep.closed(conn, conversation_id, now)
    note_id = None
    if note:
        note_id = conversations.add_note(conn, conversation_id, user.id, "close", note, now)
    closed: dict[str, Any] = {"disposition": disposition, "note": note_id}
    if items or closing.checklist is not None:
        # Every item of the queue's list, unticked unless the agent ticked it, and any
        # other item their copy of the policy still had.
        sent = closing.checklist or {}
        closed["checklist"] = {**sent, **{i.id: sent.get(i.id) is True for i in items}}
    survey = csat_survey.queue_survey(conn, row, user.id, guidelines, now)
    queued = []
    if survey is not None:  # sent after the commit (hub.csat_sending)
        closed["csat_message"] = survey["id"]
        view = messages.view(survey)
        kind = StreamEventKind.MESSAGE_CREATED
        queued.append(stream_log.append(conn, kind, row["queue"], conversation_id, view, now))
    closed = _keyed(closed, key)
    append_hub_fact(conn, AuditKind.CONVERSATION_CLOSED, user.id, conversation_id, closed, now)
    return _done(conn, conversation_id, now, queued)


def reopen(
    conn: Conn, user: User, conversation_id: str, now: Millis, key: str | None = None
) -> Outcome[dict[str, Any]]:
    row = load_visible(conn, user, conversation_id)
    _check(user, row, Act.REOPEN)
    newer = conversations.open_for_contact(conn, row["wa_id"], row["phone_number_id"])
    if newer is not None:
        raise ActionRefused(
            Refusal.NOT_CLOSED,
            "The customer already has an open conversation on this number; continue there.",
        )
    conversations.reopen(conn, conversation_id, user.id, now)
    heatmap_upkeep.reopened(conn, conversation_id, user.id, now)
    fact = _keyed({}, key)
    append_hub_fact(conn, AuditKind.CONVERSATION_REOPENED, user.id, conversation_id, fact, now)
    return _done(conn, conversation_id, now)


def take_over(
    conn: Conn, user: User, conversation_id: str, now: Millis, key: str | None = None
) -> Outcome[dict[str, Any]]:
    """A supervisor of the conversation's queue (or an administrator) takes it from the
    agent who holds it. The fact names both; the queue's stream hears it, so the agent's
    app can tell them it left them."""
    row = load_visible(conn, user, conversation_id)
    _check(user, row, Act.TAKE_OVER)
    holder = str(row["assignee"])
    if not conversations.take_over_from(conn, conversation_id, holder, user.id, now):
        raise ActionRefused(
            Refusal.ALREADY_ASSIGNED, "The conversation changed hands meanwhile; look again."
        )
    heatmap_upkeep.held_by(conn, conversation_id, row["queue"], user.id, now)
    taken = {"from_user": holder, "to_user": user.id, "queue": row["queue"]}
    append_hub_fact(
        conn, AuditKind.CONVERSATION_TAKEN_OVER, user.id, conversation_id, _keyed(taken, key), now
    )
    notice = stream_log.append(
        conn,
        StreamEventKind.CONVERSATION_TAKEN_OVER,
        row["queue"],
        conversation_id,
        {
            "conversation_id": conversation_id,
            "from_user": holder,
            "by_user": user.id,
            "by_name": user.name,
        },
        now,
    )
    return _done(conn, conversation_id, now, [notice])


def mark_read(conn: Conn, user: User, conversation_id: str, now: Millis) -> Outcome[dict[str, Any]]:
    row = load_visible(conn, user, conversation_id)
    if row["unread"] == 0:
        return Outcome(conversations.view(row))
    conversations.mark_read(conn, conversation_id)
    return _done(conn, conversation_id, now)


def last_inbound_wamid(conn: Conn, conversation_id: str) -> str | None:
    value = conn.scalar(
        "SELECT wamid FROM messages WHERE conversation_id = ? AND direction = 'in' "
        "AND wamid NOT LIKE 'wa-desk-%' ORDER BY timestamp DESC LIMIT 1",
        (conversation_id,),
    )
    return None if value is None else str(value)
