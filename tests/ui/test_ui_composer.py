from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.core.conversation_permissions import ConversationAction
from wa_desk.ui.conversation.composer import MAX_TEXT_CHARS, Composer


def _composer(qtbot: QtBot, clock: list[int], conversation_id: str = "c-lucia") -> Composer:
    composer = Composer(clock=lambda: clock[0])
    qtbot.addWidget(composer)
    composer.set_user_id("u-ana")
    composer.set_templates(sd.templates())
    composer.set_conversation(_conversation(conversation_id))
    composer.show()
    qtbot.waitExposed(composer)
    return composer


def _conversation(conversation_id: str) -> dict[str, Any]:
    return next(c for c in sd.conversations() if c["id"] == conversation_id)


def test_enter_sends_and_shift_enter_adds_a_line(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    assert composer.pages.currentWidget() is composer.write_page
    assert composer.editor.isEnabled()
    qtbot.keyClicks(composer.editor, "Hola")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(composer.editor, "que tal")  # QTest types ASCII only
    assert composer.editor.toPlainText() == "Hola\nque tal"
    with qtbot.waitSignal(composer.sendTextRequested) as sent:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert sent.args == ["c-lucia", "Hola\nque tal"]
    assert composer.editor.toPlainText() == ""


def test_empty_or_too_long_text_is_not_sent(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    sent: list[Any] = []
    composer.sendTextRequested.connect(lambda *a: sent.append(a))
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    composer.editor.setPlainText("x" * (MAX_TEXT_CHARS + 1))
    assert composer.counter.text() == f"{MAX_TEXT_CHARS + 1} / {MAX_TEXT_CHARS}"
    assert not composer.send_button.isEnabled()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert sent == []
    composer.editor.setPlainText("x" * MAX_TEXT_CHARS)
    assert composer.send_button.isEnabled()


def test_closed_window_disables_free_text_and_sends_a_template(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock, "c-pablo")  # the customer wrote 26 h ago
    assert not composer.window_open()
    assert not composer.editor.isEnabled()
    assert composer.window_reason.isVisible()
    assert "24 hours" in composer.window_reason.text()
    assert composer.template_box.isVisible()
    assert not composer.editor.isVisible()  # its room goes to the templates
    form = composer.template_form
    assert form.current() is None
    assert not composer.template_send.isEnabled()  # nothing picked yet
    assert form.choose("seguimiento_pedido", "es")
    assert not composer.template_send.isEnabled()  # values missing
    edits = [form.edit_for("body:1"), form.edit_for("body:2")]
    assert None not in edits
    qtbot.keyClicks(edits[0], "Pablo")
    qtbot.keyClicks(edits[1], "4821")
    assert form.preview.text().startswith("Hola Pablo, tu pedido 4821 ha salido")
    with qtbot.waitSignal(composer.sendTemplateRequested) as sent:
        qtbot.mouseClick(composer.template_send, Qt.MouseButton.LeftButton)
    assert sent.args == [
        "c-pablo",
        "seguimiento_pedido",
        "es",
        {
            "body_params": ["Pablo", "4821"],
            "header_params": [],
            "header_link": None,
            "header_location": None,
            "button_params": [],
        },
    ]


def test_the_window_closing_while_open_disables_free_text(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    assert composer.editor.isEnabled()
    clock[0] += 24 * sd.HOUR
    composer.refresh()
    assert not composer.editor.isEnabled()


def test_someone_elses_or_a_queued_conversation_offers_claim(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock, "c-jorge")
    assert composer.pages.currentWidget() is composer.claim_page
    assert not composer.claim_button.isEnabled()  # until the server's rules allow it
    composer.set_allowed(frozenset({ConversationAction.CLAIM}))
    assert composer.claim_button.isEnabled()
    with qtbot.waitSignal(composer.claimRequested) as claimed:
        qtbot.mouseClick(composer.claim_button, Qt.MouseButton.LeftButton)
    assert claimed.args == ["c-jorge"]
    composer.set_conversation(_conversation("c-elena"))  # Luis is answering it
    composer.set_allowed(frozenset())
    assert composer.pages.currentWidget() is composer.claim_page
    assert "Luis Pérez" in composer.claim_reason.text()
    assert not composer.claim_button.isEnabled()


def test_a_closed_conversation_offers_reopen(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock, "c-old")
    assert composer.pages.currentWidget() is composer.closed_page
    composer.set_allowed(frozenset({ConversationAction.REOPEN}))
    with qtbot.waitSignal(composer.reopenRequested) as reopened:
        qtbot.mouseClick(composer.reopen_button, Qt.MouseButton.LeftButton)
    assert reopened.args == ["c-old"]


def test_typing_announces_the_draft_and_the_apps_own_clearing_does_not(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    edits: list[tuple[str, str]] = []
    composer.draftEdited.connect(lambda cid, text: edits.append((cid, text)))
    qtbot.keyClicks(composer.editor, "Hola")
    assert edits[-1] == ("c-lucia", "Hola")
    edits.clear()
    composer.set_conversation(_conversation("c-num"))  # another conversation: not an edit
    composer.restore_draft("c-num", "Te escribo luego")  # a kept draft: not an edit
    assert composer.editor.toPlainText() == "Te escribo luego"
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)  # sent: the store forgets it
    assert composer.editor.toPlainText() == ""
    assert edits == []


def test_a_kept_draft_never_overwrites_what_the_agent_already_typed(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    qtbot.keyClicks(composer.editor, "Nuevo")
    composer.restore_draft("c-lucia", "Viejo")
    composer.restore_draft("c-otro", "De otra")
    assert composer.editor.toPlainText() == "Nuevo"
