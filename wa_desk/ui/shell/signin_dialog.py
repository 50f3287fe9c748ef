"""Sign in to the hub: address, user, password; says why when a session expired.

The address may come from IT (managed settings): pre-filled, and read-only when locked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from wa_desk.ui.common.timefmt import MINUTE_MS, format_duration


class SigninDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        hub_url: str = "",
        username: str = "",
        reason: str | None = None,
        hub_locked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to wa-desk"))
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setAccessibleName(self.tr("Why you need to sign in"))
        self.reason.setVisible(bool(reason))
        self.reason.setText(reason or "")
        self.hub = QLineEdit(hub_url, self)
        self.hub.setPlaceholderText("https://hub.example.com")
        self.hub.setAccessibleName(self.tr("Server address"))
        self.hub.setReadOnly(hub_locked)  # preconfigured by IT
        self.hub_note = QLabel(self.tr("Set by your IT department."), self)
        self.hub_note.setWordWrap(True)
        self.hub_note.setEnabled(False)  # drawn muted, like other hints
        self.hub_note.setVisible(hub_locked)
        if hub_locked:
            self.hub.setToolTip(self.hub_note.text())
            self.hub.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes to the user name
        self.user = QLineEdit(username, self)
        self.user.setAccessibleName(self.tr("User"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.hub)
        if hub_locked:
            form.addRow("", self.hub_note)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_in = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.hub, self.user, self.password):
            edit.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 60)
        (
            self.password if hub_url and username else self.hub if not hub_url else self.user
        ).setFocus()
        self._validate()

    @staticmethod
    def tr_expired() -> str:
        """The reason shown when the hub ended the session."""
        return QCoreApplication.translate(
            "SigninDialog", "Your session expired. Sign in again to keep working."
        )

    @staticmethod
    def tr_too_many_attempts(seconds: int) -> str:
        """The hub refuses sign-ins for a while after failed ones (its Retry-After),
        rounded up: "try again in 2 min" is never too early."""
        wait_ms = max(1, seconds) * 1000
        if wait_ms >= MINUTE_MS:
            wait_ms = -(-wait_ms // MINUTE_MS) * MINUTE_MS
        return QCoreApplication.translate(
            "SigninDialog", "Too many attempts: try again in %1."
        ).replace("%1", format_duration(wait_ms))

    @staticmethod
    def tr_locked() -> str:
        """The hub locked the account after too many failed sign-ins."""
        return QCoreApplication.translate(
            "SigninDialog",
            "This account is locked after too many failed attempts; ask your administrator "
            "to unlock it.",
        )

    def show_error(self, message: str) -> None:
        """The hub refused (wrong password, unreachable): stay open and say so."""
        self.error.setText(message)
        self.error.setVisible(True)
        self.password.selectAll()
        self.password.setFocus()

    def credentials(self) -> tuple[str, str, str]:
        return self.hub.text().strip(), self.user.text().strip(), self.password.text()

    def _validate(self) -> None:
        url, user, password = self.credentials()
        ok = url.startswith(("http://", "https://")) and bool(user) and bool(password)
        self.sign_in.setEnabled(ok)
