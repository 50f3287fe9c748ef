""" "My day" in the real app against a real hub: an agent opens it from the View menu
and reads exactly the figures ``/api/v1/me/stats`` gives about them (the ones a
supervisor sees in a report by agent), for today and for a range they choose."""

from __future__ import annotations

import asyncio

from desktop_driver import run, signed_in, signed_out, started, until, visible_dialog
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication
from report_scenario import LEAD, hub_report, my_stats, worked_day

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.kpis.report_groups import ReportGroup
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.signin_dialog import SigninDialog
from wa_desk.ui.supervisor.my_day_dialog import MyDayDialog
from wa_desk.ui.supervisor.report_figures import EMPTY, FIGURE_KEYS, FIGURES, format_figure
from wa_desk.ui.supervisor.report_range import RangePreset

UNITS = {f.key: f.unit for f in FIGURES}


def test_an_agent_opens_my_day_from_the_menu_and_sees_their_own_figures(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    worked_day(hub)
    ana, lola = hub.client("ana"), hub.client(LEAD)

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            view = next(
                a.menu() for a in window.menuBar().actions() if a.menu() and "View" in a.text()
            )
            assert window.my_day_action in view.actions()
            window.my_day_action.trigger()
            dialog = await until(lambda: visible_dialog(MyDayDialog))
            assert app.my_day is not None
            controller = app.my_day[1]
            await until(lambda: not controller.busy)
            assert dialog.range.current_preset() is RangePreset.TODAY

            for preset in (RangePreset.TODAY, RangePreset.LAST_7_DAYS):
                dialog.range.set_preset(preset)
                controller.load()
                await until(lambda: not controller.busy)
                bounds = dialog.days().bounds()
                mine = await asyncio.to_thread(my_stats, ana, bounds)
                figures = mine["figures"]
                assert figures is not None and figures["conversations"] >= 1
                assert set(FIGURE_KEYS) == set(figures) - {"key", "name"}
                assert dialog.shown_values() == {k: figures[k] for k in FIGURE_KEYS}
                assert dialog.shown_texts() == {
                    k: format_figure(UNITS[k], figures[k]) for k in FIGURE_KEYS
                }
                # The very row a supervisor reads about her.
                by_agent = await asyncio.to_thread(hub_report, lola, bounds, ReportGroup.AGENT)
                hers = next(g for g in by_agent["groups"] if g["key"] == hub.user_ids["ana"])
                assert dialog.shown_values() == {k: hers[k] for k in FIGURE_KEYS}
            assert dialog.shown_texts()["occupancy_percent"] != EMPTY  # she was available

            dialog.reject()
            await until(lambda: app.my_day is None)
            window.my_day_action.trigger()  # opens again, fresh
            again = await until(lambda: visible_dialog(MyDayDialog))
            assert again is not dialog

    run(qapp, scenario)


def test_someone_who_held_nothing_reads_empty_figures_not_zeros(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            window.myDayRequested.emit()
            dialog = await until(lambda: visible_dialog(MyDayDialog))
            assert app.my_day is not None
            await until(lambda: app.my_day is not None and not app.my_day[1].busy)
            assert set(dialog.shown_texts().values()) == {EMPTY}
            assert dialog.state.text() == dialog.tr(
                "You held no conversation opened in this range."
            )

    run(qapp, scenario)


def test_signing_out_closes_my_day(qapp: QApplication, hub: RunningHub, settings: Settings) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            window.my_day_action.trigger()
            await until(lambda: visible_dialog(MyDayDialog))
            window.signOutRequested.emit()
            signing_in = await until(lambda: visible_dialog(SigninDialog))
            assert visible_dialog(MyDayDialog) is None and app.my_day is None
            signing_in.reject()
            await until(lambda: signed_out(window))
            window.my_day_action.trigger()  # nobody signed in: nothing to show
            assert visible_dialog(MyDayDialog) is None

    run(qapp, scenario)
