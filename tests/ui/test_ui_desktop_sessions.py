"""The desktop app's sessions and customer context against a real hub and simulator:
a closed 24 h window forces a template; signing in through the dialog keeps the token
in the keyring and the next start is silent; a revoked token brings the sign-in back
with the reason and loses nothing; the agent's status reaches the hub; private notes
and tags go out through the outbox and come back live."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import httpx
import keyring
import pytest
from desktop_driver import (
    conversation,
    conversations,
    run,
    signed_in,
    signed_out,
    started,
    until,
    visible_dialog,
)
from hub_harness import PASSWORD, RunningHub, text_webhook
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import SERVICE, CredentialStore, account
from wa_desk.store.local_store import LocalStore
from wa_desk.store.paths import store_path
from wa_desk.ui.app.desktop_app import DesktopApp
from wa_desk.ui.inbox.model import InboxRoles
from wa_desk.ui.settings.settings import Settings
from wa_desk.ui.shell.signin_dialog import SigninDialog


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process: what the app saved, and nothing else."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not stored")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def hub(hub: RunningHub) -> RunningHub:
    """The UI tests' hub, with a second agent in the queue."""
    hub.add_user("beto", "agent", ("ventas",))
    return hub


def _me(hub: RunningHub, token: str) -> httpx.Response:
    return httpx.get(f"{hub.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})


async def _sign_in_through(dialog: SigninDialog, hub_url: str, user: str) -> None:
    dialog.hub.setText(hub_url)
    dialog.user.setText(user)
    dialog.password.setText(PASSWORD)
    assert dialog.sign_in.isEnabled()
    dialog.sign_in.click()


def test_a_closed_window_allows_only_a_template_and_it_reaches_the_customer(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    wa_id = "34655500001"
    two_days_ago = int(time.time()) - 48 * 3600
    old = text_webhook("wamid.old1", wa_id, "¿Me llamáis?", ts=two_days_ago)
    assert hub.post_webhook(old).status_code == 200

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=signed_in(hub, "ana"))
        async with started(app) as window:
            conv = await until(lambda: next(iter(conversations(window)), None))
            window.inbox_view.conversationSelected.emit(conv["id"])
            window.conversation_view.claimRequested.emit(conv["id"])
            await until(lambda: conversation(window, conv["id"]).get("state") == "assigned")
            await until(lambda: window.conversation_view.current_id() == conv["id"])
            composer = window.conversation_view.composer
            await until(lambda: composer.pages.currentWidget() is composer.write_page)
            assert composer.template_box.isVisibleTo(window)  # templates: the only way
            assert not composer.editor.isEnabled()
            assert not composer.send_button.isEnabled()
            assert composer.window_reason.isVisibleTo(window)
            assert "template" in composer.window_reason.text().lower()

            window.conversation_view.sendTemplateRequested.emit(
                conv["id"],
                "seguimiento_pedido",
                "es",
                {"body_params": ["Lucía", "PED-1234"], "header_params": []},
            )
            sent = await until(lambda: hub.world.sent_to(wa_id))
            assert sent[0].body["type"] == "template"
            assert sent[0].body["template"]["name"] == "seguimiento_pedido"
            await until(lambda: app.store is not None and app.store.outbox_count() == 0)

    run(qapp, scenario)


def test_sign_in_keeps_the_token_in_the_keyring_and_the_next_start_is_silent(
    qapp: QApplication, hub: RunningHub, settings: Settings, memory_keyring: MemoryKeyring
) -> None:
    name = (SERVICE, account(hub.url, "ana"))

    async def scenario() -> None:
        first = DesktopApp(qapp, settings, CredentialStore())
        starting = asyncio.ensure_future(first.start())
        dialog = await until(lambda: visible_dialog(SigninDialog))
        assert not dialog.reason.isVisibleTo(dialog)  # nothing went wrong: no reason
        dialog.password.setText("wrong")
        dialog.hub.setText(hub.url)
        dialog.user.setText("ana")
        dialog.sign_in.click()
        await until(lambda: dialog.error.isVisibleTo(dialog))
        assert dialog.error.text() == "Wrong user name or password."
        await _sign_in_through(dialog, hub.url, "ana")
        assert await starting
        assert first.window is not None and first.session is not None
        token = memory_keyring.passwords[name]
        assert token == first.session.signed.token
        assert _me(hub, token).status_code == 200
        await first.stop()
        first.window.close()

        second = DesktopApp(qapp, settings, CredentialStore())
        async with started(second) as window:  # silent: no dialog was needed
            assert second.session is not None
            assert second.session.signed.token == token
            assert window.isVisible() and visible_dialog(SigninDialog) is None
            window.signOutRequested.emit()
            again = await until(lambda: visible_dialog(SigninDialog))
            assert name not in memory_keyring.passwords
            assert _me(hub, token).status_code == 401  # signed out at the hub too
            assert not window.isVisible()
            assert again.user.text() == "ana" and again.hub.text() == hub.url
            again.reject()
            # Cancel does not quit: the window waits, signed out, and signs in again.
            await until(lambda: signed_out(window))
            assert not second.quit.done()
            window.signed_out_page.sign_in.click()
            third = await until(lambda: visible_dialog(SigninDialog))
            assert third.user.text() == "ana" and third.hub.text() == hub.url
            await _sign_in_through(third, hub.url, "ana")
            await until(lambda: window.pages.currentWidget() is not window.signed_out_page)
            assert window.sign_out_action.isEnabled()

    run(qapp, scenario)


def test_a_revoked_token_asks_to_sign_in_again_and_nothing_queued_is_lost(
    qapp: QApplication, hub: RunningHub, settings: Settings, memory_keyring: MemoryKeyring
) -> None:
    hub.customer_writes("wamid.rv1", "34655500002", "¿Tenéis la talla M?")
    preset = signed_in(hub, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            conv = await until(lambda: next(iter(conversations(window)), None))
            await until(lambda: app.session is not None and app.session.stream.connected)
            logout = await asyncio.to_thread(
                httpx.post,
                f"{hub.url}/api/v1/auth/logout",
                headers={"Authorization": f"Bearer {preset.token}"},
            )
            assert logout.status_code == 204
            # The hub ends the token's stream at once: the app asks to sign in again.
            dialog = await until(lambda: visible_dialog(SigninDialog))
            assert dialog.reason.isVisibleTo(dialog)
            assert dialog.reason.text() == SigninDialog.tr_expired()
            # The agent acts meanwhile: the action waits in the outbox.
            window.conversation_view.claimRequested.emit(conv["id"])
            # Nothing is lost meanwhile: the claim waits in the outbox, the cache stays.
            assert app.store is not None
            assert app.store.outbox_count() == 1
            assert app.store.conversation(conv["id"]) is not None
            assert window.inbox_view.model.conversation(conv["id"]) is not None
            path = store_path(hub.url, "ana")
            with LocalStore.open(path) as other_reader:
                assert other_reader.outbox_count() == 1

            await _sign_in_through(dialog, hub.url, "ana")
            await until(lambda: conversation(window, conv["id"]).get("state") == "assigned")
            assert app.store.outbox_count() == 0
            assert memory_keyring.passwords[(SERVICE, account(hub.url, "ana"))]
            kinds = [a["kind"] for a in app.store.actions()]
            # Each sign-in starts a session in the log, the refused one ended ("expired");
            # the claim waited in between.
            assert kinds == [
                "session.started",
                "session.ended",
                "conversation.claimed",
                "session.started",
            ]

    run(qapp, scenario)


def test_the_agents_status_reaches_the_hub(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    preset = signed_in(hub, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            for status in ("away", "available"):
                window.statusChangeRequested.emit(status)
                await until(
                    lambda s=status: _me(hub, preset.token).json()["status"] == s  # type: ignore[misc]
                )

    run(qapp, scenario)


def _panel_texts(widget: object) -> list[str]:
    from PySide6.QtWidgets import QListWidget

    assert isinstance(widget, QListWidget)
    return [widget.item(i).text() for i in range(widget.count())]


def test_notes_and_tags_go_out_through_the_outbox_and_come_back_live(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    wa_id = "34655500003"
    hub.customer_writes("wamid.nt1", wa_id, "Quiero devolver unas zapatillas")
    preset = signed_in(hub, "ana")
    beto = hub.login("beto")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            assert app.store is not None
            panel = window.customer_panel
            await until(lambda: app.session is not None and app.session.stream.connected)
            conv = await until(lambda: next(iter(conversations(window)), None))
            window.inbox_view.conversationSelected.emit(conv["id"])
            await until(lambda: panel.conversation_id == conv["id"] and panel.isEnabled())

            window.customer_panel.noteAdded.emit(conv["id"], "Ya pidió una devolución en marzo.")
            shown = _panel_texts(panel.notes)
            assert len(shown) == 1 and "Ya pidió una devolución en marzo." in shown[0]
            url = f"/api/v1/conversations/{conv['id']}/notes"
            await until(lambda: beto.get(url).json()["items"])
            await until(lambda: "sending" not in _panel_texts(panel.notes)[0])

            window.customer_panel.tagAdded.emit(conv["id"], "  VIP ")
            assert _panel_texts(panel.tags) == ["vip"]  # shown at once
            tags_url = f"/api/v1/contacts/{wa_id}/tags"
            await until(lambda: beto.get(tags_url).json()["tags"] == ["vip"])

            # Another agent's note and tag arrive live.
            beto.post(url, json={"text": "Le ofrecí cambio de talla."})
            beto.put(f"{tags_url}/devolución")
            await until(lambda: len(_panel_texts(panel.notes)) == 2)
            assert "Le ofrecí cambio de talla." in _panel_texts(panel.notes)[1]
            assert "beto" in _panel_texts(panel.notes)[1]
            await until(lambda: _panel_texts(panel.tags) == ["devolución", "vip"])

            window.customer_panel.tagRemoved.emit(conv["id"], "vip")
            await until(lambda: beto.get(tags_url).json()["tags"] == ["devolución"])
            await until(lambda: _panel_texts(panel.tags) == ["devolución"])
            await until(lambda: app.store is not None and app.store.outbox_count() == 0)
            kinds = [a["kind"] for a in app.store.actions()]
            assert kinds == ["session.started", "note.added", "tag.added", "tag.removed"]

            # A tag the hub could never accept is refused at once, with the reason.
            window.customer_panel.tagAdded.emit(conv["id"], "<b>")
            assert not window.problem_bar.isHidden()
            assert app.store.outbox_count() == 0

            # Opening the conversation again shows the cached notes and tags at once.
            window.inbox_view.conversationSelected.emit(conv["id"])
            await until(lambda: len(_panel_texts(panel.notes)) == 2)
            assert _panel_texts(panel.tags) == ["devolución"]

    run(qapp, scenario)


def test_search_finds_text_the_cache_never_saw(
    qapp: QApplication, hub: RunningHub, settings: Settings
) -> None:
    """Messages written before the app started are not in the local cache: the hub's
    search finds them, and the conversation shows in the results."""
    hub.customer_writes("wamid.s1", "34677778888", "El pedido 4521 llegó roto")
    hub.customer_writes("wamid.s2", "34677778888", "¿hola?")
    hub.customer_writes("wamid.s3", "34699990000", "Quiero cambiar la talla")
    preset = signed_in(hub, "ana")

    async def scenario() -> None:
        app = DesktopApp(qapp, settings, CredentialStore(), preset=preset)
        async with started(app) as window:
            await until(lambda: len(conversations(window)) == 2)
            window.inbox_view.searchChanged.emit("roto")
            shown = window.inbox_view.filter

            def found() -> list[str]:
                return [
                    shown.index(r, 0).data(InboxRoles.NUMBER) or "" for r in range(shown.rowCount())
                ]

            await until(lambda: len(found()) == 1)
            assert "34677778888" in found()[0].replace(" ", "").replace("+", "")

    run(qapp, scenario)
