"""The Mine / Queue / All buttons say how many conversations each holds, and an empty
list says why and what to do."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.inbox.model import InboxModel
from wa_desk.ui.inbox.view import SEARCH_DEBOUNCE_MS, InboxView


def _view(qtbot: QtBot, clock: list[int]) -> InboxView:
    view = InboxView(InboxModel(clock=lambda: clock[0]))
    qtbot.addWidget(view)
    view.resize(420, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def _titles(view: InboxView) -> list[str]:
    return [view._view_buttons[v].text() for v in ("mine", "queue", "all")]


def _by_id(cid: str) -> dict[str, Any]:
    return next(c for c in sd.conversations() if c["id"] == cid)


def test_view_buttons_count_their_conversations_as_they_change(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock)
    assert _titles(view) == ["Mine (0)", "Queue (0)", "All (0)"]
    view.model.upsert(sd.conversations())
    view.set_user_id("u-ana")
    # Ana holds Lucía, the Mexican number and Pablo; Jorge and Carmen wait in the queue.
    assert _titles(view) == ["Mine (3)", "Queue (2)", "All (7)"]
    signals: list[bool] = []
    view.model.countsChanged.connect(lambda: signals.append(True))
    view.model.upsert([{**_by_id("c-lucia"), "last_message_preview": "otra cosa"}])
    assert signals == []  # a new message changes no count
    view.model.upsert([{**_by_id("c-jorge"), "state": "assigned", "assignee": "u-ana"}])
    assert _titles(view) == ["Mine (4)", "Queue (1)", "All (7)"] and signals == [True]
    view.model.upsert([{**_by_id("c-carmen"), "state": "assigned", "assignee": "u-luis"}])
    assert _titles(view) == ["Mine (4)", "Queue (0)", "All (7)"]
    view.model.remove(["c-lucia", "c-pablo"])
    assert _titles(view) == ["Mine (2)", "Queue (0)", "All (5)"]
    new = sd.conversation("c-new", "Nora", "34699900000", state="queued", assignee=None)
    view.model.upsert([new, {**new, "id": "c-new2"}])
    assert _titles(view) == ["Mine (2)", "Queue (2)", "All (7)"] and len(signals) == 4
    view.set_user_id("u-luis")
    assert _titles(view) == ["Mine (2)", "Queue (2)", "All (7)"]  # Elena and Carmen


def test_an_empty_view_says_so_and_what_to_do(qtbot: QtBot, clock: list[int]) -> None:
    view = _view(qtbot, clock)
    view.set_user_id("u-ana")
    label = view.empty_label
    assert label.isVisible() and "No conversations yet" in label.text()
    view.model.upsert(sd.conversations())
    assert not label.isVisible()
    view.set_view("mine")
    assert not label.isVisible()
    view.model.upsert(
        [
            {**_by_id(c), "state": "closed", "waiting_since": None}
            for c in ("c-lucia", "c-num", "c-pablo")
        ]
    )
    assert label.isVisible()
    assert label.text() == "You have no conversations assigned. Take one from Queue."
    view.set_view("queue")
    assert not label.isVisible()
    view.model.upsert([{**_by_id(c), "state": "closed"} for c in ("c-jorge", "c-carmen")])
    assert label.isVisible() and label.text() == "No conversations waiting in your queues."
    # A customer writes: the list is no longer empty, and the message goes away.
    view.model.upsert([sd.conversation("c-new", "Nora", "346999", state="queued", assignee=None)])
    assert not label.isVisible()


def test_a_search_without_results_says_what_was_searched_and_what_to_try(
    qtbot: QtBot, clock: list[int]
) -> None:
    view = _view(qtbot, clock)
    view.model.upsert(sd.conversations())
    with qtbot.waitSignal(view.searchChanged, timeout=SEARCH_DEBOUNCE_MS * 10):
        view.search.setText("xyz")
    assert view.filter.rowCount() == 0 and view.empty_label.isVisible()
    assert view.empty_label.text() == (
        "No conversation matches “xyz”. Check the spelling or search by phone number."
    )
    # The hub's search finds it after all (by a message's text): shown, message gone.
    view.filter.set_search("xyz", frozenset({"c-jorge"}))
    assert view.filter.rowCount() == 1 and not view.empty_label.isVisible()
    with qtbot.waitSignal(view.searchChanged, timeout=SEARCH_DEBOUNCE_MS * 10):
        view.search.setText("<b>" + "z" * 80)
    text = view.empty_label.text()
    assert "<b>zzz" in text and "…”" in text and len(text) < 140  # plain, and not endless
