"""A customer stops marketing messages in WhatsApp's own settings, in the desktop app
against a real hub and simulator: the simulator sends Meta's ``user_preferences``
webhook, and the open customer panel says at once that they stopped marketing in
WhatsApp (no 131050 needed), then "Accepted" when they resume; in English and Spanish."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
from desktop_driver import run, signed_in, started, until
from hub_harness import SALES, RunningHub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.customer.panel import CustomerPanel
from wa_desk.ui.settings.settings import Settings

WA_ID = "34655500077"
NAME = "Lucía Pérez"


async def _in_settings(hub: RunningHub, stopped: bool) -> None:
    """The customer flips "stop marketing" in WhatsApp; its webhook reaches the hub."""
    async with httpx.AsyncClient() as sim:
        answer = await sim.post(
            f"{hub.ctx.settings.graph_url}/_sim/customers/{WA_ID}/marketing",
            json={"stopped": stopped, "phone_number_id": SALES, "wait": True},
        )
    assert answer.status_code == 200 and answer.json()["delivered"] is True, answer.text


def _panel_says(qapp: QApplication, hub: RunningHub, settings: Settings, shot: Path) -> list[str]:
    """What the open customer panel said: before, once stopped (``shot``: the window
    then), once resumed."""
    said: list[str] = []

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            panel: CustomerPanel = window.customer_panel
            await until(lambda: panel.conversation_id == conv_id and panel.isEnabled())
            said.append(panel.marketing.text())
            await _in_settings(hub, stopped=True)
            await until(lambda: panel.marketing.opt_out is not None)
            assert panel.marketing.opt_out["source"] == "whatsapp_settings"
            said.append(panel.marketing.text())
            window.resize(1100, 700)
            assert window.grab().save(str(shot))
            await _in_settings(hub, stopped=False)
            await until(lambda: panel.marketing.opt_out is None)
            said.append(panel.marketing.text())

    run(qapp, scenario)
    keep = os.environ.get("WA_DESK_SHOTS")  # a folder to look at the screenshots in
    if keep:
        shutil.copy(shot, Path(keep) / shot.name)
    return said


def test_the_panel_says_the_customer_stopped_marketing_in_whatsapp(
    qapp: QApplication, hub: RunningHub, settings: Settings, tmp_path: Path
) -> None:
    hub.world.customer(WA_ID, name=NAME)  # the simulator's customer: the same person
    hub.customer_writes("wamid.hola", WA_ID, "Hola, una consulta", name=NAME)
    said = _panel_says(qapp, hub, settings, tmp_path / "stopped_in_whatsapp_en.png")
    assert said[0] == "Accepted" and said[2] == "Accepted"
    assert said[1].startswith("Opted out since ")
    assert said[1].endswith(": the customer stopped marketing in WhatsApp.")


def test_in_spanish_too(
    qapp: QApplication, hub: RunningHub, settings: Settings, spanish: None, tmp_path: Path
) -> None:
    hub.world.customer(WA_ID, name=NAME)  # the simulator's customer: the same person
    hub.customer_writes("wamid.hola", WA_ID, "Hola, una consulta", name=NAME)
    said = _panel_says(qapp, hub, settings, tmp_path / "stopped_in_whatsapp_es.png")
    assert said[0] == "Acepta" and said[2] == "Acepta"
    assert said[1].startswith("No recibe marketing desde ")
    assert said[1].endswith(": el cliente desactivó el marketing en WhatsApp.")
