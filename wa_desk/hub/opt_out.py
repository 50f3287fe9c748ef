"""A customer stops or resumes marketing messages: the contact's flag, the fact in the
hub's chain and the announcement on the stream, in the caller's transaction.

Four things stop marketing (``core/opt_out.py``): a stop phrase from the customer, a
marketing send WhatsApp refused with error 131050, the customer's choice in WhatsApp's
own settings (Meta's ``user_preferences`` webhook), and a user's action (``PUT
/api/v1/contacts/{wa_id}/marketing``); a start phrase, WhatsApp's settings or a user's
action resumes it.

A change carries the time it happened, and the contact keeps when its flag last changed:
a preference from WhatsApp's settings older than that (Meta delivers late and retries
for days) changes nothing, so the customer's newer word or an agent's newer action
stands.

The hub sends the customer nothing in answer: an automatic reply would be a message the
agents did not write and cannot see coming, and the customer's words already are in the
conversation for the agent who answers.
"""

from __future__ import annotations

import logging
from typing import Any

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis
from wa_desk.core.conversation import State
from wa_desk.core.opt_out import (
    MARKETING_PREFERENCE_CATEGORY,
    Keyword,
    MarketingPreference,
    OptOutKeywords,
    OptOutSource,
)
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.changes import conversation_changed
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.notes_and_tags import visible_contact_queues
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import contact_opt_out, conversations, stream_log
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.hub.queries.users import User
from wa_desk.whatsapp.updates import UserPreference

log = logging.getLogger(__name__)

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


def from_whatsapp_settings(
    conn: Conn, preference: UserPreference, now: Millis
) -> list[StreamEvent]:
    """The customer stopped or resumed marketing messages in WhatsApp's settings. Another
    category or value (``signup``...) changes nothing. A customer the hub has not met is
    recorded, so the flag is there when they write; a preference older than the flag's
    last change is left aside (a newer stop phrase or agent's action stands)."""
    if preference.category != MARKETING_PREFERENCE_CATEGORY or preference.value not in (
        MarketingPreference.STOP,
        MarketingPreference.RESUME,
    ):
        log.debug("user preference %s=%s changes nothing", preference.category, preference.value)
        return []
    conversations.upsert_contact(conn, preference.wa_id, preference.contact_name, now)
    origin = {
        "source": OptOutSource.WHATSAPP_SETTINGS.value,
        "phone_number_id": preference.phone_number_id,
    }
    if preference.timestamp_ms <= 0:  # Meta gave no time: as of now, like a keyword
        at, told_late = now, False
    else:
        at, told_late = preference.timestamp_ms, True
    change = stop if preference.value == MarketingPreference.STOP else resume
    events = change(conn, preference.wa_id, origin, HUB_ACTOR, None, now, at, told_late)
    if not events:
        log.debug("user preference %s set already, or older than the flag", preference.value)
    return events


def set_by_user(
    conn: Conn, user: User, wa_id: str, opted_out: bool, now: Millis
) -> Outcome[dict[str, Any]]:
    """An agent, a supervisor or an administrator records the customer's wish (said on
    the phone, by e-mail...): ContactNotVisible unless they see one of the customer's
    queues. Setting what is already set changes nothing (a retry is harmless)."""
    visible_contact_queues(conn, user, wa_id)
    origin = {"source": OptOutSource.USER.value, "user": user.id, "user_name": user.name}
    change = stop if opted_out else resume
    events = change(conn, wa_id, origin, user.id, None, now)
    value = {"wa_id": wa_id, "marketing_opt_out": contact_opt_out.of_contact(conn, wa_id)}
    return Outcome(value, events)


def stop(
    conn: Conn,
    wa_id: str,
    origin: dict[str, Any],
    actor: str,
    conversation_id: str | None,
    now: Millis,
    at: Millis | None = None,
    told_late: bool = False,
) -> list[StreamEvent]:
    """``at``: when the customer stopped, when not now; ``told_late``: the hub learns it
    late, and a newer change of the flag stands."""
    when = now if at is None else at
    if not contact_opt_out.set_opt_out(conn, wa_id, origin, when, told_late=told_late):
        return []  # already out: the first reason stays
    return _changed(conn, AuditKind.CONTACT_OPTED_OUT, wa_id, origin, actor, conversation_id, now)


def resume(
    conn: Conn,
    wa_id: str,
    origin: dict[str, Any],
    actor: str,
    conversation_id: str | None,
    now: Millis,
    at: Millis | None = None,
    told_late: bool = False,
) -> list[StreamEvent]:
    """``at``: when the customer resumed, when not now; ``told_late``: the hub learns it
    late, and a newer change of the flag stands."""
    when = now if at is None else at
    if not contact_opt_out.clear_opt_out(conn, wa_id, when, told_late=told_late):
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
