"""The customer pane counts the customer's conversations in queues the agent cannot
open, so a customer another team already served is not taken for a new one; what those
conversations held stays with their team."""

from __future__ import annotations

from desktop_driver import conversations, run, signed_in, started, until
from hub_harness import SUPPORT, RunningHub
from PySide6.QtWidgets import QApplication, QListWidget

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.settings.settings import Settings


def _texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_history_counts_conversations_in_queues_the_agent_cannot_open(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    # Support (not ana's queue) served this customer twice; now they write to sales.
    hub.add_user("lead", "supervisor", ("ventas", "soporte"))
    lead = hub.login("lead")
    hub.customer_writes("wamid.he1", "34655511111", "el router parpadea", phone_number_id=SUPPORT)
    first = lead.get("/api/v1/conversations").json()["items"][0]["id"]
    lead.post(f"/api/v1/conversations/{first}/close", json={"disposition": "resolved"})
    hub.customer_writes("wamid.he2", "34655511111", "otra vez el router", phone_number_id=SUPPORT)
    hub.customer_writes("wamid.he3", "34655511111", "quiero ampliar la fibra")
    hub.customer_writes("wamid.he4", "34655522222", "primera vez que os escribo")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            panel = window.customer_panel
            await until(lambda: len(conversations(window)) == 2)
            by_number = {c["contact"]["wa_id"]: c for c in conversations(window)}
            known, new = by_number["34655511111"], by_number["34655522222"]

            window.inbox_view.conversationSelected.emit(known["id"])
            await until(
                lambda: (
                    panel.conversation_id == known["id"]
                    and "2 other conversations in queues you cannot open" in _texts(panel.history)
                )
            )
            assert _texts(panel.history) == ["2 other conversations in queues you cannot open"]
            opened: list[str] = []
            panel.historySelected.connect(opened.append)
            panel.history.itemActivated.emit(panel.history.item(0))
            assert opened == []  # counted, not openable
            assert "router" not in str(conversations(window))  # nothing of theirs came

            window.inbox_view.conversationSelected.emit(new["id"])
            await until(
                lambda: (
                    panel.conversation_id == new["id"]
                    and _texts(panel.history) == ["None: first conversation"]
                )
            )

    run(qapp, scenario)
