"""The customer panel's open promises, against a real hub: a colleague's promise from
another shift is at the top when the conversation opens; the agent adds one, marks one
kept and moves one to another date, and the hub records each. The box and its dialog in
Spanish and English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_driver import conversations, run, signed_in, started, until, visible_child
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.promise_dialog import PromiseDialog
from wa_desk.ui.common.promise_kept_dialog import KeptByMessageDialog
from wa_desk.ui.customer.promises_box import PromisesBox
from wa_desk.ui.settings.settings import Settings

HOUR_MS = 3_600_000
WA_ID = "34655500071"


def _open(beto: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = beto.get(
        f"/api/v1/contacts/{WA_ID}/promises", params={"state": "open"}
    ).json()["items"]
    return items


def _texts(box: PromisesBox) -> list[str]:
    return [box.list.item(i).text() for i in range(box.list.count())]


def test_promises_follow_the_customer_into_the_next_agents_panel(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    hub.customer_writes("wamid.cp1", WA_ID, "¿Me devolvéis el dinero?")
    hub.add_user("beto", "agent", ("ventas",))
    beto = hub.login("beto")
    cid = beto.get("/api/v1/conversations").json()["items"][0]["id"]
    due = now_ms() + 2 * HOUR_MS
    earlier = beto.post(
        f"/api/v1/conversations/{cid}/promises",
        json={"what": "El reembolso llega en 48 horas", "due_at": to_rfc3339(due)},
    ).json()

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            box = window.customer_panel.promises
            await until(lambda: app.session is not None and app.session.stream.connected)
            conv = await until(lambda: next(iter(conversations(window)), None))
            window.inbox_view.conversationSelected.emit(conv["id"])
            # Beto's promise, from his shift, is there when Ana opens the conversation.
            await until(lambda: box.promise_ids() == [earlier["id"]])
            (shown,) = _texts(box)
            assert shown.startswith("El reembolso llega en 48 horas\ndue ")
            assert f"owner {isolated('beto')}" in shown
            assert f"promised by {isolated('beto')}" in shown

            # Ana records one of her own, by hand: logged, sent, listed.
            box.addRequested.emit(cid, "Llamar para confirmar", due + HOUR_MS)
            await until(lambda: len(_open(beto)) == 2)
            await until(lambda: len(box.promise_ids()) == 2)
            mine = next(p for p in _open(beto) if p["what"] == "Llamar para confirmar")
            assert mine["owner_name"] == "ana"

            # Kept: asked by which reply (Ana has sent none here: only "another way"),
            # it leaves the list, and the hub has it kept by no message.
            box.list.setCurrentRow(box.promise_ids().index(earlier["id"]))
            box.kept.click()
            picker = await until(lambda: visible_child(box, KeptByMessageDialog))
            assert picker.choices.count() == 1 and picker.message() is None
            picker.accept()
            await until(lambda: box.promise_ids() == [mine["id"]])  # at once, hub or not

            def kept() -> dict[str, Any]:
                every = beto.get(f"/api/v1/conversations/{cid}/promises").json()["items"]
                return {p["id"]: p for p in every}[earlier["id"]]  # type: ignore[no-any-return]

            await until(lambda: kept()["state"] == "kept")
            assert kept()["kept_message_id"] is None

            # Moved to another date, with the reason the customer was given.
            later = due + 24 * HOUR_MS
            box.rescheduleRequested.emit(mine["id"], cid, later, "Mañana sin falta")
            await until(lambda: _open(beto)[0]["due_at"] == to_rfc3339(later))
            assert _open(beto)[0]["reason"] == "Mañana sin falta"
            # It will not be kept after all: broken, with why; the list empties.
            box.breakRequested.emit(mine["id"], cid, "El cliente ya no lo necesita")
            await until(lambda: _open(beto) == [])
            await until(lambda: box.promise_ids() == [])
            every = beto.get(f"/api/v1/conversations/{cid}/promises").json()["items"]
            broken = {p["id"]: p for p in every}[mine["id"]]
            assert (broken["state"], broken["reason"]) == ("broken", "El cliente ya no lo necesita")
            store = app.store
            assert store is not None
            logged = [e["kind"] for e in store.actions() if e["kind"].startswith("promise.")]
            assert logged == [
                "promise.made",
                "promise.kept",
                "promise.rescheduled",
                "promise.broken",
            ]

    run(qapp, scenario)


def _sample() -> list[dict[str, Any]]:
    now = now_ms()
    return [
        {
            "id": "p1",
            "conversation_id": "c1",
            "what": "Te envío la factura de marzo",
            "due_at": to_rfc3339(now - HOUR_MS),
            "made_at": to_rfc3339(now - 26 * HOUR_MS),
            "owner": "u2",
            "owner_name": "Carla Gómez",
            "made_by": "u3",
            "made_by_name": "Diego",
        },
        {
            "id": "p2",
            "conversation_id": "c1",
            "what": "<b>Te llamo</b> en una hora",
            "due_at": to_rfc3339(now + HOUR_MS),
            "made_at": to_rfc3339(now - HOUR_MS),
            "owner": "u2",
            "owner_name": "Carla Gómez",
            "made_by": "u2",
            "made_by_name": "Carla Gómez",
        },
    ]


def test_the_box_in_english_overdue_first_and_words_as_written(
    qtbot: QtBot, tmp_path: Path
) -> None:
    box = PromisesBox(None, now_ms)
    qtbot.addWidget(box)
    box.show_promises(list(reversed(_sample())), "c1")
    texts = _texts(box)
    assert texts[0].split("\n")[1].startswith("overdue since ")
    assert texts[1].startswith("<b>Te llamo</b> en una hora\ndue ")  # plain text, as written
    assert not box.kept.isEnabled()
    box.list.setCurrentRow(0)
    assert box.kept.isEnabled() and box.new_date.isEnabled() and box.broken.isEnabled()
    with qtbot.waitSignal(box.keepRequested) as kept:
        box.kept.click()
    assert kept.args == ["p1", "c1"]
    box.resize(360, 300)
    box.grab().save(str(tmp_path / "promises_box_en.png"))
    box.show_promises([], "c1")
    assert _texts(box) == ["None open"] and box.promise_ids() == []


def test_the_box_and_its_dialog_in_spanish(qtbot: QtBot, spanish: None, tmp_path: Path) -> None:
    box = PromisesBox(None, now_ms)
    qtbot.addWidget(box)
    box.show_promises(_sample(), "c1")
    assert box.title() == "Promesas abiertas"
    assert box.kept.text() == "Cumplida"
    assert "responsable" in _texts(box)[1]
    box.resize(360, 300)
    box.grab().save(str(tmp_path / "promises_box_es.png"))

    dialog = PromiseDialog(None, due_ms=now_ms() + HOUR_MS, reschedule_of="<b>Te llamo</b>")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.windowTitle() == "Cambiar la fecha de una promesa"
    assert not ok.isEnabled()  # a new date needs the reason given
    dialog.reason.setText("  El almacén cierra hoy ")
    assert ok.isEnabled() and dialog.text() == "El almacén cierra hoy"
    dialog.grab().save(str(tmp_path / "promise_dialog_es.png"))

    gone = PromiseDialog(None, due_ms=now_ms(), break_of="Te llamo")
    qtbot.addWidget(gone)
    assert gone.windowTitle() == "Una promesa que no se cumplirá"
    assert (
        gone.due.isHidden()
        and not gone.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    )
    gone.reason.setText("Sin stock")
    assert gone.text() == "Sin stock"

    new = PromiseDialog(None, due_ms=now_ms() + HOUR_MS, what="Te lo envío mañana")
    qtbot.addWidget(new)
    assert new.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert new.text() == "Te lo envío mañana"
