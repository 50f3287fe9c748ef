"""The conversation state machine and who may send: shared by the hub and the client.

States: ``queued`` (waiting in a queue) → ``assigned`` (one agent owns it) → ``closed``.
Only one assignee at a time. The hub is authoritative; the client runs the same rules
for instant feedback. Who may claim, release, transfer, close, reopen or take over is
``core.conversation_permissions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from wa_desk.core.clock import Millis
from wa_desk.core.window import window_is_open


class State(StrEnum):
    QUEUED = "queued"
    ASSIGNED = "assigned"
    CLOSED = "closed"


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Refusal(StrEnum):
    """Why an action was refused; stable codes the API and the client show."""

    ALREADY_ASSIGNED = "already_assigned"
    NOT_ASSIGNEE = "not_assignee"
    CLOSED = "conversation_closed"
    NOT_CLOSED = "conversation_open"
    WINDOW_CLOSED = "window_closed"
    NO_TARGET = "no_target"
    TEMPLATE_INVALID = "template_invalid"
    REPLY_NOT_IN_CONVERSATION = "reply_not_in_conversation"  # quotes a message from elsewhere
    INVALID = "invalid"
    NOT_VISIBLE = "not_found"  # not in the user's queues (the API answers 404 for it)
    LEADS_ONLY = "supervisor_only"  # only a supervisor of the queue or an admin may
    NOT_ASSIGNED = "not_assigned"  # nobody holds it (nothing to take over)
    ALREADY_YOURS = "already_yours"  # the user holds it already
    OPTED_OUT = "opted_out"  # a marketing template to a customer who stopped marketing


class ActionRefused(Exception):
    def __init__(self, code: Refusal, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class ConversationFacts:
    """What the rules need to know about a conversation."""

    state: State
    assignee: str | None
    last_inbound_at: Millis | None


def check_send(c: ConversationFacts, actor: str, *, free_text: bool, now: Millis) -> None:
    """Whether ``actor`` may send now; free text also needs the 24 h window open."""
    if c.state is State.CLOSED:
        raise ActionRefused(Refusal.CLOSED, "The conversation is closed; reopen it first.")
    if c.state is not State.ASSIGNED or c.assignee != actor:
        raise ActionRefused(Refusal.NOT_ASSIGNEE, "Only the assignee can send messages.")
    if free_text and not window_is_open(c.last_inbound_at, now):
        raise ActionRefused(
            Refusal.WINDOW_CLOSED,
            "More than 24 hours have passed since the customer last wrote: "
            "send an approved template instead.",
        )
