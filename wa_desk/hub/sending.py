"""Agents' sends: checked by the hub (authoritative), sent through the Graph API, tracked.

1. In one transaction: visibility, then the idempotency key (the user's, in this
   conversation), the rules (assignee, 24 h window, template known), the message stored
   as ``pending`` and announced.
2. The Graph API call, outside any transaction (with backoff on rate limits).
3. In a second transaction: the wamid and ``accepted``, or ``failed`` with the reason;
   statuses that raced ahead of us are applied.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import orjson

from wa_desk.core import conversation as rules
from wa_desk.core.alert_kinds import AlertKind
from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.conversation import ActionRefused, Refusal
from wa_desk.core.guidelines import Guidelines
from wa_desk.core.opt_out import MARKETING_STOPPED_ERROR, refuses_template
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.core.templates import (
    Place,
    TemplateParams,
    TemplateSpec,
    check_params,
    cloud_components,
    render,
)
from wa_desk.core.text_rules import Rule, first_block, matching_rules
from wa_desk.hub import alert_facts, heatmap_upkeep, opt_out
from wa_desk.hub.actions import load_visible
from wa_desk.hub.alerts import raise_alert
from wa_desk.hub.changes import conversation_changed
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn, Row
from wa_desk.hub.graph import GraphRequestFailed
from wa_desk.hub.ingest import apply_orphans
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import conversations, messages, stream_log, templates
from wa_desk.hub.queries.audit_log import append_hub_fact
from wa_desk.hub.queries.users import User
from wa_desk.whatsapp import send_bodies
from wa_desk.whatsapp.errors import ErrorKind

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TextSend:
    text: str
    reply_to: str | None = None  # the wamid being answered


@dataclass(frozen=True, slots=True)
class TemplateSend:
    name: str
    language: str
    body_params: tuple[str, ...] = ()
    header_params: tuple[str, ...] = ()
    header_link: str | None = None  # a media header's file
    button_params: tuple[tuple[int, str], ...] = ()  # (button index, URL suffix or code)
    header_location: Place | None = None  # a location header's place

    @property
    def params(self) -> TemplateParams:
        return TemplateParams(
            self.header_params,
            self.header_link,
            self.body_params,
            self.button_params,
            self.header_location,
        )


Send = TextSend | TemplateSend


class GuidelineBlocked(Exception):
    """A free text that breaks a ``block`` rule: nothing is stored or sent."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule.message)
        self.rule = rule


@dataclass(frozen=True, slots=True)
class SendResult:
    message: dict[str, Any]
    replayed: bool  # the idempotency key was seen before: nothing was sent again
    error: dict[str, Any] | None = None


def _graph_body(
    conn: Conn, send: Send, to: str
) -> tuple[dict[str, Any], str, str | None, str | None]:
    """The Graph body, the message type, its text as the customer sees it, template name."""
    if isinstance(send, TextSend):
        body = send_bodies.text_message(to, send.text, reply_to=send.reply_to)
        return body, "text", send.text, None
    spec = _check_template(conn, send)
    if spec is None:  # never synced: positional text parameters, for WhatsApp to judge
        if send.header_link or send.header_location:
            raise ActionRefused(
                Refusal.TEMPLATE_INVALID,
                "Templates are not synced yet: a media or location header cannot be sent.",
            )
        body = send_bodies.template_message(
            to,
            send.name,
            send.language,
            body_params=send.body_params,
            header_params=send.header_params,
            button_params=[v for _, v in sorted(send.button_params)],
        )
        return body, "template", None, send.name
    components = cloud_components(spec, send.params)
    body = send_bodies.template_message(to, send.name, send.language, components=components)
    return body, "template", render(spec, send.params).body, send.name


def _check_reply(conn: Conn, conversation_id: str, wamid: str) -> None:
    """A reply quotes a message of its own conversation: WhatsApp would show the
    customer any message of theirs it knows, so the hub makes sure the agent quotes
    one they can see here (and one WhatsApp gave an id, sent or received)."""
    quoted = messages.by_wamid(conn, wamid)
    if quoted is None or quoted["conversation_id"] != conversation_id:
        raise ActionRefused(
            Refusal.REPLY_NOT_IN_CONVERSATION,
            "The message being answered is not one of this conversation's.",
        )


def prepare_send(
    conn: Conn,
    user: User,
    conversation_id: str,
    send: Send,
    key: str | None,
    guidelines: Guidelines,
    now: Millis,
) -> Outcome[tuple[Row, bool]]:
    """Step 1 of a send at ``now``: the message stored as ``pending`` and announced, or
    the first message of a repeated key (``True``). Also how a seeded history sends."""
    row = load_visible(conn, user, conversation_id)
    # After the visibility check, never before: a key answers only within what its user
    # may see. It names a send of this user in this conversation, so a retry (which may
    # arrive after the conversation was closed or transferred inside the user's queues)
    # gets the first message, and the same key in another conversation is a new send.
    if key:
        existing = messages.for_idempotency_key(conn, user.id, conversation_id, key)
        if existing is not None:
            return Outcome((existing, True))
    facts = conversations.facts(row)
    rules.check_send(facts, user.id, free_text=isinstance(send, TextSend), now=now)
    if isinstance(send, TextSend):
        blocked = first_block(matching_rules(guidelines.rules, send.text))
        if blocked is not None:
            raise GuidelineBlocked(blocked)
        if send.reply_to is not None:
            _check_reply(conn, conversation_id, send.reply_to)
    else:
        _check_opt_out(conn, row, send)
    body, type_, text, template_name = _graph_body(conn, send, row["wa_id"])
    message = messages.insert(
        conn,
        conversation_id=conversation_id,
        direction="out",
        type_=type_,
        text=text,
        status="pending",
        timestamp=now,
        sender=user.id,
        payload=body,
        now=now,
        context_wamid=send.reply_to if isinstance(send, TextSend) else None,
        template_name=template_name,
        idempotency_key=key,
    )
    if key:
        messages.remember_idempotency(conn, user.id, conversation_id, key, message["id"], now)
    conversations.note_outbound(conn, conversation_id, now, messages.preview(type_, text))
    heatmap_upkeep.person_replied(conn, conversation_id, now, user.id)
    events = [
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
    return Outcome((message, False), events)


def _check_opt_out(conn: Conn, row: Row, send: TemplateSend) -> None:
    """A marketing template to a customer who stopped marketing messages is refused
    before WhatsApp is asked (which would refuse it with 131050 and count it against
    the account's quality); utility and authentication templates still go. A template
    the hub never synced has no known category: WhatsApp judges it."""
    if row["contact_opt_out_at"] is None:
        return
    template = templates.get(conn, send.name, send.language)
    if template is not None and refuses_template(template["category"], opted_out=True):
        raise ActionRefused(
            Refusal.OPTED_OUT,
            f"The customer stopped marketing messages: {send.name!r} is a marketing "
            "template. A utility template, or free text inside the 24 h window, can go.",
        )


def _check_template(conn: Conn, send: TemplateSend) -> TemplateSpec | None:
    """The synced template ``send`` fills, or None when none were ever synced; refuses
    an unknown template, and parameters that do not fit it (counts of the header's,
    the body's and the buttons', a media header's link) before WhatsApp is asked."""
    if templates.count(conn) == 0:
        return None
    row = templates.get(conn, send.name, send.language)
    if row is None or row["status"] != "APPROVED":
        # The agent's list is older than the hub's (paused, disabled, removed meanwhile):
        # the same refusal as a changed template, so the app loads them again.
        raise ActionRefused(
            Refusal.TEMPLATE_INVALID,
            f"There is no approved template {send.name!r} in {send.language}.",
        )
    spec = templates.spec(row)
    problem = check_params(spec, send.params)
    if problem is not None:
        raise ActionRefused(
            Refusal.TEMPLATE_INVALID,
            f"Template {send.name!r} ({send.language}) does not fit: {problem}.",
        )
    return spec


async def send_message(
    ctx: HubContext, user: User, conversation_id: str, send: Send, key: str | None
) -> SendResult:
    now = now_ms()
    try:
        message, replayed = await ctx.write(
            lambda c: prepare_send(
                c, user, conversation_id, send, key, ctx.settings.guidelines, now
            )
        )
    except GuidelineBlocked as exc:
        rule = exc.rule
        await ctx.write(lambda c: _record_blocked(c, user, conversation_id, send, rule, now))
        raise
    if replayed:
        return SendResult(messages.view(message), True)
    alerts = ctx.settings.guidelines.alerts
    conversation = await ctx.db.read(lambda c: conversations.get(c, conversation_id))
    assert conversation is not None
    body = orjson.loads(message["payload"]) if isinstance(message["payload"], str) else {}
    try:
        wamid = await ctx.graph.send(conversation["phone_number_id"], body)
    except GraphRequestFailed as exc:
        err = exc.error
        info = err.info
        if info.kind is ErrorKind.AUTH:
            await raise_alert(
                ctx,
                AlertKind.WHATSAPP_AUTH,
                f"({info.code}) {info.meaning}",
                {"code": info.code},
            )
        failed_at = now_ms()
        row = await ctx.write(
            lambda c: record_failed(
                c, message["id"], info.code, err.title, err.details, failed_at, alerts
            )
        )
        view = messages.view(row)
        return SendResult(view, False, view["error"])
    accepted_at = now_ms()
    row = await ctx.write(lambda c: record_accepted(c, message["id"], wamid, accepted_at, alerts))
    return SendResult(messages.view(row), False)


def _record_blocked(
    conn: Conn, user: User, conversation_id: str, send: Send, rule: Rule, now: Millis
) -> Outcome[None]:
    """The refused send in the hub's audit chain (the rule, never the text): the app
    should not have let it through, which is exactly what an auditor wants to see."""
    length = len(send.text) if isinstance(send, TextSend) else 0
    data = {"rule": rule.id, "length": length, "source": "hub"}
    append_hub_fact(conn, "guideline.blocked", user.id, conversation_id, data, now)
    return Outcome(None)


def _status_event(conn: Conn, row: Row, now: Millis) -> stream_log.StreamEvent:
    conv = conversations.get(conn, row["conversation_id"])
    assert conv is not None
    view = messages.view(row)
    data = {k: view[k] for k in ("id", "conversation_id", "wamid", "status", "status_at", "error")}
    return stream_log.append(
        conn, StreamEventKind.MESSAGE_STATUS, conv["queue"], conv["id"], data, now
    )


def _send_fact(conn: Conn, kind: AuditKind, row: Row, result: dict[str, Any], now: Millis) -> None:
    """The hub's Graph send and its result, in the name of the agent who sent it (the
    text stays in the messages table)."""
    data = {"message": row["id"], "type": row["type"], **result}
    if row["template_name"]:
        data["template"] = row["template_name"]
    append_hub_fact(conn, kind, row["sender"], row["conversation_id"], data, now)


def record_accepted(
    conn: Conn, message_id: str, wamid: str, now: Millis, alerts: AlertPolicy
) -> Outcome[Row]:
    """WhatsApp took the send (and so the token: its alert, if any, is over)."""
    row = messages.set_wamid(conn, message_id, wamid, "accepted", now)
    _send_fact(conn, AuditKind.MESSAGE_SENT, row, {"wamid": wamid}, now)
    events = [
        _status_event(conn, row, now),
        *apply_orphans(conn, wamid, now, alerts),
        *alert_facts.token_accepted(conn, now),
    ]
    final = messages.get(conn, message_id)
    assert final is not None
    return Outcome(final, events)


def record_failed(
    conn: Conn,
    message_id: str,
    code: int,
    title: str,
    details: str | None,
    now: Millis,
    alerts: AlertPolicy,
) -> Outcome[Row]:
    """WhatsApp refused the send: counted on its queue's failed-sends alert too."""
    row = messages.set_failed(conn, message_id, code, title, details, now)
    _send_fact(
        conn, AuditKind.MESSAGE_SEND_FAILED, row, {"error": {"code": code, "title": title}}, now
    )
    conv = conversations.get(conn, row["conversation_id"])
    assert conv is not None
    events = [_status_event(conn, row, now)]
    events.extend(alert_facts.send_failed(conn, conv["queue"], code, alerts, now))
    if code == MARKETING_STOPPED_ERROR:
        events.extend(
            opt_out.from_whatsapp_error(
                conn, str(conv["wa_id"]), code, str(row["id"]), str(conv["id"]), now
            )
        )
    return Outcome(row, events)
