"""The template form as an agent uses it outside the 24 h window: templates found by their
text, values named by where they go, a plain-text preview of what the customer gets,
Send template saying why it waits, and one click (or Enter) making exactly one send."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.core.templates import spec_from
from wa_desk.ui.conversation.composer import Composer
from wa_desk.ui.conversation.template_form import TemplateForm
from wa_desk.ui.conversation.template_list import TemplateListModel, sendable_specs


def _composer(qtbot: QtBot, clock: list[int]) -> Composer:
    composer = Composer(clock=lambda: clock[0])
    qtbot.addWidget(composer)
    composer.set_user_id("u-ana")
    composer.set_templates(sd.templates())
    composer.set_conversation(next(c for c in sd.conversations() if c["id"] == "c-pablo"))
    composer.resize(700, 500)
    composer.show()
    qtbot.waitExposed(composer)
    assert not composer.window_open()  # the customer wrote 26 h ago
    return composer


def _rows(form: TemplateForm) -> list[str]:
    proxy = form.proxy
    return [str(proxy.index(r, 0).data()) for r in range(proxy.rowCount())]


def _fill(qtbot: QtBot, form: TemplateForm, values: dict[str, str]) -> None:
    for field_id, value in values.items():
        edit = form.edit_for(field_id)
        assert edit is not None, field_id
        edit.clear()
        qtbot.keyClicks(edit, value)


SHIPPING = {"header:1": "A-1042", "body:1": "Pablo", "body:2": "martes", "button1:1": "A1042"}


def test_the_list_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = TemplateListModel()
    model.set_specs(sendable_specs(sd.templates()))
    qtmodeltester.check(model)


def test_templates_read_as_their_text_only_approved_ones_and_typing_filters(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    rows = _rows(form)
    assert len(rows) == 4  # the PENDING one is not offered
    assert rows[1] == (
        "Hola {{1}}, tu pedido sale hoy y llegará el {{2}}.\nenvio_en_camino · es · Utility"
    )
    assert not any("aprobada" in r for r in rows)
    qtbot.keyClicks(form.search, "llegara")  # accents and case ignored
    assert [r.split("\n")[1] for r in _rows(form)] == ["envio_en_camino · es · Utility"]
    form.search.clear()
    qtbot.keyClicks(form.search, "marketing")
    assert [r.split("\n")[1] for r in _rows(form)] == ["oferta_personal · es · Marketing"]
    qtbot.keyClicks(form.search, " nada")
    assert _rows(form) == []


def test_values_are_named_by_the_words_around_them_and_by_their_part(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    assert form.choose("envio_en_camino", "es")
    assert form.field_labels() == [
        "Header: Pedido ___",
        "Body: Hola ___, tu pedido sale…",
        "Body: …y llegará el ___.",
        "Button “Seguir el envío” link: …/seguimiento/___",
    ]
    assert form.choose("oferta_personal", "es")
    assert form.field_labels() == ["Header image link", "Body: nombre", "Body: descuento"]
    assert form.edit_for("body:nombre").placeholderText() == "¡Hola ___! Tienes un…"  # type: ignore[union-attr]
    labels = form.fields_box.findChildren(QLabel)
    assert labels and all(lab.textFormat() == Qt.TextFormat.PlainText for lab in labels)


def test_send_template_says_why_it_waits_until_every_value_is_right(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    assert not composer.template_send.isEnabled()
    assert composer.template_reason.text() == "Pick a template."
    assert composer.template_reason.isVisible()
    form.choose("envio_en_camino", "es")
    assert composer.template_reason.text() == (
        "Fill in “Header: Pedido ___” and the other empty values."
    )
    _fill(qtbot, form, {k: v for k, v in SHIPPING.items() if k != "button1:1"})
    assert composer.template_reason.text() == (
        "Fill in “Button “Seguir el envío” link: …/seguimiento/___”."
    )
    assert composer.template_send.toolTip() == composer.template_reason.text()
    _fill(qtbot, form, {"button1:1": "   "})
    assert not composer.template_send.isEnabled()  # blanks are not a value
    _fill(qtbot, form, {"button1:1": "A1042"})
    assert composer.template_send.isEnabled() and composer.template_reason.text() == ""
    form.choose("oferta_personal", "es")
    _fill(qtbot, form, {"header:image": "http://cdn.ejemplo.es/a.jpg", "body:nombre": "Pablo"})
    _fill(qtbot, form, {"body:descuento": "20 %"})
    assert "https://" in composer.template_reason.text()
    assert not composer.template_send.isEnabled()
    _fill(qtbot, form, {"header:image": "https://cdn.ejemplo.es/a.jpg"})
    assert composer.template_send.isEnabled()


def test_the_preview_is_what_the_customer_gets_in_plain_text_as_the_agent_types(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    assert form.preview.text() == ""
    form.choose("envio_en_camino", "es")
    assert form.preview.text() == (
        "Pedido {{1}}\nHola {{1}}, tu pedido sale hoy y llegará el {{2}}.\nwa-desk\n"
        "↩ Gracias\n↗ Seguir el envío"
    )
    _fill(qtbot, form, {"header:1": "<b>A-1042</b>", "body:1": "Pablo"})
    assert form.preview.text().startswith(
        "Pedido <b>A-1042</b>\nHola Pablo, tu pedido sale hoy y llegará el {{2}}."
    )
    labels = form.preview.findChildren(QLabel)
    assert labels and all(lab.textFormat() == Qt.TextFormat.PlainText for lab in labels)
    form.choose("oferta_personal", "es")
    _fill(qtbot, form, {"header:image": "https://cdn.ejemplo.es/a.jpg"})
    assert form.preview.text().startswith("[Image] https://cdn.ejemplo.es/a.jpg\n¡Hola {{nombre}}!")


def test_one_click_is_one_send_and_the_form_is_cleared(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    sent: list[Any] = []
    composer.sendTemplateRequested.connect(lambda *a: sent.append(a))
    form.choose("envio_en_camino", "es")
    _fill(qtbot, form, SHIPPING)
    qtbot.mouseDClick(composer.template_send, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(composer.template_send, Qt.MouseButton.LeftButton)
    assert sent == [
        (
            "c-pablo",
            "envio_en_camino",
            "es",
            {
                "header_params": ["A-1042"],
                "header_link": None,
                "header_location": None,
                "body_params": ["Pablo", "martes"],
                "button_params": [{"index": 1, "text": "A1042"}],
            },
        )
    ]
    assert form.current() is None and form.values() == {}
    assert not form.fields_box.isVisible()
    assert form.preview.text() == ""
    assert not form.picker.selectionModel().hasSelection()
    assert not composer.template_send.isEnabled()


def test_enter_in_a_value_sends_once(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    sent: list[Any] = []
    composer.sendTemplateRequested.connect(lambda *a: sent.append(a))
    form.choose("seguimiento_pedido", "es")
    _fill(qtbot, form, {"body:1": "Pablo"})
    edit = form.edit_for("body:2")
    assert edit is not None
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # not filled in yet: nothing goes
    assert sent == []
    qtbot.keyClicks(edit, "4821")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert len(sent) == 1 and sent[0][3]["body_params"] == ["Pablo", "4821"]
    qtbot.wait(0)  # the value's box goes once its own key event is over
    assert form.values() == {}
    assert composer.focusWidget() is form.search  # ready to pick the next one
    qtbot.keyClick(form.search, Qt.Key.Key_Return)
    assert len(sent) == 1


def test_a_send_the_app_could_not_record_puts_the_values_back(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    sent: list[Any] = []
    composer.sendTemplateRequested.connect(lambda *a: sent.append(a))
    form.choose("envio_en_camino", "es")
    _fill(qtbot, form, SHIPPING)
    composer.send_template()
    cid, name, language, params = sent[0]
    assert form.values() == {}
    composer.restore_template("c-other", name, language, params)  # another conversation
    assert form.current() is None
    composer.restore_template(cid, name, language, params)
    assert form.values() == SHIPPING
    assert composer.template_send.isEnabled()


def test_a_new_sync_keeps_the_template_being_filled(qtbot: QtBot, clock: list[int]) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    form.choose("envio_en_camino", "es")
    _fill(qtbot, form, {"body:1": "Pablo"})
    composer.set_templates(sd.templates())
    assert form.current() == spec_from(sd.templates()[1])
    assert form.values()["body:1"] == "Pablo"
    # Its text edited on WhatsApp: the values that still have a place stay.
    edited = [_with_body(t, "Hola {{1}}, tu pedido llega el {{2}}.") for t in sd.templates()]
    composer.set_templates(edited)
    assert form.current() == spec_from(edited[1])
    assert form.values()["body:1"] == "Pablo"
    assert form.preview.text().splitlines()[1] == "Hola Pablo, tu pedido llega el {{2}}."


def _with_body(template: dict[str, Any], body: str) -> dict[str, Any]:
    if template["name"] != "envio_en_camino":
        return template
    components = [c | {"text": body} if c["type"] == "BODY" else c for c in template["components"]]
    return template | {"components": components, "body": body}


def _with_status(status: str | None) -> list[dict[str, Any]]:
    """The sample templates with ``envio_en_camino`` in ``status`` (None: not listed)."""
    return [
        t | {"status": status} if t["name"] == "envio_en_camino" else t
        for t in sd.templates()
        if status is not None or t["name"] != "envio_en_camino"
    ]


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("PAUSED", "WhatsApp has paused “envio_en_camino”, so it cannot be sent for now."),
        ("DISABLED", "WhatsApp has disabled “envio_en_camino”: it can no longer be sent."),
        ("REJECTED", "WhatsApp has rejected “envio_en_camino”: it cannot be sent."),
        ("PENDING_DELETION", "“envio_en_camino” is no longer approved on WhatsApp"),
        (None, "“envio_en_camino” is no longer among the WhatsApp templates"),
    ],
)
def test_a_template_that_can_no_longer_be_sent_says_why_and_keeps_the_values(
    qtbot: QtBot, clock: list[int], status: str | None, reason: str
) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    sent: list[Any] = []
    composer.sendTemplateRequested.connect(lambda *a: sent.append(a))
    form.choose("envio_en_camino", "es")
    _fill(qtbot, form, SHIPPING)
    assert composer.template_send.isEnabled()
    composer.set_templates(_with_status(status))
    assert composer.template_reason.text().startswith(reason), composer.template_reason.text()
    assert composer.template_reason.text().endswith("Pick another template.")
    assert not composer.template_send.isEnabled()
    assert form.values() == SHIPPING and form.unavailable()
    assert form.preview.text().startswith("Pedido A-1042")
    composer.send_template()  # Enter in a value: still nothing goes
    assert sent == []
    assert "envio_en_camino" not in "".join(_rows(form))
    # Approved again (reinstated): the same values, ready to send.
    composer.set_templates(sd.templates())
    assert form.values() == SHIPPING and not form.unavailable()
    assert composer.template_send.isEnabled() and composer.template_reason.text() == ""


def test_picking_another_template_leaves_the_unavailable_one(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    form = composer.template_form
    form.choose("envio_en_camino", "es")
    composer.set_templates(_with_status("PAUSED"))
    assert form.unavailable()
    assert form.choose("seguimiento_pedido", "es")
    assert not form.unavailable()
    assert composer.template_reason.text().startswith("Fill in")


PICKUP = {
    "name": "recogida_en_tienda",
    "language": "es",
    "status": "APPROVED",
    "category": "UTILITY",
    "components": [
        {"type": "HEADER", "format": "LOCATION"},
        {"type": "BODY", "text": "Hola {{1}}, tu pedido te espera en esta tienda."},
        {
            "type": "BUTTONS",
            "buttons": [
                {"type": "QUICK_REPLY", "text": "Gracias"},
                {"type": "COPY_CODE", "text": "Copy offer code", "example": "VERANO25"},
            ],
        },
    ],
}
PLACE = {
    "header:latitude": "40,4168",
    "header:longitude": "-3.7038",
    "header:name": "Tienda Sol",
    "header:address": "Puerta del Sol 1, Madrid",
    "body:1": "Pablo",
    "button1:code": "VERANO25",
}


def test_a_location_header_is_filled_in_checked_and_previewed(
    qtbot: QtBot, clock: list[int]
) -> None:
    composer = _composer(qtbot, clock)
    composer.set_templates([*sd.templates(), PICKUP])
    form = composer.template_form
    sent: list[Any] = []
    composer.sendTemplateRequested.connect(lambda *a: sent.append(a))
    assert form.choose("recogida_en_tienda", "es")
    assert form.field_labels() == [
        "Header location: latitude",
        "Header location: longitude",
        "Header location: place name",
        "Header location: address",
        "Body: Hola ___, tu pedido te…",
        "Button “Copy offer code”: code",
    ]
    assert form.edit_for("button1:code").maxLength() == 15  # type: ignore[union-attr]
    assert form.preview.text().startswith("[Location]\nHola {{1}}")
    _fill(qtbot, form, PLACE | {"header:latitude": "91"})
    assert composer.template_reason.text() == (
        "The latitude must be a number from -90 to 90, such as 40.4168."
    )
    assert not composer.template_send.isEnabled()
    _fill(qtbot, form, {"header:latitude": "40,4168", "header:longitude": "oeste"})
    assert composer.template_reason.text().startswith("The longitude must be a number")
    _fill(qtbot, form, {"header:longitude": "-3.7038"})
    assert composer.template_send.isEnabled()
    assert form.preview.text().splitlines()[0] == (
        "[Location] · Tienda Sol · Puerta del Sol 1, Madrid"
    )
    assert form.preview.text().endswith("↩ Gracias\n❐ Copy offer code")
    composer.send_template()
    assert sent[0][3]["header_location"] == {
        "latitude": 40.4168,
        "longitude": -3.7038,
        "name": "Tienda Sol",
        "address": "Puerta del Sol 1, Madrid",
    }
    assert sent[0][3]["button_params"] == [{"index": 1, "text": "VERANO25"}]
    # A send the app could not record comes back whole.
    composer.restore_template(*sent[0])
    assert form.values() == PLACE | {"header:latitude": "40.4168"}


def test_typing_ranks_the_templates_best_first(qtbot: QtBot, clock: list[int]) -> None:
    """The canned replies' search (``core/fuzzy.py``): "segui" starts the first one's name,
    a word of the last one's body, and only a button's text of the second one."""
    form = _composer(qtbot, clock).template_form
    names = [r.split("\n")[1].split(" · ")[0] for r in _rows(form)]
    assert names == ["seguimiento_pedido", "envio_en_camino", "oferta_personal",
                     "retomar_conversacion"]  # fmt: skip
    qtbot.keyClicks(form.search, "SEGUÍ")
    names = [r.split("\n")[1].split(" · ")[0] for r in _rows(form)]
    assert names == ["seguimiento_pedido", "retomar_conversacion", "envio_en_camino"]
