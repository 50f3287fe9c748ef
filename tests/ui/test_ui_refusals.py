"""A refusal from the server reaches the agent in the agent's language, by its code,
never as the server's English sentence."""

from __future__ import annotations

import asyncio

from desktop_driver import run, signed_in, started, state_of, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.settings.settings import Settings


def test_each_code_has_its_own_words_and_an_unknown_one_is_named(spanish: None) -> None:
    assert refusal_text("already_assigned") == "Otro agente tomó esta conversación antes."
    assert refusal_text("not_assignee") != refusal_text("already_assigned")
    assert refusal_text("made_up_code") == "El servidor lo rechazó (código made_up_code)."


def test_a_claim_a_colleague_beat_shows_in_spanish(
    qapp: QApplication, hub: RunningHub, settings: Settings, spanish: None
) -> None:
    hub.add_user("bruno", "agent", ("ventas",))
    bruno = hub.login("bruno")
    hub.customer_writes("wamid.rf1", "34655500011", "Hola")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            taken = await asyncio.to_thread(bruno.post, f"/api/v1/conversations/{conv_id}/claim")
            assert taken.status_code == 200
            await until(lambda: state_of(window, conv_id) == "assigned")
            window.conversation_view.claimRequested.emit(conv_id)  # ana is a moment late
            bar = window.problem_bar
            # (The bar may first say that this test machine has no keyring.)
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.REFUSED)
            shown = f"{bar.title.text()} {bar.text.text()}"
            assert "Otro agente tomó esta conversación antes." in shown, shown
            assert "Another agent" not in shown, shown

    run(qapp, scenario)
