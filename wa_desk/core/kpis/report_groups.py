"""How a report groups its figures (docs/kpis.md "Reports"): shared by the hub that
computes them and the desktop that asks for them."""

from __future__ import annotations

from enum import StrEnum


class ReportGroup(StrEnum):
    QUEUE = "queue"
    AGENT = "agent"  # each conversation counts for everyone who held it
    DAY = "day"  # the opening's date in the queue's time zone
