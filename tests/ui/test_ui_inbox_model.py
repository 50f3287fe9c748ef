from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.core.business_hours import business_hours_from_json
from wa_desk.core.sla import SlaPolicy
from wa_desk.ui.inbox.filter import InboxFilter
from wa_desk.ui.inbox.model import TIME_ROLES, InboxModel, InboxOrder, InboxRoles, SlaLevel

# A first response within 15 minutes, at risk from the fifth, around the clock.
FIFTEEN_MINUTES = SlaPolicy("*", first_response_s=15 * 60, at_risk=1 / 3)


def _model(clock: list[int], order: InboxOrder = InboxOrder.ACTIVITY) -> InboxModel:
    model = InboxModel(clock=lambda: clock[0], order=order)
    model.set_service_levels([FIFTEEN_MINUTES])
    return model


def _names(model: InboxModel) -> list[str]:
    return [model.index(r).data(InboxRoles.ID) for r in range(model.rowCount())]


def test_model_passes_the_qt_model_tester_through_inserts_updates_moves_removals(
    qtmodeltester: ModelTester, clock: list[int]
) -> None:
    model = _model(clock)
    qtmodeltester.check(model)  # watches every later change too
    model.upsert(sd.conversations())
    model.upsert([{**sd.conversations()[-1], "last_message_at": sd.at(0), "unread": 4}])
    model.remove(["c-jorge", "missing"])
    model.refresh_times()
    qtmodeltester.check(model)


def test_filter_proxy_passes_the_model_tester(qtmodeltester: ModelTester, clock: list[int]) -> None:
    model = _model(clock)
    proxy = InboxFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    model.upsert(sd.conversations())
    proxy.set_user_id("u-ana")
    proxy.set_view("mine")
    assert proxy.rowCount() == 3  # Lucía, the Mexican number, Pablo (Raúl's is closed)
    proxy.set_view("queue")
    assert {proxy.index(r, 0).data(InboxRoles.ID) for r in range(proxy.rowCount())} == {
        "c-jorge",
        "c-carmen",
    }
    proxy.set_view("all")
    proxy.set_search("ROUTER")
    assert proxy.rowCount() == 1
    proxy.set_search("5215512")
    assert proxy.index(0, 0).data(InboxRoles.ID) == "c-num"
    qtmodeltester.check(proxy)


def test_rows_are_ordered_by_last_activity(clock: list[int]) -> None:
    model = _model(clock)
    model.upsert(reversed(sd.conversations()))
    assert _names(model) == [
        "c-lucia",
        "c-jorge",
        "c-carmen",
        "c-num",
        "c-elena",
        "c-old",
        "c-pablo",
    ]


def test_an_update_changes_one_row_in_place_and_never_resets(
    qtbot: QtBot, clock: list[int]
) -> None:
    model = _model(clock)
    model.upsert(sd.conversations())
    resets: list[bool] = []
    changes: list[tuple[int, int, list[int]]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.modelAboutToBeReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda a, b, roles: changes.append((a.row(), b.row(), list(roles))))
    row = model.row_of("c-carmen")
    updated = {**model.conversation("c-carmen"), "unread": 7}  # type: ignore[dict-item]
    model.upsert([updated])
    assert model.row_of("c-carmen") == row
    assert changes == [(row, row, changes[0][2])]
    assert int(InboxRoles.UNREAD) in changes[0][2]
    assert int(InboxRoles.NAME) not in changes[0][2]
    assert model.index(row).data(InboxRoles.UNREAD) == 7
    model.upsert([updated])  # the same data again: nothing to announce
    assert len(changes) == 1
    assert resets == []


def test_new_activity_moves_the_row_to_the_top(qtbot: QtBot, clock: list[int]) -> None:
    model = _model(clock)
    model.upsert(sd.conversations())
    moves: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, start, _e, _d, dest: moves.append((start, dest)))
    model.modelReset.connect(lambda: moves.append((-1, -1)))
    pablo = model.conversation("c-pablo")
    assert pablo is not None
    model.upsert([{**pablo, "last_message_at": sd.at(0), "last_message_preview": "Hola"}])
    assert _names(model)[0] == "c-pablo"
    assert moves == [(6, 0)]
    assert model.index(0).data(InboxRoles.PREVIEW) == "Hola"
    # ... and back down when it becomes the oldest again.
    model.upsert([{**pablo, "last_message_at": sd.at(-99 * sd.HOUR)}])
    assert _names(model)[-1] == "c-pablo"


def test_inserts_go_where_they_belong(qtbot: QtBot, clock: list[int]) -> None:
    model = _model(clock)
    model.upsert(sd.conversations())
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _p, first, _last: inserted.append(first))
    new = sd.conversation("c-new", "Nuevo", "34600000000", last=-30 * sd.MIN)
    model.upsert([new])
    assert inserted == [model.row_of("c-new")]
    assert _names(model).index("c-new") == 3  # after -22 min, before -40 min


def test_time_roles_follow_the_clock_and_refresh_announces_only_them(
    qtbot: QtBot, clock: list[int]
) -> None:
    model = _model(clock)
    model.upsert(sd.conversations())
    row = model.row_of("c-lucia")
    assert row is not None
    index = model.index(row)
    assert index.data(InboxRoles.WAITING_MS) == 3 * sd.MIN
    assert index.data(InboxRoles.SLA_LEVEL) == SlaLevel.OK
    clock[0] += 3 * sd.MIN
    assert index.data(InboxRoles.SLA_LEVEL) == SlaLevel.WARN
    clock[0] += 10 * sd.MIN
    assert index.data(InboxRoles.SLA_LEVEL) == SlaLevel.LATE
    assert model.index(model.row_of("c-old")).data(InboxRoles.WAITING_MS) is None  # type: ignore[arg-type]
    assert index.data(InboxRoles.WINDOW_LEFT_MS) == 24 * sd.HOUR - 15 * sd.MIN
    seen: list[tuple[int, int, list[int]]] = []
    model.dataChanged.connect(lambda a, b, roles: seen.append((a.row(), b.row(), list(roles))))
    model.refresh_times(1, 3)
    assert seen == [(1, 3, [int(r) for r in TIME_ROLES])]


def test_the_clock_repaints_only_rows_whose_times_change_words(clock: list[int]) -> None:
    model = _model(clock)
    model.upsert(sd.conversations())
    seen: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles: seen.append((a.row(), b.row())))
    model.refresh_times()  # first: every row's words are new
    assert seen == [(0, model.rowCount() - 1)]
    seen.clear()
    model.refresh_times()  # the same instant: nothing to repaint
    assert seen == []
    # The sample's times are whole minutes: 30 s on, each wait still says its minutes,
    # but each window's countdown has turned one minute down.
    clock[0] += 30_000
    model.refresh_times()
    seen.clear()
    clock[0] += 20_000  # no wait or countdown turns a minute: nothing to repaint
    model.refresh_times()
    assert seen == []
    clock[0] += 15_000  # each wait turns a minute up, each countdown one down
    model.refresh_times()
    changed = {r for a, b in seen for r in range(a, b + 1)}
    ticking = {
        r
        for r in range(model.rowCount())
        if model.index(r).data(InboxRoles.WAITING_MS) is not None
        or model.index(r).data(InboxRoles.WINDOW_LEFT_MS)
    }
    assert changed == ticking and ticking


def test_a_wait_is_judged_by_its_queues_target_in_business_time(clock: list[int]) -> None:
    model = InboxModel(clock=lambda: clock[0])
    model.upsert(sd.conversations())
    lucia = model.index(model.row_of("c-lucia"))  # type: ignore[arg-type]
    assert lucia.data(InboxRoles.SLA_LEVEL) == SlaLevel.OK  # no policy: no target to miss
    seen: list[list[int]] = []
    model.dataChanged.connect(lambda a, b, roles: seen.append(list(roles)))
    # Ventas answers within 10 minutes, at risk from the fifth, open until 12:30 on
    # Tuesdays and from 09:00 on Wednesdays (Madrid: UTC+1 in March).
    madrid = {
        "time_zone": "Europe/Madrid",
        "hours": {"tue": ["09:00-12:30"], "wed": ["09:00-14:00"]},
    }
    ventas = SlaPolicy(
        "ventas", first_response_s=600, at_risk=0.5, hours=business_hours_from_json(madrid, "t")
    )
    model.set_service_levels([SlaPolicy("*"), ventas])
    assert seen == [[int(InboxRoles.SLA_LEVEL)]]
    # Lucía wrote on Tuesday at 12:27; it is 12:30, closing time: 3 minutes.
    assert lucia.data(InboxRoles.SLA_LEVEL) == SlaLevel.OK
    clock[0] = sd.NOW + 20 * sd.HOUR + 30 * sd.MIN  # Wednesday 09:00: still 3 minutes
    assert lucia.data(InboxRoles.WAITING_MS) == 20 * sd.HOUR + 33 * sd.MIN
    assert lucia.data(InboxRoles.SLA_LEVEL) == SlaLevel.OK
    clock[0] += 2 * sd.MIN  # 5 minutes: half the target
    assert lucia.data(InboxRoles.SLA_LEVEL) == SlaLevel.WARN
    clock[0] += 5 * sd.MIN  # 10 minutes: the target, met if answered now
    assert lucia.data(InboxRoles.SLA_LEVEL) == SlaLevel.WARN
    clock[0] += 1
    assert lucia.data(InboxRoles.SLA_LEVEL) == SlaLevel.LATE
    # Another queue falls to the every-queue entry, which sets no first-response target.
    other = next(c for c in sd.conversations() if c["id"] == "c-jorge")
    model.upsert([{**other, "queue": "soporte", "waiting_since": sd.at(-3 * sd.HOUR)}])
    jorge = model.index(model.row_of("c-jorge"))  # type: ignore[arg-type]
    assert jorge.data(InboxRoles.SLA_LEVEL) == SlaLevel.OK


def test_name_falls_back_to_the_number(clock: list[int]) -> None:
    model = _model(clock)
    model.upsert(sd.conversations())
    index = model.index(model.row_of("c-num"))  # type: ignore[arg-type]
    assert index.data() == "+5215512345678"
    assert model.total_unread() == 6
    assert model.rowCount(index) == 0
    assert model.data(QModelIndex()) is None


def test_inbox_view_refreshes_visible_clocks_and_debounces_search(
    qtbot: QtBot, clock: list[int]
) -> None:
    from wa_desk.ui.inbox.view import InboxView

    model = _model(clock)
    view = InboxView(model)
    qtbot.addWidget(view)
    model.upsert(sd.conversations())
    view.resize(400, 800)
    view.show()
    qtbot.waitExposed(view)
    seen: list[Any] = []
    model.dataChanged.connect(lambda a, b, roles: seen.append(list(roles)))
    view.refresh_visible_times()
    assert seen and all(roles == [int(r) for r in TIME_ROLES] for roles in seen)
    with qtbot.waitSignal(view.searchChanged, timeout=2000) as blocker:
        view.search.setText("Lu")
        view.search.setText("Lucía")
    assert blocker.args == ["Lucía"]
    assert view.filter.rowCount() == 1
    with qtbot.waitSignal(view.conversationSelected) as selected:
        view.select_relative(1)
    assert selected.args == ["c-lucia"]
    with qtbot.waitSignal(view.viewChanged) as changed:
        view.set_view("queue")
    assert changed.args == ["queue"]


def test_a_wait_after_the_first_answer_is_judged_by_the_next_response_target(
    clock: list[int],
) -> None:
    model = InboxModel(clock=lambda: clock[0])
    lucia = next(c for c in sd.conversations() if c["id"] == "c-lucia")  # waits 3 minutes
    model.upsert([lucia])
    model.set_service_levels(
        [SlaPolicy("*", first_response_s=600, next_response_s=240, at_risk=0.5)]
    )
    index = model.index(model.row_of("c-lucia"))  # type: ignore[arg-type]
    assert index.data(InboxRoles.SLA_LEVEL) == SlaLevel.OK  # 3 of 10 minutes
    seen: list[list[int]] = []
    model.dataChanged.connect(lambda a, b, roles: seen.append(list(roles)))
    model.upsert([{**lucia, "first_response_at": sd.at(-10 * sd.MIN)}])
    assert int(InboxRoles.SLA_LEVEL) in seen[-1]
    assert index.data(InboxRoles.SLA_LEVEL) == SlaLevel.WARN  # 3 of 4 minutes: past half
    clock[0] += sd.MIN + 1
    assert index.data(InboxRoles.SLA_LEVEL) == SlaLevel.LATE
    # A policy with no next-response target leaves an answered conversation's wait alone.
    model.set_service_levels([SlaPolicy("*", first_response_s=600)])
    assert index.data(InboxRoles.SLA_LEVEL) == SlaLevel.OK
