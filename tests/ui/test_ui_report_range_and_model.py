"""The report's pieces on their own: the days a preset means (and after midnight), days
picked by hand, and the KPI table model with figures over nothing (shown "—", sorted
last) through every grouping, checked by Qt's model tester."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.ui.supervisor.my_day_dialog import MyDayDialog
from wa_desk.ui.supervisor.range_picker import RangePicker
from wa_desk.ui.supervisor.report_figures import EMPTY, FIGURES, Unit, format_figure
from wa_desk.ui.supervisor.report_model import ReportModel, ReportRoles, two_lines
from wa_desk.ui.supervisor.report_range import DayRange, RangePreset, preset_range
from wa_desk.ui.supervisor.reports_panel import ReportsPanel

TUESDAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("preset", "first", "last"),
    [
        (RangePreset.TODAY, TUESDAY, TUESDAY),
        (RangePreset.YESTERDAY, date(2026, 3, 9), date(2026, 3, 9)),
        (RangePreset.LAST_7_DAYS, date(2026, 3, 4), TUESDAY),
        (RangePreset.THIS_MONTH, date(2026, 3, 1), TUESDAY),
    ],
)
def test_a_preset_is_whole_local_days(preset: RangePreset, first: date, last: date) -> None:
    days = preset_range(preset, TUESDAY)
    assert days == DayRange(first, last)
    start, end = days.bounds()
    assert start.tzinfo is not None and end.tzinfo is not None
    # Local midnights: the first day's, and the one after the last day.
    assert (start.hour, start.minute, end.hour, end.minute) == (0, 0, 0, 0)
    assert start.date() == first and end.date() == last + timedelta(days=1)
    assert len(days.days()) == (last - first).days + 1


def test_the_picker_follows_presets_days_by_hand_and_midnight(qtbot: QtBot) -> None:
    today = [TUESDAY]
    picker = RangePicker(preset=RangePreset.TODAY, today=lambda: today[0])
    qtbot.addWidget(picker)
    assert picker.days() == DayRange(TUESDAY, TUESDAY)
    with qtbot.waitSignal(picker.rangeChanged):
        picker.preset.setCurrentIndex(picker.preset.findData(RangePreset.LAST_7_DAYS.value))
    assert picker.days() == DayRange(date(2026, 3, 4), TUESDAY)

    # A first day after the last: the last follows; the range is now the user's own.
    with qtbot.waitSignal(picker.rangeChanged):
        picker.first.setDate(picker.first.date().addDays(10))
    assert picker.days() == DayRange(TUESDAY, TUESDAY)
    assert picker.current_preset() is RangePreset.CUSTOM

    picker.set_preset(RangePreset.TODAY)
    today[0] = TUESDAY + timedelta(days=1)  # the app stayed open past midnight
    picker.follow_today()
    assert picker.days() == DayRange(today[0], today[0])
    picker.set_days(DayRange(date(2026, 2, 1), date(2026, 2, 3)))
    picker.follow_today()  # a range picked by hand stays
    assert picker.days() == DayRange(date(2026, 2, 1), date(2026, 2, 3))


def test_the_model_through_every_grouping(qtmodeltester: ModelTester) -> None:
    model = ReportModel()
    qtmodeltester.check(model)
    iso = [(TUESDAY - timedelta(days=n)).isoformat() for n in range(6, -1, -1)]
    for group in ReportGroup:
        rows = sd.report_groups(group.value, iso)
        model.show_report(group, rows)
        qtmodeltester.check(model)
        keys = model.figure_keys()
        assert ("occupancy_percent" in keys) is (group is ReportGroup.AGENT)
        assert model.rowCount() == len(rows)
        assert model.columnCount() == 1 + len(keys)
        for row, expected in enumerate(rows):
            assert model.index(row, 0).data(ReportRoles.VALUE) == expected["key"]
            for column, key in enumerate(keys, start=1):
                assert model.index(row, column).data(ReportRoles.VALUE) == expected[key]
                assert model.index(row, column).data(ReportRoles.FIGURE) == key
    model.show_report(ReportGroup.DAY, sd.report_groups("day", iso))
    assert model.index(0, 0).data() != iso[0]  # the day in words, not its ISO date


def test_figures_over_nothing_read_a_dash_and_sort_last(qtmodeltester: ModelTester) -> None:
    model = ReportModel()
    rows = sd.report_groups("queue", [])
    assert any(r["sla_percent"] is None for r in rows)  # facturación judges no clock
    model.show_report(ReportGroup.QUEUE, rows)
    column = 1 + model.figure_keys().index("sla_percent")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(column, order)
        qtmodeltester.check(model)
        shown = [model.index(r, column).data() for r in range(model.rowCount())]
        values = [model.index(r, column).data(ReportRoles.VALUE) for r in range(model.rowCount())]
        assert shown[-1] == EMPTY and values[-1] is None
        assert EMPTY not in shown[:-1]
    assert all(model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()))


def test_long_titles_go_on_two_lines() -> None:
    assert two_lines("Closed") == "Closed"
    assert two_lines("First response (business)") == "First response\n(business)"
    assert all(two_lines(f.title()).replace("\n", " ") == f.title() for f in FIGURES)


def test_bounds_are_sent_in_utc() -> None:
    start, _end = DayRange(TUESDAY, TUESDAY).bounds()
    assert start.astimezone(UTC) == datetime.combine(TUESDAY, datetime.min.time()).astimezone(UTC)


@pytest.mark.usefixtures("spanish")
def test_the_reports_speak_spanish(qtbot: QtBot) -> None:
    panel = ReportsPanel(today=lambda: TUESDAY)
    qtbot.addWidget(panel)
    assert [panel.group.itemText(i) for i in range(3)] == ["Por cola", "Por agente", "Por día"]
    panel.show_report(ReportGroup.QUEUE, sd.report_groups("queue", []), None)
    assert panel.model.headerData(1, Qt.Orientation.Horizontal) == "Conversaciones"
    assert format_figure(Unit.PERCENT, 90.8) == "90,8 %"
    assert format_figure(Unit.RATIO, 0.25) == "0,25"
    dialog = MyDayDialog(today=lambda: TUESDAY)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Mi día"
