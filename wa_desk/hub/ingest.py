"""Webhook updates into the store: contacts, conversations, messages, statuses, template
statuses, customers' marketing preferences, stream.

Runs inside one write transaction per delivery, so a delivery is stored whole or not at
all, and the hub answers 200 only after it is committed. Idempotent on the WhatsApp
message id: Meta retries deliveries for days, and a retry changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.opt_out import MARKETING_STOPPED_ERROR, OptOutKeywords
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub import alert_facts, auto_reply_decision, csat_survey, heatmap_upkeep, opt_out
from wa_desk.hub.changes import conversation_changed_later, templates_changed
from wa_desk.hub.db import json_text
from wa_desk.hub.db.connection import Conn, Statement
from wa_desk.hub.queries import conversations, messages, stream_log, templates
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.inbound import InboundAhead, InboundRead, inbound_read
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.queries.templates import TemplateChange
from wa_desk.whatsapp.updates import (
    InboundMessage,
    ParsedWebhook,
    StatusUpdate,
    TemplateStatusUpdate,
)

QueueOf = Callable[[str], str]


def ingest(
    conn: Conn,
    parsed: ParsedWebhook,
    queue_of: QueueOf,
    now: Millis,
    alerts: AlertPolicy,
    keywords: OptOutKeywords,
    auto_replies: Guidelines | None = None,
    ahead: InboundAhead | None = None,
) -> list[StreamEvent]:
    """``alerts``: the thresholds of the alerts a delivery may raise (a repeat contact, a
    failed send, a template that can no longer be sent); ``keywords``: the customers'
    words that stop or resume marketing; ``auto_replies``: the policy whose automatic
    replies customer messages get (``hub.auto_reply_decision``; None: none, as for a
    seeded history); ``ahead``: the delivery's reads, made ahead with the group commit's
    (``Database.write``), or None to read as it goes."""
    events: list[StreamEvent] = []
    for message in parsed.messages:
        first = (
            ahead.read(conn, message)
            if ahead is not None
            else inbound_read(conn, message.wamid, message.wa_id, message.phone_number_id)
        )
        events.extend(_inbound(conn, message, first, queue_of, now, alerts, keywords, auto_replies))
    for status in parsed.statuses:
        events.extend(apply_status(conn, status, now, alerts))
    for preference in parsed.user_preferences:
        events.extend(opt_out.from_whatsapp_settings(conn, preference, now))
    template_changes = [
        change
        for update in parsed.template_statuses
        if (change := apply_template_status(conn, update, now)) is not None
    ]
    if template_changes:
        events.append(templates_changed(conn, template_changes, now))
        events.extend(alert_facts.templates_changed(conn, template_changes, now))
    for reason, fragment in parsed.unreadable:
        conn.execute(
            "INSERT INTO unreadable_updates (received_at, reason, fragment) VALUES (?, ?, ?)",
            (now, reason, json_text.dumps(fragment)),
        )
    return events


def _inbound(
    conn: Conn,
    m: InboundMessage,
    first: InboundRead,
    queue_of: QueueOf,
    now: Millis,
    alerts: AlertPolicy,
    keywords: OptOutKeywords,
    auto_replies: Guidelines | None,
) -> list[StreamEvent]:
    # ``first`` was read before the survey's answer is looked for, which changes no
    # conversation when the message is not one.
    if first.seen:
        return []
    survey_answer = csat_survey.answer_from(conn, m, now)
    if survey_answer is not None:  # on the surveyed conversation, not a new message
        return survey_answer
    at = m.timestamp_ms if m.timestamp_ms > 0 else now
    current = first.conversation
    renamed = m.contact_name is not None and m.contact_name != first.contact_name
    contact_seen: list[Statement] = []
    if current is None or renamed or not first.contact_known:
        # Before the conversation it may open; a new name reaches the search index.
        conversations.upsert_contact(conn, m.wa_id, m.contact_name, now)
    else:  # seen again, as they were: written with the message
        contact_seen.append(conversations.contact_seen_statement(m.wa_id, m.contact_name, now))
    events: list[StreamEvent] = []
    if current is None:
        previous = conversations.latest_for_contact(conn, m.wa_id, m.phone_number_id)
        queue = queue_of(m.phone_number_id)
        conversation_id = conversations.open_new(
            conn,
            m.wa_id,
            m.phone_number_id,
            queue,
            at,
            previous["id"] if previous else None,
        )
        opened = {"wa_id": m.wa_id, "phone_number_id": m.phone_number_id}
        if previous:
            opened["previous"] = previous["id"]
        append_hub_fact(conn, "conversation.opened", "hub", conversation_id, opened, now)
        append_hub_fact(conn, "conversation.routed", "hub", conversation_id, {"queue": queue}, now)
        events.extend(
            alert_facts.conversation_opened(
                conn, conversation_id, queue, at, previous["id"] if previous else None, alerts, now
            )
        )
    else:
        conversation_id = current["id"]
        queue = current["queue"]
    row, stored = messages.insert_writes(
        conn.dialect,
        conversation_id=conversation_id,
        direction="in",
        type_=m.type,
        text=m.text,
        status="received",
        timestamp=at,
        sender=m.wa_id,
        payload=m.payload,
        now=now,
        wamid=m.wamid,
        context_wamid=m.context_wamid,
        reaction_to=m.reaction_to,
        media_id=m.media.media_id if m.media else None,
        problems=m.problems,
    )
    standing = heatmap_upkeep.standing_in(current) if current is not None else None
    upkeep = heatmap_upkeep.customer_message_writes(
        conn, conversation_id, queue, at, current is None, standing
    )
    # The message, the contact seen, the conversation's and the heat-maps' updates, and
    # the conversation as they leave it: one round trip.
    noted = conversations.note_inbound_returning(
        conversation_id, at, messages.preview(m.type, m.text)
    )
    changed = conn.one_later([*contact_seen, *stored, *upkeep, noted])
    # The message's text stays in the messages table; the audit trail references it.
    received = {"message": row["id"], "wamid": m.wamid, "type": m.type, "from": m.wa_id}
    append_hub_fact(conn, "message.received", "hub", conversation_id, received, now)
    events.append(
        stream_log.append(
            conn, StreamEventKind.MESSAGE_CREATED, queue, conversation_id, messages.view(row), now
        )
    )
    events.append(conversation_changed_later(conn, conversation_id, queue, changed, now))
    if m.type == "text":
        events.extend(
            opt_out.from_customer_text(
                conn, keywords, m.wa_id, m.text, str(row["id"]), conversation_id, now
            )
        )
    if auto_replies is not None and auto_replies.auto_replies:
        events.extend(
            auto_reply_decision.decide(conn, auto_replies, conversation_id, current, at, now)
        )
    return events


def apply_status(
    conn: Conn, s: StatusUpdate, now: Millis, alerts: AlertPolicy
) -> list[StreamEvent]:
    error = (s.errors[0].code, s.errors[0].title, s.errors[0].details) if s.errors else None
    row = messages.by_wamid(conn, s.wamid)
    if row is not None and row["direction"] != "out":
        return []  # statuses describe the business's messages, never the customer's
    if row is None:
        messages.save_orphan_status(
            conn, s.wamid, s.status, s.timestamp_ms or now, error, s.payload, now
        )
        return []
    return _status_changed(conn, row, s.status, s.timestamp_ms or now, error, now, alerts)


def apply_orphans(conn: Conn, wamid: str, now: Millis, alerts: AlertPolicy) -> list[StreamEvent]:
    """Statuses that arrived before the send was recorded, applied now in order."""
    events: list[StreamEvent] = []
    for orphan in messages.take_orphan_statuses(conn, wamid):
        row = messages.by_wamid(conn, wamid)
        assert row is not None
        error = None
        if orphan["error_code"] is not None:
            error = (orphan["error_code"], orphan["error_title"], orphan["error_details"])
        events.extend(
            _status_changed(conn, row, orphan["status"], orphan["timestamp"], error, now, alerts)
        )
    return events


def _status_changed(
    conn: Conn,
    row: dict[str, object],
    status: str,
    at: Millis,
    error: tuple[int, str, str | None] | None,
    now: Millis,
    alerts: AlertPolicy,
) -> list[StreamEvent]:
    updated = messages.set_status(conn, row, status, at, error)
    if updated is None:
        return []
    conv = conversations.get(conn, str(updated["conversation_id"]))
    assert conv is not None
    fact: dict[str, object] = {
        "message": updated["id"],
        "wamid": updated["wamid"],
        "status": updated["status"],
        "status_at": to_rfc3339(at),
    }
    if updated["status"] == "failed":
        fact["error"] = {"code": updated["error_code"], "title": updated["error_title"]}
    append_hub_fact(conn, "message.status_changed", "hub", conv["id"], fact, now)
    data = {
        "id": updated["id"],
        "conversation_id": updated["conversation_id"],
        "wamid": updated["wamid"],
        "status": updated["status"],
        "status_at": messages.view(updated)["status_at"],
        "error": messages.error_view(updated),
    }
    events = [
        stream_log.append(
            conn, StreamEventKind.MESSAGE_STATUS, conv["queue"], conv["id"], data, now
        )
    ]
    if updated["status"] == "failed":
        code = updated["error_code"]
        events.extend(alert_facts.send_failed(conn, conv["queue"], code, alerts, now))
        if code == MARKETING_STOPPED_ERROR:
            events.extend(
                opt_out.from_whatsapp_error(
                    conn, str(conv["wa_id"]), code, str(updated["id"]), str(conv["id"]), now
                )
            )
    return events


# Meta's template status events that are not a status of their own: a reinstated
# template is approved again; a flagged one (quality dropping) is still approved.
_STATUS_OF_EVENT = {"REINSTATED": "APPROVED", "FLAGGED": None}


def apply_template_status(
    conn: Conn, update: TemplateStatusUpdate, now: Millis
) -> TemplateChange | None:
    """The synced template's new status, when it changed. A template the hub has not
    synced yet is left to the next sync, which lists it with its status."""
    status = _STATUS_OF_EVENT.get(update.event, update.event)
    if status is None or not templates.set_status(conn, update.name, update.language, status, now):
        return None
    return TemplateChange(update.name, update.language, status)
