"""The desktop app: signs the user in, builds a ``Session`` and the feature controllers
around the main window, and tears them down at sign-out or when the session expires.

Each feature's controller receives the Session and its own pane, and subscribes to the
stream router and the outbox results for the kinds it handles; this class only joins
what crosses features (a conversation opened in the inbox shows in the conversation
pane, then its customer beside it) and what the shell shows for the whole session
(problems, connection, outbox and sync status, notifications).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from wa_desk.client.credentials import CredentialStore
from wa_desk.client.errors import HubError
from wa_desk.client.event_syncer import SyncStatus
from wa_desk.client.hub_clock import HubClock
from wa_desk.core.agents import AGENT_STATUSES
from wa_desk.core.audit_kinds import AuditKind
from wa_desk.core.background import BackgroundTasks
from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.store import Waiting
from wa_desk.store.local_store import LocalStore
from wa_desk.store.paths import store_path
from wa_desk.ui.app.alerts import describe_alert, worth_showing
from wa_desk.ui.app.long_lived import freeze_long_lived
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.session import Session, SignedIn
from wa_desk.ui.app.signin import SignIn, remember_user
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.common.i18n import Translations
from wa_desk.ui.conversation.controller import ConversationController
from wa_desk.ui.customer.controller import CustomerController
from wa_desk.ui.inbox.controller import InboxController
from wa_desk.ui.media.controller import MediaController, default_downloads_dir
from wa_desk.ui.settings import settings as s
from wa_desk.ui.shell.main_window import MainWindow, WindowPage
from wa_desk.ui.shell.signin_dialog import SigninDialog
from wa_desk.ui.supervisor.controller import SupervisorController
from wa_desk.ui.supervisor.leads import is_lead
from wa_desk.ui.supervisor.my_day_controller import MyDayController
from wa_desk.ui.supervisor.my_day_dialog import MyDayDialog

__all__ = ["DesktopApp", "Features", "SignedIn"]

log = logging.getLogger(__name__)

# At sign-out the agent's last actions get this long to reach the hub before the token
# goes; what does not make it is sent at their next sign-in here.
SIGN_OUT_SYNC_S = 3.0
# The status the agent last chose, in their store (one per user and hub): the hub sets
# them offline when they sign out, and their next sign-in here sets it back.
CHOSEN_STATUS_KEY = "agent.chosen_status"


@dataclass(frozen=True)
class Features:
    """The controllers of one session, one per pane."""

    inbox: InboxController
    conversation: ConversationController
    customer: CustomerController
    supervisor: SupervisorController | None = None  # a lead's only

    async def aclose(self) -> None:
        self.inbox.close()
        await self.conversation.aclose()
        self.customer.close()
        if self.supervisor is not None:
            self.supervisor.close()


class DesktopApp(QObject):
    """``start`` signs in and opens the window; ``stop`` ends every task."""

    streamEventsShown = Signal(int)  # the seq of the last stream event the window shows

    def __init__(
        self,
        qapp: QApplication,
        settings: s.Settings,
        credentials: CredentialStore,
        *,
        preset: SignedIn | None = None,
        downloads_dir: Path | None = None,
        translations: Translations | None = None,
        clock: Callable[[], Millis] = now_ms,
        first_page: WindowPage | None = None,
        data_dir: Path | None = None,
    ) -> None:
        """``first_page``: the page the window opens on at the first sign-in, whatever
        was shown last (the demo opens a supervisor's on the wallboard); ``data_dir``:
        where the local stores are, when not the user's data folder (the smoke test
        leaves nothing behind there)."""
        super().__init__()
        self.qapp = qapp
        self._first_page = first_page
        self._clock = clock  # what the window measures waits and windows with
        self.settings = settings
        self.credentials = credentials
        self.hub_clock = HubClock()  # learnt from every answer, the sign-in's included
        self.sign_in = SignIn(settings, credentials, self.hub_clock)
        self.translations = translations or Translations()
        self._downloads_dir = downloads_dir or default_downloads_dir()
        self.window = MainWindow(settings, clock=clock)
        self.media = self._media_for(self.window)
        # The shell's last word on the connection and the sync, for a rebuilt window.
        self._connection: tuple[bool, float | None] = (True, None)
        self._sync_status: SyncStatus | None = None
        self.session: Session | None = None
        self.features: Features | None = None
        self._store: LocalStore | None = None  # kept across sign-ins of the same user
        self._store_path: Path | None = None
        self._data_dir = data_dir
        self._last_identity: tuple[str, str] | None = None
        self._preset = preset
        self._signing_in = False
        self._signing_out = False
        self._session_ended = False  # session.ended is in the log for the current session
        self._sync_problem_shown: str | None = None
        # "My day" while it is open: the user's own figures, for this session only.
        self.my_day: tuple[MyDayDialog, MyDayController] | None = None
        # Flows that end a session and open the next one run outside both sessions.
        self._flows = BackgroundTasks()
        self.quit = asyncio.get_event_loop().create_future()
        self._wire_window()

    def _media_for(self, window: MainWindow) -> MediaController:
        return MediaController(
            None,
            self._downloads_dir,
            window.conversation_view,
            report=window.show_problem,
            dialog_parent=window,
        )

    @property
    def store(self) -> LocalStore | None:
        return self._store

    # -- life cycle -----------------------------------------------------------------------

    async def start(self) -> bool:
        """Sign in (silently when a token is kept), open the store, show the window."""
        signed = self._preset or await self.sign_in.silently() or await self.sign_in.ask()
        if signed is None:
            return False
        await self._open(signed)
        return True

    async def stop(self) -> None:
        await self._flows.cancel_all()
        await self._retire()
        await self.media.aclose()
        if self._store is not None:
            await asyncio.to_thread(self._store.close)
            self._store = None

    async def _open(self, signed: SignedIn) -> None:
        await self._retire()  # the controllers of the session this one follows
        window = self.window
        store = await asyncio.to_thread(self._open_store, signed)
        if self._last_identity is not None and self._last_identity != signed.identity():
            self._forget_shown_data()
        self._last_identity = signed.identity()
        await asyncio.to_thread(remember_user, store, signed)
        session = await Session.open(signed, store, self.hub_clock)
        self.session = session
        self._wire_session(session)
        features = self._build_features(session)
        self.features = features
        self.media.set_api(session.api)
        window.set_user(signed.user)
        window.show_work()
        if self._first_page is not None:
            window.show_page(self._first_page)
            self._first_page = None
        await session.use_cached_guidelines()
        await features.inbox.show_cached()
        window.set_waiting(await asyncio.to_thread(store.waiting, signed.user_id))
        if managed_problems := self.settings.take_managed_problems():
            window.show_problem(ProblemKind.MANAGED_SETTINGS, "\n".join(managed_problems))
        if not self.credentials.backend_available:
            window.show_problem(ProblemKind.KEYRING, self.credentials.reason)
        window.show()
        await session.actions.record_async(AuditKind.SESSION_STARTED, None, {})
        self._session_ended = False
        await self._restore_status(session)
        session.start()
        freeze_long_lived("the window opened")
        session.spawn(self._first_load(session, features), "first-load")

    async def _restore_status(self, session: Session) -> None:
        """The status the agent chose before signing out (or closing the app) here, set on
        the hub again through the action path (so it is logged) when the hub says other."""
        chosen = await asyncio.to_thread(session.store.get, CHOSEN_STATUS_KEY)
        if chosen not in AGENT_STATUSES or chosen == session.user.get("status"):
            return
        self.window.set_agent_status(str(chosen))
        await session.actions.act_async(OutboxKind.STATUS, None, {"status": chosen})

    def _open_store(self, signed: SignedIn) -> LocalStore:
        path = store_path(signed.hub_url, str(signed.user["name"]), self._data_dir)
        if self._store is not None and self._store_path != path:
            self._store.close()
            self._store = None
        if self._store is None:
            self._store = LocalStore.open(path)
            self._store.use_clock(self.hub_clock.now)
            self._store_path = path
        return self._store

    @staticmethod
    async def _first_load(session: Session, features: Features) -> None:
        if features.supervisor is not None:
            features.supervisor.load()  # beside the rest: a lead's board comes first
        await session.refresh_guidelines()
        await features.conversation.load_templates()
        await features.conversation.load_agents()
        await features.inbox.load()
        freeze_long_lived("the first load")

    async def _end_session(self) -> None:
        """Stop talking to the hub. The store, the window and the session's controllers
        stay: the agent keeps working from the cache until they sign in again (what they
        do waits in the outbox), and that sign-in picks up the same outbox and cache."""
        self._close_my_day()  # the figures of someone no longer signed in here
        if self.features is not None:
            await self.features.conversation.drafts.save()  # kept should the app end here
        if self.session is not None:
            await self.session.close()
        await self.media.aclose()

    async def _retire(self) -> None:
        """The ended session's controllers let go of the panes."""
        self._close_my_day()  # one person's figures are never left for the next
        session, features = self.session, self.features
        self.session = self.features = None
        if features is not None:
            await features.aclose()
        if session is not None:
            await session.close()

    def _forget_shown_data(self) -> None:
        """Another user (or hub) signed in on this window: show nothing of the previous one."""
        window = self.window
        window.inbox_view.model.remove(window.inbox_view.model.ids())
        window.conversation_view.clear()
        window.customer_panel.clear()
        window.supervisor_page.clear()
        window.tray.set_open_alerts(0)

    # -- wiring ---------------------------------------------------------------------------

    def _wire_window(self) -> None:
        """The shell's own requests, for whichever session is open (made once)."""
        w = self.window
        w.inbox_view.conversationSelected.connect(self._open_conversation)
        w.statusChangeRequested.connect(self._change_status)
        w.signOutRequested.connect(self._request_sign_out)
        w.signInRequested.connect(self._request_sign_in)
        w.reconnectRequested.connect(self._reconnect)
        w.syncNowRequested.connect(self._sync_now)
        w.languageChosen.connect(self._language_chosen)
        w.myDayRequested.connect(self.show_my_day)
        w.supervisor_page.alerts.openConversation.connect(self._open_alerted_conversation)
        w.conversation_view.assignClicked.connect(self._assign_conversation)
        w.destroyed.connect(self._finish)

    def _wire_session(self, session: Session) -> None:
        """The session's news for whichever window shows it (it may be built again)."""
        session.problem.connect(lambda kind, message: self.window.show_problem(kind, message))
        session.expired.connect(lambda: self._flows.spawn(self._session_expired(), "re-sign-in"))
        session.connectionChanged.connect(self._on_connection)
        session.waitingChanged.connect(self._on_waiting)
        session.syncStatusChanged.connect(self._on_sync_status)
        session.router.shown.connect(self.streamEventsShown)

    def _on_connection(self, connected: bool, retry_in: float) -> None:
        self._connection = (connected, retry_in if retry_in >= 0 else None)
        self.window.set_connection(*self._connection)

    def _build_features(self, session: Session) -> Features:
        w = self.window
        features = Features(
            inbox=InboxController(session, w.inbox_view),
            conversation=ConversationController(session, w.conversation_view),
            customer=CustomerController(session, w.customer_panel),
            supervisor=(
                SupervisorController(session, w.supervisor_page) if is_lead(session.user) else None
            ),
        )
        features.conversation.conversationShown.connect(features.customer.show_for)
        features.customer.conversationRequested.connect(self._open_conversation)
        # After the inbox has the burst's conversations: a notification names them.
        session.router.subscribe([StreamEventKind.MESSAGE_CREATED], self._notify)
        session.router.subscribe(
            [StreamEventKind.ALERT, StreamEventKind.ALERT_RAISED, StreamEventKind.ALERT_UPDATED],
            self._show_alerts,
        )
        session.router.subscribe([StreamEventKind.AGENT_STATUS], self._show_own_status)
        if features.supervisor is not None:  # a lead's open alerts on the tray, too
            alerts = features.supervisor.alerts
            alerts.countChanged.connect(w.tray.set_open_alerts)
            alerts.criticalAlert.connect(w.tray.notify_alert)
        else:
            w.tray.set_open_alerts(0)
        return features

    # -- what the shell asks --------------------------------------------------------------

    def _open_conversation(self, conversation_id: str) -> None:
        if self.features is not None:
            self.features.conversation.open(conversation_id)

    def _assign_conversation(self, conversation_id: str) -> None:
        """A lead hands the conversation on screen to an agent of its queue."""
        features = self.features
        shown = self.window.conversation_view.current_conversation()
        if features is None or features.supervisor is None or shown is None:
            return
        if shown.get("id") == conversation_id:
            features.supervisor.assign.ask_for_conversation(shown)

    def _open_alerted_conversation(self, conversation_id: str) -> None:
        """An alert's conversation, in the inbox's panes where a lead can act on it."""
        self.window.choose_page(WindowPage.AGENT)
        self._open_conversation(conversation_id)

    def show_my_day(self) -> MyDayDialog | None:
        """View → My day: the signed-in user's own figures (raised if already open)."""
        session = self.session
        if session is None or session.closed:
            return None
        if self.my_day is None:
            dialog = MyDayDialog(self.window)
            self.my_day = (dialog, MyDayController(session, dialog))
            dialog.finished.connect(lambda _r: self._close_my_day())
        dialog = self.my_day[0]
        if dialog.isVisible():  # behind the window: brought forward
            dialog.raise_()
            dialog.activateWindow()
        else:
            dialog.show()
        return dialog

    def _close_my_day(self) -> None:
        if self.my_day is not None:
            dialog, controller = self.my_day
            self.my_day = None
            controller.close()
            dialog.hide()
            dialog.deleteLater()

    def _change_status(self, status: str) -> None:
        session = self.session
        if session is not None and session.actions.act(OutboxKind.STATUS, None, {"status": status}):
            session.actions.guard(session.store.set, CHOSEN_STATUS_KEY, status)

    def _show_own_status(self, events: list[StreamEvent]) -> None:
        """The agent's status as the hub announces it (set here, on another computer, or
        offline by the hub): the status bar follows. Not remembered as their choice."""
        session = self.session
        for _kind, agent in events:
            if session is not None and agent.get("id") == session.user_id:
                self.window.set_agent_status(str(agent.get("status") or ""))

    def _reconnect(self) -> None:
        if self.session is not None:
            self.session.wake()
            self.session.syncer.sync_now()

    def _sync_now(self) -> None:
        """The agent asked to retry (status bar or problems bar): the outbox and the log
        try at once."""
        if self.session is not None:
            self.session.wake()
            self.session.syncer.sync_now()

    def _request_sign_out(self) -> None:
        if self.session is not None:
            self._flows.spawn(self._sign_out(), "sign-out")

    def _request_sign_in(self) -> None:
        """The problems bar's "Sign in again", or the signed-out page's "Sign in"."""
        if self._signing_in:
            return  # the dialog is up already
        if self.session is not None and not self.session.closed:
            self._flows.spawn(self._session_expired(), "sign-in")
        else:
            self._flows.spawn(self._sign_in_again(None), "sign-in")

    # -- what the session tells the shell -------------------------------------------------

    def _notify(self, events: list[StreamEvent]) -> None:
        """One notification per conversation and burst: its latest message."""
        model = self.window.inbox_view.model
        latest = {
            str(d.get("conversation_id")): d for _k, d in events if d.get("direction") == "in"
        }
        for conversation_id, message in latest.items():
            conversation = model.conversation(conversation_id)
            if conversation is not None:
                self.window.notify_message(conversation, message)

    def _show_alerts(self, events: list[StreamEvent]) -> None:
        now = now_ms()
        for kind, data in events:
            if worth_showing(StreamEventKind(kind), data):
                self.window.show_alert(describe_alert(data, now))

    def _on_waiting(self, waiting: Waiting) -> None:
        if not self._signing_out:  # meanwhile the status bar says the last actions go out
            self.window.set_waiting(waiting)

    def _on_sync_status(self, status: SyncStatus) -> None:
        self._sync_status = status
        if self._signing_out:
            return  # signing out: the status bar keeps saying the last actions are sent
        self.window.set_sync_status(status)
        if status.problem and status.problem != self._sync_problem_shown:
            self._sync_problem_shown = status.problem
            self.window.show_problem(ProblemKind.SYNC, status.problem)

    # -- a new language ---------------------------------------------------------------------

    def _language_chosen(self, setting: str) -> None:
        self.translations.install(setting)
        self._flows.spawn(self._rebuild_window(), "language")

    async def _rebuild_window(self) -> None:
        """The window again, in the language now installed, around the same session."""
        self._close_my_day()  # a child of the old window, in the old language
        old = self.window
        signed_out = old.pages.currentWidget() is old.signed_out_page
        conversation_id = old.conversation_view.current_id()
        inbox_view = old.inbox_view.filter.view()
        search = old.inbox_view.search.text()
        inbox_scroll = old.inbox_view.list.verticalScrollBar().value()
        messages_scroll = old.conversation_view.list.verticalScrollBar().value()
        session, features = self.session, self.features
        if session is not None and features is not None:
            await features.conversation.drafts.save()  # the new composer finds them
            await features.aclose()
            for owner in (features.inbox, features.conversation, features.customer, self):
                session.unsubscribe_owner(owner)
        self.features = None
        await self.media.aclose()
        old.destroyed.disconnect(self._finish)

        window = self.window = MainWindow(self.settings, clock=self._clock)
        self.media = self._media_for(window)
        self._wire_window()
        window.setGeometry(old.geometry())
        if old.isMaximized():
            window.setWindowState(old.windowState())
        if session is not None and features is not None:
            self.media.set_api(session.api)
            self.features = features = self._build_features(session)
            window.set_user(session.user)
            window.show_work()
            await features.inbox.show_cached()
            if session.waiting is not None:
                window.set_waiting(session.waiting)
            window.set_connection(*self._connection)
            if self._sync_status is not None:
                window.set_sync_status(self._sync_status)
            window.inbox_view.set_view(inbox_view)
            window.inbox_view.search.setText(search)
            window.inbox_view.list.verticalScrollBar().setValue(inbox_scroll)
            if not session.closed:  # signed out, the page hides the panes anyway
                if conversation_id is not None:
                    self._reopen(features, conversation_id, messages_scroll)
                session.spawn(self._first_load(session, features), "first-load")
        if signed_out or session is None:
            window.show_signed_out()
        window.show()
        if old.tray.icon is not None:
            old.tray.icon.hide()  # one tray icon: the new window's
        old.hide()
        old.deleteLater()

    def _reopen(self, features: Features, conversation_id: str, scroll: int) -> None:
        """The conversation that was open, scrolled where the agent left it."""
        view = self.window.conversation_view

        def shown(conversation: dict[str, object]) -> None:
            if conversation.get("id") == conversation_id:
                features.conversation.conversationShown.disconnect(shown)
                view.list.verticalScrollBar().setValue(scroll)

        features.conversation.conversationShown.connect(shown)
        self.window.inbox_view.select_conversation(conversation_id)
        if view.current_id() != conversation_id:
            features.conversation.open(conversation_id)

    # -- signing out, and in again ----------------------------------------------------------

    async def _record_session_end(self, reason: str) -> None:
        """``session.ended`` in the log, once per session; it reaches the hub with the rest
        of the chain (at once when it can, else at this user's next sign-in here)."""
        if self.session is None or self._session_ended:
            return
        self._session_ended = True
        await self.session.actions.record_async(AuditKind.SESSION_ENDED, None, {"reason": reason})

    async def _sign_out(self) -> None:
        if self._signing_out or self.session is None or self.session.closed:
            return  # already on its way out
        session = self.session
        self._signing_out = True
        # From here to the next sign-in the status bar says the last actions go out.
        session.waitingChanged.disconnect(self._on_waiting)
        try:
            await self._record_session_end("signed_out")
            await self._send_last_actions(session)
        finally:
            self._signing_out = False
        self.sign_in.forget(session.signed)
        with contextlib.suppress(HubError):
            await session.api.logout()
        await self._end_session()
        self.window.hide()
        await self._sign_in_again(None)

    async def _send_last_actions(self, session: Session) -> None:
        """A short, bounded chance for the agent's backlog (its ``session.ended`` last) to
        reach the hub while the token is still good; the hub away never holds sign-out up."""
        if session.syncer.session_expired:
            return
        self.window.show_final_sync()
        if not await session.syncer.flush(within=SIGN_OUT_SYNC_S):
            log.info("signing out with actions not yet synced: they go at the next sign-in")

    async def _session_expired(self) -> None:
        """The hub no longer accepts the token (expired, revoked, signed out elsewhere):
        ask to sign in again. The window, the cache and the outbox stay; what the agent
        queued meanwhile goes out once they are back."""
        if self._signing_in or self.session is None or self.session.closed:
            return  # the stream and the outbox both noticed; one dialog is enough
        session = self.session
        await self._record_session_end("expired")
        self.sign_in.forget(session.signed)
        await self._end_session()
        self.window.show_problem(ProblemKind.SESSION_EXPIRED)
        await self._sign_in_again(SigninDialog.tr_expired())

    async def _sign_in_again(self, reason: str | None) -> None:
        self._preset = None
        self._signing_in = True
        try:
            signed = await self.sign_in.ask(reason)
        finally:
            self._signing_in = False
        if signed is None:
            # Not a reason to close the app: the window waits, signed out.
            self.window.show_signed_out()
            self.window.show()
            return
        await self._open(signed)

    def _finish(self, *_: object) -> None:
        if not self.quit.done():
            self.quit.set_result(None)
