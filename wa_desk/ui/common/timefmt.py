"""Times and durations as agents read them, in the current UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from wa_desk.core.clock import Millis, from_rfc3339

MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
DAY_MS = 24 * HOUR_MS


def parse_ms(value: str | None) -> Millis | None:
    """An RFC 3339 timestamp from the API as epoch ms; None for missing or unreadable."""
    if not value:
        return None
    try:
        return from_rfc3339(value)
    except ValueError:
        return None


def format_duration(ms: Millis) -> str:
    """A short duration: "45 s", "12 min", "2 h 05 min", "3 d 4 h"."""
    ms = max(0, ms)
    if ms < MINUTE_MS:
        return QCoreApplication.translate("Time", "%1 s").replace("%1", str(ms // 1000))
    if ms < HOUR_MS:
        return QCoreApplication.translate("Time", "%1 min").replace("%1", str(ms // MINUTE_MS))
    if ms < DAY_MS:
        hours, rest = divmod(ms, HOUR_MS)
        return (
            QCoreApplication.translate("Time", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{rest // MINUTE_MS:02d}")
        )
    days, rest = divmod(ms, DAY_MS)
    return (
        QCoreApplication.translate("Time", "%1 d %2 h")
        .replace("%1", str(days))
        .replace("%2", str(rest // HOUR_MS))
    )


def local_datetime(ms: Millis) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(ms).toLocalTime()


def format_clock(ms: Millis) -> str:
    """The local time of day, in the locale's short format."""
    return QLocale().toString(local_datetime(ms).time(), QLocale.FormatType.ShortFormat)


def format_full(ms: Millis) -> str:
    """The full local date and time to the second, in the locale's long format (what a
    message's "Copy time" copies)."""
    when = local_datetime(ms)
    locale = QLocale()
    return (
        locale.toString(when.date(), QLocale.FormatType.LongFormat)
        + " "
        + locale.toString(when.time(), "HH:mm:ss")
    )


def format_when(ms: Millis, now: Millis) -> str:
    """A time today, otherwise a short date and time (for lists of past events)."""
    when = local_datetime(ms)
    if when.date() == local_datetime(now).date():
        return format_clock(ms)
    return QLocale().toString(when, QLocale.FormatType.ShortFormat)


def format_due(ms: Millis, now: Millis | None) -> str:
    """When something is due, as ``format_when`` (``now`` None: always with its date).
    A deadline at local midnight is the end of the day before (a promise for "tomorrow"
    in a queue open around the clock): said so, never as "12:00 AM" of the next date,
    which reads as a day early."""
    when = local_datetime(ms)
    if when.time() != QTime(0, 0):
        if now is None:
            return QLocale().toString(when, QLocale.FormatType.ShortFormat)
        return format_when(ms, now)
    day: QDate = when.date().addDays(-1)
    today = None if now is None else local_datetime(now).date()
    if day == today:
        return QCoreApplication.translate("Time", "today, end of day")
    if today is not None and day == today.addDays(1):
        return QCoreApplication.translate("Time", "tomorrow, end of day")
    return QCoreApplication.translate("Time", "%1, end of day").replace(
        "%1", QLocale().toString(day, QLocale.FormatType.ShortFormat)
    )


def day_label(ms: Millis, now: Millis) -> str:
    """The heading of a day in a conversation: Today, Yesterday, or the date."""
    day: QDate = local_datetime(ms).date()
    today: QDate = local_datetime(now).date()
    if day == today:
        return QCoreApplication.translate("Time", "Today")
    if day == today.addDays(-1):
        return QCoreApplication.translate("Time", "Yesterday")
    return QLocale().toString(day, QLocale.FormatType.LongFormat)


def same_day(a: Millis, b: Millis) -> bool:
    return local_datetime(a).date() == local_datetime(b).date()
