"""Live-stream events reach the window in bursts: a burst is cached in one go, shown in
one model update, and a large one reaches the inbox in slices that leave the event
loop a turn in between. The app runs offline (the hub address refuses connections)
on a real local store; the events are handed to it as the stream consumer hands them
(``_on_event``, one call per event of a chunk read)."""

from __future__ import annotations

from typing import Any

import pytest
from desktop_driver import run, started, until
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from store_reads import stored_message

from devtools import sample_data as sd
from wa_desk.client.credentials import CredentialStore
from wa_desk.client.ports import LAST_EVENT_ID_KEY
from wa_desk.core.clock import to_rfc3339
from wa_desk.ui.app.desktop_app import DesktopApp, SignedIn
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.settings.settings import Settings

OFFLINE = "http://127.0.0.1:9"  # the discard port: refused at once
USER = {"id": "u-ana", "name": "ana", "role": "agent", "queues": ["ventas"]}
SESSION = SignedIn(OFFLINE, "t", USER)

pytestmark = pytest.mark.usefixtures("desktop_data_home")


def _burst(n: int, first_seq: int) -> list[tuple[str, int, dict[str, Any]]]:
    """``n`` customers writing for the first time: a message and its new conversation."""
    events: list[tuple[str, int, dict[str, Any]]] = []
    seq = first_seq
    for i in range(n):
        at = to_rfc3339(sd.NOW + i)
        conversation = {
            **sd.conversation("c-x", "Cliente", "34600000000", state="queued", assignee=None),
            "id": f"c-new-{i}",
            "contact": {"wa_id": f"3461{i:07d}", "name": f"Cliente {i}"},
            "last_message_at": at,
            "last_message_preview": f"hola {i}",
            "unread": 1,
        }
        message = {
            **sd._msg(f"m-new-{i}", 0, "text", text=f"hola {i}"),
            "conversation_id": conversation["id"],
            "wamid": f"wamid.new-{i}",
            "timestamp": at,
        }
        events.append(("message.created", seq, message))
        events.append(("conversation.updated", seq + 1, conversation))
        seq += 2
    return events


def test_a_large_burst_is_cached_and_shown_in_one_update_sliced_for_the_loop(
    qapp: QApplication, settings: Settings
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=SESSION)
        async with started(app) as window:
            store = app.store
            assert store is not None
            shown: list[int] = []
            app.streamEventsShown.connect(shown.append)
            order: list[str] = []
            window.inbox_view.model.rowsInserted.connect(lambda *_: order.append("rows"))
            probe = QTimer()
            probe.setInterval(0)
            probe.timeout.connect(lambda: order.append("turn"))
            events = _burst(300, 1000)
            for kind, seq, data in events:  # one chunk read: no turn of the loop between
                app.session.router.receive(kind, seq, data)
            probe.start()
            await until(lambda: shown)
            probe.stop()
            assert shown == [events[-1][1]]  # one update, up to the burst's last event
            assert window.inbox_view.model.rowCount() == 300
            assert window.inbox_view.model.total_unread() == 300
            assert store.conversation("c-new-299") is not None
            assert stored_message(store, "m-new-0") is not None
            # 300 conversations in slices of 100, the loop turning between them.
            inserts = [i for i, what in enumerate(order) if what == "rows"]
            assert len(inserts) >= 3
            assert "turn" in order[inserts[0] : inserts[-1]]

    run(qapp, scenario)


def test_the_open_conversation_gets_its_messages_and_statuses_from_a_burst(
    qapp: QApplication, settings: Settings
) -> None:
    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=SESSION)
        async with started(app) as window:
            store = app.store
            assert store is not None
            conversation = sd.conversations()[0]
            store.upsert_conversations([conversation])
            store.upsert_messages(sd.messages())
            window.conversation_view.show_conversation(conversation, sd.messages())
            shown: list[int] = []
            app.streamEventsShown.connect(shown.append)
            reply = {**sd._msg("m99", 0, "text", text="¿Algo más?"), "direction": "in"}
            app.session.router.receive("message.created", 7, reply)
            app.session.router.receive(
                "message.status", 8, {"id": "m16", "wamid": None, "status": "read"}
            )
            app.session.router.receive("conversation.updated", 9, {**conversation, "unread": 3})
            await until(lambda: shown)
            assert shown == [9]
            model = window.conversation_view.model
            row = model.row_of("m99")
            assert row is not None and model.index(row).data(MessageRoles.BODY) == "¿Algo más?"
            sent = model.row_of("m16")
            assert sent is not None and model.index(sent).data(MessageRoles.STATUS) == "read"
            stored = stored_message(store, "m16")
            assert stored is not None and stored["status"] == "read"
            inbox = window.inbox_view.model.conversation(conversation["id"])
            assert inbox is not None and inbox["unread"] == 3

    run(qapp, scenario)


def test_where_the_stream_resumes_is_saved_only_once_the_burst_is_in_the_store(
    qapp: QApplication, settings: Settings
) -> None:
    """A crash between reading events and caching them must replay them at the next
    start: the saved position never runs ahead of what the store holds."""

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=SESSION)
        async with started(app):
            store = app.store
            assert store is not None
            statements: list[str] = []
            store._conn.set_trace_callback(statements.append)
            shown: list[int] = []
            app.streamEventsShown.connect(shown.append)
            events = _burst(250, 5000)
            for kind, seq, data in events:
                app.session.router.receive(kind, seq, data)
            await until(lambda: shown)
            assert store.get(LAST_EVENT_ID_KEY) == str(events[-1][1])
            message_writes = [i for i, s in enumerate(statements) if "INTO messages" in s]
            position_writes = [i for i, s in enumerate(statements) if "INTO kv" in s]
            assert message_writes and position_writes
            assert min(position_writes) > max(message_writes)

    run(qapp, scenario)
