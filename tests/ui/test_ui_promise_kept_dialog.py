"""The questions of what kept a promise, in Spanish and English: which of the agent's
replies kept it (the newest first and chosen, then "another way", set apart), and which
open promise a reply kept; the server's automatic messages are never offered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from wa_desk.core.auto_replies import AUTOMATIC_SENDER
from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.csat import SURVEY_SENDER
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.common.promise_kept_dialog import (
    KeptByMessageDialog,
    PromiseKeptByDialog,
    kept_by_reference,
    may_keep_a_promise,
)

HOUR_MS = 3_600_000


def _reply(mid: str, text: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "id": mid,
        "direction": "out",
        "status": "delivered",
        "sender": "u-ana",
        "text": text,
        "timestamp": to_rfc3339(now_ms() - HOUR_MS),
        **extra,
    }


def test_which_messages_may_have_kept_a_promise_and_how_they_are_named() -> None:
    assert may_keep_a_promise(_reply("m1", "Aquí la tienes"))
    assert not may_keep_a_promise(_reply("m2", "Hola", direction="in"))
    assert not may_keep_a_promise(_reply("m3", "x", status="failed"))
    assert not may_keep_a_promise(_reply("m4", "Gracias por escribir", sender=AUTOMATIC_SENDER))
    assert not may_keep_a_promise(_reply("m5", "¿Cómo valoras…?", sender=SURVEY_SENDER))
    assert kept_by_reference(_reply("m1", "a")) == {"message_id": "m1"}
    waiting = _reply("local-9", "a", local_id="local-9", idempotency_key="k-9")
    assert kept_by_reference(waiting) == {"message_key": "k-9"}


def test_which_reply_kept_it_in_spanish(qtbot: QtBot, spanish: None, tmp_path: Path) -> None:
    replies = [
        _reply("m2", "Aquí tienes <b>la factura</b> de marzo."),
        _reply("m1", None, template="envio_factura"),
    ]
    dialog = KeptByMessageDialog(None, "Enviar la factura", replies, now_ms())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Promesa cumplida"
    assert dialog.prompt.text() == "¿Cuál de tus respuestas cumplió «Enviar la factura»?"
    texts = [dialog.choices.item(i).text() for i in range(dialog.choices.count())]
    assert texts[0].endswith(f" · {isolated('Aquí tienes <b>la factura</b> de marzo.')}")
    assert texts[1].endswith(f" · {isolated('Plantilla ' + isolated('envio_factura'))}")
    assert texts[2] == "Ninguna: se cumplió de otra forma (una llamada, un correo…)"
    assert dialog.choices.item(2).font().italic()
    assert dialog.message() == replies[0]  # the newest, proposed
    dialog.choices.setCurrentRow(2)
    assert dialog.message() is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.grab().save(str(tmp_path / "kept_by_message_es.png"))


def test_which_promise_a_reply_kept_in_english(qtbot: QtBot, tmp_path: Path) -> None:
    now = now_ms()
    promises = [
        {"id": "p1", "what": "Send the invoice", "due_at": to_rfc3339(now + HOUR_MS)},
        {"id": "p2", "what": "Call back", "due_at": to_rfc3339(now + 2 * HOUR_MS)},
    ]
    dialog = PromiseKeptByDialog(None, "Here is the invoice.", promises, now)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.prompt.text() == "Which promise did this reply keep? “Here is the invoice.”"
    first = dialog.choices.item(0).text().split("\n")
    assert first[0] == isolated("Send the invoice") and first[1].startswith("due ")
    assert dialog.promise() == promises[0]
    dialog.choices.setCurrentRow(1)
    assert dialog.promise() == promises[1]
    template = PromiseKeptByDialog(None, "", promises, now)
    qtbot.addWidget(template)
    assert template.prompt.text() == "Which promise did this reply keep?"
    dialog.grab().save(str(tmp_path / "promise_kept_by_en.png"))
