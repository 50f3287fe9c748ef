"""Automatic replies per queue (``[[policy.auto_replies]]``): a greeting on a
conversation's first customer message inside business hours, and an away reply to a
customer who writes outside them, each at most once per conversation.

Business hours are the queue's SLA business hours (``[[policy.sla]]``, ``core/sla.py``):
the hours a queue promises answers in are the hours it says it is open.

The customer's language is not known when they first write, so each queue has one text
per reply, written in the language its customers use.

An away reply is free text while the customer service window is open, which it is when
the customer has just written; the ``away_template`` goes instead when the window has
closed by the time the hub decides: a delivery Meta retried for more than 24 hours
after an outage, for instance. Without a template, nothing goes then.

The hub sends them under :data:`AUTOMATIC_SENDER`, never a user id: they are not a
person's reply (``docs/kpis.md``), so the customer keeps waiting for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.policy_entries import ALL_QUEUES, InvalidPolicy, queue_entries

AUTOMATIC_SENDER = "hub:auto"  # the ``sender`` of every message the hub sends on its own
MAX_TEXT_CHARS = 4096  # what WhatsApp takes in one text message

_KEYS = {"queue", "greeting", "away", "away_template"}
_TEMPLATE_KEYS = {"name", "language"}
_TEMPLATE_NAME = re.compile(r"^[a-z0-9_]{1,512}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


class AutoReplyKind(StrEnum):
    GREETING = "greeting"
    AWAY = "away"


@dataclass(frozen=True, slots=True)
class AwayTemplate:
    name: str
    language: str


@dataclass(frozen=True, slots=True)
class AutoReplies:
    queue: str  # a queue name, or ``*`` for every queue without its own
    greeting: str | None = None
    away: str | None = None
    away_template: AwayTemplate | None = None


@dataclass(frozen=True, slots=True)
class AutoReply:
    """What to send: a text, or (``template`` set) an approved template."""

    kind: AutoReplyKind
    text: str | None = None
    template: AwayTemplate | None = None


@dataclass(frozen=True, slots=True)
class AutoReplyState:
    """What the conversation already had: its first customer message is this one, and
    which automatic replies went before."""

    first_message: bool
    greeted: bool
    away_sent: bool


def auto_replies_for(entries: Iterable[AutoReplies], queue: str) -> AutoReplies | None:
    """The queue's own entry, which replaces the every-queue one, else that one."""
    by_queue = {e.queue: e for e in entries}
    return by_queue.get(queue) or by_queue.get(ALL_QUEUES)


def auto_reply(
    entry: AutoReplies | None,
    hours: BusinessHours,
    state: AutoReplyState,
    message_at: int,
    window_open: bool,
) -> AutoReply | None:
    """The automatic reply a customer message written at ``message_at`` gets, if any.

    Outside business hours: the away reply, once per conversation (it greets too, so an
    away conversation gets no greeting). Inside them: the greeting, on the first message
    only. ``window_open``: whether free text may still go."""
    if entry is None:
        return None
    if not hours.is_open(message_at):
        if state.away_sent:
            return None
        if window_open and entry.away is not None:
            return AutoReply(AutoReplyKind.AWAY, text=entry.away)
        if not window_open and entry.away_template is not None:
            return AutoReply(AutoReplyKind.AWAY, template=entry.away_template)
        return None
    if state.first_message and not state.greeted and entry.greeting is not None:
        return AutoReply(AutoReplyKind.GREETING, text=entry.greeting)
    return None


def auto_replies_from_json(raw: Any, where: str = "auto_replies") -> tuple[AutoReplies, ...]:
    """The ``auto_replies`` list of the hub's policy, checked; one entry per queue."""
    out: list[AutoReplies] = []
    for at, queue, entry in queue_entries(raw, where, _KEYS):
        greeting = _text(entry.get("greeting"), f"{at}.greeting")
        away = _text(entry.get("away"), f"{at}.away")
        template = _template(entry.get("away_template"), f"{at}.away_template")
        if greeting is None and away is None and template is None:
            raise InvalidPolicy(at, "needs a greeting, an away text or an away_template")
        out.append(AutoReplies(queue, greeting, away, template))
    return tuple(out)


def _text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidPolicy(where, "must be a text that is not blank")
    if len(value) > MAX_TEXT_CHARS:
        raise InvalidPolicy(where, f"must be at most {MAX_TEXT_CHARS} characters")
    return value.strip()


def _template(value: Any, where: str) -> AwayTemplate | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidPolicy(where, "must be a table with name and language")
    unknown = set(value) - _TEMPLATE_KEYS
    if unknown:
        raise InvalidPolicy(where, f"unknown keys: {', '.join(sorted(unknown))}")
    name, language = value.get("name"), value.get("language")
    if not isinstance(name, str) or not _TEMPLATE_NAME.match(name):
        raise InvalidPolicy(f"{where}.name", "must be a template name (a-z, 0-9, '_')")
    if not isinstance(language, str) or not _LANGUAGE.match(language):
        raise InvalidPolicy(f"{where}.language", "must be a language code such as es or en_US")
    return AwayTemplate(name, language)
