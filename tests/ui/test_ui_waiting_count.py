"""The status bar's one count against a real hub that stops and comes back: what the agent
does meanwhile counts once per thing done (its request and its audit record together),
and the count goes back to "All sent" when the server has taken it all."""

from __future__ import annotations

from desktop_driver import run, signed_in, started, until
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings

PATIENCE = 30.0


def test_the_count_rises_while_the_server_is_down_and_clears_when_it_is_back(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    preset = signed_in(hub_box.running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            label = window.sync_status.label
            store = app.store
            assert store is not None
            # The sign-in's own record (session.started) has reached the server.
            await until(lambda: store.action_chains()[0].acked_seq == 1, PATIENCE)
            await until(lambda: label.text() == "All sent", PATIENCE)

            hub_box.stop()
            for status in ("away", "available", "away"):
                window.statusChangeRequested.emit(status)
            # Three changes: three requests and three audit records, three things done.
            await until(lambda: label.text() == "3 waiting to be sent", PATIENCE)
            session = app.session
            assert session is not None
            await until(lambda: session.syncer.status.waiting_for_hub, PATIENCE)
            await until(lambda: "Last problem" in label.toolTip(), PATIENCE)
            details = label.toolTip().split("\n")
            assert details[:3] == ["Messages: 0", "Other actions: 3", "Action log entries: 3"]
            assert details[-1] == "Last problem: The server cannot be reached."
            assert window.sync_status.sync_now.isVisible()

            hub_box.start()
            window.sync_status.sync_now.click()
            await until(lambda: label.text() == "All sent", PATIENCE)
            assert label.toolTip() == "Everything you did has reached the server."
            assert window.sync_status.sync_now.isHidden()

    run(qapp, scenario)
