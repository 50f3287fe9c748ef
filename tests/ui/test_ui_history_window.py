"""A long history read through a window of it: the conversation's model holds at most
``window_rows`` messages, so what a new message costs never grows with the history.

The model's moves are checked on their own (paging up lets go of the newest rows, paging
down of the oldest, a message past the window is counted, the agent's own reply asks for
the newest page), then the real app against a real hub: the agent reads a conversation
from its newest message up to its first and back down, page by page from the hub and the
cache, never losing their place, with a message arriving on the way.
"""

from __future__ import annotations

import time
from typing import Any

from desktop_driver import run, signed_in, started, until
from hub_harness import RunningHub, text_webhook
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from devtools import sample_data as sd
from wa_desk.client.credentials import CredentialStore
from wa_desk.core.cursor import decode
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.common.timefmt import parse_ms
from wa_desk.ui.conversation.model import ConversationModel, MessageRoles
from wa_desk.ui.conversation.view import ConversationView
from wa_desk.ui.settings.settings import Settings

MINUTE = 60_000


def _history(n: int) -> list[dict[str, Any]]:
    return [sd._msg(f"m{i:04d}", (i - n) * MINUTE, "text", text=f"mensaje {i}") for i in range(n)]


def _ids(model: ConversationModel) -> list[str]:
    return [str(model.index(r).data(MessageRoles.ID)) for r in range(model.rowCount())]


def _model(history: list[dict[str, Any]], window: int, shown: int) -> ConversationModel:
    model = ConversationModel()
    model.window_rows = window
    model.show("c-lucia", history[-shown:], older_cursor="older")
    return model


def test_opening_more_than_a_window_holds_its_newest_part() -> None:
    history = _history(30)
    model = ConversationModel()
    model.window_rows = 10
    model.show("c-lucia", history)
    assert _ids(model) == [f"m{i:04d}" for i in range(20, 30)]
    assert model.reaches_newest()
    assert model.can_fetch_older()
    assert decode(model.older_cursor() or "") == (parse_ms(history[20]["timestamp"]), "m0020")


def test_paging_up_lets_go_of_the_newest_and_paging_down_of_the_oldest(qtbot: QtBot) -> None:
    history = _history(30)
    model = _model(history, window=10, shown=5)
    model.prepend_page(history[20:25], older_cursor="older")
    model.prepend_page(history[15:20], older_cursor="older")
    assert _ids(model) == [f"m{i:04d}" for i in range(15, 25)]  # the newest 5 let go
    assert not model.reaches_newest() and model.can_fetch_newer()
    with qtbot.waitSignal(model.newerMessagesRequested) as asked:
        model.fetch_newer()
    assert asked.args[0] == "c-lucia"
    assert decode(asked.args[1]) == (parse_ms(history[24]["timestamp"]), "m0024")
    assert not model.can_fetch_newer()  # one request at a time
    model.append_page(history[25:28], newer_cursor="newer")
    assert _ids(model) == [f"m{i:04d}" for i in range(18, 28)]  # the oldest 3 let go
    assert decode(model.older_cursor() or "") == (parse_ms(history[18]["timestamp"]), "m0018")
    model.append_page(history[28:30], newer_cursor=None)
    assert _ids(model) == [f"m{i:04d}" for i in range(20, 30)]
    assert model.reaches_newest()


def test_a_message_past_the_window_is_counted_and_a_reply_asks_for_the_newest(
    qtbot: QtBot,
) -> None:
    history = _history(30)
    model = _model(history, window=10, shown=5)
    for first in (20, 15):
        model.prepend_page(history[first : first + 5], older_cursor="older")
    with qtbot.waitSignal(model.newerWaiting) as waiting:
        model.upsert([sd._msg("new", MINUTE, "text", text="¿Hola?")])
    assert waiting.args == [1]
    assert "new" not in _ids(model)
    # A status for a message the window let go of waits in the cache.
    assert model.apply_status({"id": "m0029", "status": "read"}) is False
    mine = sd._msg("local-1", 2 * MINUTE, "text", text="Ya sale", direction="out", status="pending")
    with qtbot.waitSignal(model.newestNeeded) as needed:
        model.upsert([mine])
    assert needed.args == ["c-lucia"]


def test_new_messages_at_the_newest_keep_the_window_bounded() -> None:
    history = _history(10)
    model = _model(history, window=10, shown=10)
    for i in range(70):
        model.upsert([sd._msg(f"n{i:03d}", i * 1000, "text", text=f"nuevo {i}")])
        assert model.rowCount() <= 10 + 50
    assert _ids(model)[-1] == "n069" and model.reaches_newest()
    assert model.can_fetch_older()  # what was let go pages in again


def _rows_in_order(view: ConversationView) -> list[int]:
    """The shown messages' numbers ("mensaje N"), top to bottom."""
    return [
        int(str(view.model.index(r).data(MessageRoles.BODY)).split()[-1])
        for r in range(view.model.rowCount())
        if str(view.model.index(r).data(MessageRoles.BODY)).startswith("mensaje ")
    ]


def _page_in(view: ConversationView) -> bool:
    """No page is going in (each goes in a few rows per pass of the event loop)."""
    model = view.model
    return (model.can_fetch_older() or model.index(0).data(MessageRoles.BODY) == "mensaje 0") and (
        model.reaches_newest() or model.can_fetch_newer()
    )


def _at_top(view: ConversationView) -> str:
    return str(view.list.indexAt(view.list.viewport().rect().topLeft()).data(MessageRoles.BODY))


def test_reading_a_long_history_up_and_down_against_the_hub(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    total, window = 160, 100
    start = int(time.time()) - total * 60
    for i in range(total):
        body = text_webhook(f"wamid.w{i:04d}", "34611110000", f"mensaje {i}", ts=start + i * 60)
        assert hub.post_webhook(body).status_code == 200

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window_:
            view = window_.conversation_view
            view.model.window_rows = window
            bar = view.list.verticalScrollBar()
            conv_id = await until(lambda: next(iter(window_.inbox_view.model.ids()), None))
            window_.inbox_view.conversationSelected.emit(conv_id)
            await until(lambda: _rows_in_order(view)[-1:] == [total - 1])
            await until(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())

            # Up to the first message, page by page; the place is kept at each page.
            while _rows_in_order(view)[0] != 0:
                top = _rows_in_order(view)[0]
                bar.setValue(bar.minimum())
                await until(lambda t=top: _rows_in_order(view)[0] < t and _page_in(view))
                shown = _rows_in_order(view)
                assert shown == list(range(shown[0], shown[0] + len(shown)))  # no gap
                assert len(shown) <= window
                # The message that was at the top is still there, where the reader was.
                await until(lambda t=top: _at_top(view) == f"mensaje {t}")
            assert not view.model.reaches_newest()
            assert _rows_in_order(view)[-1] < total - 1

            # A customer writes meanwhile: counted on the button, not a row yet.
            body = text_webhook("wamid.new", "34611110000", "¿Seguís ahí?")
            assert hub.post_webhook(body).status_code == 200
            await until(lambda: view.unseen_count() == 1 and view.new_messages.isVisible())

            # Back down to the newest, page by page from the cache.
            while not view.model.reaches_newest():
                bottom = _rows_in_order(view)[-1]
                bar.setValue(bar.maximum())
                reading = _at_top(view)
                await until(lambda b=bottom: _rows_in_order(view)[-1] > b and _page_in(view))
                shown = _rows_in_order(view)
                assert shown == list(range(shown[0], shown[0] + len(shown)))
                assert len(shown) <= window
                # The page went in below the reader, who still reads the same words.
                await until(lambda r=reading: _at_top(view) == r and bar.value() < bar.maximum())
            assert _rows_in_order(view)[-1] == total - 1
            last = view.model.index(view.model.rowCount() - 1).data(MessageRoles.BODY)
            assert last == "¿Seguís ahí?"
            bar.setValue(bar.maximum())
            await until(lambda: view.unseen_count() == 0 and view.new_messages.isHidden())

            # From far up again, the button goes straight to the newest page.
            while _rows_in_order(view)[0] > 20:
                top = _rows_in_order(view)[0]
                bar.setValue(bar.minimum())
                await until(lambda t=top: _rows_in_order(view)[0] < t and _page_in(view))
                await until(lambda t=top: _at_top(view) == f"mensaje {t}")
            body = text_webhook("wamid.new2", "34611110000", "¿Hola?")
            assert hub.post_webhook(body).status_code == 200
            await until(lambda: view.new_messages.isVisible())
            view.new_messages.click()
            await until(lambda: view.model.reaches_newest())
            last = view.model.index(view.model.rowCount() - 1).data(MessageRoles.BODY)
            assert last == "¿Hola?"
            await until(lambda: bar.value() == bar.maximum() and view.new_messages.isHidden())

    run(qapp, scenario)


def test_a_page_goes_in_a_few_rows_per_pass_and_the_next_is_asked_for_after(
    qtbot: QtBot,
) -> None:
    history = _history(40)
    model = _model(history, window=100, shown=5)
    model.fetch_older()  # asked: no second request until this page is in
    model.prepend_page(history[15:35], older_cursor="older")
    assert _ids(model)[0] == "m0027"  # the newest rows of the page, the first pass's
    assert not model.can_fetch_older()
    qtbot.waitUntil(lambda: _ids(model)[0] == "m0015")
    assert _ids(model) == [f"m{i:04d}" for i in range(15, 40)]
    assert model.can_fetch_older()
