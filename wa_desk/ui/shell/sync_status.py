"""The status bar's view of the action log: synced, how much is left, or a catch-up's progress.

While actions wait for an unreachable hub, a "Sync now" button asks the syncer to try at
once; during sign-out the widget says the last actions are being sent."""

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


class SyncStatusWidget(QWidget):
    """Hidden until the first status; ``show_status`` with each new one."""

    syncNowRequested = Signal()  # the agent wants the waiting actions sent at once

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Action log"))
        self.label = QLabel(self)
        self.label.setAccessibleName(self.tr("Actions waiting to reach the server"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Action log catch-up"))
        self.progress.setTextVisible(True)
        em = self.fontMetrics().horizontalAdvance("m")
        self.progress.setMinimumWidth(em * 20)
        self.progress.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.progress.hide()
        self.sync_now = QToolButton(self)
        self.sync_now.setText(self.tr("Sync now"))
        self.sync_now.setToolTip(self.tr("Try to send the waiting actions to the server now"))
        self.sync_now.setAutoRaise(True)
        self.sync_now.clicked.connect(self.syncNowRequested)
        self.sync_now.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(em, 0, 0, 0)  # apart from the outbox count before it
        row.setSpacing(em // 2)
        row.addWidget(self.progress)
        row.addWidget(self.label)
        row.addWidget(self.sync_now)
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

    def show_status(self, status: SyncStatus) -> None:
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
        parts = [] if catching_up else [self._own_text(status, locale)]
        if status.others_pending:
            parts.append(
                self.tr("%1 actions of other agents wait for their sign-in here").replace(
                    "%1", locale.toString(status.others_pending)
                )
            )
        self.sync_now.setVisible(
            status.waiting_for_hub and status.pending > 0 and not status.session_expired
        )
        self.label.setText(" · ".join(parts))
        self.label.setVisible(bool(parts))
        self.label.setToolTip(status.problem or "")
        self.setToolTip(status.problem or "")
        self.show()

    def _own_text(self, status: SyncStatus, locale: QLocale) -> str:
        if status.problem is not None and status.refused:
            return self.tr("Actions not synced: the server refused some of them")
        if status.problem is not None:
            return self.tr("Actions not synced: the server's copy of your log differs")
        if status.pending == 0:
            return self.tr("All actions synced")
        if status.pending == 1:
            text = self.tr("1 action to sync")
        else:
            text = self.tr("%1 actions to sync").replace("%1", locale.toString(status.pending))
        if status.waiting_for_hub:
            text = self.tr("%1, waiting for the server").replace("%1", text)
        return text
