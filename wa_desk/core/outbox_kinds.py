"""The kinds of actions the desktop's outbox holds for the hub.

The store writes them (``store.outbox``), the outbox runner turns each into its hub
call (``client.outbox_runner``) and the UI queues them: one name for all three. The
values are stored in the outbox table, so a kind is never renamed.
"""

from __future__ import annotations

from enum import StrEnum


class OutboxKind(StrEnum):
    SEND = "send"  # a text or template reply
    CLAIM = "claim"
    RELEASE = "release"
    TRANSFER = "transfer"
    CLOSE = "close"
    REOPEN = "reopen"
    TAKE_OVER = "takeover"  # a supervisor takes a conversation from the agent holding it
    READ = "read"  # the agent read the conversation
    STATUS = "status"  # the agent's own status (available, away...)
    NOTE = "note"
    TAG_ADD = "tag_add"
    TAG_REMOVE = "tag_remove"
    # A lead's acts from the supervisor view: hand a conversation to an agent of its
    # queue, and set an agent's status and/or capacity.
    ASSIGN = "assign"
    CHANGE_AGENT = "change_agent"
    # The customer told an agent they stop (or resume) marketing messages.
    MARKETING_STOP = "marketing_stop"
    MARKETING_RESUME = "marketing_resume"
    # The promise ledger: a promise made to the customer, and what became of it.
    PROMISE_MAKE = "promise_make"
    PROMISE_KEEP = "promise_keep"
    PROMISE_RESCHEDULE = "promise_reschedule"
    PROMISE_BREAK = "promise_break"
    PROMISE_TRANSFER = "promise_transfer"


# Actions whose answer from the hub is the conversation as it is now.
CONVERSATION_CHANGES = frozenset(
    {
        OutboxKind.CLAIM,
        OutboxKind.RELEASE,
        OutboxKind.TRANSFER,
        OutboxKind.CLOSE,
        OutboxKind.REOPEN,
        OutboxKind.TAKE_OVER,
        OutboxKind.READ,
    }
)
TAG_CHANGES = frozenset({OutboxKind.TAG_ADD, OutboxKind.TAG_REMOVE})
MARKETING_CHANGES = frozenset({OutboxKind.MARKETING_STOP, OutboxKind.MARKETING_RESUME})
# Actions whose answer from the hub is the promise as it is now.
PROMISE_CHANGES = frozenset(
    {
        OutboxKind.PROMISE_MAKE,
        OutboxKind.PROMISE_KEEP,
        OutboxKind.PROMISE_RESCHEDULE,
        OutboxKind.PROMISE_BREAK,
        OutboxKind.PROMISE_TRANSFER,
    }
)
