"""The queue's order: the customer who has waited longest first, newest activity on
request, kept as the stream changes rows, remembered in the settings."""

from __future__ import annotations

from typing import Any

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.inbox.model import InboxModel, InboxOrder, InboxRoles
from wa_desk.ui.inbox.view import InboxView
from wa_desk.ui.settings import settings as s
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.main_window import MainWindow

WAITING = ["c-carmen", "c-jorge", "c-lucia"]  # waiting since -22, -9 and -3 minutes
ANSWERED = ["c-num", "c-elena", "c-old", "c-pablo"]  # nobody waits: newest activity first


def _ids(model: Any) -> list[str]:
    return [model.index(r, 0).data(InboxRoles.ID) for r in range(model.rowCount())]


def _by_id(cid: str) -> dict[str, Any]:
    return next(c for c in sd.conversations() if c["id"] == cid)


def test_by_default_the_customer_waiting_longest_comes_first(clock: list[int]) -> None:
    model = InboxModel(clock=lambda: clock[0])
    model.upsert(reversed(sd.conversations()))
    assert _ids(model) == WAITING + ANSWERED


def test_writing_more_does_not_jump_ahead_of_a_longer_wait(
    qtbot: QtBot, qtmodeltester: ModelTester, clock: list[int]
) -> None:
    model = InboxModel(clock=lambda: clock[0])
    model.upsert(sd.conversations())
    qtmodeltester.check(model)
    moves: list[int] = []
    model.rowsMoved.connect(lambda *args: moves.append(args[1]))
    # Lucía writes three more times: her wait still started 3 minutes ago.
    lucia = _by_id("c-lucia")
    for n in range(3):
        lucia = {
            **lucia,
            "last_message_at": sd.at(n),
            "unread": 3 + n,
            "last_message_preview": "¿?",
        }
        model.upsert([lucia])
    assert _ids(model) == WAITING + ANSWERED and moves == []
    # Answered, Jorge leaves the waiting ones; a customer waiting 30 minutes goes first.
    model.upsert([{**_by_id("c-jorge"), "waiting_since": None, "last_message_at": sd.at(0)}])
    late = sd.conversation("c-new", "Nora", "34699900000", state="queued", waiting=-30 * sd.MIN)
    model.upsert([late])
    assert _ids(model) == ["c-new", "c-carmen", "c-lucia", "c-jorge", *ANSWERED]
    # Closed, a conversation no longer counts as waiting even if the hub's field lags.
    model.upsert([{**late, "state": "closed", "last_message_at": sd.at(-40 * sd.MIN)}])
    assert _ids(model)[:2] == ["c-carmen", "c-lucia"]
    qtmodeltester.check(model)


def test_newest_activity_on_request_keeps_the_selection(
    qtbot: QtBot, qtmodeltester: ModelTester, clock: list[int]
) -> None:
    model = InboxModel(clock=lambda: clock[0])
    view = InboxView(model)
    qtbot.addWidget(view)
    model.upsert(sd.conversations())
    qtmodeltester.check(view.filter)
    assert view.order.currentData() == "waiting"
    assert view.select_conversation("c-num")
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(view.orderChanged) as chosen:
        view.order.activated.emit(view.order.findData("activity"))
    assert chosen.args == ["activity"] and model.order() is InboxOrder.ACTIVITY
    assert _ids(view.filter) == [
        "c-lucia",
        "c-jorge",
        "c-carmen",
        "c-num",
        "c-elena",
        "c-old",
        "c-pablo",
    ]
    assert not resets and view.current_id() == "c-num"
    # The stream keeps the chosen order: new activity moves a row up.
    model.upsert([{**_by_id("c-pablo"), "last_message_at": sd.at(0)}])
    assert _ids(view.filter)[0] == "c-pablo"
    view.set_view("queue")
    view.set_order(InboxOrder.WAITING)
    assert _ids(view.filter) == ["c-carmen", "c-jorge"]
    qtmodeltester.check(view.filter)


def test_the_chosen_order_is_remembered(qtbot: QtBot, settings: Settings) -> None:
    assert settings.get(s.INBOX_ORDER) == "waiting"
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.inbox_view.model.order() is InboxOrder.WAITING
    window.inbox_view.set_order(InboxOrder.ACTIVITY)
    assert settings.get(s.INBOX_ORDER) == "activity"
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.inbox_view.model.order() is InboxOrder.ACTIVITY
    assert again.inbox_view.order.currentData() == "activity"
