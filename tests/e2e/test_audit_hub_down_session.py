"""The hub is down for an agent's whole session: the real desktop app, started with the
token of an earlier sign-in, records every action in its log; when the hub is back the
whole log arrives, in order, exactly as written here."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx
import pytest
import qasync
from hub_harness import PASSWORD
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.audit_chain import verify
from wa_desk.hub.queries import audit_log
from wa_desk.ui.desktop_app import DesktopApp, SignedIn
from wa_desk.ui.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

STATUS_CHANGES = 200


def run(qapp: QApplication, scenario: Callable[[], Coroutine[Any, Any, Any]]) -> None:
    quits = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    try:
        with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
            runner.run(scenario())
    finally:
        qapp.setQuitOnLastWindowClosed(quits)


async def until(predicate: Callable[[], Any], within: float = 40.0) -> Any:
    deadline = time.monotonic() + within
    while not (value := predicate()):
        assert time.monotonic() < deadline, "the app did not get there in time"
        await asyncio.sleep(0.05)
    return value


def test_a_whole_session_without_the_hub_arrives_in_order_once_it_is_back(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the local store
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    box = RestartableHub(tmp_path / "hub.sqlite3")
    try:
        me = box.running.add_user("ana")
        body = httpx.post(
            f"{box.url}/api/v1/auth/login", json={"username": "ana", "password": PASSWORD}
        ).json()
        earlier = SignedIn(box.url, body["token"], body["user"])
        box.stop()

        async def scenario() -> None:
            app = DesktopApp(qapp, settings, CredentialStore(), preset=earlier)
            assert await app.start()
            window, store = app.window, app.store
            assert window is not None and store is not None and app.syncer is not None
            try:
                for i in range(STATUS_CHANGES):
                    window.statusChangeRequested.emit("away" if i % 2 == 0 else "available")
                    if i % 20 == 0:
                        await asyncio.sleep(0)  # the agent works; the loop keeps running
                syncer = app.syncer
                await until(lambda: syncer.status.waiting_for_hub)
                await until(lambda: syncer.status.pending == STATUS_CHANGES + 1)
                assert "actions to sync" in window.sync_status.label.text()

                await asyncio.to_thread(box.start)
                await until(
                    lambda: syncer.status.pending == 0 and not syncer.status.waiting_for_hub
                )
                assert window.sync_status.label.text() == "All actions synced"
                device = store.chain_id(me)
                local = await asyncio.to_thread(store.chain_events, device, 0, 10_000)
            finally:
                await app.stop()
                window.close()
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
