"""The agent's own status outlives a sign-out: the hub shows them offline while nobody is
signed in as them, and their next sign-in here sets back what they had chosen (through
the action path, so it is logged). Against a real hub."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from desktop_driver import run, signed_in, started, until, visible_dialog
from hub_harness import PASSWORD, RunningHub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.signin_dialog import SigninDialog


@pytest.fixture
def root(hub: RunningHub) -> httpx.Client:
    """An administrator, who reads everyone's status."""
    hub.add_user("root", "admin", ())
    return hub.login("root")


def _status_at_hub(root: httpx.Client, name: str) -> str:
    listed = root.get("/api/v1/agents").json()["items"]
    return str({a["name"]: a["status"] for a in listed}[name])


def _statuses_logged(app: DesktopApp) -> list[str]:
    assert app.store is not None
    return [
        a["data"]["status"]
        for a in app.store.actions()
        if a["kind"] == AuditKind.AGENT_STATUS_CHANGED
    ]


def test_available_at_sign_out_is_available_again_after_signing_in(
    qapp: QApplication, hub: RunningHub, settings: Settings, root: httpx.Client
) -> None:

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            window.status_combo.activated.emit(window.status_combo.findData("available"))
            await until(lambda: _status_at_hub(root, "ana") == "available")

            window.signOutRequested.emit()
            dialog = await until(lambda: visible_dialog(SigninDialog))
            # Signed out: colleagues and supervisors see her offline.
            assert await asyncio.to_thread(_status_at_hub, root, "ana") == "offline"

            dialog.hub.setText(hub.url)
            dialog.user.setText("ana")
            dialog.password.setText(PASSWORD)
            dialog.sign_in.click()
            await until(lambda: app.session is not None and app.session.stream.connected)
            # Back as she left: on the hub, in the status bar, and in her log twice.
            await until(lambda: _status_at_hub(root, "ana") == "available")
            assert window.status_combo.currentData() == "available"
            assert _statuses_logged(app) == ["available", "available"]

    run(qapp, scenario)


def test_away_when_the_app_closed_is_away_again_at_the_next_start(
    qapp: QApplication, hub: RunningHub, settings: Settings, root: httpx.Client
) -> None:
    first = signed_in(hub, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=first)
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            window.status_combo.activated.emit(window.status_combo.findData("away"))
            await until(lambda: _status_at_hub(root, "ana") == "away")
        # The app closed; later her session ends (here: signed out elsewhere), so the
        # hub shows her offline.
        ended = await asyncio.to_thread(
            httpx.post,
            f"{hub.url}/api/v1/auth/logout",
            headers={"Authorization": f"Bearer {first.token}"},
        )
        assert ended.status_code == 204
        assert await asyncio.to_thread(_status_at_hub, root, "ana") == "offline"

        again = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(again) as window:
            assert window.status_combo.currentData() == "away"
            await until(lambda: _status_at_hub(root, "ana") == "away")

    run(qapp, scenario)


def test_nothing_chosen_here_leaves_the_hubs_status_alone(
    qapp: QApplication, hub: RunningHub, settings: Settings, root: httpx.Client
) -> None:

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            assert window.status_combo.currentData() == "offline"
            assert _statuses_logged(app) == []
            assert await asyncio.to_thread(_status_at_hub, root, "ana") == "offline"

    run(qapp, scenario)
