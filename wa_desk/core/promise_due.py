"""By when a promise is due, read from what the agent wrote ("te lo envío mañana", "I'll
call you in an hour", "vou te ligar amanhã"), in the queue's business hours and time zone.

:func:`promise_due` is pure: the text, its language, now and the queue's hours in; a due
instant, or None when the text says no time it understands (the agent then picks one).
``docs/promises.md`` has the table of the phrases understood and these rules:

- A phrase that names a day ("mañana", "el lunes", "en 3 días", "today") is due at the
  close of that day's business hours. When the queue is closed all that day (a weekend, a
  holiday) it is the next day the queue opens, at its close. A day whose business is
  already over (a "hoy" written after closing) is the next day the queue opens, too.
- "En N días hábiles" / "in N business days" / "em N dias úteis" counts only the days the
  queue opens, after today.
- "Antes del viernes" / "before Friday" / "antes de sexta": the last day the queue opens
  before that day, at its close (None when none is left before it). "By Friday", "para el
  viernes", "até sexta": that day.
- A weekday names the next such day after today (on a Monday, "el lunes" is in a week).
- A duration in minutes or hours ("en una hora", "in 48 hours") is calendar time from
  now; an instant when the queue is closed becomes the moment it next opens.
- A time of day ("a las 10", "at 3pm", "às 15h") with a day phrase is that time on that
  day; alone it is today, when still to come. Hours 1 to 7 without am/pm are read as the
  afternoon (a contact centre's "a las 5" is 17:00).
- The phrase that starts first in the text decides; at the same start, the longest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.clock import Millis
from wa_desk.core.search_fold import fold_accents

MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
LANGUAGES = ("es", "en", "pt")
# How far ahead a day search looks: past a year of holidays is no promise to read.
_MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class _Now:
    ms: Millis
    today: date
    hours: BusinessHours


# A day phrase's answer: the calendar day it names, or an instant it names exactly.
_Day = date
_Handler = Callable[[re.Match[str], _Now], "_Day | Millis | None"]


# -- numbers ---------------------------------------------------------------------------

_NUMBER_WORDS = {
    "es": {
        "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
        "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "doce": 12,
        "quince": 15, "veinte": 20, "treinta": 30, "cuarenta": 40, "un par de": 2,
    },
    "en": {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15,
        "twenty": 20, "thirty": 30, "forty": 40, "a couple of": 2, "a couple": 2,
    },
    "pt": {
        "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5,
        "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "doze": 12, "quinze": 15,
        "vinte": 20, "trinta": 30, "quarenta": 40,
    },
}  # fmt: skip


def _number_re(language: str) -> str:
    words = sorted(_NUMBER_WORDS[language], key=len, reverse=True)
    return r"(?P<n>\d{1,3}|" + "|".join(re.escape(w) for w in words) + ")"


def _number(language: str, text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[language][text]


# -- days ------------------------------------------------------------------------------


def _open_day_from(hours: BusinessHours, day: date) -> date | None:
    """``day`` when the queue opens that day, else the next day it does."""
    for _ in range(_MAX_DAYS):
        if hours.is_open_day(day):
            return day
        day += timedelta(days=1)
    return None


def _day_due(day: date, now: _Now) -> Millis | None:
    """The close of ``day`` or, when the queue is closed all that day or its business is
    over, of the next day it opens."""
    found = _open_day_from(now.hours, day)
    while found is not None:
        closing = now.hours.closing_ms(found)
        if closing is not None and closing > now.ms:
            return closing
        found = _open_day_from(now.hours, found + timedelta(days=1))
    return None  # pragma: no cover - the queue opens at least once a week


def _in_days(n: int) -> _Handler:
    return lambda _m, now: now.today + timedelta(days=n)


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _weekday(weekday: int) -> _Handler:
    return lambda _m, now: _next_weekday(now.today, weekday)


def _before_weekday(weekday: int) -> _Handler:
    def handler(_m: re.Match[str], now: _Now) -> Millis | None:
        day = _next_weekday(now.today, weekday) - timedelta(days=1)
        while day >= now.today:
            closing = now.hours.closing_ms(day)
            if closing is not None and closing > now.ms:
                return closing
            day -= timedelta(days=1)
        return None

    return handler


def _week_end(weeks_ahead: int) -> _Handler:
    """The last day the queue opens in this week (Monday to Sunday) or a later one."""

    def handler(_m: re.Match[str], now: _Now) -> Millis | None:
        monday = now.today - timedelta(days=now.today.weekday()) + timedelta(weeks=weeks_ahead)
        for back in range(6, -1, -1):
            day = monday + timedelta(days=back)
            closing = now.hours.closing_ms(day)
            if day >= now.today and closing is not None and closing > now.ms:
                return closing
        return None

    return handler


# -- durations -------------------------------------------------------------------------


def _after(unit_ms: Millis, language: str) -> _Handler:
    def handler(m: re.Match[str], now: _Now) -> Millis:
        return now.hours.next_open_ms(now.ms + _number(language, m["n"]) * unit_ms)

    return handler


def _after_fixed(ms: Millis) -> _Handler:
    return lambda _m, now: now.hours.next_open_ms(now.ms + ms)


def _in_days_counted(language: str) -> _Handler:
    def handler(m: re.Match[str], now: _Now) -> _Day | None:
        return now.today + timedelta(days=_number(language, m["n"]))

    return handler


def _in_business_days(language: str) -> _Handler:
    def handler(m: re.Match[str], now: _Now) -> Millis | None:
        left, day = _number(language, m["n"]), now.today
        for _ in range(_MAX_DAYS):
            day += timedelta(days=1)
            if now.hours.is_open_day(day):
                left -= 1
                if left <= 0:
                    return now.hours.closing_ms(day)
        return None

    return handler


# -- the phrases, per language ---------------------------------------------------------

_ES_DAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PT_DAYS = ("segunda", "terca", "quarta", "quinta", "sexta", "sabado", "domingo")


def _es(n: str) -> list[tuple[str, _Handler]]:
    minutes = r"(?:minutos?|mins?)"
    hours = r"(?:horas?|hs?)"
    within = r"\b(?:en|dentro\s+de|en\s+menos\s+de|en\s+un\s+maximo\s+de|antes\s+de)\s+"
    table: list[tuple[str, _Handler]] = [
        (r"\bhoy\b", _in_days(0)),
        (r"\besta\s+tarde\b", _in_days(0)),
        (r"\b(?:al\s+)?final\s+del\s+dia\b|\bfin\s+del\s+dia\b", _in_days(0)),
        (r"(?<!la )(?<!esta )(?<!de )\bmanana\b", _in_days(1)),
        (r"\bpasado\s+manana\b", _in_days(2)),
        (within + r"media\s+hora\b", _after_fixed(30 * MINUTE_MS)),
        (within + n + r"\s*" + minutes + r"\b", _after(MINUTE_MS, "es")),
        (within + n + r"\s*" + hours + r"\b", _after(HOUR_MS, "es")),
        (within + n + r"\s+dias?\s+(?:habiles|laborables)\b", _in_business_days("es")),
        (within + n + r"\s+dias?\b", _in_days_counted("es")),
        (r"\besta\s+semana\b", _week_end(0)),
        (
            r"\b(?:la\s+)?(?:proxima\s+semana|semana\s+que\s+viene|semana\s+proxima)\b",
            _week_end(1),
        ),
    ]
    for i, day in enumerate(_ES_DAYS):
        table.append((rf"\b{day}\b", _weekday(i)))
        table.append((rf"\bantes\s+del?\s+(?:el\s+)?(?:proximo\s+)?{day}\b", _before_weekday(i)))
    return table


def _en(n: str) -> list[tuple[str, _Handler]]:
    minutes = r"(?:minutes?|mins?)"
    hours = r"(?:hours?|hrs?|h)"
    within = r"\b(?:in|within|in\s+the\s+next|in\s+less\s+than)\s+"
    table: list[tuple[str, _Handler]] = [
        (r"\btoday\b|\blater\s+today\b|\btonight\b", _in_days(0)),
        (r"\bthis\s+afternoon\b", _in_days(0)),
        (r"\b(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+)?day\b|\beod\b", _in_days(0)),
        (r"\btomorrow\b", _in_days(1)),
        (r"\b(?:the\s+)?day\s+after\s+tomorrow\b", _in_days(2)),
        (within + r"half\s+an\s+hour\b", _after_fixed(30 * MINUTE_MS)),
        (within + n + r"\s*" + minutes + r"\b", _after(MINUTE_MS, "en")),
        (within + n + r"\s*" + hours + r"\b", _after(HOUR_MS, "en")),
        (within + n + r"\s+(?:business|working)\s+days?\b", _in_business_days("en")),
        (within + n + r"\s+days?\b", _in_days_counted("en")),
        (r"\bthis\s+week\b", _week_end(0)),
        (r"\bnext\s+week\b", _week_end(1)),
    ]
    for i, day in enumerate(_EN_DAYS):
        table.append((rf"\b{day}\b", _weekday(i)))
        table.append((rf"\bbefore\s+(?:next\s+)?{day}\b", _before_weekday(i)))
    return table


def _pt(n: str) -> list[tuple[str, _Handler]]:
    minutes = r"(?:minutos?|mins?)"
    hours = r"(?:horas?|hs?)"
    within = r"\b(?:em|dentro\s+de|em\s+ate|em\s+no\s+maximo|em\s+menos\s+de)\s+"
    table: list[tuple[str, _Handler]] = [
        (r"\bhoje\b|\bainda\s+hoje\b", _in_days(0)),
        (r"\b(?:esta|nesta)\s+tarde\b", _in_days(0)),
        (r"\b(?:ate\s+o\s+)?(?:fim|final)\s+do\s+dia\b", _in_days(0)),
        (r"\bamanha\b", _in_days(1)),
        (r"\bdepois\s+de\s+amanha\b", _in_days(2)),
        (within + r"meia\s+hora\b", _after_fixed(30 * MINUTE_MS)),
        (within + n + r"\s*" + minutes + r"\b", _after(MINUTE_MS, "pt")),
        (within + n + r"\s*" + hours + r"\b", _after(HOUR_MS, "pt")),
        (within + n + r"\s+dias?\s+uteis\b", _in_business_days("pt")),
        (within + n + r"\s+dias?\b", _in_days_counted("pt")),
        (r"\b(?:esta|nesta|essa|nessa)\s+semana\b", _week_end(0)),
        (r"\b(?:(?:na\s+)?proxima\s+semana|(?:na\s+)?semana\s+que\s+vem)\b", _week_end(1)),
    ]
    for i, day in enumerate(_PT_DAYS):
        # "segunda" alone is also "second" ("a segunda via"): a weekday needs "-feira"
        # or a word that makes it a day ("na segunda", "até sexta", "no sábado").
        lead = r"(?:na|nesta|a|ate|ate\s+a|para\s+a|no|neste|o|ate\s+o|para\s+o)"
        table.append((rf"\b{day}[\s-]feira\b", _weekday(i)))
        table.append(
            (rf"\b{lead}\s+(?:proxim[ao]\s+)?{day}(?:[\s-]feira)?\b(?!\s+via\b)", _weekday(i))
        )
        table.append((rf"\bantes\s+d[eao]\s+(?:proxim[ao]\s+)?{day}\b", _before_weekday(i)))
    return table


_TIME = {
    "es": r"\ba\s+las?\s+(?P<h>\d{1,2})(?:[:.h](?P<m>\d\d))?(?:\s*(?:h|hs|horas)\b)?"
    r"(?:\s+de\s+la\s+(?P<part>manana|tarde|noche))?",
    "en": r"\bat\s+(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<part>am|pm|a\.m\.|p\.m\.)?",
    # "às 15h", "às 15:30", "às 3 da tarde": "as" alone is also an article ("as 2 faturas").
    "pt": r"\bas\s+(?P<h>\d{1,2})(?:[:h](?P<m>\d\d)|\s*(?:h|hs|horas)\b"
    r"|(?=\s+da\s+(?:manha|tarde|noite)))(?:\s+da\s+(?P<part>manha|tarde|noite))?",
}
_BUILDERS = {"es": _es, "en": _en, "pt": _pt}
_TABLES: dict[str, list[tuple[re.Pattern[str], _Handler]]] = {
    language: [(re.compile(p), h) for p, h in build(_number_re(language))]
    for language, build in _BUILDERS.items()
}
_TIMES = {language: re.compile(p) for language, p in _TIME.items()}


def base_language(language: str | None) -> str | None:
    """``es`` of ``es``, ``es_ES``, ``es-MX``; None for a language without phrases."""
    code = (language or "").replace("-", "_").split("_")[0].lower()
    return code if code in _TABLES else None


def _minute_of_day(m: re.Match[str]) -> int | None:
    hour, minute, part = int(m["h"]), int(m["m"] or 0), (m["part"] or "").replace(".", "")
    if hour > 23 or minute > 59:
        return None
    if part in ("pm", "tarde", "noche", "noite") and hour < 12:
        hour += 12
    elif part in ("am", "manana", "manha"):
        hour %= 12
    elif not part and 1 <= hour <= 7:
        hour += 12
    return hour * 60 + minute


def promise_due(
    text: str, language: str | None, now_ms: Millis, hours: BusinessHours
) -> Millis | None:
    """The instant the promise in ``text`` is due (module docstring), or None."""
    code = base_language(language)
    if code is None:
        return None
    folded = fold_accents(text)
    best: tuple[int, int, re.Match[str], _Handler] | None = None
    for regex, handler in _TABLES[code]:
        m = regex.search(folded)
        if m is not None and (best is None or (m.start(), -len(m[0])) < best[:2]):
            best = (m.start(), -len(m[0]), m, handler)
    now = _Now(now_ms, hours.local_date(now_ms), hours)
    time_match = _TIMES[code].search(folded)
    minute = _minute_of_day(time_match) if time_match is not None else None
    if best is None:
        if minute is None:
            return None
        at = hours.local_instant(now.today, minute)
        return at if at > now_ms else None
    answer = best[3](best[2], now)
    if not isinstance(answer, date):
        return answer
    if minute is None:
        return _day_due(answer, now)
    day = _open_day_from(hours, answer)
    if day is None:
        return None  # pragma: no cover - the queue opens at least once a week
    at = hours.local_instant(day, minute)
    return at if at > now_ms else None
