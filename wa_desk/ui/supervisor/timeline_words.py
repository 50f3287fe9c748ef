"""A timeline item in words: who did what, when (the hub's time for an action, the
message's own for a message). Names are isolated; customer text stays plain data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.auto_replies import AUTOMATIC_SENDER
from wa_desk.core.conversation import State
from wa_desk.core.csat import SURVEY_SENDER
from wa_desk.core.promises import PromiseState
from wa_desk.core.routing import ROUTING_ACTOR, RoutingReason
from wa_desk.ui.common.labels import disposition
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.timefmt import format_due, format_duration, parse_ms


def _action_words() -> dict[str, str]:
    """``%1``: who did it."""
    return {
        AuditKind.CONVERSATION_OPENED: QCoreApplication.translate(
            "Timeline", "Conversation opened"
        ),
        AuditKind.CONVERSATION_ROUTED: QCoreApplication.translate("Timeline", "Routed to a queue"),
        AuditKind.CONVERSATION_ASSIGNED: QCoreApplication.translate(
            "Timeline", "%1 assigned it to an agent"
        ),
        AuditKind.CONVERSATION_REQUEUED: QCoreApplication.translate(
            "Timeline", "%1 took it back to the queue"
        ),
        AuditKind.CONVERSATION_CLAIMED: QCoreApplication.translate("Timeline", "%1 claimed it"),
        AuditKind.CONVERSATION_RELEASED: QCoreApplication.translate("Timeline", "%1 released it"),
        AuditKind.CONVERSATION_TRANSFERRED: QCoreApplication.translate(
            "Timeline", "%1 transferred it"
        ),
        AuditKind.CONVERSATION_CLOSED: QCoreApplication.translate("Timeline", "%1 closed it"),
        AuditKind.CONVERSATION_REOPENED: QCoreApplication.translate("Timeline", "%1 reopened it"),
        AuditKind.CONVERSATION_TAKEN_OVER: QCoreApplication.translate(
            "Timeline", "%1 took it over"
        ),
        AuditKind.CONVERSATION_READ: QCoreApplication.translate("Timeline", "%1 read it"),
        AuditKind.MESSAGE_RECEIVED: QCoreApplication.translate(
            "Timeline", "The server received the customer's message"
        ),
        AuditKind.MESSAGE_STATUS_CHANGED: QCoreApplication.translate(
            "Timeline", "WhatsApp reported a message's status"
        ),
        AuditKind.MESSAGE_SENT: QCoreApplication.translate("Timeline", "%1 sent a message"),
        AuditKind.MESSAGE_AUTO_SENT: QCoreApplication.translate(
            "Timeline", "%1 replied automatically"
        ),
        AuditKind.MESSAGE_SEND_FAILED: QCoreApplication.translate(
            "Timeline", "A message from %1 could not be sent"
        ),
        AuditKind.TEMPLATE_USED: QCoreApplication.translate("Timeline", "%1 used a template"),
        AuditKind.CANNED_REPLY_USED: QCoreApplication.translate(
            "Timeline", "%1 sent a canned reply"
        ),
        AuditKind.CHECKLIST_CHECKED: QCoreApplication.translate(
            "Timeline", "%1 ticked a checklist item"
        ),
        AuditKind.CHECKLIST_UNCHECKED: QCoreApplication.translate(
            "Timeline", "%1 unticked a checklist item"
        ),
        AuditKind.NOTE_ADDED: QCoreApplication.translate("Timeline", "%1 added a note"),
        AuditKind.TAG_ADDED: QCoreApplication.translate("Timeline", "%1 added a tag"),
        AuditKind.TAG_REMOVED: QCoreApplication.translate("Timeline", "%1 removed a tag"),
        AuditKind.CONTACT_OPTED_OUT: QCoreApplication.translate(
            "Timeline", "The customer stopped marketing messages"
        ),
        AuditKind.CONTACT_OPTED_IN: QCoreApplication.translate(
            "Timeline", "The customer resumed marketing messages"
        ),
        AuditKind.GUIDELINE_WARNED: QCoreApplication.translate(
            "Timeline", "%1 was warned by a guideline"
        ),
        AuditKind.GUIDELINE_OVERRIDDEN: QCoreApplication.translate(
            "Timeline", "%1 overrode a guideline"
        ),
        AuditKind.GUIDELINE_BLOCKED: QCoreApplication.translate(
            "Timeline", "A guideline blocked %1"
        ),
        AuditKind.SUPERVISOR_VIEWED: QCoreApplication.translate("Timeline", "%1 looked at it"),
        AuditKind.PROMISE_MADE: QCoreApplication.translate("Timeline", "%1 recorded a promise"),
        AuditKind.PROMISE_KEPT: QCoreApplication.translate("Timeline", "%1 marked a promise kept"),
        AuditKind.PROMISE_RESCHEDULED: QCoreApplication.translate(
            "Timeline", "%1 moved a promise to another date"
        ),
        AuditKind.PROMISE_BROKEN: QCoreApplication.translate(
            "Timeline", "%1 marked a promise broken"
        ),
        AuditKind.PROMISE_TRANSFERRED: QCoreApplication.translate(
            "Timeline", "%1 handed a promise to a colleague"
        ),
        AuditKind.CSAT_SENT: QCoreApplication.translate(
            "Timeline", "The customer was asked to rate the service"
        ),
        AuditKind.CSAT_ANSWERED: QCoreApplication.translate(
            "Timeline", "The customer rated the service"
        ),
    }


def state_name(code: str | None) -> str:
    """A conversation's state in words (an unknown code as it is)."""
    names = {
        State.QUEUED: QCoreApplication.translate("Timeline", "in the queue"),
        State.ASSIGNED: QCoreApplication.translate("Timeline", "being answered"),
        State.CLOSED: QCoreApplication.translate("Timeline", "closed"),
    }
    return names.get(State(code), str(code)) if code in set(State) else str(code or "")


def _status_words() -> dict[str, str]:
    return {
        "sent": QCoreApplication.translate("Timeline", "sent"),
        "delivered": QCoreApplication.translate("Timeline", "delivered"),
        "read": QCoreApplication.translate("Timeline", "read by the customer"),
        "failed": QCoreApplication.translate("Timeline", "failed"),
    }


def _outcome(item: dict[str, Any]) -> str:
    outcome = item.get("outcome") or {}
    state = outcome.get("state")
    if state == "refused":
        return QCoreApplication.translate("Timeline", "refused by the server: %1").replace(
            "%1", str(outcome.get("message") or "")
        )
    if state == "unconfirmed":
        return QCoreApplication.translate("Timeline", "not confirmed by the server")
    return ""


def _details(kind: str, data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if kind == AuditKind.CONVERSATION_TRANSFERRED:
        if data.get("to_queue"):
            out.append(
                QCoreApplication.translate("Timeline", "to queue %1").replace(
                    "%1", isolated(str(data["to_queue"]))
                )
            )
    elif kind == AuditKind.CONVERSATION_ASSIGNED and data.get("reason"):
        reason = str(data["reason"])
        out.append(_routing_reasons().get(reason, isolated(reason)))
    elif kind == AuditKind.CONVERSATION_REQUEUED and isinstance(data.get("after_minutes"), int):
        out.append(_waited(data["after_minutes"]))
    elif kind == AuditKind.CONVERSATION_CLOSED and data.get("disposition"):
        out.append(isolated(disposition(str(data["disposition"]))))
    elif kind in (AuditKind.CHECKLIST_CHECKED, AuditKind.CHECKLIST_UNCHECKED) and data.get("item"):
        out.append(isolated(str(data["item"])))
    elif kind in (AuditKind.TAG_ADDED, AuditKind.TAG_REMOVED) and data.get("tag"):
        out.append(isolated(str(data["tag"])))
    elif kind in (AuditKind.CONTACT_OPTED_OUT, AuditKind.CONTACT_OPTED_IN):
        if data.get("keyword"):
            out.append(isolated(str(data["keyword"])))
        elif data.get("code"):
            out.append(
                QCoreApplication.translate("Timeline", "WhatsApp error %1").replace(
                    "%1", str(data["code"])
                )
            )
        elif data.get("user_name"):
            out.append(isolated(str(data["user_name"])))
    elif kind == AuditKind.MESSAGE_STATUS_CHANGED and data.get("status"):
        out.append(_status_words().get(str(data["status"]), str(data["status"])))
    elif kind in (AuditKind.TEMPLATE_USED, AuditKind.CANNED_REPLY_USED) and data.get("name"):
        out.append(isolated(str(data["name"])))
    elif kind == AuditKind.CSAT_ANSWERED and isinstance(data.get("rating"), int):
        out.append(
            QCoreApplication.translate("Timeline", "%1 of 5").replace("%1", str(data["rating"]))
        )
    elif kind.startswith("guideline.") and data.get("rule"):
        out.append(isolated(str(data["rule"])))
    elif kind.startswith("promise."):
        out.extend(_promise_details(kind, data))
    return out


def _words_naming(kind: str, data: dict[str, Any], people: object) -> str | None:
    """An assignment's or a return's words naming the agent (``%1``: who did it), when the
    server named them (an older server's timeline does not)."""
    names = people if isinstance(people, dict) else {}
    if kind == AuditKind.CONVERSATION_ASSIGNED and names.get(data.get("to_user")):
        return QCoreApplication.translate("Timeline", "%1 assigned it to %2").replace(
            "%2", isolated(str(names[data["to_user"]]))
        )
    if kind == AuditKind.CONVERSATION_REQUEUED and names.get(data.get("from_user")):
        return QCoreApplication.translate(
            "Timeline", "%1 took it back to the queue from %2"
        ).replace("%2", isolated(str(names[data["from_user"]])))
    return None


def _waited(minutes: int) -> str:
    # Two sentences, not a %n plural: English (the source) loads no translator.
    if minutes == 1:
        return QCoreApplication.translate("Timeline", "the customer waited 1 minute for an answer")
    return QCoreApplication.translate(
        "Timeline", "the customer waited %1 minutes for an answer"
    ).replace("%1", str(minutes))


def _routing_reasons() -> dict[str, str]:
    """Why the routing chose the agent it assigned."""
    return {
        RoutingReason.ROUND_ROBIN: QCoreApplication.translate("Timeline", "in turn"),
        RoutingReason.LEAST_BUSY: QCoreApplication.translate("Timeline", "the least busy agent"),
        RoutingReason.STICKY: QCoreApplication.translate(
            "Timeline", "the agent who served this customer last"
        ),
    }


def _due(value: Any) -> str:
    ms = parse_ms(str(value)) if value else None
    if ms is None:
        return "?"
    return format_due(ms, None)


def _promise_details(kind: str, data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if kind in (AuditKind.PROMISE_MADE, AuditKind.PROMISE_RESCHEDULED) and data.get("due_at"):
        out.append(
            QCoreApplication.translate("Timeline", "due %1").replace("%1", _due(data["due_at"]))
        )
    if kind == AuditKind.PROMISE_KEPT and data.get("message_conversation"):
        out.append(
            QCoreApplication.translate("Timeline", "kept by a message of a later conversation")
        )
    elif kind == AuditKind.PROMISE_KEPT and data.get("message_id"):
        out.append(QCoreApplication.translate("Timeline", "kept by a message"))
    if kind == AuditKind.PROMISE_KEPT and data.get("on_time") is False:
        out.append(QCoreApplication.translate("Timeline", "late"))
    if data.get("reason"):
        out.append(isolated(str(data["reason"])))
    return out


def _promise_state(state: str) -> str:
    names = {
        PromiseState.OPEN: QCoreApplication.translate("Timeline", "open"),
        PromiseState.KEPT: QCoreApplication.translate("Timeline", "kept"),
        PromiseState.BROKEN: QCoreApplication.translate("Timeline", "broken"),
    }
    return names.get(PromiseState(state), state) if state in set(PromiseState) else state


def promise_lines(item: dict[str, Any]) -> list[str]:
    """The promises a message made, one line each: what (the agent's words, as data), by
    when, how it stands and who owns it; then the promises it kept."""
    lines: list[str] = []
    for promise in item.get("promises") or []:
        owner = promise.get("owner") or {}
        lines.append(
            QCoreApplication.translate("Timeline", "Promise: %1 · due %2 · %3 · owner %4")
            .replace("%4", isolated(str(owner.get("name") or owner.get("id") or "?")))
            .replace("%3", _promise_state(str(promise.get("state") or "")))
            .replace("%2", _due(promise.get("due_at")))
            .replace("%1", isolated(str(promise.get("what") or "")))
        )
    for promise in item.get("kept_promises") or []:
        lines.append(
            QCoreApplication.translate("Timeline", "Kept the promise: %1").replace(
                "%1", isolated(str(promise.get("what") or ""))
            )
        )
    return lines


def action_text(item: dict[str, Any]) -> str:
    """An action (``source`` hub or device) in one line."""
    kind = str(item.get("kind") or "")
    actor = item.get("actor") or {}
    who = isolated(
        str(
            _automatic_name(actor.get("id"))
            or actor.get("name")
            or actor.get("id")
            or QCoreApplication.translate("Timeline", "the server")
        )
    )
    data = item.get("data") if isinstance(item.get("data"), dict) else {}
    words = _words_naming(kind, data or {}, item.get("people")) or _action_words().get(kind)
    text = words.replace("%1", who) if words else f"{isolated(kind)} ({who})"
    parts = [text, *_details(kind, data or {})]
    if item.get("source") == "device":
        parts.append(QCoreApplication.translate("Timeline", "as logged on their computer"))
    outcome = _outcome(item)
    if outcome:
        parts.append(outcome)
    return " · ".join(parts)


def _automatic_name(user_id: object) -> str | None:
    """What the server's own doings are called, for their actor's or sender's id: its
    automatic replies and its routing."""
    if user_id == ROUTING_ACTOR:
        return QCoreApplication.translate("Timeline", "Automatic routing")
    if user_id != AUTOMATIC_SENDER:
        return None
    return QCoreApplication.translate("Timeline", "The server (automatic)")


def message_heading(item: dict[str, Any]) -> str:
    """Who wrote a message: the customer or the agent, by name (the server, for its
    automatic replies)."""
    sender = item.get("sender") or {}
    name = _automatic_name(sender.get("id")) or sender.get("name") or sender.get("id") or ""
    if item.get("direction") == "out" and sender.get("id") == SURVEY_SENDER:
        return QCoreApplication.translate("Timeline", "Satisfaction survey")
    if item.get("direction") == "in":
        return (
            QCoreApplication.translate("Timeline", "Customer %1")
            .replace("%1", isolated(str(name)))
            .rstrip()
        )
    if item.get("template"):
        return (
            QCoreApplication.translate("Timeline", "%1 (template %2)")
            .replace("%1", isolated(str(name)))
            .replace("%2", isolated(str(item["template"])))
        )
    return isolated(str(name)) if name else QCoreApplication.translate("Timeline", "Agent")


def _type_words() -> dict[str, str]:
    return {
        "template": QCoreApplication.translate("Timeline", "[template message]"),
        "image": QCoreApplication.translate("Timeline", "[photo]"),
        "video": QCoreApplication.translate("Timeline", "[video]"),
        "sticker": QCoreApplication.translate("Timeline", "[sticker]"),
        "document": QCoreApplication.translate("Timeline", "[document]"),
        "audio": QCoreApplication.translate("Timeline", "[audio]"),
        "location": QCoreApplication.translate("Timeline", "[location]"),
        "contacts": QCoreApplication.translate("Timeline", "[contact card]"),
        "interactive": QCoreApplication.translate("Timeline", "[reply to buttons or a list]"),
        "reaction": QCoreApplication.translate("Timeline", "[reaction]"),
    }


def message_body(item: dict[str, Any]) -> str:
    """A message's text, or what it is in words when it has none (a photo, a template)."""
    text = item.get("text")
    if text:
        return "\n".join([str(text), *promise_lines(item)])
    kind = str(item.get("type") or "")
    known = _type_words().get(kind)
    if known is not None:
        return known
    return QCoreApplication.translate("Timeline", "[a message of type %1]").replace(
        "%1", isolated(kind or "?")
    )


def summary_text(answer: dict[str, Any]) -> str:
    """The conversation's figures from a timeline answer: its queue and state, how long
    the customer waited, the first response and the handle time, how it closed."""
    conv = answer.get("conversation") or {}
    durations = answer.get("durations") or {}

    def span(key: str) -> str:
        value = durations.get(key)
        return "—" if value is None else format_duration(int(value))

    contact = conv.get("contact") or {}
    lines = [
        QCoreApplication.translate("Timeline", "%1 · queue %2 · %3")
        .replace("%1", isolated(str(contact.get("name") or contact.get("wa_id") or "")))
        .replace("%2", isolated(str(conv.get("queue") or "")))
        .replace("%3", state_name(conv.get("state"))),
        QCoreApplication.translate("Timeline", "Waited %1 · first response %2 · handled %3")
        .replace("%1", span("waiting_ms"))
        .replace("%2", span("first_response_ms"))
        .replace("%3", span("handle_ms")),
    ]
    if answer.get("disposition"):
        lines.append(
            QCoreApplication.translate("Timeline", "Closed as %1").replace(
                "%1", isolated(disposition(str(answer["disposition"])))
            )
        )
    return "\n".join(lines)
