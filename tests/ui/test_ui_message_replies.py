"""Replying to one message, end to end against a real hub and simulator: the agent picks
Reply on a customer's message, the quote bar shows who and what, the send carries the
message's WhatsApp id to the Graph API as ``context``, and both the agent's reply and
the customer's answer to it show their quotes. A reply the server refuses is explained
in the agent's words."""

from __future__ import annotations

import asyncio

from desktop_driver import messages, run, signed_in, started, state_of, until
from hub_harness import RunningHub
from message_rows import row_saying
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.common.plain_text import isolated
from wa_desk.ui.conversation.model import MessageRoles
from wa_desk.ui.conversation.view import ConversationView
from wa_desk.ui.settings.settings import Settings


def _action(view: ConversationView, row: int, label: str) -> QAction:
    menu = view.message_menu(view.list.model().index(row, 0))
    return next(a for a in menu.actions() if a.text() == label)


def test_a_reply_quotes_the_message_for_the_customer_and_in_the_app(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    question = "¿Dónde está mi pedido 4417?"
    hub.customer_writes("wamid.rp1", "34611119999", question)

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            view = window.conversation_view
            conv_id = await until(lambda: next(iter(window.inbox_view.model.ids()), None))
            window.inbox_view.conversationSelected.emit(conv_id)
            await until(lambda: view.current_id() == conv_id and messages(app))
            assert not _action(view, row_saying(view, question), "Reply").isEnabled()  # not theirs
            view.claimRequested.emit(conv_id)
            await until(lambda: state_of(window, conv_id) == "assigned")
            await until(lambda: view.composer.can_write())
            _action(view, row_saying(view, question), "Reply").trigger()
            bar = view.composer.reply_bar
            assert bar.isVisibleTo(view)
            assert "Lucía Pérez" in bar.who.text() and bar.who.text().startswith("Replying to")
            assert bar.quote.text() == isolated(question)
            view.composer.editor.setPlainText("Sale hoy *sin falta*.")
            view.composer.send_text()
            assert not bar.isVisibleTo(view)  # one reply, then plain messages again
            # Shown at once, quoting the question.
            mine = messages(app)[-1]
            assert mine["context_wamid"] == "wamid.rp1"
            row = row_saying(view, "Sale hoy *sin falta*.")
            assert view.list.model().index(row, 0).data(MessageRoles.QUOTE) == question
            # WhatsApp received a reply to the customer's message.
            sent = await until(lambda: hub.world.sent_to("34611119999"))
            assert sent[0].body["context"] == {"message_id": "wamid.rp1"}
            assert sent[0].body["text"]["body"] == "Sale hoy *sin falta*."
            agent_wamid = await until(lambda: messages(app)[-1].get("wamid"))
            # The customer answers quoting the agent's reply: the app quotes it too.
            await asyncio.to_thread(
                hub.customer_writes, "wamid.rp2", "34611119999", "¡Gracias!", context=agent_wamid
            )
            await until(lambda: any(m.get("text") == "¡Gracias!" for m in messages(app)))
            row = row_saying(view, "¡Gracias!")
            # (A quote reads as the message does: WhatsApp's marks read, not shown.)
            quoted = view.list.model().index(row, 0).data(MessageRoles.QUOTE)
            assert quoted == "Sale hoy sin falta."
            # Their answer can be replied to as well; the quote names the customer.
            _action(view, row, "Reply").trigger()
            assert bar.quote.text() == isolated("¡Gracias!")
            bar.close_button.click()
            assert view.composer.reply() is None and not bar.isVisibleTo(view)

    run(qapp, scenario)


def test_a_reply_to_a_message_of_another_conversation_is_refused_in_the_agents_words(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    hub.customer_writes("wamid.elsewhere", "34611110001", "Soy otra persona")
    hub.customer_writes("wamid.here", "34611110002", "Hola")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            view = window.conversation_view
            ids = await until(lambda: len(window.inbox_view.model.ids()) == 2 and True)
            assert ids
            conv_id = next(
                c["id"]
                for c in (
                    window.inbox_view.model.conversation(i) for i in window.inbox_view.model.ids()
                )
                if c and c["contact"]["wa_id"] == "34611110002"
            )
            window.inbox_view.conversationSelected.emit(conv_id)
            await until(lambda: view.current_id() == conv_id and messages(app))
            view.claimRequested.emit(conv_id)
            await until(lambda: state_of(window, conv_id) == "assigned")
            view.composer.sendReplyRequested.emit(conv_id, "Hola", "wamid.elsewhere", [])
            bar = window.problem_bar
            await until(lambda: not bar.isHidden() and bar.kind == ProblemKind.REFUSED)
            shown = f"{bar.title.text()} {bar.text.text()}"
            assert refusal_text("reply_not_in_conversation") in shown, shown
            assert hub.world.sent_to("34611110002") == []

    run(qapp, scenario)
