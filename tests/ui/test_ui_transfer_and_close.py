"""Transfer and close as an agent does them in the real app against a real hub: the
transfer dialog lists the colleagues the hub names (and follows their statuses while
open), the close dialog offers the queue's own closing reasons from the hub's policy,
and what the agent picks is what the hub records."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from desktop_driver import features, run, signed_in, started, state_of, until, visible_dialog
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.guidelines import Guidelines, make_dispositions
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.conversation.close_dialog import CloseDialog
from wa_desk.ui.conversation.transfer_dialog import TransferDialog
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow

SALES_REASONS = make_dispositions(
    "ventas",
    [{"id": "paid", "label": "Pagó"}, {"id": "quote_sent", "label": "Presupuesto enviado"}],
    "test",
)


@pytest.fixture
def hub(hub: RunningHub) -> RunningHub:
    hub.ctx.settings = dataclasses.replace(
        hub.ctx.settings, guidelines=Guidelines(dispositions=(SALES_REASONS,))
    )
    hub.add_user("beto", "agent", ("ventas", "facturación"))
    hub.add_user("carla", "agent", ("soporte",))  # shares no queue with ana
    return hub


async def _claimed_conversation(
    app: DesktopApp, window: MainWindow, hub: RunningHub, customer: str
) -> str:
    """A customer writes in; the agent opens the conversation and claims it."""
    await until(lambda: app.session is not None and app.session.stream.connected)
    await asyncio.to_thread(hub.customer_writes, f"wamid.{customer}", customer, "Hola")
    conv_id: str = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
    window.inbox_view.select_conversation(conv_id)
    await until(lambda: window.conversation_view.current_id() == conv_id)
    window.conversation_view.claimRequested.emit(conv_id)
    await until(lambda: state_of(window, conv_id) == "assigned")
    return conv_id


def _agents_listed(dialog: TransferDialog) -> list[str]:
    return [dialog.agent.itemText(i) for i in range(dialog.agent.count())]


def test_a_transfer_to_a_colleague_the_hub_lists(
    qapp: QApplication, qtbot: QtBot, hub: RunningHub, settings: Settings
) -> None:
    beto = hub.login("beto")
    assert beto.put("/api/v1/me/status", json={"status": "available"}).status_code == 200

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            conv_id = await _claimed_conversation(app, window, hub, "34611114444")
            # An agent's dialog, not only a lead's: Ana is an agent.
            assert app.session is not None and app.session.user["role"] == "agent"

            # The Transfer button, as the agent clicks it.
            window.conversation_view.transfer_button.click()
            dialog = await until(lambda: visible_dialog(TransferDialog))
            listed = await until(lambda: _agents_listed(dialog))
            # Colleagues of a shared queue, by name with their status; not ana herself,
            # not carla (another queue).
            assert len(listed) == 1 and listed[0].startswith("\u2068beto\u2069"), listed
            assert "Available" in listed[0]
            # The queues it can go to: where colleagues work, not where it is now.
            assert [dialog.queue.itemText(i) for i in range(dialog.queue.count())] == [
                "facturación"
            ]
            # beto steps away while the dialog is open: the list follows the stream.
            away = await asyncio.to_thread(beto.put, "/api/v1/me/status", json={"status": "away"})
            assert away.status_code == 200, away.text
            await until(lambda: "Away" in _agents_listed(dialog)[0])

            dialog.to_agent.setChecked(True)
            dialog.note.setPlainText("Quiere hablar de una factura")
            dialog.ok.click()
            await until(
                lambda: (
                    (window.inbox_view.model.conversation(conv_id) or {}).get("assignee")
                    == hub.user_ids["beto"]
                )
            )
            seen = await asyncio.to_thread(beto.get, f"/api/v1/conversations/{conv_id}")
            assert seen.json()["assignee"] == hub.user_ids["beto"]
            assert app.store is not None
            (transfer,) = [
                a for a in app.store.actions() if a["kind"] == "conversation.transferred"
            ]
            assert transfer["data"]["to_user"] == hub.user_ids["beto"]
            assert transfer["data"]["note"] == "Quiere hablar de una factura"

    run(qapp, scenario)


def test_the_close_dialog_offers_the_queues_own_reasons_and_the_hub_keeps_the_choice(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    ana = hub.login("ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            await until(
                lambda: (
                    app.session is not None
                    and app.session.guidelines.dispositions_for("ventas") == SALES_REASONS.items
                )
            )
            conv_id = await _claimed_conversation(app, window, hub, "34611115555")

            features(app).conversation.ask_close()
            dialog = await until(lambda: visible_dialog(CloseDialog))
            offered = [
                (dialog.disposition.itemData(i), dialog.disposition.itemText(i))
                for i in range(dialog.disposition.count())
            ]
            assert offered == [("paid", "Pagó"), ("quote_sent", "Presupuesto enviado")]
            dialog.disposition.setCurrentIndex(dialog.disposition.findData("quote_sent"))
            dialog.close_button.click()
            await until(lambda: state_of(window, conv_id) == "closed")
            closed = await asyncio.to_thread(ana.get, f"/api/v1/conversations/{conv_id}")
            assert closed.json()["disposition"] == "quote_sent", closed.json()

    run(qapp, scenario)


def test_the_built_in_reasons_are_shown_in_the_agents_language(qtbot: QtBot) -> None:
    from wa_desk.core.guidelines import BUILT_IN_DISPOSITIONS
    from wa_desk.ui.common.labels import disposition_choices, dispositions

    assert disposition_choices(BUILT_IN_DISPOSITIONS.items) == dispositions()
    mixed = make_dispositions(
        "*", [{"id": "resolved", "label": "Resuelto a su manera"}, {"id": "x", "label": "X"}], "t"
    )
    # An organisation's own words for a built-in id are theirs, not the translation.
    assert disposition_choices(mixed.items) == [("resolved", "Resuelto a su manera"), ("x", "X")]


def test_a_transfer_to_a_colleague_offers_to_hand_over_the_open_promises(
    qapp: QApplication, qtbot: QtBot, hub: RunningHub, settings: Settings
) -> None:
    beto = hub.login("beto")
    assert beto.put("/api/v1/me/status", json={"status": "available"}).status_code == 200
    ana = hub.login("ana")
    due = to_rfc3339(now_ms() + 3_600_000)

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            conv_id = await _claimed_conversation(app, window, hub, "34611114455")
            url = f"/api/v1/conversations/{conv_id}/promises"
            made = [
                (await asyncio.to_thread(ana.post, url, json={"what": w, "due_at": due})).json()
                for w in ("Te llamo en una hora", "Te envío la factura", "Ya cumplida")
            ]
            kept = f"/api/v1/promises/{made[2]['id']}/keep"
            assert (await asyncio.to_thread(ana.post, kept, json={})).status_code == 200

            window.conversation_view.transfer_button.click()
            dialog = await until(lambda: visible_dialog(TransferDialog))
            # Two are open (the kept one is not offered): offered, ticked, to an agent only.
            await until(lambda: dialog.hand_promises.isVisible())
            assert dialog.hand_promises.text() == (
                "Also hand over its 2 open promises to that agent"
            )
            dialog.to_queue.setChecked(True)
            assert not dialog.hands_promises()
            dialog.to_agent.setChecked(True)
            await until(lambda: _agents_listed(dialog))
            assert dialog.hands_promises()
            dialog.ok.click()

            def owners() -> dict[str, str]:
                return {p["id"]: p["owner_name"] for p in beto.get(url).json()["items"]}

            # Each promise is handed over by an action of its own.
            await until(lambda: [owners()[p["id"]] for p in made[:2]] == ["beto", "beto"])
            assert owners() == {
                made[0]["id"]: "beto",
                made[1]["id"]: "beto",
                made[2]["id"]: "ana",  # kept before: stays Ana's
            }
            assert app.store is not None
            kinds = [a["kind"] for a in app.store.actions()]
            first = kinds.index("conversation.transferred")
            assert kinds[first + 1 : first + 3] == ["promise.transferred"] * 2

    run(qapp, scenario)
