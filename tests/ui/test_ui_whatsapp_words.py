"""Against a real hub and simulator, in Spanish: a message WhatsApp sent malformed is
flagged in the agent's words (by its problem code, never the parser's English), and a
send WhatsApp fails with 131047 says what happened and what to do, in the app's words
(Meta's English only in the tooltip)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from desktop_driver import messages, run, signed_in, started, state_of, until
from hub_harness import RunningHub, running_hub, text_webhook
from message_rows import row_saying
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from wa_desk.client.credentials import CredentialStore
from wa_desk.core.message_problems import MessageProblem
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.conversation.delivery_errors import delivery_error_text
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.conversation.problem_words import problem_text
from wa_desk.ui.conversation.view import ConversationView
from wa_desk.ui.settings.settings import Settings

CUSTOMER = "34611117777"


@pytest.fixture
def late_hub(tmp_path: Path, desktop_data_home: Path) -> Iterator[RunningHub]:
    """A hub whose WhatsApp accepts a send outside the 24 h window and fails it later by
    webhook, as Meta also does."""
    with running_hub(
        f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        time_scale=0.02,
        sim_settings={"window_errors": "webhook"},
    ) as running:
        running.add_user("ana", "agent", ("ventas",))
        yield running


def _flag_line(view: ConversationView, row: int) -> str:
    """The flag line as the delegate lays it out (what the agent reads under the bubble)."""
    index = view.list.model().index(row, 0)
    option = QStyleOptionViewItem()
    view.list.initViewItemOption(option)
    option.rect = view.list.visualRect(index)
    lay = view.delegate.layout(option, index)
    assert lay.problems_text is not None
    return lay.problems_text.text()


def test_a_malformed_message_and_a_late_send_read_in_spanish(
    qapp: QApplication, late_hub: RunningHub, settings: Settings, spanish: None
) -> None:
    hub = late_hub
    hub.customer_writes("wamid.w1", CUSTOMER, "Hola, ¿seguís ahí?")
    odd = text_webhook("wamid.w2", CUSTOMER, "Mi pedido es el 4417")
    del odd["entry"][0]["changes"][0]["value"]["messages"][0]["type"]  # WhatsApp forgot it
    assert hub.post_webhook(odd).status_code == 200

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            view = window.conversation_view
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            await until(lambda: view.current_id() == conv_id and len(messages(app)) == 2)

            flagged = row_saying(view, "Mi pedido es el 4417")
            index = view.list.model().index(flagged, 0)
            assert index.data(MessageRoles.PROBLEMS) == [
                "WhatsApp no indicó qué tipo de mensaje es; se muestra según su contenido."
            ]
            line = _flag_line(view, flagged)
            assert "Marcado:" in line and "se muestra según su contenido" in line, line
            assert "taken as" not in line and "Flagged" not in line, line
            assert row_saying(view, "Hola, ¿seguís ahí?") is not None
            assert view.list.model().index(0, 0).data(MessageRoles.PROBLEMS) == []

            # More than 24 h pass for WhatsApp (the server still thinks the window is open).
            hub.world.clock.advance(25 * 3600 * 1000)
            view.claimRequested.emit(conv_id)
            await until(lambda: state_of(window, conv_id) == "assigned")
            await until(lambda: view.composer.can_write())
            view.composer.editor.setPlainText("Sí, te lo miro ahora.")
            view.composer.send_text()
            await until(lambda: messages(app)[-1].get("status") == "failed", within=30)
            failed = view.list.model().index(row_saying(view, "Sí, te lo miro ahora."), 0)
            assert failed.data(MessageRoles.STATUS_TEXT) == (
                "No entregado (código 131047): Han pasado más de 24 horas desde el último "
                "mensaje del cliente: envía una plantilla aprobada."
            )
            # Meta's English is for support, in the tooltip.
            tooltip = failed.data(Qt.ItemDataRole.ToolTipRole)
            assert "131047" in tooltip and "Re-engagement" in tooltip, tooltip

    run(qapp, scenario)


# The codes an agent meets (Meta's Cloud API error reference).
AGENT_CODES = (
    131047, 470, 131026, 131049, 131050, 131051, 131052, 131053, 131042, 131031, 131056,
    130429, 80007, 131048, 132000, 132001, 132005, 132007, 132012, 132015, 132016, 133010,
    131000, 131008, 131009, 131021, 368,
)  # fmt: skip


def test_each_delivery_code_an_agent_meets_has_spanish_words(spanish: None) -> None:
    unknown = delivery_error_text(999999)
    assert (
        unknown == "WhatsApp lo rechazó por un motivo que esta versión no conoce (código 999999)."
    )
    for code in AGENT_CODES:
        words = delivery_error_text(code)
        assert words != delivery_error_text(999999).replace("999999", str(code)), code
        assert "WhatsApp refused" not in words and words.endswith("."), (code, words)
    assert delivery_error_text(470) == delivery_error_text(131047)
    assert delivery_error_text(131047) == (
        "Han pasado más de 24 horas desde el último mensaje del cliente: envía una plantilla "
        "aprobada."
    )


def test_each_problem_code_has_spanish_words(spanish: None) -> None:
    general = problem_text("not_a_code_yet")
    assert general == "Algo de este mensaje no se pudo leer (not_a_code_yet)."
    for code in MessageProblem:
        words = problem_text(code)
        assert words != problem_text("x").replace("(x)", f"({code})"), code
        assert "WhatsApp did" not in words and "could not" not in words, (code, words)
