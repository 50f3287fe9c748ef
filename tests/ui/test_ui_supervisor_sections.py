"""The supervisor's page of the real app against a real hub, section by section: an
alert raised by the hub shows its count on the Alerts tab and the tray, opening it from
the panel shows its conversation in the inbox's panes, and the Reports tab loads the
hub's report when first looked at."""

from __future__ import annotations

import asyncio

import pytest
from desktop_driver import run, signed_in, started, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.alert_kinds import AlertKind
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow, WindowPage
from wa_desk.ui.supervisor.alerts_model import AlertRoles


@pytest.fixture
def lead(hub: RunningHub) -> str:
    """Lucía, the supervisor of "ventas" (where Ana works)."""
    return hub.add_user("lucia", "supervisor", ("ventas",))


def _alerts_tab(window: MainWindow) -> str:
    page = window.supervisor_page
    return page.tabText(page.indexOf(page.alerts))


def _select_alert_of_kind(window: MainWindow, kind: str) -> bool:
    panel = window.supervisor_page.alerts
    model = panel.model
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        if group.data(AlertRoles.KIND) == kind and model.rowCount(group):
            alert = model.index(0, 0, group).data(AlertRoles.ALERT)
            panel.select_alert(int(alert["id"]))
            return True
    return False


def test_an_alert_counts_on_its_tab_and_the_tray_and_opens_its_conversation(
    qapp: QApplication, hub: RunningHub, settings: Settings, lead: str
) -> None:
    hub.login("ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "lucia"))
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            window.choose_page(WindowPage.SUPERVISOR)
            page = window.supervisor_page
            assert [page.tabText(i) for i in range(page.count())] == [
                "&Wallboard",
                "&Heat-map",
                "A&lerts",
                "&Reports",
            ]
            # A customer writes three times in a row and nobody answers: the hub alerts.
            cid = await asyncio.to_thread(hub.new_conversation, "34600000009", seen_by="ana")
            for i in (2, 3):
                await asyncio.to_thread(
                    hub.customer_writes, f"wamid.u{i}", "34600000009", f"¿Hola? {i}"
                )
            await until(lambda: _alerts_tab(window).startswith("A&lerts ("), within=20)
            count = page.alerts.open_count()
            assert count >= 1 and _alerts_tab(window) == f"A&lerts ({count})"
            assert f"{count}" in window.tray.tooltip()

            page.show_section(page.alerts)
            await until(lambda: _select_alert_of_kind(window, AlertKind.UNANSWERED_STREAK))
            page.alerts.open_current()
            assert window.page() is WindowPage.AGENT
            await until(lambda: window.conversation_view.current_id() == cid)

            window.choose_page(WindowPage.SUPERVISOR)
            page.show_section(page.reports)
            await until(lambda: page.reports.model.rowCount() > 0, within=20)

    run(qapp, scenario)
