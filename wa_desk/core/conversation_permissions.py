"""Who may do what on a conversation: one answer for the hub, which enforces it, and for
the desktop, which shows only the buttons and shortcuts it allows, so the two never
disagree.

- An agent claims a queued conversation of their queues, and releases, transfers or
  closes only one they hold.
- A supervisor (in the conversation's queue: they see no other) and an administrator may
  also release, transfer or close one someone else holds, close or transfer a queued
  one, and take over one another agent holds (it becomes theirs).
- Anyone who may see a closed conversation may reopen it.

``refusal`` says why not (a stable ``Refusal`` code the API returns and the desktop shows
in the agent's words); ``allowed_actions`` is every action without one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wa_desk.core.conversation import ActionRefused, Refusal, Role, State


class ConversationAction(StrEnum):
    CLAIM = "claim"
    RELEASE = "release"
    TRANSFER = "transfer"
    CLOSE = "close"
    REOPEN = "reopen"
    TAKE_OVER = "takeover"


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in user, as the hub knows them."""

    id: str
    role: Role
    queues: frozenset[str]

    @classmethod
    def of(cls, user_id: str, role: str, queues: Iterable[str]) -> Actor:
        """From the API's user (``role`` as text); an unknown role counts as an agent."""
        try:
            known = Role(role)
        except ValueError:
            known = Role.AGENT
        return cls(user_id, known, frozenset(queues))

    @property
    def leads(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)

    def sees(self, queue: str) -> bool:
        return self.role is Role.ADMIN or queue in self.queues


@dataclass(frozen=True, slots=True)
class Place:
    """Where a conversation stands: what the permissions depend on."""

    state: State
    assignee: str | None
    queue: str

    @classmethod
    def of(cls, conversation: Mapping[str, Any]) -> Place | None:
        """From the API's conversation; None for a state this version does not know."""
        try:
            state = State(str(conversation.get("state")))
        except ValueError:
            return None
        assignee = conversation.get("assignee")
        return cls(
            state, None if assignee is None else str(assignee), str(conversation.get("queue") or "")
        )


def refusal(actor: Actor, place: Place, action: ConversationAction) -> ActionRefused | None:
    """Why ``actor`` may not take ``action`` on the conversation now; None: they may."""
    if not actor.sees(place.queue):
        return ActionRefused(Refusal.NOT_VISIBLE, "This conversation is not in your queues.")
    closed = place.state is State.CLOSED
    queued = place.state is State.QUEUED
    mine = place.state is State.ASSIGNED and place.assignee == actor.id
    someone_elses = place.state is State.ASSIGNED and not mine
    if action is ConversationAction.REOPEN:
        if not closed:
            return ActionRefused(Refusal.NOT_CLOSED, "The conversation is not closed.")
        return None
    if action is ConversationAction.TAKE_OVER and not actor.leads:
        return ActionRefused(
            Refusal.LEADS_ONLY, "Only a supervisor of this queue can take a conversation over."
        )
    if closed:
        return ActionRefused(Refusal.CLOSED, "The conversation is closed; reopen it first.")
    match action:
        case ConversationAction.CLAIM:
            if mine:
                return ActionRefused(Refusal.ALREADY_YOURS, "You already hold this conversation.")
            if someone_elses:
                return ActionRefused(
                    Refusal.ALREADY_ASSIGNED, "Another agent already took this conversation."
                )
        case ConversationAction.TAKE_OVER:
            if queued:
                return ActionRefused(
                    Refusal.NOT_ASSIGNED, "Nobody holds this conversation: claim it instead."
                )
            if mine:
                return ActionRefused(Refusal.ALREADY_YOURS, "You already hold this conversation.")
        case ConversationAction.RELEASE:
            if queued:
                return ActionRefused(
                    Refusal.INVALID, "Only an assigned conversation can be released."
                )
            if someone_elses and not actor.leads:
                return ActionRefused(Refusal.NOT_ASSIGNEE, "Only the assignee can release it.")
        case ConversationAction.TRANSFER | ConversationAction.CLOSE:
            verb = "transfer" if action is ConversationAction.TRANSFER else "close"
            if queued and not actor.leads:
                return ActionRefused(
                    Refusal.NOT_ASSIGNEE, f"Claim the conversation before you {verb} it."
                )
            if someone_elses and not actor.leads:
                return ActionRefused(Refusal.NOT_ASSIGNEE, f"Only the assignee can {verb} it.")
    return None


def check(actor: Actor, place: Place, action: ConversationAction) -> None:
    """Raises ``ActionRefused`` when ``actor`` may not take ``action``."""
    refused = refusal(actor, place, action)
    if refused is not None:
        raise refused


def allowed_actions(actor: Actor, place: Place) -> frozenset[ConversationAction]:
    return frozenset(a for a in ConversationAction if refusal(actor, place, a) is None)
