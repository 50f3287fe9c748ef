"""The wallboard worked out by hand (docs/kpis.md, "Wallboard", worked example "a
morning on the wallboard"): five conversations of one queue and two agents, taken at
11:00 on day 1. Business hours 09:00–18:00 UTC every day; targets 15 min first and next
response, 4 h resolution, at risk from 80 %."""

from __future__ import annotations

from datetime import UTC, datetime

from wa_desk.core.audit_kinds import AuditKind as K
from wa_desk.core.business_hours import ALWAYS, BusinessHours
from wa_desk.core.clock import DAY_MS, Millis
from wa_desk.core.kpis.events import ConversationEvents, Fact, Message, Span
from wa_desk.core.kpis.sla import Clock, SlaTargets
from wa_desk.core.kpis.wallboard import (
    AgentState,
    ConversationNow,
    LiveConversation,
    Override,
    QueueTerms,
    agent_figures,
    conversation_now,
    queue_figures,
)

DAY0 = int(datetime(2026, 11, 23, tzinfo=UTC).timestamp() * 1000)
MIN = 60_000
HOUR = 60 * MIN
OFFICE = BusinessHours("UTC", tuple(((9 * 60, 18 * 60),) for _ in ALWAYS))
TERMS = QueueTerms(
    SlaTargets(15 * MIN, 15 * MIN, 4 * HOUR),
    frozenset(Clock),
    0.8,
    OFFICE,
)


def t(hhmm: str, day: int = 1) -> Millis:
    hours, minutes = hhmm.split(":")
    return DAY0 + day * DAY_MS + int(hours) * HOUR + int(minutes) * MIN


NOW = t("11:00")


def customer(at: Millis) -> Message:
    return Message(at, inbound=True, sender="34600000001")


def reply(at: Millis, agent: str) -> Message:
    return Message(at, inbound=False, by_person=True, sender=agent)


def conv(
    cid: str,
    messages: list[Message],
    facts: list[Fact],
    open_: bool,
    assignee: str | None,
    queue: str = "ventas",
) -> LiveConversation:
    events = ConversationEvents(min(m.at for m in messages), tuple(messages), tuple(facts))
    return LiveConversation(cid, queue, open_, assignee, events)


def morning() -> list[LiveConversation]:
    return [
        # A: answered yesterday, the customer wrote again at 10:48: waiting on ana 12 min.
        conv(
            "A",
            [customer(t("17:00", 0)), reply(t("17:05", 0), "ana"), customer(t("10:48"))],
            [Fact(t("17:01", 0), K.CONVERSATION_CLAIMED, "ana")],
            True,
            "ana",
        ),
        # B: wrote yesterday 11:30, nobody answered; its window closes at 11:30 today.
        conv("B", [customer(t("11:30", 0))], [], True, None),
        # C: bea answered in 10 and 6 min and closed at 09:30.
        conv(
            "C",
            [
                customer(t("09:00")),
                reply(t("09:10"), "bea"),
                customer(t("09:20")),
                reply(t("09:26"), "bea"),
            ],
            [
                Fact(t("09:02"), K.CONVERSATION_CLAIMED, "bea"),
                Fact(t("09:30"), K.CONVERSATION_CLOSED, "bea"),
            ],
            False,
            None,
        ),
        # D: ana claimed and closed it without answering: abandoned at 10:20.
        conv(
            "D",
            [customer(t("10:00"))],
            [
                Fact(t("10:05"), K.CONVERSATION_CLAIMED, "ana"),
                Fact(t("10:20"), K.CONVERSATION_CLOSED, "ana"),
            ],
            False,
            None,
        ),
        # E: bea answered after 20 min; nobody waits.
        conv(
            "E",
            [customer(t("10:30")), reply(t("10:50"), "bea")],
            [Fact(t("10:31"), K.CONVERSATION_CLAIMED, "bea")],
            True,
            "bea",
        ),
    ]


def measured() -> list[ConversationNow]:
    return [conversation_now(c, TERMS, NOW) for c in morning()]


def test_queue_row_of_the_morning() -> None:
    f = queue_figures("ventas", TERMS, measured(), NOW)
    assert f.day == "2026-11-24"
    assert (f.open, f.assigned, f.waiting) == (3, 2, 2)
    # B waits since yesterday 11:30: 23 h 30 min wall; 6 h 30 min + 2 h of business time.
    assert f.longest_wait_since == t("11:30", 0)
    assert f.longest_wait == Span(23 * HOUR + 30 * MIN, 8 * HOUR + 30 * MIN)
    assert f.oldest_unanswered_at == t("11:30", 0)
    assert (f.closed_today, f.abandoned_today) == (2, 1)
    # Clocks started today: C met ×3; D first response breached, resolution met; E first
    # response breached (its resolution still runs); A's next response still runs.
    assert f.sla_percent_today is not None
    assert round(f.sla_percent_today, 1) == 66.7
    # First responses given today: C 10 min, E 20 min; next: C 6 min.
    assert f.first_response_median_today == Span(15 * MIN, 15 * MIN)
    assert f.next_response_median_today == Span(6 * MIN, 6 * MIN)
    assert f.at_risk == 1  # A: 12 of 15 business minutes
    assert f.windows_closing == 1  # B: 11:30 is within the hour


def test_a_queue_row_counts_only_its_own_conversations() -> None:
    f = queue_figures("soporte", TERMS, measured(), NOW)
    assert (f.open, f.waiting, f.closed_today, f.sla_percent_today) == (0, 0, 0, None)
    assert f.first_response_median_today is None


def today_of(queue: str) -> Millis:
    return TERMS.day_start(NOW)


ANA = AgentState("ana", "Ana", ("ventas",), "available", t("08:55"), 3)
BEA = AgentState("bea", "Bea", ("ventas",), "busy", t("09:00"), 2)


def test_agent_rows_of_the_morning() -> None:
    overrides = [Override(t("10:10"), "ventas"), Override(t("23:00", 0), "ventas")]
    ana = agent_figures(ANA, measured(), overrides, today_of, NOW)
    assert (ana.open, round(ana.load, 3), ana.handled_today) == (1, 0.333, 2)  # A; A and D
    assert ana.next_response_median_today is None  # A's next response is not given yet
    assert ana.customer_waiting_since == t("10:48")
    assert ana.customer_waiting == Span(12 * MIN, 12 * MIN)
    assert ana.overrides_today == 1  # yesterday's does not count

    bea = agent_figures(BEA, measured(), [], today_of, NOW)
    assert (bea.open, bea.load, bea.handled_today) == (1, 0.5, 2)  # E; C and E
    assert bea.next_response_median_today == Span(6 * MIN, 6 * MIN)
    assert (bea.customer_waiting_since, bea.customer_waiting, bea.overrides_today) == (
        None,
        None,
        0,
    )


def test_today_follows_the_queue_time_zone() -> None:
    # Closed at 03:00 UTC on day 1: today in UTC, yesterday (21:00) in Mexico City.
    closed = conv(
        "F",
        [customer(t("02:00")), reply(t("02:10"), "ana")],
        [Fact(t("02:30"), K.CONVERSATION_CLOSED, "ana")],
        False,
        None,
    )
    mexico = QueueTerms(TERMS.targets, TERMS.measured, 0.8, BusinessHours("America/Mexico_City"))
    in_utc = queue_figures("ventas", TERMS, [conversation_now(closed, TERMS, NOW)], NOW)
    in_mexico = queue_figures("ventas", mexico, [conversation_now(closed, mexico, NOW)], NOW)
    assert (in_utc.closed_today, in_mexico.closed_today) == (1, 0)
    assert in_mexico.day == "2026-11-24"  # 05:00 local
    assert mexico.day_start(NOW) == t("06:00")


def test_a_reopening_waits_with_no_customer_message_unanswered() -> None:
    reopened = conv(
        "G",
        [customer(t("09:00")), reply(t("09:05"), "ana")],
        [
            Fact(t("09:30"), K.CONVERSATION_CLOSED, "ana"),
            Fact(t("10:50"), K.CONVERSATION_REOPENED, "ana"),
        ],
        True,
        "ana",
    )
    f = queue_figures("ventas", TERMS, [conversation_now(reopened, TERMS, NOW)], NOW)
    assert (f.waiting, f.longest_wait_since, f.oldest_unanswered_at) == (1, t("10:50"), None)
    assert f.windows_closing == 0


def _figures(kept: list[ConversationNow], at: Millis) -> tuple[object, ...]:
    return (
        queue_figures("ventas", TERMS, kept, at),
        agent_figures(ANA, kept, [], today_of, at),
        agent_figures(BEA, kept, [], today_of, at),
    )


def test_a_measure_gives_the_figures_a_fresh_one_gives_until_its_until() -> None:
    """Kept from 11:00, each conversation's measure is good until its ``until`` (B's
    window closes at 11:30, A's next response turns breached at 11:03): the rows at any
    instant before the first ``until`` are those of measures taken then; after it, they
    differ."""
    kept = measured()
    first = min(m.until for m in kept)
    assert first == t("11:03") + 1  # A waits from 10:48: past its 15 min one ms after 11:03
    for at in (NOW + 1, NOW + MIN, first - 1):
        fresh = [conversation_now(c, TERMS, at) for c in morning()]
        assert _figures(kept, at) == _figures(fresh, at)
    later = [conversation_now(c, TERMS, first) for c in morning()]
    assert _figures(kept, first) != _figures(later, first)
    again = [m if m.until > first else conversation_now(m.conversation, TERMS, first) for m in kept]
    assert _figures(again, first) == _figures(later, first)
