"""The hub takes a new version of its policy file into use while an agent is writing: the
desktop hears ``policy.changed`` on the stream, fetches the policy again with the ETag it
holds, and the composer judges the draft by the new rules at once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_driver import run, signed_in, started, state_of, until
from hub_harness import RunningHub, running_hub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.hub.policy_file import read_policy_file
from wa_desk.hub.policy_reload import Reason, reload_policy
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings

WA_ID = "34655500099"
CARD_TEXT = "Dime tu tarjeta: 4111 1111 1111 1111"
FIRST = """[[policy.rules]]
id = "promesa"
phrase = "te lo garantizo"
severity = "warn"
message = "No prometas lo que no depende de ti."
"""
SECOND = (
    FIRST
    + """
[[policy.rules]]
id = "tarjeta"
detector = "payment_card"
severity = "block"
message = "Nunca pidas ni envíes números de tarjeta."
"""
)


@pytest.fixture
def policy_path(tmp_path: Path) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(FIRST)
    return path


@pytest.fixture
def hub(tmp_path: Path, desktop_data_home: Path, policy_path: Path) -> Iterator[RunningHub]:
    version = read_policy_file(policy_path)
    settings = {
        "policy_file": policy_path,
        "policy_hash": version.digest,
        "guidelines": version.guidelines,
    }
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    with running_hub(url, time_scale=0.02, hub_settings=settings) as running:
        running.add_user("ana", "agent", ("ventas",))
        yield running


def test_the_desktop_refetches_the_policy_and_judges_by_the_new_rules(
    qapp: QApplication, hub: RunningHub, settings: Settings, policy_path: Path
) -> None:
    hub.customer_writes("wamid.p1", WA_ID, "Hola, ¿me ayudáis con un pago?")
    hub.add_user("beto", "agent", ("ventas",))
    beto = hub.login("beto")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            session = await until(lambda: app.session)
            await until(lambda: session.stream.connected)
            await until(lambda: [r.id for r in session.guidelines.rules] == ["promesa"])
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            window.conversation_view.claimRequested.emit(conv_id)
            await until(lambda: state_of(window, conv_id) == "assigned")
            composer = window.conversation_view.composer
            await until(lambda: composer.can_write())
            composer.editor.setPlainText(CARD_TEXT)
            composer.judge_draft()
            assert composer.blocked_by() is None  # no rule against it yet
            _bundle, etag_before = session.store.policy()

            await asyncio.to_thread(policy_path.write_text, SECOND)
            assert await asyncio.to_thread(hub.run, reload_policy(hub.ctx, Reason.SIGNAL))
            await until(lambda: "tarjeta" in [r.id for r in session.guidelines.rules])
            blocked = await until(composer.blocked_by)
            assert blocked.id == "tarjeta" and not composer.send_button.isEnabled()
            # The copy kept is the hub's current one, under the hub's new ETag.
            bundle, etag_after = session.store.policy()
            hub_now = beto.get("/api/v1/policy")  # a colleague of the same queue
            assert etag_after == hub_now.headers["etag"] != etag_before
            assert bundle is not None and bundle["rules"] == hub_now.json()["rules"]

    run(qapp, scenario)
