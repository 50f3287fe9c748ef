"""The desktop app's composition root: one object builds the services and wires them.

It owns the local store, the hub client, the live stream and the outbox runner, and
talks to the main window only through the seam documented in ``main_window``. Every
agent action goes through the local store first (action log + outbox), then the outbox
runner carries it to the hub, in order, exactly once: the agent can keep working while
the hub is unreachable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.client.errors import (
    AccountLocked,
    BadCredentials,
    CertificateError,
    HubError,
    HubUnreachable,
    Refused,
    SessionExpired,
    TooManyAttempts,
)
from wa_desk.client.event_syncer import EventSyncer, SyncStatus
from wa_desk.client.hub_api import HubApi, Session
from wa_desk.client.hub_clock import HubClock
from wa_desk.client.outbox_runner import OutboxResult, OutboxRunner
from wa_desk.client.ports import LAST_EVENT_ID_KEY
from wa_desk.client.stream import StreamConsumer
from wa_desk.core.background import BackgroundTasks
from wa_desk.core.guidelines import Guidelines, InvalidGuideline, guidelines_from_json
from wa_desk.core.tags import MAX_TAG_LENGTH, InvalidTag, normalize_tag
from wa_desk.store.errors import DiskFull, StoreError
from wa_desk.store.local_store import LocalStore
from wa_desk.store.paths import store_path
from wa_desk.ui.media.controller import MediaController, default_downloads_dir
from wa_desk.ui.settings import settings as s
from wa_desk.ui.shell.main_window import MainWindow
from wa_desk.ui.shell.signin_dialog import SigninDialog

log = logging.getLogger(__name__)

_FIRST_SYNC_PAGES = 20
_PAGE = 200
_USER_KEY = "session.user"
_MESSAGES = 50
_NOTE_TAG_KINDS = frozenset({"note", "tag_add", "tag_remove"})
# Stream events reach the models at most once a frame: between two updates Qt lays the
# lists out and paints once, whatever the stream's rate.
_FRAME_S = 0.025
# A large burst (a reconnect catching up) reaches the inbox in slices of this many
# conversations, each followed by a turn of the event loop.
_SLICE = 100
# Events cached per store transaction: the UI thread's own store calls wait for one at most.
_STORE_CHUNK = 100
# At sign-out the agent's last actions get this long to reach the hub before the token
# goes; what does not make it is sent at their next sign-in here.
_SIGN_OUT_SYNC_S = 3.0


@dataclass(frozen=True)
class SignedIn:
    hub_url: str
    token: str
    user: dict[str, Any]


class DesktopApp(QObject):
    """Builds and wires everything; ``start`` signs in, ``stop`` ends every task."""

    streamEventsShown = Signal(int)  # the seq of the last stream event the window shows

    def __init__(
        self,
        qapp: QApplication,
        settings: s.Settings,
        credentials: CredentialStore,
        *,
        preset: SignedIn | None = None,
        downloads_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.qapp = qapp
        self._downloads_dir = downloads_dir
        self.settings = settings
        self.credentials = credentials
        self._preset = preset
        self.hub_clock = HubClock()  # learnt from every answer, the sign-in's included
        self.window: MainWindow | None = None
        self.media: MediaController | None = None
        self._pending_events: list[tuple[str, dict[str, Any]]] = []
        self._pending_seq = 0
        self._flusher: asyncio.Task[Any] | None = None
        self.store: LocalStore | None = None
        self.api: HubApi | None = None
        self.session: SignedIn | None = None
        self.stream: StreamConsumer | None = None
        self.runner: OutboxRunner | None = None
        self.syncer: EventSyncer | None = None
        self._unlisten_actions: Any = None
        self._sync_problem_shown: str | None = None
        self._tasks = BackgroundTasks()
        self._search_task: asyncio.Task[Any] | None = None
        self._store_path: Path | None = None
        self._signing_in = False
        self._signing_out = False
        self._session_ended = False  # session.ended is in the log for the current session
        self._guidelines = Guidelines()
        self.quit = asyncio.get_event_loop().create_future()

    # -- life cycle ---------------------------------------------------------------

    async def start(self) -> bool:
        """Sign in (silently when a token is kept), open the store, show the window."""
        signed = self._preset or await self._silent_sign_in() or await self._ask_sign_in()
        if signed is None:
            return False
        await self._open(signed)
        return True

    async def stop(self) -> None:
        await self._end_session()
        if self.store is not None:
            self.store.close()
            self.store = None

    async def _end_session(self) -> None:
        """Stop talking to the hub (tasks, client); the store and the window stay, so a
        sign-in that follows picks up the same outbox and cache."""
        # The caller may be one of these tasks (a sign-out): it goes on to sign in again.
        await self._tasks.cancel_all()
        self.stream = None
        self.runner = None
        self.syncer = None
        if self._unlisten_actions is not None:
            self._unlisten_actions()
            self._unlisten_actions = None
        if self.media is not None:
            await self.media.aclose()
        if self.api is not None:
            await self.api.aclose()
            self.api = None

    def _spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        return self._tasks.spawn(coro, name)

    # -- sign-in ------------------------------------------------------------------

    async def _silent_sign_in(self) -> SignedIn | None:
        hub_url = str(self.settings.get(s.HUB_URL) or "")
        user = str(self.settings.get(s.LAST_USER) or "")
        if not hub_url or not user:
            return None
        token = self.credentials.load(hub_url, user)
        if not token:
            return None
        api = HubApi(hub_url, token, clock=self.hub_clock)
        try:
            me = await api.me()
        except SessionExpired:
            self.credentials.delete(hub_url, user)
            return await self._ask_sign_in(self.tr("Your session expired. Sign in again."))
        except HubUnreachable:
            # Offline start: work from the cache with the user we knew.
            cached = self._cached_user(hub_url, user)
            if cached is None:
                return None
            return SignedIn(hub_url, token, cached)
        finally:
            await api.aclose()
        return SignedIn(hub_url, token, me)

    def _cached_user(self, hub_url: str, user: str) -> dict[str, Any] | None:
        import orjson

        try:
            with LocalStore.open(store_path(hub_url, user)) as store:
                raw = store.get(_USER_KEY)
        except StoreError:
            return None
        return orjson.loads(raw) if raw else None

    async def _ask_sign_in(self, reason: str | None = None) -> SignedIn | None:
        dialog = SigninDialog(
            None,
            hub_url=str(self.settings.get(s.HUB_URL) or ""),
            username=str(self.settings.get(s.LAST_USER) or ""),
            reason=reason,
            hub_locked=self.settings.is_locked(s.HUB_URL),
        )
        while True:
            dialog.open()
            accepted = await _dialog_result(dialog)
            if not accepted:
                return None
            hub_url, user, password = dialog.credentials()
            api = HubApi(hub_url, clock=self.hub_clock)
            try:
                session: Session = await api.login(user, password)
            except HubError as exc:
                problem: str | None = self._sign_in_problem(exc)
            else:
                problem = None
            finally:
                await api.aclose()
            if problem is not None:
                # Shown once nothing is left to await, so the dialog is waited on again
                # before the user can click: no click falls between two waits.
                dialog.show_error(problem)
                continue
            self.settings.set(s.HUB_URL, hub_url)
            self.settings.set(s.LAST_USER, user)
            self.credentials.save(hub_url, user, session.token)
            return SignedIn(hub_url, session.token, session.user)

    def _sign_in_problem(self, exc: HubError) -> str:
        """What the sign-in dialog says when the hub does not let the user in."""
        if isinstance(exc, BadCredentials):
            return self.tr("Wrong user name or password.")
        if isinstance(exc, TooManyAttempts):
            return SigninDialog.tr_too_many_attempts(exc.retry_after)
        if isinstance(exc, AccountLocked):
            return SigninDialog.tr_locked()
        if isinstance(exc, CertificateError):
            return self.tr(
                "The hub's certificate could not be verified. Check the address, or ask "
                "IT to install the company's certificate."
            )
        if isinstance(exc, HubUnreachable):
            return self.tr("The hub cannot be reached. Check the address and your network.")
        return self.tr("The hub refused: %1").replace("%1", exc.message)

    async def _open(self, signed: SignedIn) -> None:
        import orjson

        previous = self.session
        self.session = signed
        self.api = HubApi(signed.hub_url, signed.token, clock=self.hub_clock)
        path = store_path(signed.hub_url, str(signed.user["name"]))
        if self.store is not None and self._store_path != path:
            self.store.close()
            self.store = None
        if self.store is None:
            self.store = LocalStore.open(path)
            self.store.use_clock(self.hub_clock.now)
            self._store_path = path
        self.store.set(_USER_KEY, orjson.dumps(signed.user).decode())
        window = self.window or MainWindow(self.settings)
        self.window = window
        if previous is not None and _identity(previous) != _identity(signed):
            _forget_shown_data(window)
        self._wire(window)
        if self.media is None:
            downloads = self._downloads_dir or default_downloads_dir()
            self.media = MediaController(self.api, downloads, window)
        self.media.set_api(self.api)
        window.set_user(signed.user)
        window.set_agent_status(str(signed.user.get("status") or "available"))
        cached = await asyncio.to_thread(
            self.store.list_conversations,
            "all",
            str(signed.user["id"]),
            list(signed.user.get("queues") or []),
            None,
            5000,
        )
        window.inbox_model.upsert(cached)
        window.set_outbox_count(self.store.outbox_count())
        cached_policy, _etag = self.store.policy()
        if cached_policy is not None:
            self._apply_policy(cached_policy)  # offline, the last known rules still hold
        if managed_problems := self.settings.take_managed_problems():
            window.show_problem("managed_settings", "\n".join(managed_problems))
        if not self.credentials.backend_available:
            window.show_problem("keyring", self.credentials.reason)
        window.show()
        # The position is saved by _flush_events once a burst is in the store, never
        # before: a crash in between replays the burst (every write is idempotent).
        saved = self.store.get(LAST_EVENT_ID_KEY)
        self.stream = StreamConsumer(
            self.api,
            self._on_event,
            self._on_stream_state,
            last_event_id=int(saved) if saved and saved.isdigit() else None,
            on_reload=self._on_stream_reload,
        )
        self.runner = OutboxRunner(
            self.store, self.api, self._on_outbox_result, user_id=str(signed.user["id"])
        )
        self._guard(self.store.append_action, "session.started", _user_id_of(signed), None, {})
        self._session_ended = False
        self._start_syncer(signed)
        self._spawn(self.stream.run(), "stream")
        self._spawn(self.runner.run(), "outbox")
        self._spawn(self._first_sync(), "first-sync")

    def _start_syncer(self, signed: SignedIn) -> None:
        """The action log goes to the hub in the background; every append wakes it."""
        assert self.store is not None and self.api is not None
        self.syncer = EventSyncer(self.store, self.api, _user_id_of(signed), self._on_sync_status)
        self._unlisten_actions = self.store.on_actions_appended(self.syncer.wake)
        self._spawn(self.syncer.run(), "action-log-sync")

    def _sync_now(self) -> None:
        """The agent asked to retry (status bar or problems bar): the log tries at once."""
        if self.syncer is not None:
            self.syncer.sync_now()

    def _record_session_end(self, reason: str) -> None:
        """``session.ended`` in the log, once per session; it reaches the hub with the rest
        of the chain (at once when it can, else at this user's next sign-in here)."""
        if self.session is None or self.store is None or self._session_ended:
            return
        self._guard(
            self.store.append_action,
            "session.ended",
            _user_id_of(self.session),
            None,
            {"reason": reason},
        )
        self._session_ended = True

    def _on_sync_status(self, status: SyncStatus) -> None:
        if self.window is None or self._signing_out:
            return  # signing out: the status bar keeps saying the last actions are sent
        self.window.set_sync_status(status)
        if status.problem and status.problem != self._sync_problem_shown:
            self._sync_problem_shown = status.problem
            self.window.show_problem(
                "refused",
                self.tr("Your action log cannot be synced with the hub: %1").replace(
                    "%1", status.problem
                ),
            )
        if status.session_expired:
            self._spawn(self._session_expired(), "re-sign-in")

    # -- hub → store → window ---------------------------------------------------------

    async def _first_sync(self) -> None:
        assert self.api is not None and self.store is not None and self.window is not None
        try:
            await self._refresh_policy()
            self.window.set_templates(await self.api.templates())
            cursor: str | None = None
            for _ in range(_FIRST_SYNC_PAGES):
                page = await self.api.conversations(cursor=cursor, limit=_PAGE)
                await asyncio.to_thread(self.store.upsert_conversations, page.items)
                self.window.inbox_model.upsert(page.items)
                cursor = page.next
                if cursor is None:
                    break
        except HubError as exc:
            self._problem(exc)

    async def _refresh_policy(self) -> None:
        """The hub's guidelines bundle, fetched only when it changed (ETag), cached."""
        assert self.api is not None and self.store is not None
        _cached, etag = self.store.policy()
        bundle, new_etag = await self.api.policy(etag or None)
        if bundle is not None and self._apply_policy(bundle):
            await asyncio.to_thread(self.store.set_policy, bundle, new_etag)

    def _apply_policy(self, bundle: dict[str, Any]) -> bool:
        try:
            self._guidelines = guidelines_from_json(bundle)
        except InvalidGuideline as exc:
            if self.window is not None:
                self.window.show_problem(
                    "refused",
                    self.tr("The hub's guidelines cannot be used: %1").replace("%1", str(exc)),
                )
            return False
        if self.window is not None:
            self.window.composer.set_guidelines(self._guidelines)
            self._show_checklist(self.window.customer_panel.conversation_id)
        return True

    def _show_checklist(self, conversation_id: str | None) -> None:
        """The checklist of the shown conversation's queue, as this agent left it."""
        store, window = self.store, self.window
        if store is None or window is None or not conversation_id:
            return
        conversation = store.conversation(conversation_id)
        if conversation is None:
            return
        items = self._guidelines.checklist_for(str(conversation.get("queue") or ""))
        window.customer_panel.checklist.show_checklist(
            conversation_id, items, store.checklist(conversation_id)
        )

    def _tick(self, conversation_id: str, item_id: str, ticked: bool) -> None:
        if self.store is not None and self.session is not None:
            self._guard(
                self.store.tick_checklist_item, conversation_id, self._user_id(), item_id, ticked
            )

    def _log_guideline(self, kind: str, conversation_id: str, data: dict[str, Any]) -> None:
        if self.store is not None and self.session is not None:
            self._guard(self.store.append_action, kind, self._user_id(), conversation_id, data)

    def _close(self, conversation_id: str, disposition: str, note: str) -> None:
        """The close carries the checklist as the agent left it; the hub refuses it when a
        required item is unticked (the refusal comes back through the outbox)."""
        payload: dict[str, Any] = {"disposition": disposition, "note": note or None}
        store = self.store
        conversation = store.conversation(conversation_id) if store is not None else None
        if store is not None and conversation is not None:
            items = self._guidelines.checklist_for(str(conversation.get("queue") or ""))
            ticked = store.checklist(conversation_id)
            if items or ticked:
                payload["checklist"] = {
                    **ticked,
                    **{i.id: ticked.get(i.id) is True for i in items},
                }
        self._act("close", conversation_id, payload)

    def _on_event(self, kind: str, seq: int, data: dict[str, Any]) -> None:
        """Stream events are handled in bursts by one task: the store writes a burst in a
        worker thread, then the models show it in one update, at most once a frame."""
        self._pending_events.append((kind, data))
        self._pending_seq = seq
        if self._flusher is None or self._flusher.done():
            self._flusher = self._spawn(self._flush_events(), "stream-events")

    async def _flush_events(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending_events and self.store is not None:
            started = loop.time()
            events, self._pending_events = self._pending_events, []
            seq = self._pending_seq
            await asyncio.to_thread(_store_events, self.store, events, seq)
            await self._show_events(events)
            self.streamEventsShown.emit(seq)
            # The rest of the frame is Qt's (layout, paint); what arrives meanwhile joins
            # the next burst.
            await asyncio.sleep(max(0.0, started + _FRAME_S - loop.time()))

    async def _show_events(self, events: list[tuple[str, dict[str, Any]]]) -> None:
        window = self.window
        if window is None:
            return
        created = [d for k, d in events if k == "message.created"]
        changed = list({str(d["id"]): d for k, d in events if k == "conversation.updated"}.values())
        current = window.conversation_view.current_id()
        shown = [d for d in created if d.get("conversation_id") == current]
        if shown:
            window.conversation_model.upsert(shown)
        for kind, data in events:
            if kind == "message.status":
                window.apply_status(data)
        for start in range(0, len(changed), _SLICE):
            if start:
                await asyncio.sleep(0)  # a turn for input, layout and paint
                if self.window is not window:
                    return
            window.inbox_model.upsert(changed[start : start + _SLICE])
        current = window.conversation_view.current_id()
        for conversation in changed:
            if conversation["id"] == current:
                window.conversation_view.update_conversation(conversation)
        # One notification per conversation and burst: its latest message.
        latest = {str(d.get("conversation_id")): d for d in created if d.get("direction") == "in"}
        for conversation_id, data in latest.items():
            conversation = window.inbox_model.conversation(conversation_id)
            if conversation is not None:
                window.notify_message(conversation, data)
        for kind, data in events:
            if kind in ("note.added", "contact.tags_changed"):
                self._on_note_or_tags_event(kind, data)
            elif kind == "alert":
                window.show_problem("alert", str(data.get("message") or ""))

    def _on_stream_state(self, connected: bool, reason: str | None) -> None:
        if self.window is None:
            return
        self.window.set_connection(connected, None if connected else reason)
        if not connected and reason and reason.startswith("session_expired"):
            self._spawn(self._session_expired(), "re-sign-in")

    def _on_stream_reload(self) -> None:
        """The hub could not resume the stream where this app left it (the events in
        between are gone): the lists are loaded again from the hub."""
        if self.api is not None and self.store is not None and self.window is not None:
            self._spawn(self._first_sync(), "reload")

    async def _session_expired(self) -> None:
        """The hub no longer accepts the token (expired, revoked, signed out elsewhere):
        ask to sign in again. The window, the cache and the outbox stay; what the agent
        queued meanwhile goes out once they are back."""
        if self._signing_in:
            return  # the stream and the outbox both noticed; one dialog is enough
        self._signing_in = True
        try:
            self._record_session_end("expired")
            if self.session is not None:
                self.credentials.delete(self.session.hub_url, str(self.session.user["name"]))
            await self._end_session()
            self._preset = None
            if self.window is not None:
                self.window.show_problem("session_expired")
            signed = await self._ask_sign_in(SigninDialog.tr_expired())
            if signed is None:
                self._finish()
                return
            await self._open(signed)
        finally:
            self._signing_in = False

    def _on_outbox_result(self, result: OutboxResult) -> None:
        window, store = self.window, self.store
        if window is None or store is None:
            return
        window.set_outbox_count(store.outbox_count())
        if result.kind in _NOTE_TAG_KINDS:
            self._on_note_or_tag_result(result)
            return
        if result.code == "session_expired":
            self._spawn(self._session_expired(), "re-sign-in")
            return
        response = result.response or {}
        if result.ok:
            if result.kind == "send" and "conversation_id" in response:
                window.conversation_model.upsert([response])
            elif "contact" in response:
                window.inbox_model.upsert([response])
                window.conversation_view.update_conversation(response)
            return
        window.show_problem("refused", result.message or result.code or "")
        if result.kind == "send" and result.conversation_id:
            self._reload_messages(result.conversation_id)

    def _reload_messages(self, conversation_id: str) -> None:
        assert self.store is not None and self.window is not None
        if self.window.conversation_view.current_id() == conversation_id:
            page = self.store.messages_page(conversation_id, None, 50)
            self.window.conversation_model.upsert(page.items)

    # -- window → store → outbox --------------------------------------------------------

    def _wire(self, w: MainWindow) -> None:
        if getattr(self, "_wired", False):
            return
        self._wired = True
        w.conversationSelected.connect(self._open_conversation)
        w.historySelected.connect(self._open_conversation)
        w.claimRequested.connect(lambda cid: self._act("claim", cid, {}))
        w.releaseRequested.connect(lambda cid: self._act("release", cid, {}))
        w.reopenRequested.connect(lambda cid: self._act("reopen", cid, {}))
        w.transferRequested.connect(
            lambda cid, user, queue, note: self._act(
                "transfer", cid, {"to_user": user, "to_queue": queue, "note": note or None}
            )
        )
        w.closeRequested.connect(self._close)
        w.sendTextRequested.connect(self._send_text)
        w.composer.sendTextOverriding.connect(self._send_text_overriding)
        w.composer.guidelineEvent.connect(self._log_guideline)
        w.customer_panel.checklist.itemToggled.connect(self._tick)
        w.sendTemplateRequested.connect(self._send_template)
        w.olderMessagesRequested.connect(self._older)
        w.searchChanged.connect(self._search)
        w.statusChangeRequested.connect(lambda st: self._act("status", None, {"status": st}))
        w.signOutRequested.connect(lambda: self._spawn(self._sign_out(), "sign-out"))
        w.signInRequested.connect(lambda: self._spawn(self._session_expired(), "sign-in"))
        w.reconnectRequested.connect(self._wake)
        w.reconnectRequested.connect(self._sync_now)
        w.sync_status.syncNowRequested.connect(self._sync_now)
        w.destroyed.connect(self._finish)
        self._wire_notes_and_tags(w)

    def _user_id(self) -> str:
        assert self.session is not None
        return str(self.session.user["id"])

    def _guard(self, fn: Any, *args: Any) -> Any:
        """Run a store call; a full disk or a broken store becomes a message, not a crash."""
        try:
            return fn(*args)
        except DiskFull:
            if self.window is not None:
                self.window.show_problem("disk_full")
        except StoreError as exc:
            if self.window is not None:
                self.window.show_problem("refused", str(exc))
        return None

    def _act(self, kind: str, conversation_id: str | None, payload: dict[str, Any]) -> None:
        if self.store is None:
            return
        entry = self._guard(
            self.store.queue_action, kind, self._user_id(), conversation_id, payload
        )
        if entry is not None:
            self._wake()

    def _send_text(self, conversation_id: str, text: str) -> None:
        self._send(conversation_id, text=text)

    def _send_text_overriding(self, conversation_id: str, text: str, rules: list[str]) -> None:
        """Sent over guideline warnings: the overrides are logged with the send."""
        self._send(conversation_id, text=text, overridden=list(rules))

    def _send_template(
        self, conversation_id: str, name: str, language: str, params: dict[str, Any]
    ) -> None:
        template = {
            "name": name,
            "language": language,
            "body_params": list(params.get("body_params") or []),
        }
        self._send(conversation_id, template=template)

    def _send(self, conversation_id: str, **content: Any) -> None:
        if self.store is None or self.window is None:
            return
        queued = self._guard(
            lambda: (
                self.store.queue_send(conversation_id, self._user_id(), **content)
                if self.store
                else None
            )
        )
        if queued is None:
            if isinstance(content.get("text"), str):  # nothing recorded: the text stays
                self.window.composer.restore_draft(conversation_id, content["text"])
            return
        _entry, pending = queued
        self.window.conversation_model.append([pending])
        self._wake()

    def _wake(self) -> None:
        if self.runner is not None:
            self.runner.wake()
        if self.window is not None and self.store is not None:
            self.window.set_outbox_count(self.store.outbox_count())

    def _open_conversation(self, conversation_id: str) -> None:
        self._spawn(self._load_conversation(conversation_id), "open-conversation")

    async def _load_conversation(self, conversation_id: str) -> None:
        """Show the cached conversation at once, then bring it up to date from the hub."""
        store, window, api = self.store, self.window, self.api
        if store is None or window is None or api is None:
            return
        conversation = store.conversation(conversation_id)
        if conversation is None:
            try:
                conversation = await api.conversation(conversation_id)
            except HubError as exc:
                self._problem(exc)
                return
            store.upsert_conversations([conversation])
        page = await asyncio.to_thread(store.messages_page, conversation_id, None, _MESSAGES)
        window.conversation_view.show_conversation(conversation, page.items, page.before)
        wa_id = str(conversation["contact"]["wa_id"])
        await self._show_customer(conversation, wa_id)
        try:
            fresh = await api.messages(conversation_id, limit=_MESSAGES)
            earlier = await api.conversations(wa_id=wa_id, limit=50)
        except HubError as exc:
            self._problem(exc, quiet_when_offline=True)
            return
        await asyncio.to_thread(store.upsert_messages, fresh.items)
        store.upsert_conversations(earlier.items)
        await self._fetch_notes_and_tags(conversation_id, wa_id)
        if window.conversation_view.current_id() != conversation_id:
            return
        # While the hub answered, the conversation may have changed on screen (a claim's
        # answer, the stream): the snapshot read at the start is stale by now.
        conversation = window.conversation_view.current_conversation() or conversation
        if len(page.items) < len(fresh.items) or (fresh.next and not page.before):
            # The cache knew less than the hub: show the hub's page (and its cursor).
            window.conversation_view.show_conversation(conversation, fresh.items, fresh.next)
        else:
            window.conversation_model.upsert(fresh.items)
        await self._show_customer(conversation, wa_id)
        if conversation.get("unread") and conversation.get("assignee") == self._user_id():
            self._act("read", conversation_id, {})

    async def _show_customer(self, conversation: dict[str, Any], wa_id: str) -> None:
        assert self.store is not None and self.window is not None
        store = self.store
        conversation_id = str(conversation["id"])
        # Earlier conversations: the one on screen is not part of its own history.
        history = [
            c
            for c in await asyncio.to_thread(store.contact_history, wa_id)
            if c.get("id") != conversation_id
        ]
        notes = await asyncio.to_thread(store.notes, conversation_id)
        tags = await asyncio.to_thread(store.contact_tags, wa_id)
        self.window.customer_panel.show_customer(
            conversation["contact"], history, notes, tags, conversation_id
        )
        self._show_checklist(conversation_id)

    def _older(self, conversation_id: str, before: str) -> None:
        self._spawn(self._load_older(conversation_id, before), "older-messages")

    async def _load_older(self, conversation_id: str, before: str) -> None:
        """The hub is authoritative for history; the cache answers while offline (cursors
        are the same on both sides)."""
        store, window, api = self.store, self.window, self.api
        if store is None or window is None or api is None:
            return
        try:
            remote = await api.messages(conversation_id, cursor=before, limit=_MESSAGES)
        except HubUnreachable:
            page = await asyncio.to_thread(store.messages_page, conversation_id, before, _MESSAGES)
            window.conversation_model.prepend_page(page.items, page.before)
            return
        except HubError as exc:
            self._problem(exc)
            return
        await asyncio.to_thread(store.upsert_messages, remote.items)
        window.conversation_model.prepend_page(remote.items, remote.next)

    def _search(self, text: str) -> None:
        if self._search_task is not None:
            self._search_task.cancel()  # a newer search replaces the one in flight
        self._search_task = self._spawn(self._run_search(text), "search")

    async def _run_search(self, text: str) -> None:
        store, window = self.store, self.window
        if store is None or window is None:
            return
        ids = frozenset(await asyncio.to_thread(store.search, text, 500)) if text else frozenset()
        window.inbox_view.filter.set_search(text, ids)
        if not text.strip() or self.api is None:
            return
        # The cache holds the text only of conversations opened here: the hub searches
        # every message the agent may see, and what it finds joins the results.
        try:
            page = await self.api.conversations(q=text.strip(), limit=_PAGE)
        except HubError:
            return  # offline: the cache's answer stands
        if page.items:
            await asyncio.to_thread(store.upsert_conversations, page.items)
            window.inbox_model.upsert(page.items)
            window.inbox_view.filter.set_search(text, ids | {str(c["id"]) for c in page.items})

    async def _sign_out(self) -> None:
        if self._signing_out:
            return  # already on its way out
        self._signing_out = True
        try:
            self._record_session_end("signed_out")
            await self._send_last_actions()
        finally:
            self._signing_out = False
        if self.session is not None:
            self.credentials.delete(self.session.hub_url, str(self.session.user["name"]))
            if self.api is not None:
                with contextlib.suppress(HubError):
                    await self.api.logout()
        await self._end_session()
        if self.window is not None:
            self.window.hide()
        self._preset = None
        self._signing_in = True
        try:
            signed = await self._ask_sign_in()
        finally:
            self._signing_in = False
        if signed is None:
            self._finish()
            return
        await self._open(signed)

    async def _send_last_actions(self) -> None:
        """A short, bounded chance for the agent's backlog (its ``session.ended`` last) to
        reach the hub while the token is still good; the hub away never holds sign-out up."""
        syncer = self.syncer
        if syncer is None or syncer.stopped_reason is not None:
            return
        if self.window is not None:
            self.window.sync_status.show_final_sync()
        if not await syncer.flush(within=_SIGN_OUT_SYNC_S):
            log.info("signing out with actions not yet synced: they go at the next sign-in")

    # -- notes and tags: panel → store → outbox, hub → store → panel ------------------

    def _wire_notes_and_tags(self, w: MainWindow) -> None:
        w.noteAdded.connect(self._add_note)
        w.tagAdded.connect(lambda cid, tag: self._change_tag(cid, tag, True))
        w.tagRemoved.connect(lambda cid, tag: self._change_tag(cid, tag, False))

    def _add_note(self, conversation_id: str, text: str) -> None:
        store, session = self.store, self.session
        if store is None or session is None:
            return
        name = str(session.user.get("name") or "")
        queued = self._guard(store.queue_note, conversation_id, self._user_id(), name, text)
        if queued is None:
            return
        self._show_notes(conversation_id)
        self._wake()

    def _change_tag(self, conversation_id: str, typed: str, add: bool) -> None:
        store, window = self.store, self.window
        if store is None or window is None:
            return
        conversation = store.conversation(conversation_id)
        if conversation is None:
            return
        try:
            tag = normalize_tag(typed)
        except InvalidTag:
            window.show_problem(
                "refused",
                self.tr(
                    "“%1” cannot be a tag: use letters, digits, “-” and “.”, at most %2 characters."
                )
                .replace("%1", typed)
                .replace("%2", str(MAX_TAG_LENGTH)),
            )
            return
        wa_id = str(conversation["contact"]["wa_id"])
        if self._guard(store.queue_tag, add, self._user_id(), conversation_id, wa_id, tag):
            self._show_tags(wa_id)
            self._wake()

    async def _fetch_notes_and_tags(self, conversation_id: str, wa_id: str) -> None:
        """Bring the cached notes and tags of an opened conversation up to date."""
        store, api = self.store, self.api
        if store is None or api is None:
            return
        try:
            notes = await api.notes(conversation_id)
            tags = await api.contact_tags(wa_id)
        except HubError as exc:
            self._problem(exc, quiet_when_offline=True)
            return
        if self.store is not store:
            return  # signed out meanwhile
        await asyncio.to_thread(store.upsert_notes, notes)
        if not self._tag_changes_waiting(wa_id):
            # A change still in the outbox is newer than the hub's answer: keep it shown.
            await asyncio.to_thread(store.set_contact_tags, wa_id, tags)

    def _tag_changes_waiting(self, wa_id: str) -> bool:
        assert self.store is not None
        return any(
            e.kind in ("tag_add", "tag_remove") and e.payload.get("wa_id") == wa_id
            for e in self.store.outbox_waiting()
        )

    def _on_note_or_tags_event(self, kind: str, data: dict[str, Any]) -> None:
        store = self.store
        if store is None:
            return
        if kind == "note.added":
            store.upsert_notes([data])
            self._show_notes(str(data.get("conversation_id")))
        elif not self._tag_changes_waiting(str(data.get("wa_id"))):
            store.set_contact_tags(str(data["wa_id"]), list(data.get("tags") or []))
            self._show_tags(str(data["wa_id"]))

    def _on_note_or_tag_result(self, result: OutboxResult) -> None:
        store, window = self.store, self.window
        if store is None or window is None:
            return
        response = result.response or {}
        entry = store.outbox_get(result.entry_id)
        if result.kind == "note":
            if result.ok and "id" in response:
                store.upsert_notes([response])
            elif not result.ok and entry is not None:
                store.drop_pending_note(entry.idempotency_key)
            if result.conversation_id:
                self._show_notes(result.conversation_id)
        else:
            wa_id = str(response.get("wa_id") or (entry.payload.get("wa_id") if entry else ""))
            if result.ok and "tags" in response and not self._tag_changes_waiting(wa_id):
                store.set_contact_tags(wa_id, list(response["tags"]))
            elif not result.ok:
                self._spawn(self._refetch_tags(wa_id), "tags")
            self._show_tags(wa_id)
        if not result.ok:
            if result.code == "session_expired":
                self._spawn(self._session_expired(), "re-sign-in")
            else:
                window.show_problem("refused", result.message or result.code or "")

    async def _refetch_tags(self, wa_id: str) -> None:
        store, api = self.store, self.api
        if store is None or api is None:
            return
        with contextlib.suppress(HubError):
            tags = await api.contact_tags(wa_id)
            store.set_contact_tags(wa_id, tags)
            self._show_tags(wa_id)

    def _shown_conversation(self) -> dict[str, Any] | None:
        if self.window is None or self.store is None:
            return None
        cid = self.window.customer_panel.conversation_id
        return self.store.conversation(cid) if cid else None

    def _show_notes(self, conversation_id: str) -> None:
        shown = self._shown_conversation()
        if shown is not None and shown["id"] == conversation_id:
            assert self.store is not None and self.window is not None
            self.window.customer_panel.set_notes(self.store.notes(conversation_id))

    def _show_tags(self, wa_id: str) -> None:
        shown = self._shown_conversation()
        if shown is not None and shown["contact"]["wa_id"] == wa_id:
            assert self.store is not None and self.window is not None
            self.window.customer_panel.set_tags(self.store.contact_tags(wa_id))

    def _problem(self, exc: HubError, *, quiet_when_offline: bool = False) -> None:
        if self.window is None:
            return
        if isinstance(exc, HubUnreachable):
            if not quiet_when_offline:
                self.window.show_problem("hub_unreachable", exc.message)
        elif isinstance(exc, CertificateError):
            self.window.show_problem("certificate", exc.message)
        elif isinstance(exc, SessionExpired):
            self.window.show_problem("session_expired", exc.message)
        elif isinstance(exc, Refused):
            self.window.show_problem("refused", exc.message)
        else:
            self.window.show_problem("refused", exc.message)

    def _finish(self, *_: object) -> None:
        if not self.quit.done():
            self.quit.set_result(None)


def _user_id_of(signed: SignedIn) -> str:
    return str(signed.user["id"])


def _identity(signed: SignedIn) -> tuple[str, str]:
    return signed.hub_url, str(signed.user.get("id"))


def _forget_shown_data(window: MainWindow) -> None:
    """Another user (or hub) signed in on this window: show nothing of the previous one."""
    window.inbox_model.remove(window.inbox_model.ids())
    window.conversation_view.clear()
    window.customer_panel.clear()


def _store_events(store: LocalStore, events: list[tuple[str, dict[str, Any]]], seq: int) -> None:
    """Cache a burst of stream events (runs in a worker thread; the store locks itself),
    in chunks of short transactions, then remember ``seq`` (the burst's last event) as
    where the stream resumes."""
    for start in range(0, len(events), _STORE_CHUNK):
        chunk = events[start : start + _STORE_CHUNK]
        created = [d for k, d in chunk if k == "message.created"]
        if created:
            store.upsert_messages(created)
        statuses = [d for k, d in chunk if k == "message.status"]
        if statuses:
            store.apply_statuses(statuses)
        changed = {str(d["id"]): d for k, d in chunk if k == "conversation.updated"}
        if changed:
            store.upsert_conversations(list(changed.values()))
    store.set(LAST_EVENT_ID_KEY, str(seq))


async def _dialog_result(dialog: SigninDialog) -> bool:
    """Wait for a window-modal dialog without blocking the event loop."""
    future: asyncio.Future[bool] = asyncio.get_event_loop().create_future()

    def finished(result: int) -> None:
        if not future.done():
            future.set_result(result == SigninDialog.DialogCode.Accepted.value)

    dialog.finished.connect(finished)
    try:
        return await future
    finally:
        dialog.finished.disconnect(finished)
