"""A customer stops or resumes marketing messages: the contact's flag, the fact in the
hub's chain and the announcement on the stream, in the caller's transaction.

Three things stop marketing (``core/opt_out.py``): a stop phrase from the customer, a
marketing send WhatsApp refused with error 131050, and a user's action; a start phrase
or a user's action resumes it. The hub sends the customer nothing in answer: an
automatic reply would be a message the agents did not write and cannot see coming, and
the customer's words already are in the conversation for the agent who answers.
"""

from __future__ import annotations

from typing import Any

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.conversation import State
from wa_desk.core.opt_out import Keyword, OptOutKeywords, OptOutSource
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.changes import conversation_changed
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import contact_opt_out, stream_log
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.stream_log import StreamEvent

HUB_ACTOR = "hub"


def from_customer_text(
    conn: Conn,
    keywords: OptOutKeywords,
    wa_id: str,
    text: str | None,
    message_id: str,
    conversation_id: str,
    now: Millis,
) -> list[StreamEvent]:
    """A customer's message that is a stop or a start phrase changes their flag."""
    judged = keywords.judge(text)
    if judged is None:
        return []
    kind, phrase = judged
    origin = {"source": OptOutSource.KEYWORD.value, "keyword": phrase, "message": message_id}
    if kind is Keyword.STOP:
        return stop(conn, wa_id, origin, HUB_ACTOR, conversation_id, now)
    return resume(conn, wa_id, origin, HUB_ACTOR, conversation_id, now)


def from_whatsapp_error(
    conn: Conn, wa_id: str, code: int, message_id: str, conversation_id: str, now: Millis
) -> list[StreamEvent]:
    """WhatsApp refused a send because the customer stopped marketing messages."""
    origin = {"source": OptOutSource.WHATSAPP_ERROR.value, "code": code, "message": message_id}
    return stop(conn, wa_id, origin, HUB_ACTOR, conversation_id, now)


def stop(
    conn: Conn,
    wa_id: str,
    origin: dict[str, Any],
    actor: str,
    conversation_id: str | None,
    now: Millis,
) -> list[StreamEvent]:
    if not contact_opt_out.set_opt_out(conn, wa_id, origin, now):
        return []  # already out: the first reason stays
    return _changed(conn, AuditKind.CONTACT_OPTED_OUT, wa_id, origin, actor, conversation_id, now)


def resume(
    conn: Conn,
    wa_id: str,
    origin: dict[str, Any],
    actor: str,
    conversation_id: str | None,
    now: Millis,
) -> list[StreamEvent]:
    if not contact_opt_out.clear_opt_out(conn, wa_id):
        return []
    return _changed(conn, AuditKind.CONTACT_OPTED_IN, wa_id, origin, actor, conversation_id, now)


def _changed(
    conn: Conn,
    kind: AuditKind,
    wa_id: str,
    origin: dict[str, Any],
    actor: str,
    conversation_id: str | None,
    now: Millis,
) -> list[StreamEvent]:
    append_hub_fact(conn, kind.value, actor, conversation_id, {"wa_id": wa_id, **origin}, now)
    data = {"wa_id": wa_id, "marketing_opt_out": contact_opt_out.of_contact(conn, wa_id)}
    # The contact may have conversations in several queues: tell each queue's agents.
    queues = [
        str(r["queue"])
        for r in conn.all(
            "SELECT DISTINCT queue FROM conversations WHERE wa_id = ? ORDER BY queue", (wa_id,)
        )
    ]
    events = [
        stream_log.append(conn, StreamEventKind.CONTACT_OPT_OUT_CHANGED, q, None, data, now)
        for q in queues
    ]
    # The contact is part of each conversation's view: the open ones are sent again, so
    # a desktop's template picker judges by the new flag without asking.
    open_ids = conn.all(
        "SELECT id FROM conversations WHERE wa_id = ? AND state <> ? ORDER BY id",
        (wa_id, State.CLOSED.value),
    )
    events.extend(conversation_changed(conn, str(r["id"]), now) for r in open_ids)
    return events
