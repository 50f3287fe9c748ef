"""The supervisor's reports against a real hub, through a real signed-in Session: the
table holds exactly the hub's report for the range (each grouping, each figure), the
chart its days, and the CSV export writes exactly the hub's report.csv, with progress;
cancelled or with the hub gone, it leaves no file behind."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from desktop_driver import run, signed_in, started, until
from hub_harness import RunningHub
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from report_scenario import LEAD, hub_csv, hub_report, worked_day
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.common.timefmt import format_duration
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.supervisor.report_figures import EMPTY, FIGURES, Unit
from wa_desk.ui.supervisor.report_model import ReportModel, ReportRoles
from wa_desk.ui.supervisor.report_range import DayRange, RangePreset
from wa_desk.ui.supervisor.reports_controller import ReportsController
from wa_desk.ui.supervisor.reports_panel import ReportsPanel

UNITS = {f.key: f.unit for f in FIGURES}


@asynccontextmanager
async def reports(
    qapp: QApplication, settings: Settings, hub_url: str, signed: Any
) -> AsyncIterator[tuple[DesktopApp, ReportsPanel, ReportsController]]:
    """The lead's app signed in, and the reports tab built on its session and shown (it
    fetches its first report when first shown)."""
    app = DesktopApp(qapp, settings, CredentialStore(), preset=signed)
    async with started(app):
        assert app.session is not None
        panel = ReportsPanel()
        controller = ReportsController(app.session, panel)
        panel.resize(1200, 760)
        panel.show()
        await until(lambda: controller.busy)
        await until(lambda: not controller.busy)
        try:
            yield app, panel, controller
        finally:
            controller.close()
            panel.close()
            panel.deleteLater()


def table(model: ReportModel) -> list[dict[str, Any]]:
    """The table's cells as the hub's values: each row's key and figures."""
    keys = ["key", *model.figure_keys()]
    return [
        {key: model.index(row, column).data(ReportRoles.VALUE) for column, key in enumerate(keys)}
        for row in range(model.rowCount())
    ]


def test_the_table_is_the_hubs_report_for_each_grouping(
    qapp: QApplication, hub: RunningHub, settings: Settings, qtmodeltester: ModelTester
) -> None:
    worked_day(hub)
    lola = hub.client(LEAD)

    async def scenario() -> None:
        async with reports(qapp, settings, hub.url, signed_in(hub, LEAD)) as (_app, panel, c):
            assert panel.range.current_preset() is RangePreset.LAST_7_DAYS
            bounds = panel.days().bounds()
            for group in (ReportGroup.QUEUE, ReportGroup.AGENT, ReportGroup.DAY):
                panel.set_group(group)
                await until(lambda g=group: not c.busy and panel.model.group is g)
                model = panel.model
                qtmodeltester.check(model)
                expected = (await asyncio.to_thread(hub_report, lola, bounds, group))["groups"]
                assert expected, group
                # Every figure the hub gives is a column (occupancy by agent only).
                figures = [k for k in expected[0] if k not in ("key", "name")]
                if group is not ReportGroup.AGENT:
                    figures.remove("occupancy_percent")
                assert sorted(model.figure_keys()) == sorted(figures)
                assert table(model) == [
                    {"key": g["key"], **{k: g[k] for k in model.figure_keys()}} for g in expected
                ]
                for row, g in enumerate(expected):
                    for column, key in enumerate(model.figure_keys(), start=1):
                        shown = model.index(row, column).data()
                        if g[key] is None:
                            assert shown == EMPTY, (group, key)
                        elif UNITS[key] is Unit.DURATION:
                            assert shown == format_duration(g[key]), (group, key)
                        else:
                            assert shown != EMPTY and shown, (group, key)
                    name = model.index(row, 0).data()
                    wanted = g["name"] if group is ReportGroup.AGENT else None
                    assert wanted is None or wanted in name

            # The chart: the conversations and SLA % of each day the hub reports.
            by_day = (await asyncio.to_thread(hub_report, lola, bounds, ReportGroup.DAY))["groups"]
            points = {p.day.isoformat(): p for p in panel.chart.points()}
            assert len(points) == 7
            for g in by_day:
                assert points[g["key"]].conversations == g["conversations"]
                assert points[g["key"]].sla_percent == g["sla_percent"]
            assert sum(p.conversations for p in points.values()) == 5

            # Sorted by a figure: by the hub's values, the empty ones last.
            panel.set_group(ReportGroup.AGENT)
            await until(lambda: not c.busy and panel.model.group is ReportGroup.AGENT)
            column = 1 + panel.model.figure_keys().index("conversations")
            panel.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
            counts = [r["conversations"] for r in table(panel.model)]
            assert counts == sorted(counts, reverse=True)
            qtmodeltester.check(panel.model)
            # A new report keeps the order asked for.
            panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
            panel.refresh.click()
            await until(lambda: c.busy)
            await until(lambda: not c.busy)
            names = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
            assert len(names) == 3 and names == sorted(names, reverse=True)

    run(qapp, scenario)


def test_a_range_with_nothing_reads_so_and_the_chart_stays_empty(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    worked_day(hub)

    async def scenario() -> None:
        async with reports(qapp, settings, hub.url, signed_in(hub, LEAD)) as (_app, panel, c):
            assert panel.model.rowCount() == 2  # ventas and soporte, the last 7 days
            month_ago = panel.days().last - timedelta(days=30)
            panel.range.set_days(DayRange(month_ago, month_ago))
            await until(lambda: not c.busy)
            lola = hub.client(LEAD)
            expected = await asyncio.to_thread(
                hub_report, lola, panel.days().bounds(), ReportGroup.QUEUE
            )
            assert expected["groups"] == []
            assert panel.model.rowCount() == 0
            assert panel.state.text() == panel.tr("No conversations were opened in this range.")
            assert [p.conversations for p in panel.chart.points()] == [0]

    run(qapp, scenario)


def test_the_csv_export_writes_the_hubs_rows_with_progress(
    qapp: QApplication, hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    worked_day(hub)
    lola = hub.client(LEAD)
    target = tmp_path / "exports" / "ventas.csv"
    target.parent.mkdir()

    async def scenario() -> None:
        async with reports(qapp, settings, hub.url, signed_in(hub, LEAD)) as (_app, panel, c):
            progress: list[tuple[int, int]] = []
            ended: list[str] = []
            c.exportProgressed.connect(lambda b, r: progress.append((b, r)))
            c.exportEnded.connect(ended.append)
            panel.export.click()  # the user picks where, in a file dialog
            dialog = panel.file_dialog
            assert dialog is not None and dialog.isVisible()
            dialog.selectFile(str(target))
            dialog.accept()
            await until(lambda: ended)
            assert ended == [str(target)]
            ours = target.read_bytes()
            theirs = await asyncio.to_thread(hub_csv, lola, panel.days().bounds())
            assert ours == theirs
            # Progress went forward to the whole file and its five conversations.
            assert progress, "no progress shown"
            assert [b for b, _r in progress] == sorted({b for b, _r in progress})
            assert progress[-1] == (len(ours), 5)
            assert "5" in panel.export_state.text()
            assert panel.export.isEnabled() and not panel.cancel_export.isVisible()
            assert list(target.parent.iterdir()) == [target]  # nothing left beside it

    run(qapp, scenario)


def test_a_cancelled_export_leaves_no_file_and_keeps_an_older_one(
    qapp: QApplication, hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    worked_day(hub)
    fresh = tmp_path / "fresh.csv"
    kept = tmp_path / "kept.csv"
    kept.write_text("last week's report\n")

    async def scenario() -> None:
        async with reports(qapp, settings, hub.url, signed_in(hub, LEAD)) as (_app, panel, c):
            ended: list[str] = []
            c.exportEnded.connect(ended.append)
            # Cancelled as soon as the first rows are written.
            c.exportProgressed.connect(lambda _b, _r: panel.cancel_export.click())
            for target in (fresh, kept):
                ended.clear()
                task = c.export(str(target))
                assert task is not None
                await until(lambda: ended)
                assert ended == [""]
                assert panel.export_state.text() == panel.tr("Export cancelled: no file was saved.")

    run(qapp, scenario)
    assert not fresh.exists()
    assert kept.read_text() == "last week's report\n"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".part"]


def test_an_export_with_the_hub_gone_says_so_and_leaves_no_file(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings, tmp_path: Path
) -> None:
    hub = hub_box.running
    hub.add_user(LEAD, "supervisor", ("ventas",))
    target = tmp_path / "report.csv"

    async def scenario() -> None:
        async with reports(qapp, settings, hub.url, signed_in(hub, LEAD)) as (app, panel, c):
            await asyncio.to_thread(hub_box.stop)
            ended: list[str] = []
            c.exportEnded.connect(ended.append)
            c.export(str(target))
            await until(lambda: ended)
            assert ended == [""]
            assert "server" in panel.export_state.text()
            assert panel.export.isEnabled()
            assert app.window.problem_bar.isVisible()

    run(qapp, scenario)
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".part"]


def test_an_export_to_a_full_disk_says_so_and_leaves_no_part(
    qapp: QApplication, hub: RunningHub, settings: Settings, full_disk: Path
) -> None:
    worked_day(hub)
    target = full_disk / "report.csv"

    async def scenario() -> None:
        async with reports(qapp, settings, hub.url, signed_in(hub, LEAD)) as (app, panel, c):
            ended: list[str] = []
            c.exportEnded.connect(ended.append)
            c.export(str(target))
            await until(lambda: ended)
            assert ended == [""]
            why = c.tr(
                "The disk is full: the report was not saved. Free some space and export again."
            )
            assert panel.export_state.text() == why
            assert app.window.problem_bar.isVisible()
            assert why in app.window.problem_bar.text.text()

    run(qapp, scenario)
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


def test_an_agent_is_refused_the_reports_in_words(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    async def scenario() -> None:
        async with reports(qapp, settings, hub.url, signed_in(hub, "ana")) as (_app, panel, _c):
            assert panel.model.rowCount() == 0
            assert panel.state.text()
            assert panel.state.text() != panel.tr("Loading the report…")

    run(qapp, scenario)
