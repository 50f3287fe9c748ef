"""The promise ledger on the desk, end to end against a real hub and the Cloud API
simulator: a returning customer's new conversation opens with the promise made in their
earlier one at the top of the customer panel, and the reply that keeps it is named from
its menu; with the hub stopped, the agent replies, marks the promise kept by that reply
and records another, all shown at once and from the local store, and everything reaches
the hub, in order, when it is back."""

from __future__ import annotations

from typing import Any

import httpx
from desktop_driver import (
    messages,
    run,
    signed_in,
    started,
    state_of,
    until,
    visible_child,
    visible_dialog,
)
from hub_harness import RunningHub
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.common.promise_kept_dialog import KeptByMessageDialog, PromiseKeptByDialog
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.conversation.transfer_dialog import TransferDialog
from wa_desk.ui.conversation.view import ConversationView
from wa_desk.ui.customer.promises_box import PromisesBox
from wa_desk.ui.settings.settings import Settings

HOUR_MS = 3_600_000
PATIENCE = 30.0
WA_ID = "34655500081"
OTHER_WA_ID = "34655500082"
INVOICE = "Aquí tienes la factura de marzo."


def _promises(client: httpx.Client, cid: str) -> dict[str, dict[str, Any]]:
    items = client.get(f"/api/v1/conversations/{cid}/promises").json()["items"]
    return {str(p["id"]): p for p in items}


def _conversation_of(client: httpx.Client, wa_id: str, state: str) -> str:
    found = client.get("/api/v1/conversations", params={"wa_id": wa_id, "state": state})
    return str(found.json()["items"][0]["id"])


def _reply_index(view: ConversationView, text: str) -> Any:
    model = view.model
    for row in range(model.rowCount()):
        message = model.index(row).data(MessageRoles.MESSAGE)
        if isinstance(message, dict) and message.get("text") == text:
            return model.index(row)
    return None


def _line_texts(box: PromisesBox) -> list[str]:
    return [box.list.item(i).text() for i in range(box.list.count())]


def test_a_returning_customer_opens_with_the_promise_and_a_reply_keeps_it(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    hub.add_user("beto", "agent", ("ventas",))
    hub.add_user("lead", "supervisor", ("ventas",))
    beto = hub.login("beto")
    # Beto's shift: the customer asks, he promises, the conversation closes.
    hub.customer_writes("wamid.rc1", WA_ID, "¿Me mandáis la factura?")
    first = _conversation_of(beto, WA_ID, "queued")
    assert beto.post(f"/api/v1/conversations/{first}/claim").status_code == 200
    due = to_rfc3339(now_ms() + 4 * HOUR_MS)
    promise = beto.post(
        f"/api/v1/conversations/{first}/promises",
        json={"what": "Enviar la factura de marzo", "due_at": due},
    ).json()
    closing = {"disposition": "resolved"}
    assert beto.post(f"/api/v1/conversations/{first}/close", json=closing).status_code == 200
    # The next day the customer writes again: a new conversation.
    hub.customer_writes("wamid.rc2", WA_ID, "Hola, sigo sin la factura")
    second = _conversation_of(beto, WA_ID, "queued")
    assert second != first

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            view, panel = window.conversation_view, window.customer_panel
            box = panel.promises
            await until(lambda: app.session is not None and app.session.stream.connected)
            await until(lambda: second in window.inbox_view.model.ids())
            window.inbox_view.conversationSelected.emit(second)
            # The colleague's promise from the earlier conversation, at the panel's top:
            # above the checklist, the tags, the notes and the history.
            await until(lambda: box.promise_ids() == [promise["id"]])
            assert _line_texts(box)[0].startswith("Enviar la factura de marzo\ndue ")

            def top(widget: QWidget) -> int:
                return widget.mapTo(panel, widget.rect().topLeft()).y()

            below = [panel.checklist, panel.tags, panel.notes, panel.history]
            shown = [w for w in below if w.isVisible()]  # no checklist in this queue
            assert len(shown) == 3 and all(top(box) < top(w) for w in shown)

            # A stream that could not resume may have missed changes: the hub's list is
            # read again (here, over a cache that lost it).
            session, store = app.session, app.store
            assert session is not None and store is not None
            store.set_open_promises(WA_ID, [])
            session.promisesChanged.emit(second)
            assert box.promise_ids() == []
            session.reloadNeeded.emit()
            await until(lambda: box.promise_ids() == [promise["id"]])

            view.claimRequested.emit(second)
            await until(lambda: state_of(window, second) == "assigned")
            view.sendTextRequested.emit(second, INVOICE)
            await until(lambda: messages(app)[-1].get("status") in ("sent", "delivered", "read"))
            index = _reply_index(view, INVOICE)
            assert index is not None
            menu = view.message_menu(index)
            (kept_action,) = [a for a in menu.actions() if a.text() == "This kept a promise…"]
            customer_says = view.message_menu(_reply_index(view, "Hola, sigo sin la factura"))
            assert "This kept a promise…" not in [a.text() for a in customer_says.actions()]
            kept_action.trigger()
            picker = await until(lambda: visible_child(view, PromiseKeptByDialog))
            assert picker.choices.count() == 1
            assert picker.promise() is not None and picker.promise()["id"] == promise["id"]
            picker.accept()
            await until(lambda: box.promise_ids() == [])
            # With no promise open, a reply's menu no longer offers it.
            assert "This kept a promise…" not in [
                a.text() for a in view.message_menu(_reply_index(view, INVOICE)).actions()
            ]

            reply = messages(app)[-1]
            await until(lambda: _promises(beto, first)[promise["id"]]["state"] == "kept")
            assert _promises(beto, first)[promise["id"]]["kept_message_id"] == reply["id"]
            (logged,) = [e for e in store.actions() if e["kind"] == "promise.kept"]
            assert logged["data"]["promise"] == promise["id"]
            assert logged["data"]["message_id"] == reply["id"]
            assert logged["conversation"] == first
            # The second conversation's timeline shows it beside the reply.
            lead = hub.login("lead")
            timeline = lead.get(f"/api/v1/supervisor/conversations/{second}/timeline")
            by_id = {i.get("id"): i for i in timeline.json()["items"]}
            assert by_id[reply["id"]]["kept_promises"][0]["what"] == "Enviar la factura de marzo"

    run(qapp, scenario)


def test_promises_are_made_and_kept_offline_and_reach_the_hub_when_it_is_back(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    running = hub_box.running
    running.add_user("beto", "agent", ("ventas",))
    running.customer_writes("wamid.off1", WA_ID, "¿Me mandáis la factura?")
    running.customer_writes("wamid.off2", OTHER_WA_ID, "Otra consulta")
    beto, ana = running.login("beto"), running.login("ana")
    cid = _conversation_of(beto, WA_ID, "queued")
    other = _conversation_of(beto, OTHER_WA_ID, "queued")
    assert ana.post(f"/api/v1/conversations/{cid}/claim").status_code == 200
    promise = beto.post(
        f"/api/v1/conversations/{cid}/promises",
        json={"what": "Enviar la factura de marzo", "due_at": to_rfc3339(now_ms() + HOUR_MS)},
    ).json()
    preset = signed_in(running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            view, box = window.conversation_view, window.customer_panel.promises
            await until(lambda: app.session is not None and app.session.stream.connected)
            await until(lambda: {cid, other} <= set(window.inbox_view.model.ids()))
            window.inbox_view.conversationSelected.emit(cid)
            await until(lambda: box.promise_ids() == [promise["id"]])
            await until(lambda: state_of(window, cid) == "assigned")

            hub_box.stop()
            view.sendTextRequested.emit(cid, INVOICE)
            assert messages(app)[-1]["status"] == "pending"
            box.list.setCurrentRow(0)
            box.kept.click()
            picker = await until(lambda: visible_child(box, KeptByMessageDialog))
            # The newest reply first (still waiting to be sent), then "another way".
            assert picker.choices.count() == 2
            assert picker.choices.item(0).text().endswith(f"{INVOICE}\u2069")
            assert picker.message() is not None and picker.message()["text"] == INVOICE
            picker.accept()
            await until(lambda: box.promise_ids() == [])
            due = now_ms() + 24 * HOUR_MS
            box.addRequested.emit(cid, "Llamar para confirmar que llegó", due)
            await until(lambda: len(box.promise_ids()) == 1)
            (line,) = _line_texts(box)
            assert line.startswith("Llamar para confirmar que llegó\ndue ")
            assert line.endswith(" · not yet on the server")
            (made_id,) = box.promise_ids()

            # Another customer, then back: still listed, from the local store alone.
            window.inbox_view.conversationSelected.emit(other)
            await until(lambda: box.conversation_id == other and box.promise_ids() == [])
            window.inbox_view.conversationSelected.emit(cid)
            await until(lambda: box.conversation_id == cid and box.promise_ids() == [made_id])

            hub_box.start()
            window.sync_status.sync_now.click()
            again = hub_box.running.login("beto")
            await until(lambda: made_id in _promises(again, cid), PATIENCE)
            await until(lambda: _promises(again, cid)[promise["id"]]["state"] == "kept", PATIENCE)
            sent = next(
                m
                for m in again.get(f"/api/v1/conversations/{cid}/messages").json()["items"]
                if m.get("text") == INVOICE
            )
            kept = _promises(again, cid)[promise["id"]]
            assert kept["kept_message_id"] == sent["id"]
            made = _promises(again, cid)[made_id]
            assert (made["state"], made["what"], made["owner_name"]) == (
                "open",
                "Llamar para confirmar que llegó",
                "ana",
            )
            assert made["due_at"] == to_rfc3339(due)
            # Settled: the hub's word, no longer marked as waiting.
            await until(lambda: not _line_texts(box)[0].endswith("not yet on the server"))
            store = app.store
            assert store is not None
            logged = [e for e in store.actions() if e["kind"].startswith("promise.")]
            assert [e["kind"] for e in logged] == ["promise.kept", "promise.made"]
            assert logged[0]["data"]["message_key"] == messages(app)[-1]["idempotency_key"]

        # The app again, started while the hub is down: the promise is listed from the
        # local store alone.
        hub_box.stop()
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            box = window.customer_panel.promises
            await until(lambda: cid in window.inbox_view.model.ids())
            assert app.session is not None and not app.session.stream.connected
            window.inbox_view.conversationSelected.emit(cid)
            await until(lambda: box.conversation_id == cid and box.promise_ids() == [made_id])
            assert _line_texts(box)[0].startswith("Llamar para confirmar que llegó\ndue ")

    run(qapp, scenario)


def test_a_transfer_while_the_hub_is_down_hands_over_the_promises_the_desk_knows(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    running = hub_box.running
    running.add_user("beto", "agent", ("ventas",))
    beto = running.login("beto")
    assert beto.put("/api/v1/me/status", json={"status": "available"}).status_code == 200
    running.customer_writes("wamid.offt", WA_ID, "¿Me llamáis?")
    ana = running.login("ana")
    cid = _conversation_of(ana, WA_ID, "queued")
    assert ana.post(f"/api/v1/conversations/{cid}/claim").status_code == 200
    promise = ana.post(
        f"/api/v1/conversations/{cid}/promises",
        json={"what": "Llamar a las cinco", "due_at": to_rfc3339(now_ms() + HOUR_MS)},
    ).json()
    preset = signed_in(running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            view, box = window.conversation_view, window.customer_panel.promises
            await until(lambda: app.session is not None and app.session.stream.connected)
            await until(lambda: cid in window.inbox_view.model.ids())
            window.inbox_view.conversationSelected.emit(cid)
            await until(lambda: box.promise_ids() == [promise["id"]])
            await until(lambda: view.current_id() == cid)

            hub_box.stop()
            view.transfer_button.click()
            dialog = await until(lambda: visible_dialog(TransferDialog))
            # The hub cannot say which are open: the desk's own list is offered.
            await until(lambda: dialog.hand_promises.isVisible())
            assert dialog.hand_promises.text() == "Also hand over its open promise to that agent"
            dialog.to_agent.setChecked(True)
            await until(lambda: dialog.agent.count() > 0)
            dialog.agent.setCurrentIndex(dialog.agent.findText("beto", Qt.MatchFlag.MatchContains))
            assert dialog.hands_promises()
            dialog.ok.click()
            # Shown at once as handed over but not yet on the server (no owner named yet).
            await until(lambda: "not yet on the server" in _line_texts(box)[0])
            assert "owner" not in _line_texts(box)[0]

            hub_box.start()
            window.sync_status.sync_now.click()
            again = hub_box.running.login("beto")
            await until(
                lambda: _promises(again, cid)[promise["id"]]["owner_name"] == "beto", PATIENCE
            )
            await until(lambda: "owner \u2068beto\u2069" in _line_texts(box)[0], PATIENCE)

    run(qapp, scenario)
