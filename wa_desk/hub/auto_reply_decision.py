"""The hub's automatic replies (``core/auto_replies.py``), decided in the webhook's
transaction; ``hub.auto_reply_sending`` sends them after the commit.

In the webhook's transaction: the decision, the message stored as ``pending`` under
:data:`~wa_desk.core.auto_replies.AUTOMATIC_SENDER`, the conversation marked greeted or
away, the send queued (``auto_reply_sends``), the fact and the announcement. Meta
redelivering the webhook finds the customer's message stored and decides nothing; a
second message finds the conversation marked.
"""

from __future__ import annotations

from typing import Any

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.auto_replies import AUTOMATIC_SENDER, AutoReply, AutoReplyState, auto_reply
from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.clock import Millis
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.core.window import window_is_open
from wa_desk.hub.changes import conversation_changed
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.queries import auto_replies as queued
from wa_desk.hub.queries import conversations, messages, stream_log
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.whatsapp import send_bodies


def decide(
    conn: Conn,
    guidelines: Guidelines,
    conversation_id: str,
    current: Row | None,
    message_at: Millis,
    now: Millis,
) -> list[StreamEvent]:
    """The automatic reply a customer message at ``message_at`` gets, stored and queued
    (``current``: the conversation as it was before the message, None when it opened it).
    """
    row = conversations.get(conn, conversation_id)
    assert row is not None
    queue = str(row["queue"])
    entry = guidelines.auto_replies_for(queue)
    if entry is None:
        return []
    sla = guidelines.sla_for(queue)
    hours = sla.hours if sla is not None else BusinessHours()
    state = AutoReplyState(
        first_message=current is None,
        greeted=row["auto_greeted_at"] is not None,
        away_sent=row["auto_away_at"] is not None,
    )
    reply = auto_reply(entry, hours, state, message_at, window_is_open(message_at, now))
    if reply is None:
        return []
    return _store(conn, row, reply, now)


def _body(reply: AutoReply, to: str) -> tuple[dict[str, Any], str, str | None, str | None]:
    if reply.template is not None:
        body = send_bodies.template_message(to, reply.template.name, reply.template.language)
        return body, "template", None, reply.template.name
    assert reply.text is not None
    return send_bodies.text_message(to, reply.text), "text", reply.text, None


def _store(conn: Conn, row: Row, reply: AutoReply, now: Millis) -> list[StreamEvent]:
    conversation_id = str(row["id"])
    body, type_, text, template_name = _body(reply, str(row["wa_id"]))
    message = messages.insert(
        conn,
        conversation_id=conversation_id,
        direction="out",
        type_=type_,
        text=text,
        status="pending",
        timestamp=now,
        sender=AUTOMATIC_SENDER,
        payload=body,
        now=now,
        template_name=template_name,
    )
    queued.enqueue(conn, str(message["id"]), now)
    queued.note_sent(conn, conversation_id, reply.kind, now, messages.preview(type_, text))
    fact: dict[str, object] = {"message": message["id"], "kind": reply.kind.value, "type": type_}
    if template_name:
        fact["template"] = template_name
    append_hub_fact(conn, AuditKind.MESSAGE_AUTO_SENT, AUTOMATIC_SENDER, conversation_id, fact, now)
    return [
        stream_log.append(
            conn,
            StreamEventKind.MESSAGE_CREATED,
            row["queue"],
            conversation_id,
            messages.view(message),
            now,
        ),
        conversation_changed(conn, conversation_id, now),
    ]
