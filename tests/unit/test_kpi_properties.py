"""Whatever the order of messages and facts, the figures stay within their bounds: no
negative duration, business time never above wall time, handle time never above the
time the agent held the conversation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.audit_kinds import AuditKind as K
from wa_desk.core.clock import DAY_MS, Millis
from wa_desk.core.kpis.events import ConversationEvents, Fact, Message
from wa_desk.core.kpis.figures import conversation_figures
from wa_desk.core.kpis.holds import holds
from wa_desk.core.kpis.sla import SlaTargets

HOUR = 3_600_000
HORIZON = 3 * DAY_MS
TARGETS = SlaTargets(15 * 60_000, 15 * 60_000, 4 * HOUR)


def business(start: Millis, end: Millis) -> Millis:
    total, day = 0, start // DAY_MS * DAY_MS
    while day < end:
        total += max(0, min(end, day + 18 * HOUR) - max(start, day + 9 * HOUR))
        day += DAY_MS
    return total


times = st.integers(min_value=0, max_value=HORIZON)
agents = st.sampled_from(["ana", "bea"])
messages = st.builds(
    Message,
    at=times,
    inbound=st.booleans(),
    by_person=st.booleans(),
    template=st.booleans(),
    failed=st.booleans(),
)
kinds = st.sampled_from(
    [
        K.CONVERSATION_CLAIMED,
        K.CONVERSATION_RELEASED,
        K.CONVERSATION_TRANSFERRED,
        K.CONVERSATION_TAKEN_OVER,
        K.CONVERSATION_CLOSED,
        K.CONVERSATION_REOPENED,
    ]
)
facts = st.builds(Fact, at=times, kind=kinds, actor=agents, to_user=st.none() | agents)


@given(st.lists(messages, max_size=12), st.lists(facts, max_size=8))
def test_figures_stay_within_their_bounds(ms: list[Message], fs: list[Fact]) -> None:
    now = HORIZON
    events = ConversationEvents(0, (Message(0, inbound=True), *ms), tuple(fs))
    figures = conversation_figures(events, TARGETS, now, business)
    for p in figures.periods:
        spans = [p.first_response, p.resolution, *p.next_responses]
        for span in (s for s in spans if s is not None):
            assert 0 <= span.business <= span.wall
        if p.abandoned is not None:
            assert p.abandoned.waited >= 0
    held: dict[str, int] = {}
    for hold in holds(events.facts, now):
        held[hold.agent] = held.get(hold.agent, 0) + hold.end - hold.start
    for agent, span in figures.handle_time.items():
        assert 0 <= span.business <= span.wall <= held[agent]
