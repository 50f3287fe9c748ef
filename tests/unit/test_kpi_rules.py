"""The rules of docs/kpis.md that the worked scenarios do not show on their own: what is
not a human reply, what belongs to no period, when a window expiry abandons, and when a
later conversation needed a person."""

from __future__ import annotations

from wa_desk.core.audit_kinds import AuditKind as K
from wa_desk.core.clock import DAY_MS, Millis
from wa_desk.core.kpis.events import ConversationEvents, Fact, Message, Span
from wa_desk.core.kpis.figures import ConversationFigures, conversation_figures
from wa_desk.core.kpis.holds import Hold, holds
from wa_desk.core.kpis.sla import Clock, Outcome, SlaTargets

MIN = 60_000
TARGETS = SlaTargets(first_response=15 * MIN, next_response=15 * MIN, resolution=240 * MIN)


def wall(start: Millis, end: Millis) -> Millis:
    return end - start


def customer(at: Millis) -> Message:
    return Message(at, inbound=True, sender="34600000001")


def figures(messages: list[Message], facts: list[Fact], now: Millis) -> ConversationFigures:
    events = ConversationEvents(0, tuple(messages), tuple(facts))
    return conversation_figures(events, TARGETS, now, wall)


def test_automatic_and_failed_sends_are_not_human_replies() -> None:
    automatic = Message(2 * MIN, inbound=False, by_person=False, template=True, sender="hub")
    failed = Message(3 * MIN, inbound=False, by_person=True, failed=True, sender="ana")
    person = Message(9 * MIN, inbound=False, by_person=True, sender="ana")
    f = figures([customer(0), automatic, failed, person], [], now=20 * MIN)
    assert f.periods[0].first_response == Span(9 * MIN, 9 * MIN)


def test_what_the_customer_writes_between_a_close_and_a_reopening_belongs_to_no_period() -> None:
    f = figures(
        [customer(0), Message(MIN, False, by_person=True), customer(20 * MIN)],
        [
            Fact(10 * MIN, K.CONVERSATION_CLOSED, "ana"),
            Fact(60 * MIN, K.CONVERSATION_REOPENED, "ana"),
        ],
        now=70 * MIN,
    )
    first, second = f.periods
    assert first.next_responses == ()
    assert first.abandoned is None
    # The reopened period starts its own first response clock at the reopening.
    assert [(r.clock, r.outcome) for r in second.sla] == [
        (Clock.FIRST_RESPONSE, Outcome.RUNNING),
        (Clock.RESOLUTION, Outcome.RUNNING),
    ]


def test_an_open_conversation_is_abandoned_when_its_window_expires_unanswered() -> None:
    messages = [customer(0), customer(DAY_MS - MIN)]  # the second message keeps it open
    before = figures(messages, [], now=DAY_MS + MIN)
    assert before.periods[0].abandoned is None
    after = figures(messages, [], now=2 * DAY_MS)
    gone = after.periods[0].abandoned
    assert gone is not None
    assert (gone.at, gone.waited) == (2 * DAY_MS - MIN, 2 * DAY_MS - MIN)
    assert after.periods[0].window_expired_unanswered


def test_a_later_conversation_needs_a_person_while_open_or_once_answered() -> None:
    still_open = figures([customer(0)], [], now=MIN)
    closed_as_it_was = figures([customer(0)], [Fact(MIN, K.CONVERSATION_CLOSED, "ana")], 2 * MIN)
    answered = figures(
        [customer(0), Message(MIN, False, by_person=True, sender="ana")],
        [Fact(2 * MIN, K.CONVERSATION_CLOSED, "ana")],
        now=3 * MIN,
    )
    assert still_open.needed_a_person
    assert not closed_as_it_was.needed_a_person
    assert answered.needed_a_person


def test_holds_follow_claims_transfers_take_overs_and_releases() -> None:
    facts = (
        Fact(1, K.CONVERSATION_CLAIMED, "ana"),
        Fact(2, K.CONVERSATION_TRANSFERRED, "ana", to_user=None),  # to a queue
        Fact(3, K.CONVERSATION_ASSIGNED, "sup", to_user="bea"),
        Fact(4, K.CONVERSATION_TAKEN_OVER, "sup", to_user="sup"),
        Fact(5, K.CONVERSATION_CLOSED, "sup"),
        Fact(6, K.CONVERSATION_REOPENED, "bea"),
    )
    assert holds(facts, now=9) == (
        Hold("ana", 1, 2),
        Hold("bea", 3, 4),
        Hold("sup", 4, 5),
        Hold("bea", 6, 9),
    )


def test_a_routed_hold_ends_when_the_routing_takes_it_back_to_the_queue() -> None:
    facts = (
        Fact(1, K.CONVERSATION_ASSIGNED, "hub:routing", to_user="ana"),
        Fact(4, K.CONVERSATION_REQUEUED, "hub:routing"),
        Fact(5, K.CONVERSATION_ASSIGNED, "hub:routing", to_user="bea"),
    )
    assert holds(facts, now=9) == (Hold("ana", 1, 4), Hold("bea", 5, 9))
