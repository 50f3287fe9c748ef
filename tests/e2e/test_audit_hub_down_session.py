"""The hub is down for an agent's whole session: the real desktop app, started with the
token of an earlier sign-in, records every action in its log; when the hub is back the
whole log arrives, in order, exactly as written here."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from desktop_driver import run, signed_in, started, until
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.audit_chain import verify
from wa_desk.hub.queries import audit_log
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

STATUS_CHANGES = 200
PATIENCE = 40.0  # seconds for the app to get somewhere: 200 actions on a busy machine


def test_a_whole_session_without_the_hub_arrives_in_order_once_it_is_back(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the local store
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    box = RestartableHub(tmp_path / "hub.sqlite3")
    try:
        me = box.running.add_user("ana")
        earlier = signed_in(box.running, "ana")
        box.stop()

        async def scenario() -> None:
            app = DesktopApp(qapp, settings, CredentialStore(), preset=earlier)
            async with started(app) as window:
                store = app.store
                assert store is not None and app.session.syncer is not None
                for i in range(STATUS_CHANGES):
                    window.statusChangeRequested.emit("away" if i % 2 == 0 else "available")
                    if i % 20 == 0:
                        await asyncio.sleep(0)  # the agent works; the loop keeps running
                syncer = app.session.syncer
                await until(lambda: syncer.status.waiting_for_hub, PATIENCE)
                await until(lambda: syncer.status.pending == STATUS_CHANGES + 1, PATIENCE)
                count = f"{STATUS_CHANGES + 1} waiting to be sent"
                await until(lambda: window.sync_status.label.text() == count, PATIENCE)

                await asyncio.to_thread(box.start)
                await until(
                    lambda: syncer.status.pending == 0 and not syncer.status.waiting_for_hub,
                    PATIENCE,
                )
                await until(lambda: window.sync_status.label.text() == "All sent", PATIENCE)
                device = store.chain_id(me)
                local = await asyncio.to_thread(store.chain_events, device, 0, 10_000)
            on_hub = box.running.ctx.db.read_sync(
                lambda c: audit_log.chain_events(c, device, 0, 10_000)
            )
            assert [e["kind"] for e in local] == ["session.started"] + [
                "agent.status_changed"
            ] * STATUS_CHANGES
            assert [e["seq"] for e in on_hub] == list(range(1, STATUS_CHANGES + 2))
            assert on_hub == local
            assert verify(on_hub) == []

        run(qapp, scenario)
    finally:
        box.close()
