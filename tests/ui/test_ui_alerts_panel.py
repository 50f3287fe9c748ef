"""The early-alerts panel as a team lead uses it, against a real hub on loopback with a
real Session: alerts raised for real (customers writing and waiting, the hub's alert
pass), listed grouped by kind; acknowledged and snoozed from the panel's buttons, its
context menu and its dialog, which the hub records in the lead's name; resolved alerts
leaving the open list; the open count following; a new critical alert making one tray
notification and a badge on the tray icon.

The hub's alert loop waits an hour between passes: each test runs a pass itself
(``pass_at``), with its "now" moved ahead where a condition needs time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from desktop_driver import run, signed_in, until
from hub_harness import RunningHub, running_hub
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui.conftest import OFFSCREEN_NOISE

from wa_desk.client.hub_clock import HubClock
from wa_desk.core.alert_kinds import AlertKind, AlertState
from wa_desk.core.clock import now_ms
from wa_desk.hub.alert_loop import evaluate_once
from wa_desk.hub.settings import policy_guidelines
from wa_desk.store.local_store import LocalStore
from wa_desk.ui.app.session import Session
from wa_desk.ui.shell.tray import Tray
from wa_desk.ui.supervisor.alert_action_dialog import AlertActionDialog
from wa_desk.ui.supervisor.alerts_controller import AlertsController
from wa_desk.ui.supervisor.alerts_model import AlertRoles
from wa_desk.ui.supervisor.alerts_panel import AlertsPanel

POLICY = {
    "sla": [{"queue": "ventas", "first_response": 600, "next_response": 600, "at_risk": 0.9}],
    "alerts": {"backlog_waiting": 5, "unanswered_in_a_row": 3},
}
CUSTOMER = "Lucía Pérez"  # hub_harness.text_webhook's profile name

# A tray icon made on the offscreen platform (which has no tray) says so once.
NO_TRAY_NOISE = r"No such signal QPlatformNativeInterface::systemTrayWindowChanged"
# A popup menu on the offscreen platform: it cannot raise it nor grab the keyboard for it
# (the menu gets its keys all the same).
POPUP_NOISE = r"This plugin does not support (raise\(\)|grabbing the keyboard)"


@pytest.fixture
def hub(tmp_path: Path, desktop_data_home: Path) -> Iterator[RunningHub]:
    settings = {"guidelines": policy_guidelines(POLICY), "alert_interval_seconds": 3600}
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", hub_settings=settings) as running:
        running.add_user("ana", "agent", ("ventas",))
        running.add_user("lead", "supervisor", ("ventas",))
        running.login("ana")
        running.login("lead")
        yield running


@dataclass
class Lead:
    session: Session
    panel: AlertsPanel
    controller: AlertsController
    counts: list[int]


@asynccontextmanager
async def lead_desk(hub: RunningHub, tmp_path: Path, qtbot: QtBot) -> AsyncIterator[Lead]:
    """The lead signed in (a real Session on its own store, its stream connected) with
    the alerts panel on screen and its controller loaded."""
    store = await asyncio.to_thread(LocalStore.open, tmp_path / "lead.sqlite3")
    clock = HubClock()
    store.use_clock(clock.now)
    session = await Session.open(signed_in(hub, "lead"), store, clock)
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.resize(760, 480)
    panel.show()
    controller = AlertsController(session, panel)
    counts: list[int] = []
    panel.countChanged.connect(counts.append)
    session.start()
    try:
        await until(lambda: session.stream.connected)
        await controller.load()
        yield Lead(session, panel, controller, counts)
    finally:
        controller.close()
        await session.close()
        await asyncio.to_thread(store.close)


async def pass_at(hub: RunningHub, seconds_ahead: float = 0) -> None:
    """One pass of the hub's alert loop, as of now plus ``seconds_ahead``."""
    await asyncio.to_thread(hub.run, evaluate_once(hub.ctx, now_ms() + int(seconds_ahead * 1000)))


async def customer_writes_unanswered(hub: RunningHub, wa_id: str, times: int = 3) -> str:
    conversation_id = await asyncio.to_thread(hub.new_conversation, wa_id, seen_by="ana")
    for i in range(2, times + 1):
        await asyncio.to_thread(hub.customer_writes, f"wamid.{wa_id}.{i}", wa_id, f"¿Hola? {i}")
    return conversation_id


def hub_alerts(hub: RunningHub, state: str = "all") -> list[dict[str, Any]]:
    response = hub.client("lead").get("/api/v1/supervisor/alerts", params={"state": state})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def hub_facts(hub: RunningHub, kind: str) -> list[dict[str, Any]]:
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT actor, conversation_id, data FROM audit_events WHERE device = 'hub' "
            "AND kind = ? ORDER BY seq",
            (kind,),
        )
    )
    return [{**r, "data": orjson.loads(r["data"])} for r in rows]


def listed(panel: AlertsPanel, kind: str) -> dict[str, Any] | None:
    model = panel.model
    for group_row in range(model.rowCount()):
        group = model.index(group_row, 0)
        if group.data(AlertRoles.KIND) != kind:
            continue
        child = model.index(0, 0, group)
        return dict(child.data(AlertRoles.ALERT)) if child.isValid() else None
    return None


def shown(panel: AlertsPanel, state: str) -> dict[str, Any] | None:
    """The streak alert, once the panel lists the alerts of ``state``."""
    if panel.model.state() != state:
        return None
    return listed(panel, AlertKind.UNANSWERED_STREAK)


def click_row(qtbot: QtBot, panel: AlertsPanel, alert_id: int) -> None:
    index = panel.model.index_of(alert_id)
    assert index.isValid()
    panel.tree.scrollTo(index)
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.current_alert_id() == alert_id


def choose_state(qtbot: QtBot, panel: AlertsPanel, state: str) -> None:
    """The lead picks a state in the filter with the keyboard."""
    combo = panel.state
    combo.setFocus()
    target = combo.findData(state)
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_the_panel_lists_alerts_by_kind_and_acknowledging_reaches_the_hub(
    qapp: QApplication, qtbot: QtBot, qtmodeltester: ModelTester, hub: RunningHub, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with lead_desk(hub, tmp_path, qtbot) as lead:
            panel = lead.panel
            assert panel.model.rowCount() == 0 and panel.empty.isVisible()
            conversation_id = await customer_writes_unanswered(hub, "34611400001")
            await pass_at(hub)

            streak = await until(lambda: listed(panel, AlertKind.UNANSWERED_STREAK))
            assert streak["subject"] == conversation_id and streak["state"] == "open"
            qtmodeltester.check(panel.model)
            group = panel.model.index(0, 0)
            assert group.data() == "Customers writing without an answer: 1"
            index = panel.model.index_of(streak["id"])
            assert index.data(AlertRoles.OPENS) == "conversation"
            assert index.data(AlertRoles.TARGET) == conversation_id
            # The customer's name, found on the hub, is the alert's subject (as data).
            await until(lambda: CUSTOMER in str(index.data(AlertRoles.SUBJECT)))
            assert "\u2068" + CUSTOMER + "\u2069" in str(index.data(AlertRoles.SUBJECT))
            spoken = str(index.data(Qt.ItemDataRole.AccessibleTextRole))
            assert spoken.startswith("Warning. A customer in queue")
            assert lead.controller.open_count() == 1 and lead.counts[-1] == 1

            opened: list[str] = []
            panel.openConversation.connect(opened.append)
            click_row(qtbot, panel, streak["id"])
            qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
            assert opened == [conversation_id]

            qtbot.mouseClick(panel.ack_button, Qt.MouseButton.LeftButton)
            dialog = panel.dialog
            assert isinstance(dialog, AlertActionDialog) and dialog.isVisible()
            qtbot.keyClicks(dialog.note_edit, "Lo miro yo")
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

            def acknowledged_on_hub() -> dict[str, Any] | None:
                found = [a for a in hub_alerts(hub, "acknowledged") if a["id"] == streak["id"]]
                return found[0] if found else None

            acked = await until(acknowledged_on_hub)
            assert acked["acknowledged"]["note"] == "Lo miro yo"
            assert acked["acknowledged"]["by"] == hub.user_ids["lead"]
            (fact,) = hub_facts(hub, "alert.acknowledged")
            assert fact["data"]["note"] == "Lo miro yo"
            # The row left the open list, and the count followed.
            await until(lambda: panel.model.alert(streak["id"]) is None)
            assert lead.controller.open_count() == 0 and lead.counts[-1] == 0
            assert panel.count_label.text() == "Open alerts: 0"

            choose_state(qtbot, panel, AlertState.ACKNOWLEDGED)
            moved = await until(lambda: shown(panel, AlertState.ACKNOWLEDGED))
            assert moved["id"] == streak["id"] and moved["state"] == "acknowledged"
            handled = str(panel.model.index_of(streak["id"]).data(AlertRoles.HANDLED))
            assert handled.startswith("Acknowledged at ") and "Lo miro yo" in handled
            qtmodeltester.check(panel.model)

    run(qapp, scenario)


def _open_context_menu(panel: AlertsPanel, alert_id: int) -> QMenu:
    """The context menu of an alert's row, asked for as the keyboard's menu key does."""
    rect = panel.tree.visualRect(panel.model.index_of(alert_id))
    viewport = panel.tree.viewport()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, rect.center(), viewport.mapToGlobal(rect.center())
    )
    QApplication.sendEvent(viewport, event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, POPUP_NOISE)
def test_snoozing_from_the_context_menu_with_a_note_reaches_the_hubs_chain(
    qapp: QApplication, qtbot: QtBot, hub: RunningHub, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with lead_desk(hub, tmp_path, qtbot) as lead:
            panel = lead.panel
            await customer_writes_unanswered(hub, "34611400002")
            await pass_at(hub)
            streak = await until(lambda: listed(panel, AlertKind.UNANSWERED_STREAK))
            click_row(qtbot, panel, streak["id"])

            menu = _open_context_menu(panel, streak["id"])
            labels = [a.text() for a in menu.actions()]
            assert labels == ["&Open", "&Acknowledge…", "S&nooze…"]
            for _ in range(3):  # down to "Snooze…", then Enter
                qtbot.keyClick(menu, Qt.Key.Key_Down)
                if menu.activeAction() is menu.actions()[2]:
                    break
            qtbot.keyClick(menu, Qt.Key.Key_Return)
            dialog = await until(lambda: panel.dialog)
            assert dialog.duration.isVisible()
            dialog.duration.setFocus()
            while dialog.duration.currentData() != 60:
                qtbot.keyClick(dialog.duration, Qt.Key.Key_Down)
            qtbot.keyClicks(dialog.note_edit, "Tras la reunion")
            qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)

            snoozed = await until(
                lambda: [a for a in hub_alerts(hub, "snoozed") if a["id"] == streak["id"]]
            )
            assert snoozed[0]["snoozed"]["note"] == "Tras la reunion"
            stored = hub.ctx.db.read_sync(
                lambda c: c.one(
                    "SELECT snooze_note, snoozed_by FROM alerts WHERE id = ?", (streak["id"],)
                )
            )
            assert stored is not None
            assert (stored["snooze_note"], stored["snoozed_by"]) == (
                "Tras la reunion",
                hub.user_ids["lead"],
            )
            (fact,) = hub_facts(hub, "alert.snoozed")
            assert fact["actor"] == hub.user_ids["lead"]
            assert (fact["data"]["minutes"], fact["data"]["note"]) == (60, "Tras la reunion")
            await until(lambda: panel.model.alert(streak["id"]) is None)
            assert lead.counts[-1] == 0

            choose_state(qtbot, panel, AlertState.SNOOZED)
            await until(lambda: shown(panel, AlertState.SNOOZED))
            handled = str(panel.model.index_of(streak["id"]).data(AlertRoles.HANDLED))
            assert handled.startswith("Snoozed until ") and "Tras la reunion" in handled

    run(qapp, scenario)


def test_a_resolved_alert_leaves_the_open_list_and_the_count_follows(
    qapp: QApplication, qtbot: QtBot, qtmodeltester: ModelTester, hub: RunningHub, tmp_path: Path
) -> None:
    ana = hub.client("ana")

    async def scenario() -> None:
        async with lead_desk(hub, tmp_path, qtbot) as lead:
            panel = lead.panel
            first = await customer_writes_unanswered(hub, "34611400003")
            await customer_writes_unanswered(hub, "34611400004")
            await pass_at(hub)
            await until(lambda: lead.controller.open_count() == 2)
            group = panel.model.index(0, 0)
            assert panel.model.rowCount(group) == 2 and lead.counts[-1] == 2
            qtmodeltester.check(panel.model)

            def answered() -> None:
                assert ana.post(f"/api/v1/conversations/{first}/claim").status_code == 200
                sent = ana.post(f"/api/v1/conversations/{first}/messages", json={"text": "Hola"})
                assert sent.status_code == 201, sent.text

            await asyncio.to_thread(answered)
            await pass_at(hub)
            await until(lambda: lead.controller.open_count() == 1)
            assert lead.counts[-1] == 1
            group = panel.model.index(0, 0)
            assert panel.model.rowCount(group) == 1
            assert panel.model.index(0, 0, group).data(AlertRoles.TARGET) != first
            assert panel.count_label.text() == "Open alerts: 1"
            resolved = [a for a in hub_alerts(hub, "resolved") if a["subject"] == first]
            assert len(resolved) == 1

            # The other one, from the keyboard: Enter opens it, "A" acknowledges it.
            other = int(panel.model.index(0, 0, group).data(AlertRoles.ID))
            opened: list[str] = []
            panel.openConversation.connect(opened.append)
            click_row(qtbot, panel, other)
            panel.tree.setFocus()
            qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
            assert opened == [panel.model.index_of(other).data(AlertRoles.TARGET)]
            qtbot.keyClick(panel.tree, Qt.Key.Key_A)
            dialog = panel.dialog
            assert dialog is not None
            await until(dialog.note_edit.hasFocus)  # the note, ready to type in
            qtbot.keyClicks(dialog.note_edit, "Ya voy")
            qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
            await until(lambda: lead.controller.open_count() == 0)
            acked = [a for a in hub_alerts(hub, "acknowledged") if a["id"] == other]
            assert acked[0]["acknowledged"]["note"] == "Ya voy"

            choose_state(qtbot, panel, AlertState.RESOLVED)
            await until(lambda: shown(panel, AlertState.RESOLVED))
            assert panel.model.ids() == [resolved[0]["id"]]
            assert panel.count_label.text() == "Open alerts: 0"  # whatever is shown

    run(qapp, scenario)


@pytest.fixture
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """A desktop whose system tray shows messages (the offscreen platform has none):
    every (title, body) handed to ``QSystemTrayIcon.showMessage``."""
    shown: list[tuple[str, str]] = []

    def show_message(_icon: QSystemTrayIcon, title: str, body: str, *_rest: Any) -> None:
        shown.append((title, body))

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", show_message)
    return shown


def _badge_color(tray: Tray) -> QColor:
    """The colour of the icon's lower badge."""
    assert tray.icon is not None
    image = tray.icon.icon().pixmap(64, 64).toImage()
    return image.pixelColor(37, 48)  # inside the circle, beside its number


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, NO_TRAY_NOISE)
def test_a_new_critical_alert_makes_one_tray_notification_and_a_badge(
    qapp: QApplication,
    qtbot: QtBot,
    hub: RunningHub,
    tmp_path: Path,
    shown_messages: list[tuple[str, str]],
) -> None:
    async def scenario() -> None:
        async with lead_desk(hub, tmp_path, qtbot) as lead:
            window = QWidget()
            qtbot.addWidget(window)
            tray = Tray(window)
            tray.sound = False
            # As the app wires them.
            lead.controller.criticalAlert.connect(tray.notify_alert)
            lead.controller.countChanged.connect(tray.set_open_alerts)
            no_badge = _badge_color(tray)

            await customer_writes_unanswered(hub, "34611400005")
            await pass_at(hub)  # a warning: counted, not notified
            await until(lambda: lead.controller.open_count() == 1)
            assert shown_messages == []
            assert "Open alerts: 1" in tray.tooltip()

            await pass_at(hub, 700)  # past the 600 s first-response target: critical
            breach = await until(lambda: listed(lead.panel, AlertKind.SLA_BREACHED))
            assert breach["severity"] == "critical"
            await until(lambda: lead.controller.open_count() == 2)
            await pass_at(hub, 710)  # the same conditions again: nothing new
            await pass_at(hub, 720)
            assert [t for t, _ in shown_messages] == ["Critical alert"]
            (body,) = [b for _, b in shown_messages]
            assert "has waited longer than the first-response target" in body
            assert tray.tooltip() == "wa-desk\nOpen alerts: 2"
            # The groups: the critical one first.
            assert lead.panel.model.index(0, 0).data(AlertRoles.KIND) == AlertKind.SLA_BREACHED
            badge = _badge_color(tray)
            assert badge != no_badge and badge.red() > 150 and badge.blue() < 60

            tray.set_open_alerts(0)
            assert tray.tooltip() == "wa-desk"
            assert _badge_color(tray) == no_badge

    run(qapp, scenario)


def test_an_agent_asking_for_alerts_is_told_it_is_refused(
    qapp: QApplication, qtbot: QtBot, hub: RunningHub, tmp_path: Path
) -> None:
    """Not a lead: the panel stays empty and the session names the refusal."""

    async def scenario() -> None:
        store = await asyncio.to_thread(LocalStore.open, tmp_path / "ana.sqlite3")
        session = await Session.open(signed_in(hub, "ana"), store, HubClock())
        panel = AlertsPanel()
        qtbot.addWidget(panel)
        controller = AlertsController(session, panel)
        problems: list[tuple[str, str]] = []
        session.problem.connect(lambda kind, detail: problems.append((kind, detail)))
        try:
            await controller.load()
        finally:
            controller.close()
            await session.close()
            await asyncio.to_thread(store.close)
        assert panel.model.rowCount() == 0
        assert [k for k, _ in problems] == ["refused"]

    run(qapp, scenario)


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, NO_TRAY_NOISE)
def test_a_critical_alert_is_not_told_twice_while_the_window_is_in_front(
    qapp: QApplication, qtbot: QtBot, shown_messages: list[tuple[str, str]]
) -> None:
    """In front, the window's problems bar tells the alert: no tray notification on top
    of it. Away from the window, the notification is what reaches the lead."""
    window = QWidget()
    qtbot.addWidget(window)
    tray = Tray(window)
    tray.sound = False
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    assert tray.notify_alert("Critical alert", "A customer has waited too long.") is False
    assert shown_messages == []

    window.hide()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    assert tray.notify_alert("Critical alert", "A customer has waited too long.") is True
    assert shown_messages == [("Critical alert", "A customer has waited too long.")]
