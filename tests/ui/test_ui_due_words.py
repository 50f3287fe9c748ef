"""When a promise is due, in words: a deadline at local midnight is the end of the day
before, never "12:00 AM" of the next date (which reads as a day early)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from wa_desk.ui.common.timefmt import format_due


def _local(day: QDate, hour: int, minute: int = 0) -> int:
    return QDateTime(day, QTime(hour, minute)).toMSecsSinceEpoch()


MONDAY = QDate(2026, 12, 7)
NOW = _local(MONDAY, 10, 30)


def test_a_midnight_deadline_is_the_end_of_the_day_before() -> None:
    assert format_due(_local(MONDAY.addDays(1), 0), NOW) == "today, end of day"
    assert format_due(_local(MONDAY.addDays(2), 0), NOW) == "tomorrow, end of day"
    thursday = QLocale().toString(MONDAY.addDays(3), QLocale.FormatType.ShortFormat)
    assert format_due(_local(MONDAY.addDays(4), 0), NOW) == f"{thursday}, end of day"
    # With no "now" (a timeline read later), always with its date.
    monday = QLocale().toString(MONDAY, QLocale.FormatType.ShortFormat)
    assert format_due(_local(MONDAY.addDays(1), 0), None) == f"{monday}, end of day"


def test_any_other_time_is_said_as_it_is() -> None:
    assert format_due(_local(MONDAY, 18), NOW) == QLocale().toString(
        QTime(18, 0), QLocale.FormatType.ShortFormat
    )
    later = QDateTime(MONDAY.addDays(1), QTime(0, 1))
    assert format_due(later.toMSecsSinceEpoch(), NOW) == QLocale().toString(
        later, QLocale.FormatType.ShortFormat
    )


@pytest.mark.usefixtures("spanish")
def test_in_spanish() -> None:
    assert format_due(_local(MONDAY.addDays(1), 0), NOW) == "hoy, al final del día"
    assert format_due(_local(MONDAY.addDays(2), 0), NOW) == "mañana, al final del día"
    thursday = QLocale().toString(MONDAY.addDays(3), QLocale.FormatType.ShortFormat)
    assert format_due(_local(MONDAY.addDays(4), 0), NOW) == f"{thursday}, al final del día"
