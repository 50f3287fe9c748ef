"""Sign-out sends the agent's last actions (their ``session.ended`` among them) while the
token is still good, and never waits long for a hub that is away; a session the hub
refused is recorded as ended ("expired") too."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from desktop_driver import run, signed_in, signed_out, started, until, visible_dialog
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.hub.queries import audit_log
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.signin_dialog import SigninDialog


def _hub_kinds(box: RestartableHub, device: str) -> list[tuple[str, Any]]:
    events = box.running.ctx.db.read_sync(lambda c: audit_log.chain_events(c, device, 0, 1000))
    return [(e["kind"], e["data"].get("reason")) for e in events]


def test_signing_out_sends_the_last_actions_before_the_token_goes(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    preset = signed_in(hub_box.running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            assert app.store is not None and app.session is not None
            store, me = app.store, str(app.session.user["id"])
            device = store.chain_id(me)
            window.signOutRequested.emit()
            dialog = await until(lambda: visible_dialog(SigninDialog))
            # Already on the hub, not at the next sign-in.
            assert _hub_kinds(hub_box, device)[-1] == ("session.ended", "signed_out")
            assert store.action_chains()[0].unsynced == 0
            assert window.sync_status.label.text() == "Syncing your last actions…"
            dialog.reject()
            await until(lambda: signed_out(window))
            assert not app.quit.done()  # the window waits, signed out

    run(qapp, scenario)


def test_signing_out_with_the_hub_away_keeps_the_actions_for_the_next_sign_in(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    preset = signed_in(hub_box.running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            assert app.store is not None and app.session is not None
            store, me = app.store, str(app.session.user["id"])
            await until(lambda: store.action_chains()[0].unsynced == 0)
            await asyncio.to_thread(hub_box.stop)
            window.statusChangeRequested.emit("break")
            window.signOutRequested.emit()
            dialog = await until(lambda: visible_dialog(SigninDialog))
            kinds = [(a["kind"], a["data"].get("reason")) for a in store.actions()]
            assert kinds[-1] == ("session.ended", "signed_out")
            assert store.action_chains()[0].unsynced >= 2  # the status change and the end
            assert store.action_chains()[0].user_id == me
            dialog.reject()
            await until(lambda: signed_out(window))
            assert not app.quit.done()  # the window waits, signed out

    run(qapp, scenario)


def test_a_session_the_hub_refused_is_recorded_as_ended_expired(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    preset = signed_in(hub_box.running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            assert app.store is not None
            store = app.store
            logout = await asyncio.to_thread(
                httpx.post,
                f"{hub_box.url}/api/v1/auth/logout",
                headers={"Authorization": f"Bearer {preset.token}"},
            )
            assert logout.status_code == 204
            window.statusChangeRequested.emit("break")
            dialog = await until(lambda: visible_dialog(SigninDialog))
            ended = [a for a in store.actions() if a["kind"] == "session.ended"]
            assert [a["data"] for a in ended] == [{"reason": "expired"}]
            dialog.reject()
            await until(lambda: signed_out(window))
            assert not app.quit.done()  # the window waits, signed out

    run(qapp, scenario)
