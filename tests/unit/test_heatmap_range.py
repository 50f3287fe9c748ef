"""What a heat-map's range asks the hub for, and the hours a weekday × hour cell stands
for (what its drill-down asks for), across a daylight-saving change too."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from wa_desk.core.heatmap import HOUR_MS, whole_weeks
from wa_desk.ui.supervisor.heatmap_range import HeatmapRange, request_for, weekday_hour_spans

# A Wednesday afternoon, UTC.
NOW = int(datetime(2026, 4, 8, 15, 7, tzinfo=UTC).timestamp() * 1000)


def test_the_day_is_96_quarter_hours_and_the_week_168_hours_up_to_now() -> None:
    day = request_for(HeatmapRange.DAY, NOW)
    assert (day.end - day.start) // (day.bucket_s * 1000) == 96
    assert day.start < NOW <= day.end and day.end % (15 * 60_000) == 0
    week = request_for(HeatmapRange.WEEK, NOW)
    assert (week.end - week.start) // (week.bucket_s * 1000) == 168
    assert week.start < NOW <= week.end
    assert request_for(HeatmapRange.WEEKDAY_HOUR_8, NOW).weeks == 8


def test_a_weekday_hour_cell_is_that_hour_once_a_week_in_the_queues_zone() -> None:
    bogota = ZoneInfo("America/Bogota")
    spans = weekday_hour_spans(2 * 24 + 9, 4, NOW, bogota)  # Wednesday 09:00
    lo, hi = whole_weeks(NOW, 4)
    assert len(spans) == 4
    for start, end in spans:
        assert end - start == HOUR_MS and lo <= start < hi
        local = datetime.fromtimestamp(start / 1000, UTC).astimezone(bogota)
        assert (local.weekday(), local.hour, local.minute) == (2, 9, 0)


def test_an_hour_a_clock_change_skips_is_left_out() -> None:
    madrid = ZoneInfo("Europe/Madrid")
    # Sunday 29 March 2026, 02:00 does not exist in Madrid; the four weeks before the
    # week of 8 April run from Monday 9 March to Monday 6 April.
    spans = weekday_hour_spans(6 * 24 + 2, 4, NOW, madrid)
    assert len(spans) == 3
    sunday_3 = weekday_hour_spans(6 * 24 + 3, 4, NOW, madrid)
    assert len(sunday_3) == 4
