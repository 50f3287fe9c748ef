"""The closing checklist beside a conversation: ticks are logged and kept, the close
dialog waits for the required items, and the close carries the checklist to the hub."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest
from desktop_driver import features, run, signed_in, started, state_of, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.guidelines import Guidelines, make_checklist
from wa_desk.hub.queries import audit_log
from wa_desk.store.local_store import LocalStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.conversation.close_dialog import CloseDialog
from wa_desk.ui.settings.settings import Settings

SALES_LIST = make_checklist(
    "ventas",
    [
        {"id": "greeted", "label": "Greeted the customer by name"},
        {"id": "order_checked", "label": "Checked the order number", "required": True},
    ],
    "c",
)
POLICY = Guidelines(checklists=(SALES_LIST,))


def test_the_close_dialog_waits_for_required_items(qtbot: QtBot) -> None:
    ticks: list[tuple[Any, ...]] = []
    dialog = CloseDialog(None, None, items=SALES_LIST.items, ticked={"greeted": True})
    dialog.itemToggled.connect(lambda *a: ticks.append(a))
    qtbot.addWidget(dialog)
    assert dialog.boxes["greeted"].isChecked()
    assert dialog.boxes["order_checked"].text().endswith("*")
    assert not dialog.close_button.isEnabled()
    assert "Checked the order number" in dialog.reason.text()
    dialog.accept()  # refused: still open, reason shown
    assert dialog.result() != CloseDialog.DialogCode.Accepted.value
    dialog.boxes["order_checked"].setChecked(True)
    assert ticks == [("order_checked", True)]
    assert dialog.close_button.isEnabled() and dialog.reason.isHidden()
    assert dialog.checklist() == {"greeted": True, "order_checked": True}


def test_without_a_checklist_the_dialog_closes_as_before(qtbot: QtBot) -> None:
    dialog = CloseDialog()
    qtbot.addWidget(dialog)
    assert dialog.items_box.isHidden() and dialog.close_button.isEnabled()
    assert dialog.checklist() == {}


@pytest.fixture
def hub(hub: RunningHub) -> RunningHub:
    """The UI tests' hub, handing out these guidelines."""
    hub.ctx.settings = dataclasses.replace(hub.ctx.settings, guidelines=POLICY)
    return hub


def test_ticks_are_logged_kept_and_carried_by_the_close(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            assert app.store is not None
            panel = window.customer_panel.checklist
            await until(lambda: app.session is not None and app.session.stream.connected)
            await asyncio.to_thread(hub.customer_writes, "wamid.k1", "34611113333", "Hola")
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            await until(lambda: app.session.guidelines.checklists)
            window.inbox_view.conversationSelected.emit(conv_id)
            window.conversation_view.claimRequested.emit(conv_id)
            await until(lambda: panel.conversation_id == conv_id and panel.boxes)
            assert list(panel.boxes) == ["greeted", "order_checked"]
            assert not panel.isHidden()

            panel.boxes["greeted"].setChecked(True)
            panel.boxes["greeted"].setChecked(False)
            panel.boxes["greeted"].setChecked(True)
            path = app._store_path
            assert path is not None
            with LocalStore.open(path) as other:  # on disk, as a restart would find it
                assert other.checklist(conv_id) == {"greeted": True}

            # A close that skips the dialog still meets the hub's rule, with its reason.
            await until(lambda: state_of(window, conv_id) == "assigned")
            features(app).conversation.close_conversation(conv_id, "resolved", "")
            await until(
                lambda: (
                    not window.problem_bar.isHidden()
                    and "Checked the order number" in window.problem_bar.text.text()
                )
            )

            dialog = features(app).conversation.ask_close()
            assert dialog is not None and not dialog.close_button.isEnabled()
            dialog.boxes["order_checked"].setChecked(True)
            dialog.close_button.click()
            await until(lambda: state_of(window, conv_id) == "closed")

            actions = app.store.actions()
            ticks = [(a["kind"], a["data"]) for a in actions if a["kind"].startswith("checklist")]
            assert ticks == [
                ("checklist.checked", {"item": "greeted"}),
                ("checklist.unchecked", {"item": "greeted"}),
                ("checklist.checked", {"item": "greeted"}),
                ("checklist.checked", {"item": "order_checked"}),
            ]
            closes = [a["data"] for a in actions if a["kind"] == "conversation.closed"]
            assert [c["checklist"] for c in closes] == [
                {"greeted": True, "order_checked": False},  # refused by the hub
                {"greeted": True, "order_checked": True},
            ]
            chain = hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))
            (fact,) = [e for e in chain if e["kind"] == "conversation.closed"]
            assert fact["data"]["checklist"] == {"greeted": True, "order_checked": True}

    run(qapp, scenario)
