"""A conversation the queue's routing gives an agent, in their desktop app against a real
hub and simulator on SQLite and PostgreSQL: it appears in the agent's "Mine" view as
theirs, with no claim, from the stream alone; the inbox is saved as a screenshot in
English and in Spanish under the test's folder."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_driver import conversation, run, signed_in, started, until
from hub_harness import RunningHub, running_hub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.hub.settings import policy_guidelines
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings

WA_ID = "34655500888"


@pytest.fixture
def routed_hub(db_url: str, desktop_data_home: Path) -> Iterator[RunningHub]:
    with running_hub(db_url, time_scale=0.02) as running:
        running.add_user("ana", "agent", ("ventas",))
        guidelines = policy_guidelines({"routing": [{"queue": "*", "mode": "least_busy"}]})
        running.ctx.settings = dataclasses.replace(running.ctx.settings, guidelines=guidelines)
        yield running


def _status_of(hub: RunningHub, user_id: str) -> str:
    query = "SELECT status FROM users WHERE id = ?"
    return str(hub.ctx.db.read_sync(lambda c: c.scalar(query, (user_id,))))


def _routed_to_ana(qapp: QApplication, hub: RunningHub, settings: Settings, shot: Path) -> None:
    async def scenario() -> None:
        from wa_desk.ui.shell.main_window import MainWindow

        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            assert isinstance(window, MainWindow)
            inbox = window.inbox_view
            inbox.set_view("mine")
            assert inbox.view_count("mine") == 0
            ana = hub.user_ids["ana"]
            # Ana says she is available, as she would in the status bar.
            combo = window.status_combo
            combo.setCurrentIndex(combo.findData("available"))
            combo.activated.emit(combo.currentIndex())
            await until(lambda: _status_of(hub, ana) == "available")
            hub.customer_writes("wamid.routed.ui", WA_ID, "Hola, ¿me ayudáis?", name="Marta Gil")
            conv_id = await until(lambda: next(iter(inbox.model.ids()), None))
            await until(lambda: conversation(window, conv_id).get("assignee") == ana)
            assert conversation(window, conv_id)["state"] == "assigned"
            await until(lambda: inbox.filter.rowCount() == 1)
            assert inbox.view_count("mine") == 1
            assert inbox.select_conversation(conv_id)
            await until(lambda: window.conversation_view.list.model().rowCount() == 1)
            window.resize(1100, 700)
            assert window.grab().save(str(shot))

    run(qapp, scenario)
    keep = os.environ.get("WA_DESK_SHOTS")  # a folder to look at the screenshots in
    if keep:
        shutil.copy(shot, Path(keep) / shot.name)


def test_a_routed_conversation_is_the_agents_own(
    qapp: QApplication, routed_hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    _routed_to_ana(qapp, routed_hub, settings, tmp_path / "routed_en.png")


@pytest.mark.usefixtures("spanish")
def test_a_routed_conversation_is_the_agents_own_in_spanish(
    qapp: QApplication, routed_hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    _routed_to_ana(qapp, routed_hub, settings, tmp_path / "routed_es.png")
