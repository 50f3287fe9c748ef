"""``core.heatmap``: the weekday × hour the store computes from a zone's offsets is the
local weekday and hour of each bucket, across daylight-saving changes; medians and
waiting levels as docs/kpis.md "Heat-maps" defines them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from wa_desk.core.heatmap import (
    BUCKET_MS,
    Fact,
    hour_of_week,
    levels_at_bucket_ends,
    median,
    offset_segments,
    weekday_hour_placer,
)


def _ms(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp() * 1000)


def test_hour_of_week_from_offsets_is_the_local_weekday_and_hour_across_dst() -> None:
    # Two weeks around Madrid's change to summer time (29 March 2026, 01:00 UTC) and a
    # zone 5 h 45 min ahead of UTC (Kathmandu): every bucket, both ways.
    start, end = _ms(2026, 3, 23), _ms(2026, 4, 6)
    for name in ("Europe/Madrid", "Asia/Kathmandu", "America/Bogota", "UTC"):
        zone = ZoneInfo(name)
        segments = offset_segments(zone, start, end)
        assert segments[-1][0] == end
        place = weekday_hour_placer(start, end)
        for bucket in range(start, end, BUCKET_MS):
            offset = next(o for until, o in segments if bucket < until)
            assert hour_of_week(bucket, offset, start) == place(bucket, zone), (name, bucket)
    madrid = offset_segments(ZoneInfo("Europe/Madrid"), start, end)
    assert madrid == [(_ms(2026, 3, 29, 1), 3_600_000), (end, 7_200_000)]


def test_a_median_of_an_even_count_is_the_mean_of_the_middle_two_rounded_down() -> None:
    assert median([]) is None
    assert median([5]) == 5
    assert median([1, 2]) == 1
    assert median([4, 1, 3, 100]) == 3


def test_the_waiting_level_at_a_bucket_end_is_now_minus_every_later_change() -> None:
    # One customer started waiting at 10:00 and stopped at 10:30; another waits since
    # 10:15. Ends at 10:15, 10:30, 10:45; now: 1 waiting.
    q = "ventas"
    changes = [
        Fact(q, q, _ms(2026, 3, 2, 10, 15), 1),
        Fact(q, q, _ms(2026, 3, 2, 10, 30), -1),
    ]
    ends = [_ms(2026, 3, 2, 10, 15), _ms(2026, 3, 2, 10, 30), _ms(2026, 3, 2, 10, 45)]
    assert levels_at_bucket_ends({(q, q): 1}, changes, ends) == {(q, q): [1, 2, 1]}
