"""The desktop app as an agent uses it, offscreen, against a real hub and simulator:
sign in → a customer writes → the row appears → claim → reply → ticks reach read → close;
a closed window forces a template; with the hub down, replies and actions wait in the
outbox and arrive once, in order, when it is back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_driver import messages, run, signed_in, until
from hub_harness import RunningHub, running_hub
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.desktop_app import DesktopApp
from wa_desk.ui.settings import Settings


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RunningHub]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the local store
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", time_scale=0.02) as running:
        running.add_user("ana", "agent", ("ventas",))
        yield running


def test_an_agent_claims_replies_sees_read_and_closes(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        assert await app.start()
        window = app.window
        assert window is not None
        try:
            await until(lambda: app.stream is not None and app.stream.connected)
            await asyncio.to_thread(
                hub.customer_writes, "wamid.ui1", "34611112222", "Hola, ¿tenéis envío a Canarias?"
            )
            conv = await until(
                lambda: next(
                    iter(
                        c
                        for c in (
                            window.inbox_model.conversation(i) for i in window.inbox_model.ids()
                        )
                        if c and c["unread"]
                    ),
                    None,
                )
            )
            assert conv["contact"]["wa_id"] == "34611112222"
            window.conversationSelected.emit(conv["id"])
            await until(
                lambda: window.conversation_view.current_id() == conv["id"] and messages(app)
            )
            assert messages(app)[0]["text"] == "Hola, ¿tenéis envío a Canarias?"
            window.claimRequested.emit(conv["id"])
            await until(
                lambda: (
                    (window.inbox_model.conversation(conv["id"]) or {}).get("state") == "assigned"
                )
            )
            window.sendTextRequested.emit(conv["id"], "¡Sí! Envío en 48 h.")
            # Shown at once as pending, then its ticks climb to read.
            assert messages(app)[-1]["status"] == "pending"
            await until(lambda: messages(app)[-1]["status"] == "read")
            assert len(messages(app)) == 2
            assert [s.body["text"]["body"] for s in hub.world.sent_to("34611112222")] == [
                "¡Sí! Envío en 48 h."
            ]
            window.closeRequested.emit(conv["id"], "resolved", "")
            await until(
                lambda: (window.inbox_model.conversation(conv["id"]) or {}).get("state") == "closed"
            )
            assert app.store is not None
            kinds = [a["kind"] for a in app.store.actions()]
            # Every action went through the local action log first, in order.
            assert kinds == [
                "session.started",
                "conversation.claimed",
                "message.sent",
                "conversation.closed",
            ]
        finally:
            await app.stop()
            window.close()

    run(qapp, scenario)


@pytest.fixture
def hub_box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RestartableHub]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    box = RestartableHub(tmp_path / "hub.sqlite3")
    box.running.add_user("ana", "agent", ("ventas",))
    try:
        yield box
    finally:
        box.close()


def test_offline_replies_and_actions_arrive_once_in_order(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    hub_box.running.customer_writes("wamid.ui2", "34633334444", "¿Seguís abiertos?")
    preset = signed_in(hub_box.running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        assert await app.start()
        window = app.window
        assert window is not None and app.store is not None
        try:
            conv = await until(
                lambda: next(
                    iter(window.inbox_model.conversation(i) for i in window.inbox_model.ids()), None
                )
            )
            window.claimRequested.emit(conv["id"])
            await until(
                lambda: (
                    (window.inbox_model.conversation(conv["id"]) or {}).get("state") == "assigned"
                )
            )
            await asyncio.to_thread(hub_box.stop)
            await until(lambda: app.stream is not None and not app.stream.connected)
            await until(lambda: not window.banner.isHidden())  # the agent sees it
            for text in ("uno", "dos", "tres"):
                window.sendTextRequested.emit(conv["id"], text)
            window.closeRequested.emit(conv["id"], "resolved", "")
            assert app.store.outbox_count() == 4
            assert [m["status"] for m in messages(app)[-3:]] == ["pending"] * 3
            await asyncio.sleep(1.0)
            assert app.store.outbox_count() == 4  # nothing is lost, nothing got out
            await asyncio.to_thread(hub_box.start)
            app._wake()
            await until(lambda: app.store is not None and app.store.outbox_count() == 0, within=30)
            sent = [s.body["text"]["body"] for s in hub_box.world.sent_to("34633334444")]
            assert sent == ["uno", "dos", "tres"]
            await until(
                lambda: (window.inbox_model.conversation(conv["id"]) or {}).get("state") == "closed"
            )
            await until(lambda: app.stream is not None and app.stream.connected)
            await until(lambda: window.banner.isHidden())
        finally:
            await app.stop()
            window.close()

    run(qapp, scenario)
