from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.ui.conversation.message_delegate import MessageDelegate
from wa_desk.ui.conversation.model import ConversationModel, MessageRoles

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<a href='https://evil.example'>pulsa aquí</a>",
    "<b>negrita</b> &amp; <script>x</script>",
    "factura\u202egpj.exe",
    "ho\u200bla\u200d\ufeff",
    "x" * 4096,
]


def _model(clock: list[int], messages: list[dict[str, Any]] | None = None) -> ConversationModel:
    model = ConversationModel(clock=lambda: clock[0])
    model.show("c-lucia", sd.messages() if messages is None else messages, older_cursor="cur-1")
    return model


def _row(model: ConversationModel, message_id: str) -> QModelIndex:
    row = model.row_of(message_id)
    assert row is not None, message_id
    return model.index(row)


def test_model_passes_the_qt_model_tester_with_appends_updates_and_older_pages(
    qtmodeltester: ModelTester, clock: list[int]
) -> None:
    model = _model(clock, sd.messages()[8:])
    qtmodeltester.check(model)
    model.append([sd._msg("n1", 0, "text", text="nuevo")])
    model.upsert([{**sd._msg("n1", 0, "text", text="nuevo, editado en el hub")}])
    model.prepend_page(sd.messages()[:8], older_cursor=None)
    model.apply_status({"id": "m16", "status": "sent"})
    qtmodeltester.check(model)
    assert model.rowCount() == 17  # 19 messages, 2 reactions attached


@pytest.mark.parametrize(
    ("message_id", "label", "body", "detail", "downloadable"),
    [
        ("m02", "", "Hola! Sí, una pregunta 😊\n¿Llega antes del viernes?", None, False),
        ("m03", "Location", "", "40.41678, -3.70379", False),
        ("m05", "Photo", "Así llegó la caja", None, True),
        ("m06", "Document", "", "albaránfdp.exe", True),
        ("m07", "Voice message", "", None, True),
        ("m08", "Contact card", "", "Miguel Fernández · +34 600 111 222", False),
        ("m09", "", "El cliente cambió su número de teléfono.", None, False),
        ("m10", "Button reply", "Cambiar la dirección", None, False),
        (
            "m11",
            "Message type not supported",
            "",
            "Reason: Los mensajes de encuesta no son compatibles",
            False,
        ),
        ("m01", "Template seguimiento_pedido", "Hola Lucía, tu pedido 4821", None, False),
    ],
)
def test_each_message_type_has_its_display_data(
    clock: list[int],
    message_id: str,
    label: str,
    body: str,
    detail: str | None,
    downloadable: bool,
) -> None:
    model = _model(clock)  # kept alive: an index does not own its model
    index = _row(model, message_id)
    assert index.data(MessageRoles.LABEL) == label
    assert str(index.data(MessageRoles.BODY)).startswith(body)
    if detail is not None:
        assert detail in index.data(MessageRoles.DETAILS)
    assert index.data(MessageRoles.DOWNLOADABLE) is downloadable


def test_location_links_to_openstreetmap(clock: list[int]) -> None:
    model = _model(clock)
    index = _row(model, "m03")
    assert index.data(MessageRoles.LINK) == (
        "https://www.openstreetmap.org/?mlat=40.416775&mlon=-3.703790#map=17/40.416775/-3.703790"
    )
    assert index.data(MessageRoles.DETAILS)[:2] == [
        "Oficina Centro",
        "Puerta del Sol 1, 28013 Madrid",
    ]


def test_system_notices_are_not_bubbles_and_flagged_messages_say_why(clock: list[int]) -> None:
    model = _model(clock)
    assert _row(model, "m09").data(MessageRoles.NOTICE) is True
    flagged = _row(model, "m12")
    assert flagged.data(MessageRoles.FLAGGED) is True
    assert flagged.data(MessageRoles.PROBLEMS) == [
        "WhatsApp did not say what kind of message this is; it is shown from its content."
    ]


def test_a_flagged_message_reads_in_words_whatever_its_codes(clock: list[int]) -> None:
    """Known codes have their own words (each once), an unknown one is named, and a
    message stored before codes existed (English problems only) reads in general words."""
    legacy = sd._msg("p1", 0, "text", text="hola", flagged=True, problems=["looks odd"])
    legacy.pop("problem_codes")
    coded = sd._msg(
        "p2",
        0,
        "text",
        text="hola",
        flagged=True,
        problems=["a", "b", "c"],
        problem_codes=["missing_timestamp", "timestamp_out_of_range", "from_the_future"],
    )
    model = _model(clock, [legacy, coded])
    assert _row(model, "p1").data(MessageRoles.PROBLEMS) == [
        "Something in this message could not be read."
    ]
    assert _row(model, "p2").data(MessageRoles.PROBLEMS) == [
        "WhatsApp gave no usable time for this message: the time shown is when the server "
        "received it.",
        "Something in this message could not be read (from_the_future).",
    ]


def test_a_customer_file_name_is_sanitized(clock: list[int]) -> None:
    doc = sd._msg(
        "d1",
        0,
        "document",
        media_id="m",
        payload={"type": "document", "document": {"id": "m", "filename": "../../x.exe"}},
    )
    model = _model(clock, [doc])
    index = _row(model, "d1")
    assert index.data(MessageRoles.CONTENT).filename == "x.exe"
    assert index.data(MessageRoles.DETAILS) == ["x.exe"]


def test_reactions_attach_to_their_target_whichever_arrives_first(clock: list[int]) -> None:
    model = _model(clock)
    assert model.row_of("r01") is None and model.row_of("r02") is None
    assert _row(model, "m04").data(MessageRoles.REACTIONS) == "👍"
    assert _row(model, "m16").data(MessageRoles.REACTIONS) == "❤️"
    # A reaction to a message not loaded yet waits for it.
    early = sd._msg("r9", 0, "reaction", text="😮", reaction_to="wamid.late")
    model.append([early])
    assert model.row_of("r9") is None
    model.append([sd._msg("late", 10, "text", text="tarde")])
    assert _row(model, "late").data(MessageRoles.REACTIONS) == "😮"
    # The same customer reacting again replaces; an empty emoji removes.
    model.append([sd._msg("r10", 20, "reaction", text="🙏", reaction_to="wamid.late")])
    assert _row(model, "late").data(MessageRoles.REACTIONS) == "🙏"
    model.append([sd._msg("r11", 30, "reaction", text="", reaction_to="wamid.late")])
    assert _row(model, "late").data(MessageRoles.REACTIONS) == ""


def test_edits_and_deletions_change_the_original(clock: list[int]) -> None:
    model = _model(clock)
    edit = sd._msg(
        "e1",
        0,
        "edit",
        text="¿Llega el jueves?",
        payload={"type": "edit", "edit": {"original_message_id": "wamid.m02"}},
    )
    revoke = sd._msg(
        "v1",
        1,
        "revoke",
        payload={"type": "revoke", "revoke": {"original_message_id": "wamid.m05"}},
    )
    rows = model.rowCount()
    model.append([edit, revoke])
    assert model.rowCount() == rows
    assert _row(model, "m02").data(MessageRoles.BODY) == "¿Llega el jueves?"
    assert _row(model, "m02").data(MessageRoles.EDITED) is True
    assert _row(model, "m05").data(MessageRoles.DELETED) is True
    assert _row(model, "m05").data(MessageRoles.DOWNLOADABLE) is False


def test_replies_quote_their_context(clock: list[int]) -> None:
    model = _model(clock)
    assert (
        _row(model, "m04").data(MessageRoles.QUOTE)
        == "Hola! Sí, una pregunta 😊 ¿Llega antes del viernes?"
    )
    orphan = sd._msg("q1", 0, "text", text="sí", context_wamid="wamid.unknown")
    model.append([orphan])
    assert _row(model, "q1").data(MessageRoles.QUOTE) == "Reply to an earlier message"


def test_statuses_move_ticks_forward_only(qtbot: QtBot, clock: list[int]) -> None:
    model = _model(clock)
    index = _row(model, "m16")
    assert index.data(MessageRoles.TICKS) == "🕓"
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.apply_status({"wamid": "wamid.m16", "status": "sent"})
    assert int(MessageRoles.TICKS) in changed.args[2]
    assert index.data(MessageRoles.TICKS) == "✓"
    assert model.apply_status({"id": "m16", "status": "delivered"})
    assert index.data(MessageRoles.TICKS) == "✓✓"
    assert model.apply_status({"id": "m16", "status": "read"})
    assert index.data(MessageRoles.STATUS) == "read"
    assert not model.apply_status({"id": "m16", "status": "delivered"})  # late webhook
    assert index.data(MessageRoles.STATUS) == "read"
    failed = _row(model, "m14")
    assert failed.data(MessageRoles.TICKS) == "⚠"
    assert failed.data(MessageRoles.STATUS_TEXT) == (
        "Not delivered (code 131047): More than 24 hours have passed since the customer last "
        "wrote: send an approved template."
    )
    # Meta's own English is for the tooltip only.
    assert "Re-engagement message" in failed.data(Qt.ItemDataRole.ToolTipRole)
    assert "Re-engagement" not in failed.data(MessageRoles.STATUS_TEXT)
    assert _row(model, "m02").data(MessageRoles.TICKS) == ""  # customers' messages have none


def test_day_headings_and_sender_names(clock: list[int]) -> None:
    model = _model(clock)
    model.set_names({"u-ana": "Ana Martín"})
    assert model.index(0).data(MessageRoles.DAY) == "Yesterday"
    assert model.index(1).data(MessageRoles.DAY) == ""
    assert _row(model, "m05").data(MessageRoles.DAY) == "Today"
    assert _row(model, "m04").data(MessageRoles.SENDER) == "Ana Martín"
    assert _row(model, "m02").data(MessageRoles.SENDER) == ""


def test_older_pages_are_asked_for_once_and_prepended(qtbot: QtBot, clock: list[int]) -> None:
    messages = sd.messages()
    model = _model(clock, messages[8:])
    assert model.can_fetch_older()
    with qtbot.waitSignal(model.olderMessagesRequested) as asked:
        model.fetch_older()
    assert asked.args == ["c-lucia", "cur-1"]
    assert not model.can_fetch_older()  # one request at a time
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    model.modelReset.connect(lambda: inserted.append((-1, -1)))
    model.prepend_page(messages[:8], older_cursor=None)
    assert inserted == [(0, 6)]  # 8 messages, one reaction attached
    assert _row(model, "m04").data(MessageRoles.REACTIONS) == "👍"
    assert model.index(0).data(MessageRoles.ID) == "m01"
    assert not model.can_fetch_older()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_customer_text_is_shown_literally(
    qtbot: QtBot, clock: list[int], text: str
) -> None:
    model = _model(clock, [sd._msg("h1", 0, "text", text=text)])
    index = model.index(0)
    assert index.data(MessageRoles.BODY) == text
    assert index.data() == text
    view = QListView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    delegate = MessageDelegate(view)
    view.setModel(model)
    view.setItemDelegate(delegate)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = QFont(view.font())
    option.rect = QRect(0, 0, 600, 100)
    option.widget = view
    layout = delegate.layout(option, index)
    words = layout.body_words
    assert words is not None
    # A QTextLayout never reads markup: the text it lays out is the text as written,
    # but for a directional override (it would show "factura\u202egpj.exe" as
    # "facturaexe.jpg"): the agent sees the name's real order.
    shown = text.replace("\u202e", "")
    assert words.rendered.written == text
    assert words.text == shown
    assert "".join(p.layout.text() for p in words.paragraphs) == shown
    image = QImage(600, max(1, layout.height), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    if len(text) == 4096:
        assert layout.height > 20 * view.fontMetrics().height()  # wrapped, not cut


def test_every_sample_message_paints_and_sizes_follow_the_font(
    qtbot: QtBot, clock: list[int]
) -> None:
    model = _model(clock)
    view = QListView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    delegate = MessageDelegate(view)
    view.setModel(model)

    def heights(point_size: float) -> list[int]:
        option = QStyleOptionViewItem()
        option.initFrom(view)
        font = QFont(view.font())
        font.setPointSizeF(point_size)
        option.font = font
        option.rect = QRect(0, 0, 700, 100)
        option.widget = view
        out = []
        for row in range(model.rowCount()):
            index = model.index(row)
            size = delegate.sizeHint(option, index)
            option.rect = QRect(0, 0, 700, size.height())
            image = QImage(700, size.height(), QImage.Format.Format_ARGB32)
            painter = QPainter(image)
            delegate.paint(painter, option, index)
            painter.end()
            out.append(size.height())
        return out

    small, large = heights(9), heights(18)
    assert all(b > a for a, b in zip(small, large, strict=True))
