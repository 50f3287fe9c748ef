"""The figures of a report as people read them: each figure's title, what it means, and
its value in words, exactly as the hub gives it (docs/kpis.md "Reports").

Durations come from the hub in milliseconds, twice (wall and business time); percents and
ratios already rounded. Nothing is computed here: a figure the hub leaves empty (over
nothing: no first response yet, no judged clock) reads "—", never 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from wa_desk.ui.common.timefmt import format_duration

EMPTY = "—"  # a figure over nothing


class Unit(Enum):
    COUNT = auto()
    DURATION = auto()  # milliseconds
    PERCENT = auto()  # one decimal, as the hub rounds it
    RATIO = auto()  # two decimals (transfers per conversation, the average rating)
    RATE = auto()  # one decimal, per 100 sends


_DECIMALS = {Unit.PERCENT: 1, Unit.RATIO: 2, Unit.RATE: 1}


@dataclass(frozen=True)
class Figure:
    key: str  # the hub's name for it
    unit: Unit
    title: Callable[[], str]  # short, for a column or a label
    meaning: Callable[[], str]  # a tooltip: what it measures
    by_agent_only: bool = False  # empty by queue and by day


FIGURES: tuple[Figure, ...] = (
    Figure(
        "conversations",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Conversations"),
        lambda: QCoreApplication.translate("ReportFigures", "Conversations opened in the range."),
    ),
    Figure(
        "closed",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Closed"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Of them, those whose last period has ended."
        ),
    ),
    Figure(
        "periods",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Periods"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Measurement periods (a reopened conversation has more than one)."
        ),
    ),
    Figure(
        "first_response_median_ms",
        Unit.DURATION,
        lambda: QCoreApplication.translate("ReportFigures", "First response"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Median first response time, wall-clock time."
        ),
    ),
    Figure(
        "first_response_median_business_ms",
        Unit.DURATION,
        lambda: QCoreApplication.translate("ReportFigures", "First response (business)"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Median first response time, counting business hours only."
        ),
    ),
    Figure(
        "next_response_median_ms",
        Unit.DURATION,
        lambda: QCoreApplication.translate("ReportFigures", "Next response"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Median time to answer each later customer message, wall-clock time."
        ),
    ),
    Figure(
        "next_response_median_business_ms",
        Unit.DURATION,
        lambda: QCoreApplication.translate("ReportFigures", "Next response (business)"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Median next response time, counting business hours only."
        ),
    ),
    Figure(
        "resolution_median_ms",
        Unit.DURATION,
        lambda: QCoreApplication.translate("ReportFigures", "Resolution"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Median time from opening to closing a period, wall-clock time."
        ),
    ),
    Figure(
        "resolution_median_business_ms",
        Unit.DURATION,
        lambda: QCoreApplication.translate("ReportFigures", "Resolution (business)"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Median resolution time, counting business hours only."
        ),
    ),
    Figure(
        "handle_median_ms",
        Unit.DURATION,
        lambda: QCoreApplication.translate("ReportFigures", "Handle time"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Median time agents held a conversation, wall-clock time."
        ),
    ),
    Figure(
        "handle_median_business_ms",
        Unit.DURATION,
        lambda: QCoreApplication.translate("ReportFigures", "Handle time (business)"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Median handle time, counting business hours only."
        ),
    ),
    Figure(
        "abandoned",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Abandoned"),
        lambda: QCoreApplication.translate(
            "ReportFigures",
            "Periods where the customer wrote and nobody answered before the close "
            "or the end of the 24 h window.",
        ),
    ),
    Figure(
        "short_abandoned",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Abandoned in 60 s"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Of the abandoned periods, those abandoned within 60 seconds."
        ),
    ),
    Figure(
        "sla_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "SLA"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Share of the judged service-level clocks that met their target."
        ),
    ),
    Figure(
        "sla_met",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "SLA met"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Service-level clocks that met their target."
        ),
    ),
    Figure(
        "sla_breached",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "SLA breached"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Service-level clocks that missed their target."
        ),
    ),
    Figure(
        "sla_running",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "SLA running"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Service-level clocks still running when the report was taken."
        ),
    ),
    Figure(
        "transfers",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Transfers"),
        lambda: QCoreApplication.translate("ReportFigures", "Transfers to another agent or queue."),
    ),
    Figure(
        "transfers_per_conversation",
        Unit.RATIO,
        lambda: QCoreApplication.translate("ReportFigures", "Transfers per conversation"),
        lambda: QCoreApplication.translate("ReportFigures", "Transfers divided by conversations."),
    ),
    Figure(
        "take_overs",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Take-overs"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Conversations a supervisor took over."
        ),
    ),
    Figure(
        "repeat_contact_24h_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "Repeat contact 24 h"),
        lambda: QCoreApplication.translate(
            "ReportFigures",
            "Closed conversations whose customer needed someone again within 24 hours.",
        ),
    ),
    Figure(
        "repeat_contact_72h_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "Repeat contact 72 h"),
        lambda: QCoreApplication.translate(
            "ReportFigures",
            "Closed conversations whose customer needed someone again within 72 hours.",
        ),
    ),
    Figure(
        "first_contact_resolution_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "First-contact resolution"),
        lambda: QCoreApplication.translate(
            "ReportFigures",
            "Closed conversations whose customer did not need anyone again within 7 days.",
        ),
    ),
    Figure(
        "first_contact_resolution_known",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "FCR answers known"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "How many closed conversations first-contact resolution is made of."
        ),
    ),
    Figure(
        "sends",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Sends"),
        lambda: QCoreApplication.translate("ReportFigures", "Messages sent by agents."),
    ),
    Figure(
        "blocks_per_100_sends",
        Unit.RATE,
        lambda: QCoreApplication.translate("ReportFigures", "Blocks per 100 sends"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Sends the guidelines blocked, per 100 sends."
        ),
    ),
    Figure(
        "overrides_per_100_sends",
        Unit.RATE,
        lambda: QCoreApplication.translate("ReportFigures", "Overrides per 100 sends"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Guideline warnings sent anyway, per 100 sends."
        ),
    ),
    Figure(
        "canned_replies_per_100_sends",
        Unit.RATE,
        lambda: QCoreApplication.translate("ReportFigures", "Canned replies per 100 sends"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Sends whose text came from a canned reply, per 100 sends."
        ),
    ),
    Figure(
        "checklist_ticked_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "Checklist ticked"),
        lambda: QCoreApplication.translate("ReportFigures", "Closing checklist items ticked."),
    ),
    Figure(
        "promises_made",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Promises made"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Promises recorded to customers (by agent: those the agent made)."
        ),
    ),
    Figure(
        "promises_kept_on_time",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Kept on time"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Promises kept by their due date (by agent: of those the agent owns)."
        ),
    ),
    Figure(
        "promises_kept_late",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Kept late"),
        lambda: QCoreApplication.translate("ReportFigures", "Promises kept after their due date."),
    ),
    Figure(
        "promises_broken",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Broken"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Promises an agent marked as not going to be kept."
        ),
    ),
    Figure(
        "promises_overdue",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Overdue"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Promises still open past their due date."
        ),
    ),
    Figure(
        "closed_with_open_promise_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "Closed with a promise open"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Closed conversations in which a promise was still open at the close."
        ),
    ),
    Figure(
        "csat_surveys",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Surveys"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Satisfaction surveys sent after a close."
        ),
    ),
    Figure(
        "csat_responses",
        Unit.COUNT,
        lambda: QCoreApplication.translate("ReportFigures", "Ratings"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Surveys the customer answered with a rating."
        ),
    ),
    Figure(
        "csat_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "CSAT"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Ratings of 4 or 5 out of 5, of all ratings."
        ),
    ),
    Figure(
        "csat_average_rating",
        Unit.RATIO,
        lambda: QCoreApplication.translate("ReportFigures", "Average rating"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "The customers' average rating, from 1 to 5."
        ),
    ),
    Figure(
        "csat_response_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "Surveys answered"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Surveys the customer answered, of those sent."
        ),
    ),
    Figure(
        "occupancy_percent",
        Unit.PERCENT,
        lambda: QCoreApplication.translate("ReportFigures", "Occupancy"),
        lambda: QCoreApplication.translate(
            "ReportFigures", "Conversations held while available, relative to the capacity."
        ),
        by_agent_only=True,
    ),
)

FIGURE_KEYS: tuple[str, ...] = tuple(f.key for f in FIGURES)


def format_figure(unit: Unit, value: Any) -> str:
    """``value`` as the hub gave it, in words: "—" for an empty figure."""
    if value is None:
        return EMPTY
    locale = QLocale()
    if unit is Unit.DURATION:
        return format_duration(int(value))
    if unit is Unit.COUNT:
        return locale.toString(int(value))
    number = locale.toString(float(value), "f", _DECIMALS[unit])
    return percent(number) if unit is Unit.PERCENT else number


def percent(number: str) -> str:
    """A number already in words, as a percent ("90.8%", "90,8 %")."""
    return QCoreApplication.translate("ReportFigures", "%1%").replace("%1", number)
