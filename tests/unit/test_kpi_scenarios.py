"""The worked scenarios of docs/kpis.md, one test each, with the same figures the doc
writes (the numbers are repeated here on purpose: the doc is read by people, the test by
the build). Times are UTC on Monday 2026-11-23 ("day 0") and the days after."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wa_desk.core.audit_kinds import AuditKind as K
from wa_desk.core.auto_replies import AUTOMATIC_SENDER
from wa_desk.core.clock import DAY_MS, Millis
from wa_desk.core.kpis.contacts import FollowUp, first_contact_resolution, repeat_contact
from wa_desk.core.kpis.events import ConversationEvents, Fact, Message, Span
from wa_desk.core.kpis.figures import ConversationFigures, conversation_figures
from wa_desk.core.kpis.rates import Available, GuidelineCounts, compliance, occupancy
from wa_desk.core.kpis.sla import Clock, Outcome, SlaTargets, sla_percent

DAY0 = int(datetime(2026, 11, 23, tzinfo=UTC).timestamp() * 1000)
MIN = 60_000
HOUR = 60 * MIN
TARGETS = SlaTargets(first_response=15 * MIN, next_response=15 * MIN, resolution=4 * HOUR)


def t(hhmm: str, day: int = 0, seconds: int = 0) -> Millis:
    hours, minutes = hhmm.split(":")
    return DAY0 + day * DAY_MS + int(hours) * HOUR + int(minutes) * MIN + seconds * 1000


def business(start: Millis, end: Millis) -> Millis:
    """Open 09:00–18:00 UTC every day."""
    total = 0
    day = (start - DAY0) // DAY_MS * DAY_MS + DAY0
    while day < end:
        total += max(0, min(end, day + 18 * HOUR) - max(start, day + 9 * HOUR))
        day += DAY_MS
    return total


def customer(at: Millis) -> Message:
    return Message(at, inbound=True, sender="34600000001")


def reply(at: Millis, agent: str, template: bool = False) -> Message:
    return Message(at, inbound=False, by_person=True, template=template, sender=agent)


def figures(
    messages: list[Message], facts: list[Fact], now: Millis, opened: Millis | None = None
) -> ConversationFigures:
    first = opened if opened is not None else min(m.at for m in messages)
    events = ConversationEvents(first, tuple(messages), tuple(facts))
    return conversation_figures(events, TARGETS, now, business)


def outcomes(f: ConversationFigures) -> list[tuple[Clock, Outcome]]:
    return [(r.clock, r.outcome) for p in f.periods for r in p.sla]


def all_results(f: ConversationFigures) -> list[object]:
    return [r for p in f.periods for r in p.sla]


def test_reopen_starts_a_new_measurement() -> None:
    f = figures(
        [
            customer(t("10:00")),
            reply(t("10:05"), "ana"),
            reply(t("14:20"), "ana"),
            customer(t("14:25")),
            reply(t("14:27"), "ana"),
        ],
        [
            Fact(t("10:02"), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("10:30"), K.CONVERSATION_CLOSED, "ana"),
            Fact(t("14:00"), K.CONVERSATION_REOPENED, "ana"),
            Fact(t("15:00"), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("16:00"),
    )
    first, second = f.periods
    assert first.first_response == Span(5 * MIN, 5 * MIN)
    assert first.resolution == Span(30 * MIN, 30 * MIN)
    assert second.first_response == Span(20 * MIN, 20 * MIN)
    assert second.next_responses == (Span(2 * MIN, 2 * MIN),)
    assert second.resolution == Span(60 * MIN, 60 * MIN)
    assert outcomes(f) == [
        (Clock.FIRST_RESPONSE, Outcome.MET),
        (Clock.RESOLUTION, Outcome.MET),
        (Clock.FIRST_RESPONSE, Outcome.BREACHED),
        (Clock.NEXT_RESPONSE, Outcome.MET),
        (Clock.RESOLUTION, Outcome.MET),
    ]
    assert sla_percent(r for p in f.periods for r in p.sla) == 80.0
    assert f.handle_time == {"ana": Span(30 * MIN, 30 * MIN)}


def test_an_automatic_greeting_is_not_a_response() -> None:
    f = figures(
        [
            customer(t("10:00")),
            Message(t("10:00", seconds=1), inbound=False, sender=AUTOMATIC_SENDER),
            customer(t("10:03")),
            reply(t("10:22"), "ana"),
        ],
        [
            Fact(t("10:20"), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("10:40"), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("11:00"),
    )
    (p,) = f.periods
    assert p.first_response == Span(22 * MIN, 22 * MIN)
    assert p.next_responses == ()
    assert p.resolution == Span(40 * MIN, 40 * MIN)
    assert p.abandoned is None
    assert outcomes(f) == [
        (Clock.FIRST_RESPONSE, Outcome.BREACHED),
        (Clock.RESOLUTION, Outcome.MET),
    ]
    assert sla_percent(p.sla) == 50.0


def test_transfer_midway() -> None:
    f = figures(
        [
            customer(t("10:00")),
            reply(t("10:04"), "ana"),
            customer(t("10:06")),
            reply(t("10:20"), "bea"),
            customer(t("10:22")),
            reply(t("10:25"), "bea"),
        ],
        [
            Fact(t("10:01"), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("10:08"), K.CONVERSATION_TRANSFERRED, "ana", to_user="bea"),
            Fact(t("10:40"), K.CONVERSATION_CLOSED, "bea"),
        ],
        now=t("11:00"),
    )
    (p,) = f.periods
    assert p.first_response == Span(4 * MIN, 4 * MIN)
    assert p.next_responses == (Span(14 * MIN, 14 * MIN), Span(3 * MIN, 3 * MIN))
    assert p.resolution == Span(40 * MIN, 40 * MIN)
    assert f.transfers == 1
    assert f.handle_time == {"ana": Span(7 * MIN, 7 * MIN), "bea": Span(20 * MIN, 20 * MIN)}
    assert sla_percent(p.sla) == 100.0


def test_out_of_hours_message() -> None:
    f = figures(
        [customer(t("21:00")), reply(t("09:10", day=1), "ana")],
        [
            Fact(t("09:00", day=1), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("09:30", day=1), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("12:00", day=1),
    )
    (p,) = f.periods
    assert p.first_response == Span(12 * HOUR + 10 * MIN, 10 * MIN)
    assert p.resolution == Span(12 * HOUR + 30 * MIN, 30 * MIN)
    assert outcomes(f) == [(Clock.FIRST_RESPONSE, Outcome.MET), (Clock.RESOLUTION, Outcome.MET)]
    assert f.handle_time == {"ana": Span(10 * MIN, 10 * MIN)}


def test_template_after_the_window_closed() -> None:
    f = figures(
        [customer(t("10:00")), reply(t("10:30", day=1), "ana", template=True)],
        [
            Fact(t("10:30", day=1), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("11:00", day=1), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("12:00", day=1),
    )
    (p,) = f.periods
    assert p.abandoned is not None
    assert (p.abandoned.at, p.abandoned.waited, p.abandoned.short) == (t("10:00", 1), DAY_MS, False)
    assert p.window_expired_unanswered
    assert p.first_response == Span(24 * HOUR + 30 * MIN, 9 * HOUR + 30 * MIN)
    assert p.resolution == Span(25 * HOUR, 10 * HOUR)
    assert outcomes(f) == [
        (Clock.FIRST_RESPONSE, Outcome.BREACHED),
        (Clock.RESOLUTION, Outcome.BREACHED),
    ]
    assert sla_percent(p.sla) == 0.0
    assert f.needed_a_person


def test_customer_writes_last_after_the_close() -> None:
    f = figures(
        [
            customer(t("10:00")),
            reply(t("10:03"), "ana"),
            customer(t("10:05")),
            reply(t("10:06"), "ana"),
            customer(t("10:12")),  # "gracias", after the close
        ],
        [
            Fact(t("10:01"), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("10:10"), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("10:00", day=1),
    )
    (p,) = f.periods
    assert p.first_response == Span(3 * MIN, 3 * MIN)
    assert p.next_responses == (Span(1 * MIN, 1 * MIN),)
    assert p.resolution == Span(10 * MIN, 10 * MIN)
    assert p.abandoned is None
    assert sla_percent(p.sla) == 100.0
    assert len(p.sla) == 3
    assert f.handle_time == {"ana": Span(9 * MIN, 9 * MIN)}
    # The hub files the "gracias" in a new conversation; closed unanswered, it needed
    # nobody, so the first one still counts as resolved at first contact.
    thanks = figures(
        [customer(t("10:12"))],
        [
            Fact(t("10:15"), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("10:15"), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("10:00", day=8),
    )
    assert not thanks.needed_a_person
    later = [FollowUp(t("10:12"), "ventas", thanks.needed_a_person)]
    assert first_contact_resolution(t("10:10"), "ventas", later, t("10:00", day=8)) is True


def test_two_agents() -> None:
    f = figures(
        [
            customer(t("10:00")),
            reply(t("10:02"), "ana"),
            customer(t("10:03")),
            reply(t("10:09"), "bea"),
        ],
        [
            Fact(t("10:01"), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("10:05"), K.CONVERSATION_RELEASED, "ana"),
            Fact(t("10:07"), K.CONVERSATION_CLAIMED, "bea"),
            Fact(t("10:20"), K.CONVERSATION_CLOSED, "bea"),
        ],
        now=t("11:00"),
    )
    (p,) = f.periods
    assert p.first_response == Span(2 * MIN, 2 * MIN)
    assert p.next_responses == (Span(6 * MIN, 6 * MIN),)
    assert p.resolution == Span(20 * MIN, 20 * MIN)
    assert f.transfers == 0
    assert f.handle_time == {"ana": Span(4 * MIN, 4 * MIN), "bea": Span(10 * MIN, 10 * MIN)}


def test_an_abandon() -> None:
    f = figures(
        [customer(t("10:00")), customer(t("10:02"))],
        [
            Fact(t("10:20"), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("10:25"), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("11:00"),
    )
    (p,) = f.periods
    assert p.first_response is None
    assert p.abandoned is not None
    assert (p.abandoned.at, p.abandoned.waited, p.abandoned.short) == (t("10:25"), 25 * MIN, False)
    assert p.resolution == Span(25 * MIN, 25 * MIN)
    assert outcomes(f) == [
        (Clock.FIRST_RESPONSE, Outcome.BREACHED),
        (Clock.RESOLUTION, Outcome.MET),
    ]
    assert sla_percent(p.sla) == 50.0


def test_an_abandon_within_60_seconds() -> None:
    f = figures(
        [customer(t("10:00"))],
        [
            Fact(t("10:00", seconds=20), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("10:00", seconds=50), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("11:00"),
    )
    (p,) = f.periods
    assert p.abandoned is not None
    assert (p.abandoned.waited, p.abandoned.short) == (50_000, True)
    assert p.resolution == Span(50_000, 50_000)
    assert p.sla == ()
    assert sla_percent(p.sla) is None


def test_a_repeat_contact_within_24_hours() -> None:
    later = [FollowUp(t("16:00"), "ventas", needed_a_person=True)]
    now = t("10:00", day=8)
    assert repeat_contact(t("10:30"), "ventas", later, 24 * HOUR, now) is True
    assert repeat_contact(t("10:30"), "ventas", later, 72 * HOUR, now) is True
    assert first_contact_resolution(t("10:30"), "ventas", later, now) is False
    # Before anything came back and before 24 h passed, it cannot be told yet.
    assert repeat_contact(t("10:30"), "ventas", [], 24 * HOUR, t("12:00")) is None


def test_first_contact_resolution_broken_by_a_new_conversation_within_7_days() -> None:
    later = [
        FollowUp(t("10:35"), "ventas", needed_a_person=False),  # "gracias", closed as is
        FollowUp(t("11:00", day=1), "soporte", needed_a_person=True),  # another queue
        FollowUp(t("09:00", day=5), "ventas", needed_a_person=True),
    ]
    now = t("10:00", day=8)
    assert repeat_contact(t("10:30"), "ventas", later, 24 * HOUR, now) is False
    assert repeat_contact(t("10:30"), "ventas", later, 72 * HOUR, now) is False
    assert first_contact_resolution(t("10:30"), "ventas", later, now) is False
    assert first_contact_resolution(t("10:30"), "ventas", later[:2], now) is True
    assert first_contact_resolution(t("10:30"), "ventas", later[:2], t("10:00", day=7)) is None


def test_handle_time_pauses_after_10_minutes_of_customer_silence() -> None:
    f = figures(
        [
            customer(t("10:00")),
            reply(t("10:03"), "ana"),
            customer(t("10:40")),
            reply(t("10:42"), "ana"),
        ],
        [
            Fact(t("10:01"), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("11:00"), K.CONVERSATION_CLOSED, "ana"),
        ],
        now=t("12:00"),
    )
    (p,) = f.periods
    assert p.first_response == Span(3 * MIN, 3 * MIN)
    assert p.next_responses == (Span(2 * MIN, 2 * MIN),)
    assert p.resolution == Span(60 * MIN, 60 * MIN)
    assert f.handle_time == {"ana": Span(20 * MIN, 20 * MIN)}


def test_sla_met_breached_and_still_open_past_its_deadline() -> None:
    f = figures(
        [
            customer(t("10:00")),
            reply(t("10:10"), "ana"),
            customer(t("10:15")),
            reply(t("10:40"), "ana"),
            customer(t("11:00")),
        ],
        [Fact(t("10:01"), K.CONVERSATION_CLAIMED, "ana")],
        now=t("11:20"),
    )
    (p,) = f.periods
    assert p.first_response == Span(10 * MIN, 10 * MIN)
    assert p.next_responses == (Span(25 * MIN, 25 * MIN),)
    assert p.resolution is None
    assert outcomes(f) == [
        (Clock.FIRST_RESPONSE, Outcome.MET),
        (Clock.NEXT_RESPONSE, Outcome.BREACHED),
        (Clock.NEXT_RESPONSE, Outcome.BREACHED),
        (Clock.RESOLUTION, Outcome.RUNNING),
    ]
    assert sla_percent(p.sla) == pytest.approx(100 / 3)
    assert f.handle_time == {"ana": Span(30 * MIN, 30 * MIN)}


def test_guideline_compliance_and_occupancy() -> None:
    c = compliance(GuidelineCounts(sends=40, blocks=2, overrides=3, ticked=9, items=12, canned=14))
    assert (c.blocks_per_100_sends, c.overrides_per_100_sends) == (5.0, 7.5)
    assert c.canned_replies_per_100_sends == 35.0
    none_sent = compliance(GuidelineCounts(sends=0, blocks=0, overrides=0, ticked=0, items=0))
    assert none_sent.canned_replies_per_100_sends is None
    assert c.checklist_ticked_percent == 75.0
    held = [(t("09:00"), t("11:00")), (t("10:00"), t("12:00")), (t("12:30"), t("14:00"))]
    assert occupancy(held, [Available(t("09:00"), t("13:00"), capacity=3)]) == 0.375
