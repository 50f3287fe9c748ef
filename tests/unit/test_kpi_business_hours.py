"""The KPI figures and a queue's business hours from the policy, together: the
scenarios' hand-written calendar is what ``[[policy.sla]]`` hours say, and
``BusinessHours.open_ms_between`` is the ``elapsed`` the figures take."""

from __future__ import annotations

from test_kpi_scenarios import HOUR, MIN, TARGETS, business, customer, reply, t

from wa_desk.core.audit_kinds import AuditKind as K
from wa_desk.core.business_hours import business_hours_from_json
from wa_desk.core.kpis.events import ConversationEvents, Fact, Span
from wa_desk.core.kpis.figures import conversation_figures


def test_the_policys_business_hours_give_the_scenarios_business_times() -> None:
    """The scenarios' hand-written calendar (open 09:00–18:00 UTC every day) is what a
    queue's ``[[policy.sla]]`` hours say: its ``open_ms_between`` plugs into the figures
    as ``elapsed`` and gives the same business times."""
    every_day = {day: ["09:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    hours = business_hours_from_json({"time_zone": "UTC", "hours": every_day}, "policy.sla[0]")
    events = ConversationEvents(
        t("21:00"),
        (customer(t("21:00")), reply(t("09:10", day=1), "ana")),
        (
            Fact(t("09:00", day=1), K.CONVERSATION_CLAIMED, "ana"),
            Fact(t("09:30", day=1), K.CONVERSATION_CLOSED, "ana"),
        ),
    )
    now = t("12:00", day=1)
    by_policy = conversation_figures(events, TARGETS, now, hours.open_ms_between)
    assert by_policy == conversation_figures(events, TARGETS, now, business)
    (p,) = by_policy.periods
    assert p.first_response == Span(12 * HOUR + 10 * MIN, 10 * MIN)
