"""The wallboard's models: rows replaced in place with the roles or columns that changed,
new ones inserted, running times moving with the clock alone, sorting and filtering by
queue, a status timeline that follows the stream; each passes Qt's model tester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from devtools.wallboard_rows import MINUTE, agent_row, queue_row
from wa_desk.core.clock import to_rfc3339
from wa_desk.ui.supervisor.agent_model import AgentColumn, AgentFilter, AgentModel, AgentRoles
from wa_desk.ui.supervisor.page import SupervisorPage
from wa_desk.ui.supervisor.queue_model import QueueModel, QueueRoles
from wa_desk.ui.supervisor.timeline_model import Stretch, TimelineModel, TimelineRoles

NOW = sd.NOW


@pytest.fixture
def now() -> list[int]:
    return [NOW]


def _board(now: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    queues = [
        queue_row("ventas", now, waiting=2, waiting_since=now - 5 * MINUTE, at_risk=1),
        queue_row("soporte", now, sla_percent_today=92.5),
    ]
    agents = [
        agent_row("u1", "Ana", now, open=2, load=0.4, waiting_since=now - 3 * MINUTE),
        agent_row("u2", "Bruno", now, ("ventas", "soporte"), status="busy", open=5, load=1.0),
        agent_row("u3", "Carla", now, ("soporte",), status="away", handled_today=7),
    ]
    return queues, agents


def test_the_queue_model_passes_the_model_tester_through_pushes(
    qtmodeltester: ModelTester, now: list[int]
) -> None:
    model = QueueModel(clock=lambda: now[0])
    queues, _ = _board(NOW)
    model.replace(queues)
    qtmodeltester.check(model)
    model.apply([queue_row("ventas", NOW, waiting=3), queue_row("atención", NOW)])
    model.tick()
    qtmodeltester.check(model)
    assert model.queues() == ["atención", "soporte", "ventas"]


def test_a_pushed_queue_row_announces_only_what_changed(qtbot: QtBot, now: list[int]) -> None:
    model = QueueModel(clock=lambda: now[0])
    queues, _ = _board(NOW)
    model.replace(queues)
    changed = queues[1] | {"waiting": 1}
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.apply([changed])
    top, bottom, roles = signal.args
    assert top.row() == bottom.row() == model.row_of("soporte")
    assert int(QueueRoles.WAITING) in roles and int(QueueRoles.SLA_PERCENT) not in roles
    assert model.index(top.row()).data(QueueRoles.WAITING) == 1


def test_the_longest_wait_moves_with_the_clock_between_pushes(now: list[int]) -> None:
    model = QueueModel(clock=lambda: now[0])
    model.replace(_board(NOW)[0])
    ventas = model.index(model.row_of("ventas") or 0)
    assert ventas.data(QueueRoles.LONGEST_WAIT_MS) == 5 * MINUTE
    now[0] += 2 * MINUTE
    assert ventas.data(QueueRoles.LONGEST_WAIT_MS) == 7 * MINUTE
    soporte = model.index(model.row_of("soporte") or 0)
    assert soporte.data(QueueRoles.LONGEST_WAIT_MS) is None, "nobody waits there"


def test_a_row_older_than_the_one_shown_is_not_applied(now: list[int]) -> None:
    model = QueueModel(clock=lambda: now[0])
    model.replace([queue_row("ventas", NOW, waiting=4)])
    model.apply([queue_row("ventas", NOW - 1000, waiting=9)])
    shown = model.row("ventas")
    assert shown is not None and shown["waiting"] == 4


def test_the_agent_model_passes_the_model_tester_sorted_and_filtered(
    qtmodeltester: ModelTester, now: list[int]
) -> None:
    model = AgentModel(clock=lambda: now[0])
    model.replace(_board(NOW)[1])
    qtmodeltester.check(model)
    proxy = AgentFilter(model)
    proxy.sort(AgentColumn.LOAD)
    qtmodeltester.check(proxy)
    model.apply([agent_row("u4", "Diego", NOW, status="offline")])
    model.tick()
    proxy.set_queue("soporte")
    qtmodeltester.check(proxy)
    names = [proxy.index(r, AgentColumn.NAME).data() for r in range(proxy.rowCount())]
    assert sorted(names) == ["Bruno", "Carla"]


def test_an_agent_moved_to_another_queue_joins_its_filter(now: list[int]) -> None:
    model = AgentModel(clock=lambda: now[0])
    model.replace(_board(NOW)[1])
    proxy = AgentFilter(model)
    proxy.set_queue("soporte")
    # Ana joins soporte: nothing on her row shows it, but the filter must.
    ana = agent_row(
        "u1", "Ana", NOW, ("ventas", "soporte"), open=2, load=0.4, waiting_since=NOW - 3 * MINUTE
    )
    model.apply([ana])
    names = [proxy.index(r, AgentColumn.NAME).data() for r in range(proxy.rowCount())]
    assert sorted(names) == ["Ana", "Bruno", "Carla"]


def test_sorting_by_load_puts_the_fullest_last(now: list[int]) -> None:
    model = AgentModel(clock=lambda: now[0])
    model.replace(_board(NOW)[1])
    proxy = AgentFilter(model)
    proxy.sort(AgentColumn.LOAD)
    names = [proxy.index(r, AgentColumn.NAME).data() for r in range(proxy.rowCount())]
    assert names == ["Carla", "Ana", "Bruno"]


def test_a_pushed_agent_row_changes_only_its_columns(qtbot: QtBot, now: list[int]) -> None:
    model = AgentModel(clock=lambda: now[0])
    agents = _board(NOW)[1]
    model.replace(agents)
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.apply([agents[2] | {"handled_today": 8}])
    top, bottom, _roles = signal.args
    assert (top.row(), top.column(), bottom.column()) == (
        2,
        AgentColumn.HANDLED,
        AgentColumn.HANDLED,
    )
    assert model.index(2, AgentColumn.HANDLED).data() == "8"


def test_status_and_waits_read_in_words_and_tick(now: list[int]) -> None:
    model = AgentModel(clock=lambda: now[0])
    model.replace(_board(NOW)[1])
    assert model.index(1, AgentColumn.STATUS).data() == "Busy"
    assert model.index(0, AgentColumn.LOAD).data() == "2 of 5"
    assert model.index(0, AgentColumn.WAITING).data() == "3 min"
    assert model.index(1, AgentColumn.WAITING).data() == "—"
    assert model.index(0, AgentColumn.IN_STATUS).data() == "30 min"
    now[0] += 10 * MINUTE
    assert model.index(0, AgentColumn.WAITING).data() == "13 min"
    assert model.index(0, AgentColumn.IN_STATUS).data() == "40 min"
    tooltip = model.index(0, AgentColumn.WAITING).data(Qt.ItemDataRole.ToolTipRole)
    assert "Ana" in tooltip and "13 min" in tooltip
    assert model.index(0, 0).data(AgentRoles.WAITING_MS) == 13 * MINUTE


def test_the_timeline_follows_status_changes(qtmodeltester: ModelTester, now: list[int]) -> None:
    model = TimelineModel(clock=lambda: now[0])
    start = NOW - 3 * 60 * MINUTE
    model.show(
        "u1",
        "Ana",
        start,
        [Stretch("available", start, NOW - 60 * MINUTE), Stretch("busy", NOW - 60 * MINUTE, None)],
    )
    qtmodeltester.check(model)
    model.status_changed("u2", "away", NOW)  # someone else's
    model.status_changed("u1", "busy", NOW)  # said again
    assert model.rowCount() == 2
    model.status_changed("u1", "away", NOW)
    qtmodeltester.check(model)
    assert [model.index(r).data(TimelineRoles.STATUS) for r in range(3)] == [
        "available",
        "busy",
        "away",
    ]
    assert model.index(1).data(TimelineRoles.END) == NOW
    assert model.index(2).data(TimelineRoles.END) is None
    assert to_rfc3339(model.index(2).data(TimelineRoles.START)) == to_rfc3339(NOW)


def test_the_page_takes_more_sections_and_counts_in_their_titles(qtbot: QtBot) -> None:
    page = SupervisorPage()
    qtbot.addWidget(page)
    assert page.tabText(0) == "&Wallboard" and page.currentWidget() is page.wallboard
    sections = ["&Heat-map", "A&lerts", "&Reports"]
    assert [page.tabText(i) for i in range(1, page.count())] == sections
    page.set_count(page.alerts, 2)
    assert page.tabText(2) == "A&lerts (2)"
    extra = QLabel("extra")
    at = page.add_section(extra, "&Extra")
    assert at == 4 and page.tabText(4) == "&Extra"
    page.set_count(extra, 3)
    assert page.tabText(4) == "&Extra (3)"
    page.set_count(extra, 0)
    assert page.tabText(4) == "&Extra"
    page.show_section(extra)
    assert page.currentWidget() is extra


def test_a_tick_repaints_only_the_running_times_whose_words_changed(
    qtbot: QtBot, now: list[int]
) -> None:
    model = AgentModel(clock=lambda: now[0])
    model.replace(_board(NOW)[1])
    model.tick()  # the first tick says every running time once
    changes: list[tuple[int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _r: changes.append((top.row(), bottom.row(), top.column()))
    )
    now[0] += 1000
    model.tick()
    assert changes == [], "30 min is still 30 min a second later"
    now[0] += 59_000
    model.tick()
    columns = {column for _top, _bottom, column in changes}
    # The running times, and the days (their lasting stretches are drawn a minute longer).
    assert columns == {AgentColumn.IN_STATUS, AgentColumn.WAITING, AgentColumn.TODAY}
    assert model.index(0, AgentColumn.IN_STATUS).data() == "31 min"

    queues = QueueModel(clock=lambda: now[0])
    queues.replace(_board(now[0])[0])
    queues.tick()
    with qtbot.assertNotEmitted(queues.dataChanged):
        now[0] += 1000
        queues.tick()
    with qtbot.waitSignal(queues.dataChanged):
        now[0] += 60_000
        queues.tick()


def test_sorting_by_the_customer_waiting_puts_the_longest_wait_first(now: list[int]) -> None:
    model = AgentModel(clock=lambda: now[0])
    agents = _board(NOW)[1]
    agents[2] = agent_row("u3", "Carla", NOW, ("soporte",), waiting_since=NOW - 20 * MINUTE)
    model.replace(agents)
    proxy = AgentFilter(model)
    proxy.sort(AgentColumn.WAITING, Qt.SortOrder.DescendingOrder)
    names = [proxy.index(r, AgentColumn.NAME).data() for r in range(proxy.rowCount())]
    assert names == ["Carla", "Ana", "Bruno"]
    # A later push of Ana's row, taken a minute on, keeps her wait where it started.
    now[0] += MINUTE
    model.apply([agent_row("u1", "Ana", now[0], open=2, waiting_since=NOW - 3 * MINUTE)])
    names = [proxy.index(r, AgentColumn.NAME).data() for r in range(proxy.rowCount())]
    assert names == ["Carla", "Ana", "Bruno"]
    assert proxy.index(1, AgentColumn.WAITING).data() == "4 min"


def test_a_push_that_changes_nothing_repaints_nothing(qtbot: QtBot, now: list[int]) -> None:
    queues, agents = _board(NOW)
    queue_model = QueueModel(clock=lambda: now[0])
    queue_model.replace(queues)
    agent_model = AgentModel(clock=lambda: now[0])
    agent_model.replace(agents)
    with (
        qtbot.assertNotEmitted(queue_model.dataChanged),
        qtbot.assertNotEmitted(agent_model.dataChanged),
        qtbot.assertNotEmitted(agent_model.layoutChanged),
    ):
        queue_model.apply([dict(q) for q in queues])
        agent_model.apply([dict(a) for a in agents])
    # A changed row still announces exactly its own row.
    with qtbot.waitSignal(agent_model.dataChanged) as signal:
        agent_model.apply([agents[1] | {"open": 4}])
    top, bottom, _roles = signal.args
    assert (top.row(), bottom.row()) == (1, 1)


def test_an_agents_day_follows_their_row_even_when_read_late(now: list[int]) -> None:
    """The days read from the hub may be older than the rows the stream has pushed since:
    each day goes on to its row's status, and a pushed status carries it on."""
    model = AgentModel(clock=lambda: now[0])
    model.replace([agent_row("u1", "Ana", NOW, status="busy", since=NOW - 5 * MINUTE)])
    start = NOW - 60 * MINUTE
    stale = [Stretch("offline", start, None)]  # read before she went busy
    model.show_days(start, {"u1": stale})
    assert model.day("u1").stretches == (
        Stretch("offline", start, NOW - 5 * MINUTE),
        Stretch("busy", NOW - 5 * MINUTE, None),
    )
    changes: list[int] = []
    model.dataChanged.connect(
        lambda top, bottom, _r: changes.extend(range(top.column(), bottom.column() + 1))
    )
    pushed = agent_row("u1", "Ana", NOW + 1000, status="away", since=NOW)
    model.apply([pushed])
    assert model.day("u1").stretches[-1] == Stretch("away", NOW, None)
    assert AgentColumn.TODAY in changes
    # The same status said again (the stream's agent.status after the row) adds nothing.
    model.status_changed("u1", "away", NOW)
    assert len(model.day("u1").stretches) == 3
