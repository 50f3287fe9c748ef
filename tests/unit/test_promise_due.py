"""By when a promise is due, worked out by hand (docs/promises.md).

The queue: Europe/Madrid (CET, +01:00, all through these dates), Monday to Thursday
09:00-14:00 and 15:00-19:00, Friday 09:00-15:00, closed at weekends; holidays Friday 25
December 2026 (Christmas), Friday 1 January 2027 and Wednesday 6 January 2027 (Epiphany).

    December 2026            January 2027
    Mo Tu We Th Fr Sa Su     Mo Tu We Th Fr Sa Su
    21 22 23 24 25 26 27                 1  2  3
    28 29 30 31               4  5  6  7  8  9 10
                             11 12 13 14 15 16 17

Every expected instant is a Madrid wall time.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.business_hours import BusinessHours, business_hours_from_json
from wa_desk.core.promise_due import promise_due

MADRID = ZoneInfo("Europe/Madrid")
WEEKDAY = ["09:00-14:00", "15:00-19:00"]
OFFICE = business_hours_from_json(
    {
        "time_zone": "Europe/Madrid",
        "hours": {"mon": WEEKDAY, "tue": WEEKDAY, "wed": WEEKDAY, "thu": WEEKDAY,
                  "fri": ["09:00-15:00"]},
        "holidays": ["2026-12-25", "2027-01-01", "2027-01-06"],
    },
    "sla[0]",
)  # fmt: skip


def madrid(text: str) -> int:
    """Epoch ms of a Madrid wall time written ``2026-12-24 11:00``."""
    return int(datetime.fromisoformat(text).replace(tzinfo=MADRID).timestamp() * 1000)


# Thursday 24 December 2026, 11:00: the next day is Christmas, then a weekend.
CHRISTMAS_EVE = "2026-12-24 11:00"
# Friday 8 January 2027, 14:30: half an hour before Friday's close.
FRIDAY_AFTERNOON = "2027-01-08 14:30"
# Tuesday 5 January 2027, 18:30: the day before Epiphany.
EPIPHANY_EVE = "2027-01-05 18:30"

TABLE = [
    # -- Spanish, on Christmas Eve ---------------------------------------------------
    # Tomorrow is a holiday, then the weekend: Monday, at its close.
    ("es", CHRISTMAS_EVE, "Te lo envío mañana", "2026-12-28 19:00"),
    ("es", CHRISTMAS_EVE, "TE LO ENVIO MANANA sin falta", "2026-12-28 19:00"),
    ("es", CHRISTMAS_EVE, "te llamo en una hora", "2026-12-24 12:00"),
    ("es", CHRISTMAS_EVE, "te lo mando en media hora", "2026-12-24 11:30"),
    # 14:00 is lunch (closed from 14:00): the afternoon opening.
    ("es", CHRISTMAS_EVE, "te escribo en 3 horas", "2026-12-24 15:00"),
    # Saturday 11:00 is closed: Monday's opening.
    ("es", CHRISTMAS_EVE, "el reembolso llega en 48 horas", "2026-12-28 09:00"),
    ("es", CHRISTMAS_EVE, "el reembolso llega en 48h", "2026-12-28 09:00"),
    ("es", CHRISTMAS_EVE, "Te lo confirmo hoy", "2026-12-24 19:00"),
    ("es", CHRISTMAS_EVE, "lo reviso esta tarde", "2026-12-24 19:00"),
    ("es", CHRISTMAS_EVE, "queda resuelto al final del día", "2026-12-24 19:00"),
    ("es", CHRISTMAS_EVE, "pasado mañana lo tienes", "2026-12-28 19:00"),
    ("es", CHRISTMAS_EVE, "te lo envío el lunes", "2026-12-28 19:00"),
    # Friday is Christmas: the next day the queue opens.
    ("es", CHRISTMAS_EVE, "te lo envío el viernes", "2026-12-28 19:00"),
    # Before Friday: today is the last day the queue opens before it.
    ("es", CHRISTMAS_EVE, "antes del viernes lo tienes", "2026-12-24 19:00"),
    ("es", CHRISTMAS_EVE, "para el miércoles", "2026-12-30 19:00"),
    # Two business days: Monday 28 (1), Tuesday 29 (2).
    ("es", CHRISTMAS_EVE, "en 2 días hábiles", "2026-12-29 19:00"),
    # Three calendar days is Sunday, closed: Monday.
    ("es", CHRISTMAS_EVE, "en tres días", "2026-12-28 19:00"),
    ("es", CHRISTMAS_EVE, "te llamo mañana a las 10", "2026-12-28 10:00"),
    ("es", CHRISTMAS_EVE, "te llamo el martes a las 4:30", "2026-12-29 16:30"),
    ("es", CHRISTMAS_EVE, "te llamo a las 5", "2026-12-24 17:00"),
    # This week: Friday is a holiday and the weekend closed, so today.
    ("es", CHRISTMAS_EVE, "esta semana queda listo", "2026-12-24 19:00"),
    # Next week ends on Friday 1 January, a holiday: Thursday 31.
    ("es", CHRISTMAS_EVE, "la semana que viene", "2026-12-31 19:00"),
    # "Mañana" as a morning is no day; "lo reviso" says no time at all.
    ("es", CHRISTMAS_EVE, "te escribí esta mañana", None),
    ("es", CHRISTMAS_EVE, "lo reviso y te digo", None),
    # -- English, on a Friday afternoon ------------------------------------------------
    ("en", FRIDAY_AFTERNOON, "I'll send it tomorrow", "2027-01-11 19:00"),
    ("en", FRIDAY_AFTERNOON, "I'll call you in 20 minutes", "2027-01-08 14:50"),
    # 15:00 is Friday's close: Monday's opening.
    ("en", FRIDAY_AFTERNOON, "I'll call you in an hour", "2027-01-11 09:00"),
    ("en", FRIDAY_AFTERNOON, "I'll call you in 30 minutes", "2027-01-11 09:00"),
    ("en", FRIDAY_AFTERNOON, "you'll have it by end of day", "2027-01-08 15:00"),
    ("en", FRIDAY_AFTERNOON, "I'll confirm today", "2027-01-08 15:00"),
    ("en", FRIDAY_AFTERNOON, "I will email you on Monday", "2027-01-11 19:00"),
    # On a Friday, "Friday" is next week's.
    ("en", FRIDAY_AFTERNOON, "It will be ready by Friday", "2027-01-15 15:00"),
    ("en", FRIDAY_AFTERNOON, "before Friday", "2027-01-14 19:00"),
    ("en", FRIDAY_AFTERNOON, "within 2 business days", "2027-01-12 19:00"),
    ("en", FRIDAY_AFTERNOON, "I'll call you tomorrow at 3pm", "2027-01-11 15:00"),
    ("en", FRIDAY_AFTERNOON, "the day after tomorrow", "2027-01-11 19:00"),
    ("en", FRIDAY_AFTERNOON, "next week", "2027-01-15 15:00"),
    # -- Portuguese, on the eve of a holiday ---------------------------------------------
    # Tomorrow is Epiphany: Thursday.
    ("pt", EPIPHANY_EVE, "vou te ligar amanhã", "2027-01-07 19:00"),
    # 20:30 is closed, Wednesday a holiday: Thursday's opening.
    ("pt", EPIPHANY_EVE, "te retorno em 2 horas", "2027-01-07 09:00"),
    ("pt", EPIPHANY_EVE, "te retorno em meia hora", "2027-01-07 09:00"),
    ("pt", EPIPHANY_EVE, "te envio hoje", "2027-01-05 19:00"),
    ("pt", EPIPHANY_EVE, "vou te ligar na segunda-feira", "2027-01-11 19:00"),
    ("pt", EPIPHANY_EVE, "vou te ligar segunda feira", "2027-01-11 19:00"),
    ("pt", EPIPHANY_EVE, "até sexta", "2027-01-08 15:00"),
    # The day before Thursday is Epiphany: today.
    ("pt", EPIPHANY_EVE, "antes de quinta", "2027-01-05 19:00"),
    # Thursday 7 (1), Friday 8 (2), Monday 11 (3).
    ("pt", EPIPHANY_EVE, "em 3 dias úteis", "2027-01-11 19:00"),
    ("pt", EPIPHANY_EVE, "depois de amanhã", "2027-01-07 19:00"),
    # "A segunda via" is a duplicate invoice, not Monday.
    ("pt", EPIPHANY_EVE, "te envio a segunda via amanhã", "2027-01-07 19:00"),
    ("pt", EPIPHANY_EVE, "amanhã às 10h", "2027-01-07 10:00"),
    ("pt", EPIPHANY_EVE, "amanhã às 3 da tarde", "2027-01-07 15:00"),
    # "As" alone is an article, not a time.
    ("pt", EPIPHANY_EVE, "vou te enviar as 2 faturas", None),
]


@pytest.mark.parametrize(("language", "now", "text", "due"), TABLE)
def test_the_table_of_phrases_worked_out_by_hand(
    language: str, now: str, text: str, due: str | None
) -> None:
    expected = None if due is None else madrid(due)
    assert promise_due(text, language, madrid(now), OFFICE) == expected


def test_today_after_closing_is_the_next_day_the_queue_opens() -> None:
    # Christmas Eve at 19:30: today's business is over, Friday is Christmas.
    assert promise_due("hoy", "es", madrid("2026-12-24 19:30"), OFFICE) == madrid(
        "2026-12-28 19:00"
    )


def test_before_a_day_with_no_business_left_before_it_is_no_due_date() -> None:
    # Friday 8 January after closing: "before Saturday" would be today, already over.
    assert promise_due("antes del sábado", "es", madrid("2027-01-08 16:00"), OFFICE) is None


def test_a_time_already_passed_today_is_no_due_date() -> None:
    assert promise_due("te llamo a las 10", "es", madrid(CHRISTMAS_EVE), OFFICE) is None


def test_a_region_of_a_language_reads_its_phrases_and_an_unknown_one_none() -> None:
    now = madrid(CHRISTMAS_EVE)
    assert promise_due("mañana", "es_MX", now, OFFICE) == madrid("2026-12-28 19:00")
    assert promise_due("amanhã", "pt-BR", now, OFFICE) == madrid("2026-12-28 19:00")
    assert promise_due("demain", "fr", now, OFFICE) is None
    assert promise_due("mañana", None, now, OFFICE) is None


def test_a_queue_open_around_the_clock_closes_a_day_at_midnight() -> None:
    always = BusinessHours()
    now = madrid(CHRISTMAS_EVE)  # 10:00 UTC
    tomorrow_ends = int(datetime(2026, 12, 26, tzinfo=ZoneInfo("UTC")).timestamp() * 1000)
    assert promise_due("I'll send it tomorrow", "en", now, always) == tomorrow_ends
    assert promise_due("in 48 hours", "en", now, always) == now + 48 * 3_600_000


def test_the_phrase_that_comes_first_decides() -> None:
    now = madrid(CHRISTMAS_EVE)
    # "hoy" comes before "mañana".
    assert promise_due("hoy no, mañana", "es", now, OFFICE) == madrid("2026-12-24 19:00")
    assert promise_due("mañana, no hoy", "es", now, OFFICE) == madrid("2026-12-28 19:00")


@given(st.text(max_size=80), st.sampled_from(["es", "en", "pt"]), st.integers(0, 2**41))
def test_any_text_is_no_due_date_or_one_still_to_come(text: str, language: str, now: int) -> None:
    due = promise_due(text, language, now, OFFICE)
    assert due is None or due >= now
