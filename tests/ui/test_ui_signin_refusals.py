"""The sign-in dialog says why the hub refuses: a wrong password, too many attempts (and
for how long), a locked account (and who can unlock it), never a generic error."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_driver import run, signing_in, until
from hub_harness import PASSWORD, RunningHub, running_hub
from PySide6.QtWidgets import QApplication

from wa_desk.hub.session_policy import SessionPolicy
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.signin_dialog import SigninDialog


@pytest.fixture
def strict_hub(tmp_path: Path, desktop_data_home: Path) -> Iterator[RunningHub]:
    # A wait long enough that no slow machine outlasts it between two clicks; the test
    # ends it itself (_wait_is_over).
    policy = SessionPolicy(
        login_free_failures=2, lockout_failures=3, login_backoff_first_seconds=120.0
    )
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    with running_hub(url, time_scale=0.02, hub_settings={"sessions": policy}) as running:
        running.add_user("ana", "agent", ("ventas",))
        yield running


def _wait_is_over(hub: RunningHub) -> None:
    hub.ctx.db.write_sync(lambda c: c.execute("UPDATE sign_in_failures SET retry_at = 0"))


def test_the_dialog_says_to_wait_and_then_that_the_account_is_locked(
    qapp: QApplication, strict_hub: RunningHub, settings: Settings
) -> None:
    hub = strict_hub

    async def scenario() -> None:
        _app, starting, dialog = await signing_in(qapp, settings, hub.url, "ana")

        async def try_password(password: str) -> str:
            dialog.error.setText("")
            dialog.password.setText(password)
            dialog.sign_in.click()
            await until(lambda: dialog.error.text())
            return dialog.error.text()

        assert await try_password("not it") == "Wrong user name or password."
        assert await try_password("not it") == "Wrong user name or password."
        waiting = await try_password(PASSWORD)
        assert waiting.startswith("Too many attempts: try again in ")
        assert waiting.endswith(" 2 min.")
        await asyncio.to_thread(_wait_is_over, hub)
        assert await try_password("not it") == SigninDialog.tr_locked()
        assert await try_password(PASSWORD) == SigninDialog.tr_locked()
        assert "administrator" in SigninDialog.tr_locked()
        dialog.reject()
        assert not await starting

    run(qapp, scenario)
