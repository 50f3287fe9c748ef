"""The satisfaction survey after a close: queued with the close, sent once, answered once.

1. In the close's transaction (:func:`queue_survey`): when the queue's policy surveys and
   the customer's 24 h window is still open, the survey (a list message, ``core/csat.py``)
   is stored as a ``pending`` message from :data:`~wa_desk.core.csat.SURVEY_SENDER`, and
   the conversation names it as the survey of this closed period. A close that rolls
   back queues nothing; a close repeated by its idempotency key closes nothing again.
2. After the commit (``hub/csat_sending.py``): whoever claims the survey first (a
   compare-and-set on the conversation, so two replicas, a retried request or a sweep
   after a restart never send it twice) sends it through the Graph API and records
   ``csat.sent``, or the failure as any failed send.
3. The customer's answer (:func:`answer_from`, inside the webhook's transaction): a
   ``list_reply`` whose row names a rating and whose ``context.id`` is the survey's wamid
   is stored on the surveyed conversation, first answer only (Meta redelivers), without
   opening a conversation or counting as a customer message (docs/kpis.md, "CSAT").
"""

from __future__ import annotations

from typing import Any

from wa_desk.core.alert_kinds import AlertKind, AlertSeverity
from wa_desk.core.alert_rules import Condition
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.csat import SURVEY_SENDER, rating_of
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.window import window_is_open
from wa_desk.hub import alert_store
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.queries import messages
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.stream_log import StreamEvent
from wa_desk.whatsapp import send_bodies
from wa_desk.whatsapp.updates import InboundMessage

HUB_ACTOR = "hub"


def queue_survey(
    conn: Conn, row: Row, agent: str, guidelines: Guidelines, now: Millis
) -> Row | None:
    """Queue the survey of ``agent``'s close at ``now`` of conversation ``row`` (as read
    before the close); its message, or None when the queue sends none or the window is
    closed."""
    survey = guidelines.csat_for(row["queue"])
    if survey is None or not window_is_open(row["last_inbound_at"], now):
        return None
    rows = [send_bodies.ListRow(i, title) for i, title in survey.rows_with_ids()]
    body = send_bodies.interactive_list(row["wa_id"], survey.question, survey.button, rows)
    message = messages.insert(
        conn,
        conversation_id=row["id"],
        direction="out",
        type_="interactive",
        text=survey.question,
        status="pending",
        timestamp=now,
        sender=SURVEY_SENDER,
        payload=body,
        now=now,
    )
    conn.execute(
        "UPDATE conversations SET csat_message_id = ?, csat_period = ?, csat_agent = ?, "
        "csat_claimed_at = NULL, csat_sent_at = NULL, csat_alert_below = ?, "
        "csat_rating = NULL, csat_answered_at = NULL WHERE id = ?",
        (message["id"], now, agent, survey.alert_below, row["id"]),
    )
    return message


def unsent_surveys(conn: Conn) -> list[str]:
    """The conversations whose survey was queued and never claimed (a hub that stopped
    between a close and its send)."""
    rows = conn.all(
        "SELECT id FROM conversations WHERE csat_message_id IS NOT NULL AND csat_claimed_at IS NULL"
    )
    return [str(r["id"]) for r in rows]


def answer_from(conn: Conn, m: InboundMessage, now: Millis) -> list[StreamEvent] | None:
    """The customer's answer to a survey, stored on the surveyed conversation; None when
    ``m`` is no such answer (it is then an ordinary message)."""
    rating = rating_of(m.reply_id) if m.type == "interactive" else None
    if rating is None or not m.context_wamid:
        return None
    survey = messages.by_wamid(conn, m.context_wamid)
    if survey is None or survey["sender"] != SURVEY_SENDER:
        return None
    conversation = conn.one(
        "SELECT * FROM conversations WHERE id = ? AND csat_message_id = ?",
        (survey["conversation_id"], survey["id"]),
    )
    if conversation is None:  # a survey of an earlier period: that period has passed
        return []
    answered_at = m.timestamp_ms if m.timestamp_ms > 0 else now
    took = conn.execute(
        "UPDATE conversations SET csat_rating = ?, csat_answered_at = ? "
        "WHERE id = ? AND csat_answered_at IS NULL",
        (rating, answered_at, conversation["id"]),
    )
    if not took:  # answered already: Meta redelivered, or the customer chose again
        return []
    fact = {**about(conversation), "rating": rating, "answer_wamid": m.wamid}
    append_hub_fact(conn, AuditKind.CSAT_ANSWERED, HUB_ACTOR, conversation["id"], fact, now)
    below = conversation["csat_alert_below"]
    if below is None or rating > int(below):
        return []
    return _low_rating_alert(conn, conversation, rating, now)


def about(conversation: Row) -> dict[str, Any]:
    return {
        "period": to_rfc3339(int(conversation["csat_period"])),
        "agent": conversation["csat_agent"],
        "queue": conversation["queue"],
    }


def _low_rating_alert(conn: Conn, conversation: Row, rating: int, now: Millis) -> list[StreamEvent]:
    agent = conversation["csat_agent"]
    name = conn.scalar("SELECT name FROM users WHERE id = ?", (agent,)) if agent else None
    queue = conversation["queue"]
    condition = Condition(
        AlertKind.LOW_CSAT,
        str(conversation["id"]),
        AlertSeverity.WARNING,
        f"A customer of {queue} rated a conversation closed by {name or 'nobody'} {rating} of 5.",
        frozenset({queue}),
        details={
            "conversation_id": conversation["id"],
            "queue": queue,
            "rating": rating,
            "user": agent,
            "user_name": name,
            "closed_at": to_rfc3339(int(conversation["csat_period"])),
        },
    )
    return alert_store.hold(conn, condition, now)
