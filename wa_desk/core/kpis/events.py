"""What the figures are computed from: one conversation's messages and lifecycle facts as
plain data (docs/kpis.md, "Inputs"). The hub builds them from its ``messages`` rows and
its own chain's facts; nothing here reads a store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import Millis

# Business time between two instants (``BusinessHours.open_ms_between``), or wall time
# (``lambda a, b: b - a``): every duration is reported in both.
Elapsed = Callable[[Millis, Millis], Millis]

MINUTE_MS: Millis = 60_000


@dataclass(frozen=True, slots=True)
class Message:
    at: Millis  # the message's ``timestamp``
    inbound: bool  # ``direction == "in"``: the customer wrote it
    # Outbound and ``sender`` is a user id (a person sent it, free text or template);
    # False for the customer's messages and for anything the hub sends on its own.
    by_person: bool = False
    template: bool = False  # ``template_name`` is set
    failed: bool = False  # ``status == "failed"``: it never reached the customer
    sender: str = ""

    @property
    def is_human_reply(self) -> bool:
        return not self.inbound and self.by_person and not self.failed


@dataclass(frozen=True, slots=True)
class Fact:
    """One lifecycle fact of the hub's chain: its kind, when, who did it, and for a
    transfer, an assignment or a take-over the user it went to (``data.to_user``)."""

    at: Millis
    kind: AuditKind
    actor: str
    to_user: str | None = None


@dataclass(frozen=True, slots=True)
class ConversationEvents:
    opened_at: Millis  # ``conversations.opened_at``: the first customer message
    messages: tuple[Message, ...]
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """A duration in wall time and in business time, in milliseconds."""

    wall: Millis
    business: Millis

    @staticmethod
    def between(start: Millis, end: Millis, elapsed: Elapsed) -> Span:
        return Span(end - start, elapsed(start, end))
