"""The early-alerts panel, wired to a session: the alerts of the chosen state from the
hub, live changes from the stream (``alert.raised``, ``alert.updated``,
``alert.resolved``), and a lead's acknowledgements and snoozes sent to the hub.

It keeps the count of open alerts whatever the panel shows (``countChanged``: the
page's tab and the tray show it), and asks for a desktop notification for a critical
alert that is new or has just become critical (``criticalAlert``). A snoozed alert that
wakes up says nothing on the stream: the controller counts again when the earliest
snooze it knows of ends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from wa_desk.client.errors import HubError, Refused
from wa_desk.core.alert_kinds import AlertSeverity, AlertState
from wa_desk.core.clock import now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.ui.app.alerts import describe_alert, worth_showing
from wa_desk.ui.app.connections import Connections
from wa_desk.ui.app.problems import ProblemKind
from wa_desk.ui.app.session import Session
from wa_desk.ui.app.stream_router import StreamEvent
from wa_desk.ui.common.names import contact_name
from wa_desk.ui.common.timefmt import parse_ms
from wa_desk.ui.supervisor.alerts_panel import AlertsPanel

ALERT_EVENTS = (
    StreamEventKind.ALERT_RAISED,
    StreamEventKind.ALERT_UPDATED,
    StreamEventKind.ALERT_RESOLVED,
)
PAGE = 100
MAX_PAGES = 10  # a list is at most this many pages: a thousand alerts is a crisis already
_NOT_FOUND = "not_found"
_MAX_TIMER_MS = 2**31 - 1
# A snooze the hub has not ended yet (its clock a little behind) is asked about again
# after this long, not at once.
_MIN_WAKE_MS = 5000


class AlertsController(QObject):
    countChanged = Signal(int)  # open alerts: for the page's tab and the tray's badge
    criticalAlert = Signal(str, str)  # title, text: for a desktop notification

    def __init__(self, session: Session, panel: AlertsPanel) -> None:
        super().__init__(panel)
        self._session = session
        self._panel = panel
        self._open: set[int] = set()  # ids of the open alerts, whatever the panel shows
        self._snoozed_until: dict[int, int] = {}  # snoozed alert id -> epoch ms
        self._loading: list[Sequence[Mapping[str, Any]]] | None = None  # events during a load
        self._load_task: asyncio.Task[Any] | None = None
        self._names_asked: set[str] = set()
        self._told_count = -1  # the last count told (none yet)
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.timeout.connect(self.reload)
        self._connections = Connections()
        self._connections.connect(panel.stateChosen, self._state_chosen)
        self._connections.connect(panel.acknowledgeRequested, self.acknowledge)
        self._connections.connect(panel.snoozeRequested, self.snooze)
        self._connections.connect(session.reloadNeeded, self.reload)
        self._connections.connect(self.countChanged, panel.set_open_count)
        session.router.subscribe(ALERT_EVENTS, self._on_events)

    def close(self) -> None:
        self._connections.disconnect_all()
        self._session.unsubscribe_owner(self)
        self._wake.stop()
        if self._load_task is not None:
            self._load_task.cancel()

    def open_count(self) -> int:
        return len(self._open)

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """The open alerts and the panel's state from the hub again (a newer load replaces
        one in flight)."""
        if self._load_task is not None:
            self._load_task.cancel()
        self._load_task = self._session.spawn(self.load(), "alerts-load")

    async def load(self) -> None:
        """The open alerts (for the count) and the alerts of the state the panel shows.
        Stream events that arrive meanwhile are applied again after the lists: each event
        carries its alert whole, so the newest word on every alert wins."""
        self._loading = []
        try:
            shown = self._panel.shown_state()
            open_alerts = await self._all(AlertState.OPEN.value)
            snoozed = await self._all(AlertState.SNOOZED.value)
            alerts = {
                AlertState.OPEN.value: open_alerts,
                AlertState.SNOOZED.value: snoozed,
            }.get(shown) or await self._all(shown)
        except HubError as exc:
            self._session.report(exc, quiet_when_offline=True)
            return
        finally:
            during, self._loading = self._loading or [], None
        self._open = {int(a["id"]) for a in open_alerts}
        self._snoozed_until = {}
        for alert in snoozed:
            self._note_snooze(alert)
        self._plan_wake()
        self._panel.model.show(shown, alerts)
        for batch in during:
            self._apply(batch, notify=False)
        self._count_changed()
        self._name_customers()

    async def _all(self, state: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        cursor: str | None = None
        for _ in range(MAX_PAGES):
            page = await self._session.supervisor.alerts(state, limit=PAGE, cursor=cursor)
            found.extend(page.items)
            cursor = page.next
            if cursor is None:
                break
        return found

    def _state_chosen(self, state: str) -> None:
        if state != self._panel.model.state():
            self.reload()

    # -- the stream ---------------------------------------------------------------------------

    def _on_events(self, events: list[StreamEvent]) -> None:
        now = now_ms()
        for kind, data in events:
            if data.get("severity") != AlertSeverity.CRITICAL:
                continue
            if worth_showing(StreamEventKind(kind), data):
                problem = describe_alert(data, now)
                title = QCoreApplication.translate("AlertsController", "Critical alert")
                self.criticalAlert.emit(title, problem.title)
        alerts = [data for _kind, data in events]
        if self._loading is not None:
            self._loading.append(alerts)
        self._apply(alerts, notify=True)

    def _apply(self, alerts: Sequence[Mapping[str, Any]], *, notify: bool) -> None:
        for alert in alerts:
            alert_id = int(alert["id"])
            if alert.get("state") == AlertState.OPEN:
                self._open.add(alert_id)
            else:
                self._open.discard(alert_id)
            self._snoozed_until.pop(alert_id, None)
            self._note_snooze(alert)
        self._plan_wake()
        self._panel.model.apply(alerts)
        if notify:
            self._count_changed()
            self._name_customers()

    def _note_snooze(self, alert: Mapping[str, Any]) -> None:
        snoozed = alert.get("snoozed")
        if alert.get("state") == AlertState.SNOOZED and isinstance(snoozed, Mapping):
            until = parse_ms(snoozed.get("until"))
            if until is not None:
                self._snoozed_until[int(alert["id"])] = until

    def _plan_wake(self) -> None:
        """The earliest snooze to end brings its alert back: count and list again then."""
        if not self._snoozed_until:
            self._wake.stop()
            return
        wait = min(self._snoozed_until.values()) - now_ms() + 1000
        self._wake.start(max(_MIN_WAKE_MS, min(wait, _MAX_TIMER_MS)))

    def _count_changed(self) -> None:
        count = len(self._open)
        if count != self._told_count:
            self._told_count = count
            self.countChanged.emit(count)

    # -- customers' names -----------------------------------------------------------------------

    def _name_customers(self) -> None:
        """The customers the shown alerts are about, by name: from this computer's cache,
        else from the hub (once per conversation)."""
        wanted = self._panel.model.conversation_ids() - self._names_asked
        if wanted:
            self._names_asked |= wanted
            self._session.spawn(self._find_names(sorted(wanted)), "alert-customers")

    async def _find_names(self, conversation_ids: list[str]) -> None:
        names: dict[str, str] = {}
        for conversation_id in conversation_ids:
            conversation = await asyncio.to_thread(
                self._session.store.conversation, conversation_id
            )
            if conversation is None:
                try:
                    conversation = await self._session.api.conversation(conversation_id)
                except HubError:
                    continue  # not for this lead, or away: the alert says "a customer"
            names[conversation_id] = contact_name(conversation.get("contact") or {})
        if names:
            self._panel.model.set_customers(names)

    # -- a lead's actions ---------------------------------------------------------------------

    def acknowledge(self, alert_id: int, note: str | None) -> None:
        self._session.spawn(self._act(alert_id, None, note), "alert-ack")

    def snooze(self, alert_id: int, minutes: int, note: str | None) -> None:
        self._session.spawn(self._act(alert_id, minutes, note), "alert-snooze")

    async def _act(self, alert_id: int, minutes: int | None, note: str | None) -> None:
        api = self._session.supervisor
        try:
            if minutes is None:
                alert = await api.acknowledge(alert_id, note)
            else:
                alert = await api.snooze(alert_id, minutes, note)
        except Refused as exc:
            if exc.code == _NOT_FOUND:
                self._session.problem.emit(
                    ProblemKind.REFUSED,
                    QCoreApplication.translate(
                        "AlertsController", "This alert is not available to you any more."
                    ),
                )
            else:
                self._session.report(exc)
            self.reload()  # its state changed on the hub: show it as it is
            return
        except HubError as exc:
            self._session.report(exc)
            return
        self._apply([alert], notify=True)  # its alert.updated follows, the same
