"""The supervisor's heat-map tab against a real hub with a real signed-in Session: the
map shows the hub's figures, hovering shows a cell's exact figure, a click or Enter lists
the conversations behind the cell, the arrows move the focus cell (and what a screen
reader hears), opening a conversation shows its read-only timeline, which the hub records
as a supervisor's look while the agent's unread count stays as it was."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import OFFSCREEN_NOISE
from desktop_driver import run, signed_in, until
from hub_harness import RunningHub, wait_for
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from wa_desk.client.hub_clock import HubClock
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.clock import to_rfc3339
from wa_desk.core.heatmap import HeatmapMetric, HeatmapRows
from wa_desk.store.local_store import LocalStore
from wa_desk.ui.app.session import Session
from wa_desk.ui.supervisor.conversation_timeline_model import ConversationTimelineRoles
from wa_desk.ui.supervisor.drilldown_model import DrilldownRoles
from wa_desk.ui.supervisor.heatmap_controller import REFRESH_MS, HeatmapController
from wa_desk.ui.supervisor.heatmap_model import HeatmapRoles
from wa_desk.ui.supervisor.heatmap_panel import HeatmapPanel
from wa_desk.ui.supervisor.heatmap_range import HeatmapRange

# A tooltip raises its window; the offscreen platform says it cannot (platform noise).
TOOLTIP_NOISE = r"This plugin does not support raise\(\)"


@pytest.fixture
def hub(hub: RunningHub) -> RunningHub:
    hub.add_user("lola", "supervisor", ("ventas",))
    hub.login("ana")
    hub.login("lola")
    return hub


@asynccontextmanager
async def supervising(hub: RunningHub, tmp_path: Path) -> AsyncIterator[HeatmapPanel]:
    """lola's signed-in session (started, as the app starts it) and the heat-map tab on
    screen, wired to it."""
    store = LocalStore.open(tmp_path / "lola.sqlite3")
    session = await Session.open(signed_in(hub, "lola"), store, HubClock())
    session.start()
    panel = HeatmapPanel()
    controller = HeatmapController(session, panel)
    panel.resize(1200, 800)
    panel.show()
    try:
        yield panel
    finally:
        controller.close()
        panel.close()
        await session.close()
        store.close()


def _customers_write(hub: RunningHub, *messages: tuple[str, str]) -> None:
    for n, (wa_id, text) in enumerate(messages):
        hub.customer_writes(f"wamid.{wa_id}.{n}.{text}", wa_id, text)


def _ana_sees(hub: RunningHub, count: int) -> list[dict[str, Any]]:
    ana = hub.client("ana")

    def listed() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = ana.get("/api/v1/conversations").json()["items"]
        return items if len(items) >= count else []

    found: list[dict[str, Any]] = wait_for(listed)
    return found


def _cells_with_figures(panel: HeatmapPanel) -> list[tuple[int, int, float]]:
    m = panel.heatmap_model
    return [
        (r, c, v)
        for r in range(m.rowCount())
        for c in range(m.columnCount())
        if (v := m.value(r, c))
    ]


def _cell_point(panel: HeatmapPanel, row: int, column: int) -> QPoint:
    return panel.map_view.cell_rect(row, column).center().toPoint()


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, TOOLTIP_NOISE)
def test_the_map_drills_down_by_mouse_and_keyboard_to_a_timeline(
    qapp: QApplication, qtbot: QtBot, hub: RunningHub, tmp_path: Path
) -> None:
    _customers_write(hub, ("34600000001", "Hola"), ("34600000001", "¿Tenéis stock?"))
    _customers_write(hub, ("34600000002", "<b>Buenas</b>"))
    listed = _ana_sees(hub, 2)
    by_contact = {c["contact"]["wa_id"]: str(c["id"]) for c in listed}
    answered, unanswered = by_contact["34600000001"], by_contact["34600000002"]
    ana = hub.client("ana")
    assert ana.post(f"/api/v1/conversations/{answered}/claim").status_code == 200
    sent = ana.post(
        f"/api/v1/conversations/{answered}/messages",
        json={"type": "text", "text": "Sí, quedan dos"},
        headers={"Idempotency-Key": "heat-reply-1"},
    )
    assert sent.status_code in (200, 201, 202), sent.text
    unread_before = ana.get(f"/api/v1/conversations/{unanswered}").json()["unread"]
    assert unread_before > 0

    async def scenario() -> None:
        async with supervising(hub, tmp_path) as panel:
            model, view = panel.heatmap_model, panel.map_view
            # The tab asked for the map as it became visible: ventas, 96 quarter hours,
            # the three customer messages where they fell.
            await until(lambda: _cells_with_figures(panel))
            assert model.rowCount() == 1 and model.row_name(0) == "ventas"
            assert model.columnCount() == 96
            assert sum(v for _r, _c, v in _cells_with_figures(panel)) == 3
            row, column, figure = _cells_with_figures(panel)[-1]

            # Hovering: the tooltip holds the exact figure, its unit, the queue.
            point = _cell_point(panel, row, column)
            qtbot.mouseMove(view, point)
            QApplication.sendEvent(
                view, QHelpEvent(QEvent.Type.ToolTip, point, view.mapToGlobal(point))
            )
            assert QToolTip.isVisible()
            tip = QToolTip.text()
            assert f"{figure:g} messages" in tip and "ventas" in tip, tip

            # A click lists the conversations behind that cell, as the hub counts them.
            qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point)
            drill = panel.drilldown_model
            await until(lambda: drill.rowCount() > 0)
            ids = {
                drill.data(drill.index(r, 0), DrilldownRoles.CONVERSATION_ID)
                for r in range(drill.rowCount())
            }
            behind = await panel_session_cell(hub, column_start=model.column_start(column))
            assert ids == behind and ids <= {answered, unanswered}

            # The keyboard: the arrows move the focus cell (and the screen reader's text);
            # Enter opens the focused cell.
            view.setFocus()
            qtbot.keyClick(view, Qt.Key.Key_Left)
            assert (view.focus_row, view.focus_column) == (row, column - 1)
            assert view.accessibleDescription() == model.tooltip(row, column - 1)
            qtbot.keyClick(view, Qt.Key.Key_Right)
            assert view.accessibleDescription() == model.tooltip(row, column)
            qtbot.keyClick(view, Qt.Key.Key_Up)  # one row only: stays
            assert (view.focus_row, view.focus_column) == (row, column)
            drill.clear()
            qtbot.keyClick(view, Qt.Key.Key_Return)
            await until(lambda: drill.rowCount() == len(behind))

            # Opening a conversation shows its timeline: messages as plain text, the
            # actions with who did them; the agent's unread count is untouched.
            r = next(r for r in range(drill.rowCount()) if drill.conversation_id(r) == unanswered)
            qtbot.mouseClick(
                panel.conversations.viewport(),
                Qt.MouseButton.LeftButton,
                pos=panel.conversations.visualRect(drill.index(r, 0)).center(),
            )
            timeline = panel.timeline_model
            await until(lambda: timeline.conversation_id == unanswered and timeline.rowCount())
            texts = [
                timeline.data(timeline.index(i), ConversationTimelineRoles.TEXT)
                for i in range(timeline.rowCount())
                if timeline.data(timeline.index(i), ConversationTimelineRoles.SOURCE) == "message"
            ]
            assert texts == ["<b>Buenas</b>"]
            shown = timeline.data(timeline.index(0))
            assert "<b>Buenas</b>" in shown
            assert "ventas" in panel.timeline_title.text()

            # And the answered one: the claim and the reply, by ana.
            panel.conversationChosen.emit(answered)
            await until(lambda: timeline.conversation_id == answered)
            kinds = {
                timeline.data(timeline.index(i), ConversationTimelineRoles.KIND)
                for i in range(timeline.rowCount())
            }
            assert AuditKind.CONVERSATION_CLAIMED in kinds
            lines = [timeline.data(timeline.index(i)) for i in range(timeline.rowCount())]
            assert any("\u2068ana\u2069 claimed it" in line for line in lines), lines
            assert any("\u2068ana\u2069 sent a message" in line for line in lines), lines

    run(qapp, scenario)

    assert ana.get(f"/api/v1/conversations/{unanswered}").json()["unread"] == unread_before
    looks = hub.ctx.db.read_sync(
        lambda c: c.all(
            "SELECT conversation_id FROM audit_events WHERE kind = ?",
            (AuditKind.SUPERVISOR_VIEWED.value,),
        )
    )
    assert {str(r["conversation_id"]) for r in looks} == {answered, unanswered}


async def panel_session_cell(hub: RunningHub, *, column_start: int | None) -> set[str]:
    """The conversations the hub lists behind the cell (asked as the supervisor, apart)."""
    assert column_start is not None
    lola = hub.client("lola")
    answer = await asyncio.to_thread(
        lola.get,
        "/api/v1/supervisor/conversations",
        params={
            "metric": HeatmapMetric.VOLUME.value,
            "from": to_rfc3339(column_start),
            "to": to_rfc3339(column_start + 900_000),
            "queue": "ventas",
        },
    )
    return {str(i["id"]) for i in answer.json()["items"]}


def test_models_pass_qts_checks_with_the_hubs_answers(
    qapp: QApplication, qtmodeltester: Any, hub: RunningHub, tmp_path: Path
) -> None:
    _customers_write(hub, ("34600000003", "Hola"))
    (conversation,) = _ana_sees(hub, 1)

    async def scenario() -> None:
        async with supervising(hub, tmp_path) as panel:
            await until(lambda: _cells_with_figures(panel))
            qtmodeltester.check(panel.heatmap_model)
            row, column, _figure = _cells_with_figures(panel)[0]
            panel.cellChosen.emit(row, column)
            await until(lambda: panel.drilldown_model.rowCount())
            qtmodeltester.check(panel.drilldown_model)
            panel.conversationChosen.emit(str(conversation["id"]))
            await until(lambda: panel.timeline_model.rowCount())
            qtmodeltester.check(panel.timeline_model)

    run(qapp, scenario)


def test_ranges_rows_and_the_refresh_while_visible(
    qapp: QApplication, hub: RunningHub, tmp_path: Path
) -> None:
    _customers_write(hub, ("34600000004", "Hola"))
    (conversation,) = _ana_sees(hub, 1)
    claimed = hub.client("ana").post(f"/api/v1/conversations/{conversation['id']}/claim")
    assert claimed.status_code == 200

    async def scenario() -> None:
        async with supervising(hub, tmp_path) as panel:
            model = panel.heatmap_model
            controller = panel.findChild(HeatmapController)
            assert controller is not None
            await until(lambda: _cells_with_figures(panel))
            # Refreshed at most once a minute, only while visible.
            assert controller.timer.isActive() and controller.timer.interval() == REFRESH_MS
            resets: list[None] = []
            changes: list[tuple[int, int]] = []
            model.modelReset.connect(lambda: resets.append(None))
            model.dataChanged.connect(lambda a, b, roles: changes.append((a.row(), a.column())))
            await asyncio.to_thread(_customers_write, hub, ("34600000005", "Buenas"))
            controller.timer.timeout.emit()
            await until(lambda: sum(v for *_rc, v in _cells_with_figures(panel)) == 2)
            # The same map again: only the changed cell, not a new table.
            assert resets == [] and len(changes) == 1
            panel.hide()
            assert not controller.timer.isActive()
            panel.show()
            assert controller.timer.isActive()

            # Openings by agent: the first who held the conversation (ana claimed one).
            panel.metric_box.setCurrentIndex(
                panel.metric_box.findData(HeatmapMetric.CONVERSATIONS.value)
            )
            panel.rows_box.setCurrentIndex(panel.rows_box.findData(HeatmapRows.AGENT.value))
            await until(
                lambda: (
                    model.rows_by is HeatmapRows.AGENT
                    and model.metric is HeatmapMetric.CONVERSATIONS
                )
            )
            assert "ana" in [model.row_name(r) for r in range(model.rowCount())]

            # Weekday × hour over 4 weeks, by queue: 168 columns, Monday first.
            panel.rows_box.setCurrentIndex(panel.rows_box.findData(HeatmapRows.QUEUE.value))
            panel.range_box.setCurrentIndex(
                panel.range_box.findData(HeatmapRange.WEEKDAY_HOUR_4.value)
            )
            await until(lambda: model.columnCount() == 168 and model.rows_by is HeatmapRows.QUEUE)
            assert model.request.weeks == 4 and model.row_name(0) == "ventas"
            assert model.headerData(0, Qt.Orientation.Horizontal) == "Mon 00:00"
            # Medians over nothing are empty, not zero.
            panel.metric_box.setCurrentIndex(
                panel.metric_box.findData(HeatmapMetric.FIRST_RESPONSE.value)
            )
            await until(lambda: model.metric is HeatmapMetric.FIRST_RESPONSE)
            assert model.data(model.index(0, 0), HeatmapRoles.VALUE) is None

    run(qapp, scenario)


def test_the_drill_down_and_the_timeline_come_page_by_page(
    qapp: QApplication, hub: RunningHub, tmp_path: Path
) -> None:
    """Pages as small as one item: the lists ask for the next page as they are shown,
    until the hub has no more, and every item arrives once, in order."""
    _customers_write(hub, ("34600000006", "Uno"), ("34600000007", "Dos"))
    _customers_write(hub, ("34600000008", "Tres"))
    listed = _ana_sees(hub, 3)
    cid = str(next(c["id"] for c in listed if c["contact"]["wa_id"] == "34600000006"))
    _customers_write(hub, ("34600000006", "Cuatro"), ("34600000006", "Cinco"))

    async def scenario() -> None:
        async with supervising(hub, tmp_path) as panel:
            controller = panel.findChild(HeatmapController)
            assert controller is not None
            controller.page_size = controller.timeline_page_size = 1
            await until(lambda: sum(v for *_rc, v in _cells_with_figures(panel)) == 5)
            model = panel.heatmap_model
            # The conversations behind the latest cell, one page each.
            row, column, _figure = _cells_with_figures(panel)[-1]
            behind = await panel_session_cell(hub, column_start=model.column_start(column))
            panel.cellChosen.emit(row, column)
            drill = panel.drilldown_model
            await until(lambda: drill.rowCount() == len(behind) and drill.next is None)
            ids = [drill.conversation_id(r) for r in range(drill.rowCount())]
            assert sorted(ids) == ids and set(ids) == behind

            panel.conversationChosen.emit(cid)
            timeline = panel.timeline_model
            await until(lambda: timeline.conversation_id == cid and timeline.next is None)
            texts = [
                timeline.data(timeline.index(i), ConversationTimelineRoles.TEXT)
                for i in range(timeline.rowCount())
                if timeline.data(timeline.index(i), ConversationTimelineRoles.SOURCE) == "message"
            ]
            assert texts == ["Uno", "Cuatro", "Cinco"]
            at = [
                timeline.data(timeline.index(i), ConversationTimelineRoles.AT_MS)
                for i in range(timeline.rowCount())
            ]
            assert at == sorted(at)

    run(qapp, scenario)
