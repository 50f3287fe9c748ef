"""What the heat-map says in words: its metrics, rows and ranges, units, and each figure
both short (inside a cell) and exact (in the tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from wa_desk.core.heatmap import HeatmapMetric, HeatmapRows
from wa_desk.ui.common.timefmt import format_duration
from wa_desk.ui.supervisor.heatmap_range import HeatmapRange


def metric_names() -> dict[HeatmapMetric, str]:
    return {
        HeatmapMetric.VOLUME: QCoreApplication.translate("Heatmap", "Messages received"),
        HeatmapMetric.CONVERSATIONS: QCoreApplication.translate("Heatmap", "Conversations opened"),
        HeatmapMetric.WAITING: QCoreApplication.translate("Heatmap", "Customers waiting"),
        HeatmapMetric.FIRST_RESPONSE: QCoreApplication.translate(
            "Heatmap", "First response time (median)"
        ),
        HeatmapMetric.SLA_BREACHES: QCoreApplication.translate("Heatmap", "SLA breaches"),
        HeatmapMetric.ABANDONED: QCoreApplication.translate("Heatmap", "Abandoned"),
    }


def row_kind_names() -> dict[HeatmapRows, str]:
    return {
        HeatmapRows.QUEUE: QCoreApplication.translate("Heatmap", "By queue"),
        HeatmapRows.AGENT: QCoreApplication.translate("Heatmap", "By agent"),
    }


def range_names() -> dict[HeatmapRange, str]:
    return {
        HeatmapRange.DAY: QCoreApplication.translate("Heatmap", "Last 24 hours (15 min)"),
        HeatmapRange.WEEK: QCoreApplication.translate("Heatmap", "Last 7 days (hourly)"),
        HeatmapRange.WEEKDAY_HOUR_4: QCoreApplication.translate(
            "Heatmap", "Weekday × hour, 4 weeks"
        ),
        HeatmapRange.WEEKDAY_HOUR_8: QCoreApplication.translate(
            "Heatmap", "Weekday × hour, 8 weeks"
        ),
    }


def unit_name(metric: HeatmapMetric, weekly: bool) -> str:
    """The legend's unit: what one figure counts (per week in a weekday × hour map)."""
    units = {
        HeatmapMetric.VOLUME: QCoreApplication.translate("Heatmap", "messages"),
        HeatmapMetric.CONVERSATIONS: QCoreApplication.translate("Heatmap", "conversations"),
        HeatmapMetric.WAITING: QCoreApplication.translate("Heatmap", "customers"),
        HeatmapMetric.FIRST_RESPONSE: QCoreApplication.translate("Heatmap", "median time"),
        HeatmapMetric.SLA_BREACHES: QCoreApplication.translate("Heatmap", "breached clocks"),
        HeatmapMetric.ABANDONED: QCoreApplication.translate("Heatmap", "abandoned periods"),
    }
    unit = units[metric]
    if weekly and metric is not HeatmapMetric.FIRST_RESPONSE:
        return QCoreApplication.translate("Heatmap", "%1 per week (mean)").replace("%1", unit)
    return unit


def no_figure() -> str:
    return QCoreApplication.translate("Heatmap", "no data")


def _number(value: float, decimals: int) -> str:
    if float(value).is_integer():
        return QLocale().toString(int(value))
    return (
        QLocale().toString(float(value), "f", decimals).rstrip("0").rstrip(QLocale().decimalPoint())
    )


def short_figure(metric: HeatmapMetric, value: float | None) -> str:
    """The figure inside a cell: a count (one decimal for a mean), a duration rounded."""
    if value is None:
        return ""
    if metric is HeatmapMetric.FIRST_RESPONSE:
        return format_duration(int(value))
    return _number(value, 1)


def exact_figure(metric: HeatmapMetric, value: float | None) -> str:
    """The figure as the hub gave it: every decimal of a mean, a duration to the second."""
    if value is None:
        return no_figure()
    if metric is HeatmapMetric.FIRST_RESPONSE:
        ms = int(value)
        hours, rest = divmod(ms // 1000, 3600)
        minutes, seconds = divmod(rest, 60)
        if hours:
            text = QCoreApplication.translate("Heatmap", "%1 h %2 min %3 s")
        elif minutes:
            text = QCoreApplication.translate("Heatmap", "%2 min %3 s")
        else:
            text = QCoreApplication.translate("Heatmap", "%3 s")
        return (
            text.replace("%1", str(hours))
            .replace("%2", str(minutes))
            .replace("%3", _number((ms % 60_000) / 1000 if not hours else seconds, 3))
        )
    return _number(value, 3)
