"""Who may do what on a conversation: the one answer the hub enforces and the desktop
shows its buttons and shortcuts by."""

from __future__ import annotations

import pytest

from wa_desk.core.conversation import Refusal, Role, State
from wa_desk.core.conversation_permissions import (
    Actor,
    ConversationAction,
    Place,
    allowed_actions,
    refusal,
)

A = ConversationAction
ANA = Actor("ana", Role.AGENT, frozenset({"ventas"}))
LIDIA = Actor("lidia", Role.SUPERVISOR, frozenset({"ventas"}))
OTHER_LEAD = Actor("olga", Role.SUPERVISOR, frozenset({"soporte"}))
ROOT = Actor("root", Role.ADMIN, frozenset())

QUEUED = Place(State.QUEUED, None, "ventas")
ANAS = Place(State.ASSIGNED, "ana", "ventas")
BETOS = Place(State.ASSIGNED, "beto", "ventas")
CLOSED = Place(State.CLOSED, None, "ventas")
ELSEWHERE = Place(State.QUEUED, None, "soporte")


@pytest.mark.parametrize(
    ("actor", "place", "allowed"),
    [
        # An agent: claim a queued one of their queues; release, transfer, close their own.
        (ANA, QUEUED, {A.CLAIM}),
        (ANA, ANAS, {A.RELEASE, A.TRANSFER, A.CLOSE}),
        (ANA, BETOS, set()),
        (ANA, CLOSED, {A.REOPEN}),
        (ANA, ELSEWHERE, set()),
        # A supervisor of the queue: also on someone else's, and a takeover.
        (LIDIA, BETOS, {A.RELEASE, A.TRANSFER, A.CLOSE, A.TAKE_OVER}),
        (LIDIA, QUEUED, {A.CLAIM, A.TRANSFER, A.CLOSE}),
        (LIDIA, Place(State.ASSIGNED, "lidia", "ventas"), {A.RELEASE, A.TRANSFER, A.CLOSE}),
        # A supervisor of another queue does not even see it.
        (OTHER_LEAD, BETOS, set()),
        # An administrator: every queue.
        (
            ROOT,
            Place(State.ASSIGNED, "beto", "soporte"),
            {A.RELEASE, A.TRANSFER, A.CLOSE, A.TAKE_OVER},
        ),
    ],
)
def test_allowed_actions(actor: Actor, place: Place, allowed: set[ConversationAction]) -> None:
    assert allowed_actions(actor, place) == allowed


@pytest.mark.parametrize(
    ("actor", "place", "action", "code"),
    [
        (ANA, BETOS, A.TRANSFER, Refusal.NOT_ASSIGNEE),
        (ANA, QUEUED, A.CLOSE, Refusal.NOT_ASSIGNEE),
        (ANA, BETOS, A.CLAIM, Refusal.ALREADY_ASSIGNED),
        (ANA, ANAS, A.CLAIM, Refusal.ALREADY_YOURS),
        (ANA, BETOS, A.TAKE_OVER, Refusal.LEADS_ONLY),
        (LIDIA, QUEUED, A.TAKE_OVER, Refusal.NOT_ASSIGNED),
        (LIDIA, CLOSED, A.TAKE_OVER, Refusal.CLOSED),
        (LIDIA, BETOS, A.REOPEN, Refusal.NOT_CLOSED),
        (ANA, ELSEWHERE, A.CLAIM, Refusal.NOT_VISIBLE),
    ],
)
def test_refusals_have_stable_codes(
    actor: Actor, place: Place, action: ConversationAction, code: Refusal
) -> None:
    refused = refusal(actor, place, action)
    assert refused is not None and refused.code is code


def test_an_unknown_role_from_the_wire_counts_as_an_agent() -> None:
    assert Actor.of("x", "owner", ["ventas"]).role is Role.AGENT
    assert Actor.of("x", "supervisor", ("ventas",)).leads
