"""A queue's tile in words: each figure's title and value, in the UI language, and
whether it asks for attention (shown in the warning colour, its words saying why)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from wa_desk.core.clock import Millis
from wa_desk.ui.common.timefmt import format_duration

NONE_SHOWN = "—"


@dataclass(frozen=True)
class Figure:
    title: str
    value: str
    attention: bool = False


def _duration(ms: Millis | None) -> str:
    return NONE_SHOWN if ms is None else format_duration(ms)


def percent(value: float | None) -> str:
    if value is None:
        return NONE_SHOWN
    return QCoreApplication.translate("Wallboard", "%1 %").replace(
        "%1", QLocale().toString(float(value), "f", 1)
    )


def queue_figures(row: dict[str, Any], longest_wait_ms: Millis | None) -> list[Figure]:
    """The tile's six figures, in reading order."""
    at_risk = int(row.get("at_risk") or 0)
    closing = int(row.get("windows_closing") or 0)
    frt = row.get("first_response_median_today_ms")
    return [
        Figure(
            QCoreApplication.translate("Wallboard", "Waiting"), str(int(row.get("waiting") or 0))
        ),
        Figure(QCoreApplication.translate("Wallboard", "Longest wait"), _duration(longest_wait_ms)),
        Figure(
            QCoreApplication.translate("Wallboard", "SLA today"),
            percent(row.get("sla_percent_today")),
        ),
        Figure(
            QCoreApplication.translate("Wallboard", "Median first reply"),
            _duration(None if frt is None else int(frt)),
        ),
        Figure(QCoreApplication.translate("Wallboard", "At risk now"), str(at_risk), at_risk > 0),
        Figure(
            QCoreApplication.translate("Wallboard", "Windows closing"), str(closing), closing > 0
        ),
    ]


def describe_queue(row: dict[str, Any], longest_wait_ms: Millis | None) -> str:
    """The tile as a screen reader says it."""
    parts = [f"{f.title}: {f.value}" for f in queue_figures(row, longest_wait_ms)]
    return ", ".join([str(row.get("queue") or ""), *parts])
