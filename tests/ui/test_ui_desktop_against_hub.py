"""The desktop app as an agent uses it, offscreen, against a real hub and simulator:
sign in → a customer writes → the row appears → claim → reply → ticks reach read → close;
a closed window forces a template; with the hub down, replies and actions wait in the
outbox and arrive once, in order, when it is back."""

from __future__ import annotations

import asyncio

from desktop_driver import features, messages, run, signed_in, started, state_of, until
from hub_harness import RunningHub
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings


def test_an_agent_claims_replies_sees_read_and_closes(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            await until(lambda: app.session is not None and app.session.stream.connected)
            await asyncio.to_thread(
                hub.customer_writes, "wamid.ui1", "34611112222", "Hola, ¿tenéis envío a Canarias?"
            )
            conv = await until(
                lambda: next(
                    iter(
                        c
                        for c in (
                            window.inbox_view.model.conversation(i)
                            for i in window.inbox_view.model.ids()
                        )
                        if c and c["unread"]
                    ),
                    None,
                )
            )
            assert conv["contact"]["wa_id"] == "34611112222"
            window.inbox_view.conversationSelected.emit(conv["id"])
            await until(
                lambda: window.conversation_view.current_id() == conv["id"] and messages(app)
            )
            assert messages(app)[0]["text"] == "Hola, ¿tenéis envío a Canarias?"
            window.conversation_view.claimRequested.emit(conv["id"])
            await until(lambda: state_of(window, conv["id"]) == "assigned")
            window.conversation_view.sendTextRequested.emit(conv["id"], "¡Sí! Envío en 48 h.")
            # Shown at once as pending, then its ticks climb to read.
            assert messages(app)[-1]["status"] == "pending"
            await until(lambda: messages(app)[-1]["status"] == "read")
            assert len(messages(app)) == 2
            assert [s.body["text"]["body"] for s in hub.world.sent_to("34611112222")] == [
                "¡Sí! Envío en 48 h."
            ]
            features(app).conversation.close_conversation(conv["id"], "resolved", "")
            await until(lambda: state_of(window, conv["id"]) == "closed")
            assert app.store is not None
            kinds = [a["kind"] for a in app.store.actions()]
            # Every action went through the local action log first, in order.
            assert kinds == [
                "session.started",
                "conversation.claimed",
                "message.sent",
                "conversation.closed",
            ]

    run(qapp, scenario)


def test_offline_replies_and_actions_arrive_once_in_order(
    qapp: QApplication, hub_box: RestartableHub, settings: Settings
) -> None:
    hub_box.running.customer_writes("wamid.ui2", "34633334444", "¿Seguís abiertos?")
    preset = signed_in(hub_box.running, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            assert app.store is not None
            conv = await until(
                lambda: next(
                    iter(
                        window.inbox_view.model.conversation(i)
                        for i in window.inbox_view.model.ids()
                    ),
                    None,
                )
            )
            window.conversation_view.claimRequested.emit(conv["id"])
            await until(lambda: state_of(window, conv["id"]) == "assigned")
            await asyncio.to_thread(hub_box.stop)
            await until(lambda: app.session.stream is not None and not app.session.stream.connected)
            await until(lambda: not window.banner.isHidden())  # the agent sees it
            for text in ("uno", "dos", "tres"):
                window.conversation_view.sendTextRequested.emit(conv["id"], text)
            features(app).conversation.close_conversation(conv["id"], "resolved", "")
            assert app.store.outbox_count() == 4
            assert [m["status"] for m in messages(app)[-3:]] == ["pending"] * 3
            await asyncio.sleep(1.0)
            assert app.store.outbox_count() == 4  # nothing is lost, nothing got out
            await asyncio.to_thread(hub_box.start)
            app.session.wake()
            await until(lambda: app.store is not None and app.store.outbox_count() == 0, within=30)
            sent = [s.body["text"]["body"] for s in hub_box.world.sent_to("34633334444")]
            assert sent == ["uno", "dos", "tres"]
            await until(lambda: state_of(window, conv["id"]) == "closed")
            await until(lambda: app.session is not None and app.session.stream.connected)
            await until(lambda: window.banner.isHidden())

    run(qapp, scenario)
