"""The SLA clock and the ``sla`` entries of the policy, worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.business_hours import BusinessHours, business_hours_from_json
from wa_desk.core.guidelines import InvalidGuideline, guidelines_from_json
from wa_desk.core.sla import (
    InvalidSla,
    SlaClock,
    SlaPolicy,
    SlaState,
    sla_clock,
    sla_policies_from_json,
    sla_state,
)

M = 60_000


def utc(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


OFFICE = business_hours_from_json(
    {"time_zone": "Europe/Madrid", "hours": {"mon": ["09:00-14:00", "15:00-19:00"]}}, "sla"
)


def test_a_clock_started_before_opening_ticks_from_the_opening() -> None:
    started = utc("2026-06-01 05:00")  # Monday 07:00 CEST; the queue opens at 09:00
    deadline = utc("2026-06-01 07:30")

    def at(now: str) -> SlaClock:
        return sla_clock(30 * M, 0.8, OFFICE, started, utc(now))

    assert at("2026-06-01 06:59") == SlaClock(0, deadline, SlaState.OK)
    assert at("2026-06-01 07:23:59.999").state is SlaState.OK
    assert at("2026-06-01 07:24") == SlaClock(24 * M, deadline, SlaState.AT_RISK)  # 80 %
    assert at("2026-06-01 07:30") == SlaClock(30 * M, deadline, SlaState.AT_RISK)  # met
    assert at("2026-06-01 07:30:00.001").state is SlaState.BREACHED


def test_a_clock_pauses_over_lunch_and_the_night() -> None:
    started = utc("2026-06-01 11:55")  # 13:55 CEST: 5 minutes before lunch
    clock = sla_clock(10 * M, 0.5, OFFICE, started, utc("2026-06-01 12:59"))
    assert clock == SlaClock(5 * M, utc("2026-06-01 13:05"), SlaState.AT_RISK)
    # Monday 18:58 CEST, a one-week-a-Monday queue: the deadline is next Monday 09:08.
    late = sla_clock(10 * M, 0.8, OFFICE, utc("2026-06-01 16:58"), utc("2026-06-03 10:00"))
    assert late == SlaClock(2 * M, utc("2026-06-08 07:08"), SlaState.OK)


def test_always_open_is_wall_time() -> None:
    clock = sla_clock(10 * M, 0.8, BusinessHours(), 0, 11 * M)
    assert clock == SlaClock(11 * M, 10 * M, SlaState.BREACHED)


def test_the_policy_entries_round_trip_through_the_bundle() -> None:
    raw = [
        {"queue": "*", "first_response": 300},
        {
            "queue": "ventas",
            "first_response": 60,
            "next_response": 120,
            "resolution": 86_400,
            "at_risk": 0.5,
            "time_zone": "Europe/Madrid",
            "hours": {"mon": ["09:00-14:00"]},
            "holidays": ["2026-12-25"],
        },
    ]
    guidelines = guidelines_from_json({"sla": raw})
    ventas = guidelines.sla_for("ventas")
    assert ventas is not None and ventas.first_response_s == 60 and ventas.at_risk == 0.5
    assert guidelines.sla_for("soporte") == SlaPolicy("*", first_response_s=300)
    assert guidelines_from_json(guidelines.as_json()) == guidelines
    assert guidelines.for_queues(["soporte"]).sla == (SlaPolicy("*", first_response_s=300),)
    assert guidelines_from_json({}).sla_for("ventas") is None


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"queue": "*", "first_response": 0}, "sla[0].first_response"),
        ({"queue": "*", "next_response": 1.5}, "sla[0].next_response"),
        ({"queue": "*", "resolution": "1h"}, "sla[0].resolution"),
        ({"queue": "*", "at_risk": 1}, "sla[0].at_risk"),
        ({"queue": "*", "at_risk": 0}, "sla[0].at_risk"),
        ({"queue": ""}, "sla[0].queue"),
        ({"queue": "*", "first_respons": 60}, "sla[0]"),
        ({"queue": "*", "time_zone": "Mars/Olympus"}, "sla[0].time_zone"),
        ({"queue": "*", "hours": {"fri": ["18:00-25:00"]}}, "sla[0].hours.fri[0]"),
    ],
)
def test_an_unusable_entry_names_its_key(raw: dict[str, object], where: str) -> None:
    with pytest.raises(InvalidGuideline) as caught:
        guidelines_from_json({"sla": [raw]})
    assert caught.value.where == where


def test_a_queue_has_one_entry() -> None:
    with pytest.raises(InvalidSla) as caught:
        sla_policies_from_json([{"queue": "*"}, {"queue": "*"}])
    assert caught.value.where == "sla[1].queue"


@given(
    st.sampled_from([BusinessHours(), OFFICE]),
    st.integers(1, 48 * 3_600_000),
    st.floats(0.01, 0.99),
    st.integers(utc("2026-01-01 00:00"), utc("2026-12-31 00:00")),
    st.integers(0, 90 * 24 * 3_600_000),
)
def test_the_quick_state_is_the_clocks_state(
    hours: BusinessHours, target: int, at_risk: float, started: int, waited: int
) -> None:
    clock = sla_clock(target, at_risk, hours, started, started + waited)
    assert sla_state(target, at_risk, hours, started, started + waited) is clock.state
