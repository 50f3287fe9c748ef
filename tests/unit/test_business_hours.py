"""Business hours, worked out by hand in Europe/Madrid (CET +01:00 in winter, CEST +02:00
in summer; in 2026 the clocks go forward on 29 March and back on 25 October)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.business_hours import (
    WEEKDAYS,
    BusinessHours,
    InvalidBusinessHours,
    business_hours_from_json,
)

H = 3_600_000
M = 60_000
OFFICE = {
    "time_zone": "Europe/Madrid",
    "hours": {d: ["09:00-14:00", "15:00-19:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": ["2026-12-25"],
}


def utc(text: str) -> int:
    """Epoch ms of a UTC wall time written ``2026-03-27 17:00``."""
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


def hours(raw: dict[str, object]) -> BusinessHours:
    return business_hours_from_json(raw, "sla[0]")


office = hours(OFFICE)


def test_a_weekend_over_the_spring_change_counts_only_the_open_hours() -> None:
    # Friday 18:00 CET (17:00 UTC) to Monday 10:00 CEST (08:00 UTC): Friday 18-19 and
    # Monday 9-10, two hours, over 63 hours of wall time.
    assert office.open_ms_between(utc("2026-03-27 17:00"), utc("2026-03-30 08:00")) == 2 * H
    assert not office.is_open(utc("2026-03-28 10:00"))  # Saturday


def test_a_lunch_break_and_the_night_are_closed() -> None:
    assert office.is_open(utc("2026-06-01 07:00"))  # Monday 09:00 CEST opens
    assert not office.is_open(utc("2026-06-01 06:59"))
    assert not office.is_open(utc("2026-06-01 12:30"))  # 14:30, lunch
    assert not office.is_open(utc("2026-06-01 17:00"))  # 19:00 closes
    # Monday 08:00 to Tuesday 08:00 CEST is one working day: 9 hours.
    assert office.open_ms_between(utc("2026-06-01 06:00"), utc("2026-06-02 06:00")) == 9 * H


def test_a_holiday_is_closed_all_day() -> None:
    # Thursday 24 Dec 18:00 CET to Monday 28 Dec 10:00 CET: Thursday 18-19, Christmas
    # Friday closed, the weekend closed, Monday 9-10.
    assert office.open_ms_between(utc("2026-12-24 17:00"), utc("2026-12-28 09:00")) == 2 * H
    assert not office.is_open(utc("2026-12-25 10:00"))
    assert office.is_open(utc("2026-12-18 10:00"))  # the Friday before is a working day
    # 2 hours from Thursday 18:30 CET: 30 minutes on Thursday, 90 on Monday: 10:30 CET.
    assert office.add_open_ms(utc("2026-12-24 17:30"), 2 * H) == utc("2026-12-28 09:30")


def test_days_when_the_clocks_change_are_an_hour_shorter_or_longer() -> None:
    around = hours({"time_zone": "Europe/Madrid"})
    assert around.open_ms_between(utc("2026-03-28 23:00"), utc("2026-03-29 22:00")) == 23 * H
    assert around.open_ms_between(utc("2026-10-24 22:00"), utc("2026-10-25 23:00")) == 25 * H
    sundays = hours({"time_zone": "Europe/Madrid", "hours": {"sun": ["01:00-04:00"]}})
    # 01:00 CET (00:00 UTC) to 04:00 CEST (02:00 UTC): the hour 02:00-03:00 never happens.
    assert sundays.open_ms_between(utc("2026-03-28 12:00"), utc("2026-03-30 12:00")) == 2 * H
    # 01:00 CEST (23:00 UTC the day before) to 04:00 CET (03:00 UTC): 02:00-03:00 twice.
    assert sundays.open_ms_between(utc("2026-10-24 12:00"), utc("2026-10-26 12:00")) == 4 * H
    assert sundays.add_open_ms(utc("2026-10-24 12:00"), 4 * H) == utc("2026-10-25 03:00")
    # Ranges that begin or end in the skipped hour begin or end when the clocks jump:
    # 01:00-02:00 CET and 03:00-03:15 CEST.
    gap = hours({"time_zone": "Europe/Madrid", "hours": {"sun": ["01:00-02:30", "02:30-03:15"]}})
    assert gap.open_ms_between(utc("2026-03-28 12:00"), utc("2026-03-30 12:00")) == 75 * M
    assert gap.is_open(utc("2026-03-29 01:00")) and not gap.is_open(utc("2026-03-29 01:15"))


def test_a_range_may_end_at_midnight_and_go_on_the_next_day() -> None:
    late = hours(
        {"time_zone": "Europe/Madrid", "hours": {"sat": ["20:00-24:00"], "sun": ["00:00-02:00"]}}
    )
    # Saturday 6 June 23:00 CEST (21:00 UTC) to Sunday 01:00 CEST (23:00 UTC).
    assert late.open_ms_between(utc("2026-06-06 21:00"), utc("2026-06-06 23:00")) == 2 * H
    assert late.is_open(utc("2026-06-06 21:59:59.999"))
    assert late.is_open(utc("2026-06-06 22:00"))  # Sunday 00:00
    assert not late.is_open(utc("2026-06-07 00:00"))  # Sunday 02:00
    assert late.add_open_ms(utc("2026-06-06 18:00"), 5 * H) == utc("2026-06-06 23:00")


def test_a_start_outside_hours_waits_for_the_opening() -> None:
    # Monday 07:00 CEST: 30 minutes of business time pass at 09:30 CEST.
    assert office.add_open_ms(utc("2026-06-01 05:00"), 30 * M) == utc("2026-06-01 07:30")
    # Monday 13:50 CEST: 10 minutes before lunch, 20 after it.
    assert office.add_open_ms(utc("2026-06-01 11:50"), 30 * M) == utc("2026-06-01 13:20")
    # Friday 18:50 CEST: 10 minutes, then Monday.
    assert office.add_open_ms(utc("2026-06-05 16:50"), 30 * M) == utc("2026-06-08 07:20")


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"time_zone": "Europe/Madird"}, "sla[0].time_zone"),
        ({"time_zone": 1}, "sla[0].time_zone"),
        ({"hours": ["09:00-14:00"]}, "sla[0].hours"),
        ({"hours": {"monday": ["09:00-14:00"]}}, "sla[0].hours"),
        ({"hours": {"mon": "09:00-14:00"}}, "sla[0].hours.mon"),
        ({"hours": {"mon": ["9-14"]}}, "sla[0].hours.mon[0]"),
        ({"hours": {"mon": ["09:00-14:00", "24:00-24:00"]}}, "sla[0].hours.mon[1]"),
        ({"hours": {"mon": ["09:00-24:30"]}}, "sla[0].hours.mon[0]"),
        ({"hours": {"mon": ["09:60-10:00"]}}, "sla[0].hours.mon[0]"),
        ({"hours": {"tue": ["14:00-09:00"]}}, "sla[0].hours.tue[0]"),
        ({"hours": {"wed": ["09:00-14:00", "13:00-15:00"]}}, "sla[0].hours.wed"),
        ({"hours": {"sun": []}}, "sla[0].hours"),
        ({"holidays": "2026-12-25"}, "sla[0].holidays"),
        ({"holidays": ["2026-12-25", "25/12/2026"]}, "sla[0].holidays[1]"),
    ],
)
def test_unusable_hours_name_the_key(raw: dict[str, object], where: str) -> None:
    with pytest.raises(InvalidBusinessHours) as caught:
        hours(raw)
    assert caught.value.where == where


def test_ranges_may_touch_and_toml_dates_are_dates() -> None:
    touching = hours(
        {"hours": {"mon": ["14:00-19:00", "09:00-14:00"]}, "holidays": [date(2026, 12, 25)]}
    )
    assert touching.week is not None and touching.week[0] == ((540, 840), (840, 1140))
    assert touching.holidays == {date(2026, 12, 25)}


# -- properties -----------------------------------------------------------------------------

SHAPES = [
    hours({}),  # around the clock, UTC
    office,
    hours(
        {
            "time_zone": "America/New_York",
            "hours": {"sat": ["22:00-24:00"], "sun": ["00:00-01:30", "01:30-03:00"]},
        }
    ),
    hours(
        {
            "time_zone": "Australia/Lord_Howe",
            "hours": {"sun": ["01:00-03:00"], "wed": ["00:00-24:00"]},
        }
    ),
    hours({"time_zone": "Europe/Madrid", "holidays": ["2026-03-29", "2026-10-25"]}),
    # Ranges that begin or end in the hour the clocks skip or repeat.
    hours({"time_zone": "Europe/Madrid", "hours": {"sun": ["01:00-02:30", "02:30-03:15"]}}),
]
instants = st.integers(utc("2026-01-01 00:00"), utc("2027-06-01 00:00"))


@given(st.sampled_from(SHAPES), instants, instants, instants)
def test_business_time_adds_up_over_any_split(bh: BusinessHours, a: int, b: int, c: int) -> None:
    a, b, c = sorted((a, b, c))
    assert bh.open_ms_between(a, c) == bh.open_ms_between(a, b) + bh.open_ms_between(b, c)
    assert 0 <= bh.open_ms_between(a, c) <= c - a


@given(st.sampled_from(SHAPES), instants, st.integers(0, 60 * 24 * H))
def test_a_deadline_is_exactly_the_business_time_asked_for(
    bh: BusinessHours, start: int, ms: int
) -> None:
    deadline = bh.add_open_ms(start, ms)
    assert bh.open_ms_between(start, deadline) == ms
    if ms > 0:
        assert bh.is_open(deadline - 1)  # the earliest such instant: it ends open time


@given(st.sampled_from(SHAPES), instants, instants)
def test_deadlines_and_elapsed_time_are_inverse_where_open(
    bh: BusinessHours, a: int, b: int
) -> None:
    start, end = sorted((a, b))
    back = bh.add_open_ms(start, bh.open_ms_between(start, end))
    assert back <= end and bh.open_ms_between(back, end) == 0
    if end > start and bh.is_open(end - 1):
        assert back == end


@given(instants, instants)
def test_always_open_is_wall_time(a: int, b: int) -> None:
    start, end = sorted((a, b))
    for zone in ("UTC", "Europe/Madrid", "Pacific/Chatham"):
        every_day = {day: ["00:00-24:00"] for day in WEEKDAYS}
        for bh in (hours({"time_zone": zone}), hours({"time_zone": zone, "hours": every_day})):
            assert bh.open_ms_between(start, end) == end - start
            assert bh.add_open_ms(start, end - start) == end
            assert bh.is_open(start)


def test_a_day_closes_at_the_end_of_its_last_range_and_a_closed_day_never() -> None:
    assert office.closing_ms(date(2026, 12, 24)) == utc("2026-12-24 18:00")  # 19:00 CET
    assert office.closing_ms(date(2026, 12, 25)) is None  # the holiday
    assert office.closing_ms(date(2026, 12, 26)) is None  # Saturday
    assert office.is_open_day(date(2026, 12, 28)) and not office.is_open_day(date(2026, 12, 27))
    midnight = utc("2026-12-26 00:00")
    assert BusinessHours().closing_ms(date(2025, 12, 25)) == midnight - 365 * 24 * H


def test_the_next_opening_is_now_when_open_else_when_it_opens() -> None:
    assert office.next_open_ms(utc("2026-12-24 10:00")) == utc("2026-12-24 10:00")
    assert office.next_open_ms(utc("2026-12-24 13:30")) == utc("2026-12-24 14:00")  # lunch
    # Thursday after closing, Christmas and the weekend: Monday 09:00 CET.
    assert office.next_open_ms(utc("2026-12-24 18:00")) == utc("2026-12-28 08:00")
    assert office.local_date(utc("2026-12-24 23:30")) == date(2026, 12, 25)  # 00:30 CET
