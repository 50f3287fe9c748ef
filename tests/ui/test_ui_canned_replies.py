"""Canned replies in the composer, by keyboard: "/" at the start of a draft opens the
picker, typing filters it, arrows move, Enter inserts with the known values filled in,
Esc closes; "/shortcut" anywhere opens it on that reply; a value still to complete blocks
the send and says which; what is sent is what the picker previewed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.core.guidelines import guidelines_from_json
from wa_desk.ui.conversation.canned_list import CannedReplyListModel
from wa_desk.ui.conversation.composer import Composer

REPLIES: list[dict[str, Any]] = [
    {"queue": "*", "name": "Saludo", "language": "es", "tags": ["saludo"],
     "text": "Hola {{customer_name}}, soy {{agent_name}} de {{queue}}.", "shortcut": "hola"},
    {"queue": "ventas", "name": "Estado del pedido", "language": "es", "tags": ["pedido"],
     "text": "Tu pedido {{order_number}} llega el {{date}}.", "shortcut": "pedido"},
    {"queue": "soporte", "name": "Router", "language": "es", "tags": [],
     "text": "Reinicia el router.", "shortcut": "router"},
    {"queue": "*", "name": "Goodbye", "language": "en", "tags": ["closing"],
     "text": "Thanks {{customer_name}}, bye!", "shortcut": None},
]  # fmt: skip
GREETING = "Hola Lucía Fernández, soy Ana de ventas."


def _composer(qtbot: QtBot, clock: list[int]) -> Composer:
    composer = Composer(clock=lambda: clock[0])
    qtbot.addWidget(composer)
    composer.set_user_id("u-ana")
    composer.set_agent_name("Ana")
    composer.set_guidelines(guidelines_from_json({"canned_replies": REPLIES}))
    composer.set_conversation(next(c for c in sd.conversations() if c["id"] == "c-lucia"))
    composer.resize(700, 560)
    composer.show()
    qtbot.waitExposed(composer)
    return composer


def _names(composer: Composer) -> list[str]:
    model = composer.canned_picker.model
    return [r.name for row in range(model.rowCount()) if (r := model.reply(row)) is not None]


def test_the_list_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = CannedReplyListModel()
    replies = guidelines_from_json({"canned_replies": REPLIES}).canned_replies
    model.set_replies(replies, {"customer_name": "Lucía"})
    model.set_query("pedido")
    qtmodeltester.check(model)


def test_slash_opens_typing_filters_arrows_move_and_enter_inserts(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    picker = composer.canned_picker
    assert not picker.isVisible()
    qtbot.keyClicks(composer.editor, "/")
    assert picker.isVisible() and composer.focusWidget() is picker.search
    # Every queue's replies, then the queue's own; not soporte's.
    assert _names(composer) == ["Saludo", "Goodbye", "Estado del pedido"]
    qtbot.keyClicks(picker.search, "sal")
    assert _names(composer) == ["Saludo"]
    picker.search.clear()
    # "o" starts no word (a variable's name is no word of the text): inside each name.
    qtbot.keyClicks(picker.search, "o")
    assert _names(composer) == ["Saludo", "Goodbye", "Estado del pedido"]
    assert picker.current() is not None and picker.current().name == "Saludo"
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # stays on the last
    assert picker.current().name == "Estado del pedido"
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)  # stays on the first
    assert picker.current().name == "Saludo"
    shown = picker.shown_preview()
    assert shown == GREETING
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert composer.editor.toPlainText() == GREETING  # the "/" is replaced
    assert composer.focusWidget() is composer.editor and composer.send_button.isEnabled()
    with qtbot.waitSignal(composer.sendCannedRequested) as sent:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert sent.args == ["c-lucia", shown, "", [], {"name": "Saludo", "language": "es"}]


def test_esc_closes_and_the_slash_stays_typed(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    qtbot.keyClicks(composer.editor, "/")
    assert composer.canned_picker.isVisible()
    qtbot.keyClick(composer.canned_picker.search, Qt.Key.Key_Escape)
    assert not composer.canned_picker.isVisible()
    assert composer.focusWidget() is composer.editor
    qtbot.keyClicks(composer.editor, "etc")  # no picker again: "/" no longer starts alone
    assert not composer.canned_picker.isVisible()
    with qtbot.waitSignal(composer.sendTextRequested) as sent:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert sent.args == ["c-lucia", "/etc"]  # a plain text: no canned reply logged


def test_a_shortcut_anywhere_opens_the_picker_on_its_reply(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    picker = composer.canned_picker
    qtbot.keyClicks(composer.editor, "Perfecto. /hol")
    assert not picker.isVisible()  # "hol" is no shortcut
    qtbot.keyClicks(composer.editor, "a")
    assert picker.isVisible() and picker.search.text() == "hola"
    assert picker.current().name == "Saludo"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert composer.editor.toPlainText() == f"Perfecto. {GREETING}"
    # "x/hola" is no shortcut: it is not at a word's start.
    composer.editor.clear()
    qtbot.keyClicks(composer.editor, "x/hola")
    assert not picker.isVisible()


def test_values_to_complete_block_the_send_and_say_which(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    qtbot.keyClicks(composer.editor, "/")
    qtbot.keyClicks(composer.canned_picker.search, "pedido")
    picker = composer.canned_picker
    assert picker.shown_preview() == "Tu pedido {{order_number}} llega el {{date}}."
    assert "{{order_number}}, {{date}}" in picker.hint.text()
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert composer.missing_values() == ("order_number", "date")
    assert not composer.send_button.isEnabled()
    assert composer.guidance.isVisible()
    assert "{{order_number}}, {{date}}" in composer.guidance.text()
    assert len(composer.editor.extraSelections()) == 2  # both highlighted
    assert composer.editor.textCursor().selectedText() == "{{order_number}}"
    sent: list[Any] = []
    composer.sendCannedRequested.connect(lambda *a: sent.append(a))
    composer.sendTextRequested.connect(lambda *a: sent.append(a))
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert sent == []  # Enter does not send it either
    qtbot.keyClicks(composer.editor, "A-1042")  # typed over the selected variable
    assert composer.missing_values() == ("date",)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)  # selects the next one
    assert sent == [] and composer.editor.textCursor().selectedText() == "{{date}}"
    qtbot.keyClicks(composer.editor, "martes")
    assert not composer.guidance.isVisible() and composer.send_button.isEnabled()
    assert composer.editor.extraSelections() == []
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert sent == [
        ("c-lucia", "Tu pedido A-1042 llega el martes.", "", [],
         {"name": "Estado del pedido", "language": "es"}),
    ]  # fmt: skip


def test_a_conversation_without_replies_offers_none(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    composer.set_guidelines(guidelines_from_json({}))
    assert not composer.canned_button.isEnabled()
    qtbot.keyClicks(composer.editor, "/")
    assert not composer.canned_picker.isVisible()


def test_an_update_of_the_conversation_keeps_the_agents_place_in_the_picker(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    qtbot.keyClicks(composer.editor, "/")
    picker = composer.canned_picker
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.current().name == "Goodbye"
    conversation = next(c for c in sd.conversations() if c["id"] == "c-lucia")
    composer.set_conversation({**conversation, "unread": 3})  # news from the stream
    assert picker.isVisible() and picker.current().name == "Goodbye"


def test_a_send_that_could_not_be_recorded_comes_back_with_its_reply(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    qtbot.keyClicks(composer.editor, "/")
    qtbot.keyClick(composer.canned_picker.search, Qt.Key.Key_Return)
    sent: list[Any] = []
    composer.sendCannedRequested.connect(lambda *a: sent.append(a))
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    composer.restore_draft("c-lucia", GREETING)  # e.g. a full disk
    assert composer.editor.toPlainText() == GREETING
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert [a[1] for a in sent] == [GREETING, GREETING]
    assert all(a[4] == {"name": "Saludo", "language": "es"} for a in sent)


def test_a_reply_deleted_whole_is_no_longer_logged(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)  # no text rules: nothing judges the draft later
    qtbot.keyClicks(composer.editor, "/")
    qtbot.keyClick(composer.canned_picker.search, Qt.Key.Key_Return)
    composer.editor.selectAll()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(composer.editor, "Un momento")
    with qtbot.waitSignal(composer.sendTextRequested) as sent:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert sent.args == ["c-lucia", "Un momento"]


def test_a_kept_draft_comes_back_with_its_reply_and_its_values_to_complete(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    drafts: dict[str, str] = {}
    composer.draftEdited.connect(lambda cid, text: drafts.__setitem__(cid, text))
    qtbot.keyClicks(composer.editor, "/")
    qtbot.keyClicks(composer.canned_picker.search, "pedido")
    qtbot.keyClick(composer.canned_picker.search, Qt.Key.Key_Return)
    kept = drafts["c-lucia"]
    assert kept == "Tu pedido {{order_number}} llega el {{date}}."
    others = [c for c in sd.conversations() if c["id"] != "c-lucia"]
    composer.set_conversation(others[0])  # the agent looks elsewhere, then comes back
    composer.set_conversation(next(c for c in sd.conversations() if c["id"] == "c-lucia"))
    composer.restore_draft("c-lucia", kept)
    assert composer.missing_values() == ("order_number", "date")
    assert not composer.send_button.isEnabled()
    assert len(composer.editor.extraSelections()) == 2
