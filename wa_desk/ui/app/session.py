"""Everything a signed-in user has, built at sign-in and closed at sign-out.

A ``Session`` holds the local store, the hub client (and its supervisor API), the live
stream (and its router), the outbox runner, the action-log syncer, the hub's guidelines
and the action path, none of them optional: a feature controller that receives a Session
can use all of it. What the features tell the rest of the app (a problem to show, the
session expiring, the connection coming and going) leaves through its signals; the app
wires them to the shell.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from wa_desk.client.device_name import this_computer
from wa_desk.client.errors import HubError, HubUnreachable
from wa_desk.client.event_syncer import EventSyncer, SyncStatus
from wa_desk.client.hub_api import HubApi
from wa_desk.client.hub_clock import HubClock
from wa_desk.client.outbox_runner import OutboxResult, OutboxRunner
from wa_desk.client.ports import LAST_EVENT_ID_KEY
from wa_desk.client.stream import StreamConsumer, StreamState
from wa_desk.client.supervisor_api import SupervisorApi
from wa_desk.core.background import BackgroundTasks
from wa_desk.core.guidelines import Guidelines, InvalidGuideline, guidelines_from_json
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.store import Waiting
from wa_desk.store.local_store import LocalStore
from wa_desk.ui.app.actions import Actions
from wa_desk.ui.app.problems import ProblemKind, problem_of
from wa_desk.ui.app.stream_router import StreamEvent, StreamRouter
from wa_desk.ui.common.names import user_name

log = logging.getLogger(__name__)

OutboxHandler = Callable[[OutboxResult], None]


@dataclass(frozen=True)
class SignedIn:
    hub_url: str
    token: str
    user: dict[str, Any]

    @property
    def user_id(self) -> str:
        return str(self.user["id"])

    @property
    def user_name(self) -> str:
        return user_name(self.user)

    def identity(self) -> tuple[str, str]:
        """Who on which hub: a change of either means another person's data."""
        return self.hub_url, self.user_id


class Session(QObject):
    problem = Signal(str, str)  # kind (``describe_problem``), detail
    expired = Signal()  # the hub no longer takes the token
    # connected, and when not, seconds until the next try (negative: none planned); why
    # not is for the log, not the screen
    connectionChanged = Signal(bool, float)
    reloadNeeded = Signal()  # the stream could not resume: lists must be loaded again
    waitingChanged = Signal(object)  # store.Waiting: what waits to be sent, counted again
    syncStatusChanged = Signal(object)  # SyncStatus
    guidelinesChanged = Signal()
    checklistChanged = Signal(str)  # a conversation's checklist, ticked somewhere
    # The agent changed a promise of this conversation's customer (made, kept, moved...):
    # shown at once from the local store, whether or not the hub is there.
    promisesChanged = Signal(str)

    def __init__(
        self,
        signed: SignedIn,
        store: LocalStore,
        clock: HubClock,
        *,
        resume_from: int | None = None,
    ) -> None:
        super().__init__()
        self.signed = signed
        self.store = store
        self.api = HubApi(signed.hub_url, signed.token, clock=clock)
        self.supervisor = SupervisorApi(self.api)  # the lead's endpoints and My day's figures
        self.tasks = BackgroundTasks()
        self.router = StreamRouter(store, self.tasks)
        self.guidelines = Guidelines()
        # The hub applied a new policy: fetched again (a 304 when this copy is current).
        self.router.subscribe([StreamEventKind.POLICY_CHANGED], self._on_policy_changed)
        self.actions = Actions(store, signed.user_id, wake=self.wake, report=self.report)
        self.stream = StreamConsumer(
            self.api,
            self.router.receive,
            self._on_stream_state,
            last_event_id=resume_from,
            on_reload=self.reloadNeeded.emit,
        )
        self.runner = OutboxRunner(store, self.api, self._on_outbox_result, user_id=signed.user_id)
        self.syncer = EventSyncer(
            store, self.api, signed.user_id, self._on_sync_status, device_name=this_computer()
        )
        self._outbox_routes: list[tuple[frozenset[OutboxKind], OutboxHandler]] = []
        self._unlisten_actions: Callable[[], None] | None = None
        self._unlisten_counts: Callable[[], None] | None = None
        self.waiting: Waiting | None = None  # the last count, None before the first
        self._count_again = False
        self._counting: asyncio.Task[None] | None = None
        self.closed = False

    @classmethod
    async def open(cls, signed: SignedIn, store: LocalStore, clock: HubClock) -> Session:
        """A session for ``signed`` on ``store``, its stream resuming where the store says
        the last one was shown."""
        saved = await asyncio.to_thread(store.get, LAST_EVENT_ID_KEY)
        resume_from = int(saved) if saved and saved.isdigit() else None
        return cls(signed, store, clock, resume_from=resume_from)

    @property
    def user(self) -> dict[str, Any]:
        return self.signed.user

    @property
    def user_id(self) -> str:
        return self.signed.user_id

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Start talking to the hub: the stream, the outbox and the action-log sync."""
        self._unlisten_actions = self.store.on_actions_appended(self.syncer.wake)
        loop = asyncio.get_running_loop()

        def appended() -> None:  # from whichever thread appended
            loop.call_soon_threadsafe(self.count_waiting)

        self._unlisten_counts = self.store.on_actions_appended(appended)
        self.count_waiting()
        self.spawn(self.stream.run(), "stream")
        self.spawn(self.runner.run(), "outbox")
        self.spawn(self.syncer.run(), "action-log-sync")

    async def close(self) -> None:
        """Stop talking to the hub: every task of this session ends and its client closes.
        The store stays open and the action path keeps working on it, so what the agent
        does until they sign in again waits in the outbox. Closing twice is harmless."""
        self.closed = True
        await self.tasks.cancel_all()
        for unlisten in (self._unlisten_actions, self._unlisten_counts):
            if unlisten is not None:
                unlisten()
        self._unlisten_actions = self._unlisten_counts = None
        await self.api.aclose()

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        return self.tasks.spawn(coro, name)

    # -- what features tell the app -----------------------------------------------------

    def report(self, exc: BaseException, *, quiet_when_offline: bool = False) -> None:
        """Show what went wrong, by its cause (``problems.problem_of``)."""
        log.info("problem: %s: %s", type(exc).__name__, exc)
        if quiet_when_offline and isinstance(exc, HubUnreachable):
            return
        kind, detail = problem_of(exc)
        self.problem.emit(kind, detail)
        if kind is ProblemKind.SESSION_EXPIRED:
            self.expired.emit()

    def wake(self) -> None:
        """Something was queued: the outbox tries at once."""
        self.runner.wake()
        self.count_waiting()

    def count_waiting(self) -> None:
        """Count again what waits to be sent (``store.waiting``), off the UI thread; the
        count leaves through ``waitingChanged`` when it changed. A burst of calls while
        one count runs is counted once more after it, not once each."""
        self._count_again = True
        if self._counting is None or self._counting.done():
            self._counting = self.spawn(self._count_waiting(), "waiting-count")

    async def _count_waiting(self) -> None:
        while self._count_again:
            self._count_again = False
            waiting = await asyncio.to_thread(self.store.waiting, self.user_id)
            if waiting != self.waiting:
                self.waiting = waiting
                self.waitingChanged.emit(waiting)

    def tick(self, conversation_id: str, item_id: str, ticked: bool) -> None:
        """A checklist item ticked (beside the conversation or in the close dialog)."""
        if self.actions.tick(conversation_id, item_id, ticked):
            self.checklistChanged.emit(conversation_id)

    def act_on_promise(
        self, kind: OutboxKind, conversation_id: str, payload: dict[str, Any]
    ) -> bool:
        """A promise made or changed (from the customer panel, the composer's offer, a
        reply's menu or a transfer): logged, queued, and announced to the panes that
        show the customer's promises."""
        if not self.actions.act(kind, conversation_id, payload):
            return False
        self.promisesChanged.emit(conversation_id)
        return True

    # -- outbox results, by action kind ---------------------------------------------------

    def on_outbox_result(self, kinds: Iterable[OutboxKind], handler: OutboxHandler) -> None:
        """``handler`` gets the hub's answer to every action of these kinds."""
        self._outbox_routes.append((frozenset(kinds), handler))

    def unsubscribe_owner(self, owner: object) -> None:
        """``owner``'s stream and outbox handlers hear nothing more (its pane was rebuilt)."""
        self.router.unsubscribe_owner(owner)
        self._outbox_routes = [
            r for r in self._outbox_routes if getattr(r[1], "__self__", None) is not owner
        ]

    def _on_outbox_result(self, result: OutboxResult) -> None:
        self.count_waiting()
        if result.session_expired:
            self.expired.emit()
        for kinds, handler in self._outbox_routes:
            if result.kind in kinds:
                handler(result)

    # -- the hub's guidelines -------------------------------------------------------------

    async def use_cached_guidelines(self) -> None:
        """Offline, the last known rules still hold."""
        bundle, _etag = await asyncio.to_thread(self.store.policy)
        if bundle is not None:
            self._apply_guidelines(bundle)

    async def refresh_guidelines(self) -> None:
        """The hub's guidelines bundle, fetched only when it changed (ETag), cached."""
        _cached, etag = await asyncio.to_thread(self.store.policy)
        try:
            bundle, new_etag = await self.api.policy(etag or None)
        except HubError as exc:
            self.report(exc, quiet_when_offline=True)
            return
        if bundle is not None and self._apply_guidelines(bundle):
            await asyncio.to_thread(self.store.set_policy, bundle, new_etag)

    async def _on_policy_changed(self, _events: list[StreamEvent]) -> None:
        await self.refresh_guidelines()

    def _apply_guidelines(self, bundle: dict[str, Any]) -> bool:
        try:
            self.guidelines = guidelines_from_json(bundle)
        except InvalidGuideline as exc:
            self.problem.emit(
                ProblemKind.REFUSED,
                self.tr("The server's guidelines cannot be used: %1").replace("%1", str(exc)),
            )
            return False
        self.guidelinesChanged.emit()
        return True

    # -- stream and sync state --------------------------------------------------------------

    def _on_stream_state(self, state: StreamState) -> None:
        if not state.connected:
            log.info("no live stream: %s", state.reason)
        retry_in = -1.0 if state.retry_in is None else state.retry_in
        self.connectionChanged.emit(state.connected, retry_in)
        if state.session_expired:
            self.expired.emit()

    def _on_sync_status(self, status: SyncStatus) -> None:
        self.syncStatusChanged.emit(status)
        self.count_waiting()  # the server may have acknowledged part of the log
        if status.session_expired:
            self.expired.emit()
