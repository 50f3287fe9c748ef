"""The status bar's one count of what waits to be sent: "3 waiting to be sent", "All sent".

The count is ``store.waiting``'s: each thing the agent did that the server has not taken
(a reply, a claim, a status change, a ticked item...), once, whether it waits as a
request, as its audit record or as both; a send the server refused is not counted (it
shows as failed on its message). The tooltip breaks it down for IT: messages, other
actions, action-log entries, since when, and the last problem in words. While
something waits for an unreachable server, "Sync now" tries at once; a long catch-up of
the action log shows its progress; during sign-out the widget says the last actions
are being sent."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from wa_desk.client.event_syncer import SyncStatus
from wa_desk.client.outbox_runner import SESSION_EXPIRED
from wa_desk.core.clock import now_ms
from wa_desk.store import Waiting
from wa_desk.ui.common.timefmt import format_when

# The outbox's codes for "not through yet" (``client.outbox_runner``): the exception's
# name when the server could not be reached, or the runner's own codes.
_UNREACHABLE = "HubUnreachable"
_CERTIFICATE = "CertificateError"
_SERVER_ERROR = "server_error"


class SyncStatusWidget(QWidget):
    """Hidden until the first count; ``show_waiting`` with each new count and
    ``show_status`` with each action-log sync status."""

    syncNowRequested = Signal()  # the agent wants what waits sent at once

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sending to the server"))
        self.label = QLabel(self)
        self.label.setAccessibleName(self.tr("What waits to be sent to the server"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Action log catch-up"))
        self.progress.setTextVisible(True)
        em = self.fontMetrics().horizontalAdvance("m")
        self.progress.setMinimumWidth(em * 20)
        self.progress.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.progress.hide()
        self.sync_now = QToolButton(self)
        self.sync_now.setText(self.tr("Sync now"))
        self.sync_now.setToolTip(self.tr("Try to send what waits to the server now"))
        self.sync_now.setAutoRaise(True)
        self.sync_now.clicked.connect(self.syncNowRequested)
        self.sync_now.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(em, 0, 0, 0)  # apart from the connection before it
        row.setSpacing(em // 2)
        row.addWidget(self.progress)
        row.addWidget(self.label)
        row.addWidget(self.sync_now)
        self._waiting: Waiting | None = None
        self._status = SyncStatus(0, 0)
        self.hide()

    def show_final_sync(self) -> None:
        """Sign-out: the agent's last actions are being sent before the session ends."""
        text = self.tr("Syncing your last actions…")
        self.progress.setRange(0, 0)  # busy (it shows no text): how long depends on the hub
        self.progress.setAccessibleDescription(text)
        self.progress.show()
        self.label.setText(text)
        self.label.setToolTip("")
        self.label.show()
        self.sync_now.hide()
        self.show()

    def show_waiting(self, waiting: Waiting) -> None:
        """The count (``store.waiting``) changed."""
        self._waiting = waiting
        self._render()

    def show_status(self, status: SyncStatus) -> None:
        """The action log's sync status: its catch-up, whether it waits for the server,
        a stopped chain, other agents' actions."""
        self._status = status
        if self._waiting is not None:
            self._render()

    def _render(self) -> None:
        waiting, status = self._waiting, self._status
        assert waiting is not None
        locale = QLocale()
        catching_up = status.catch_up_total > 0 and status.problem is None
        if catching_up:
            text = (
                self.tr("Syncing actions: %1 of %2")
                .replace("%1", locale.toString(status.catch_up_done))
                .replace("%2", locale.toString(status.catch_up_total))
            )
            self.progress.setRange(0, status.catch_up_total)
            self.progress.setValue(status.catch_up_done)
            self.progress.setFormat(text.replace("%", "%%"))
            self.progress.setAccessibleDescription(text)
        self.progress.setVisible(catching_up)
        parts = [] if catching_up else [self._count_text(waiting, locale)]
        if status.others_pending:
            parts.append(
                self.tr("%1 actions of other agents wait for their sign-in here").replace(
                    "%1", locale.toString(status.others_pending)
                )
            )
        problem = self._problem_text(waiting, status)
        expired = status.session_expired or waiting.last_error == SESSION_EXPIRED
        self.sync_now.setVisible(
            waiting.count > 0 and not expired and (status.waiting_for_hub or problem is not None)
        )
        self.label.setText(" · ".join(parts))
        self.label.setVisible(bool(parts))
        details = self._details(waiting, problem, locale)
        self.label.setToolTip(details)
        self.setToolTip(details)
        self.show()

    def _count_text(self, waiting: Waiting, locale: QLocale) -> str:
        if waiting.count == 0:
            return self.tr("All sent")
        if waiting.count == 1:
            return self.tr("1 waiting to be sent")
        return self.tr("%1 waiting to be sent").replace("%1", locale.toString(waiting.count))

    def _problem_text(self, waiting: Waiting, status: SyncStatus) -> str | None:
        """Why things wait, in words; None when nothing is wrong (they are on their way)."""
        if waiting.count == 0:
            return None
        if status.session_expired or waiting.last_error == SESSION_EXPIRED:
            return self.tr("Your session expired: sign in again to send it.")
        if status.problem is not None and status.refused:
            return self.tr("The server refused part of your action log.")
        if status.problem is not None:
            return self.tr("The server's copy of your action log differs from this one.")
        if waiting.last_error == _CERTIFICATE:
            return self.tr("The server's security certificate is not trusted.")
        if waiting.last_error == _SERVER_ERROR:
            return self.tr("The server had a problem of its own and will be asked again.")
        if waiting.last_error == _UNREACHABLE or status.waiting_for_hub:
            return self.tr("The server cannot be reached.")
        if waiting.last_error is not None:
            return self.tr("The server has not taken it yet (%1).").replace(
                "%1", waiting.last_error
            )
        return None

    def _details(self, waiting: Waiting, problem: str | None, locale: QLocale) -> str:
        """The tooltip: the count's parts, for IT."""
        if waiting.count == 0:
            return self.tr("Everything you did has reached the server.")
        lines = [
            self.tr("Messages: %1").replace("%1", locale.toString(waiting.messages)),
            self.tr("Other actions: %1").replace("%1", locale.toString(waiting.actions)),
            self.tr("Action log entries: %1").replace("%1", locale.toString(waiting.log_entries)),
        ]
        if waiting.oldest is not None:
            since = format_when(waiting.oldest, now_ms())
            lines.append(self.tr("Waiting since: %1").replace("%1", since))
        if problem is not None:
            lines.append(self.tr("Last problem: %1").replace("%1", problem))
        return "\n".join(lines)
