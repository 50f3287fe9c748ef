"""What can go wrong talking to the hub, by cause: the UI explains each class or code."""

from __future__ import annotations

from typing import Any


class HubError(Exception):
    """Base of every expected failure of a hub request."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class HubUnreachable(HubError):
    """No answer: connection refused or reset, DNS, timeout. Retry later."""


class CertificateError(HubError):
    """The hub's TLS certificate did not verify: talk to IT, do not retry blindly."""


class SessionExpired(HubError):
    """The token expired or was revoked: sign in again."""


class BadCredentials(HubError):
    """Wrong user name or password (or a disabled user)."""


class TooManyAttempts(HubError):
    """Sign-in refused for now after failed attempts: try again in ``retry_after``
    seconds (the password was not checked)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AccountLocked(HubError):
    """Sign-in refused: the account is locked after failed attempts; an administrator
    can unlock it (or it unlocks by itself later)."""


class Refused(HubError):
    """The hub understood and said no: a 4xx with its error envelope."""

    def __init__(
        self, status: int, code: str, message: str, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.details = details or {}

    def __str__(self) -> str:
        return f"{self.code} ({self.status}): {self.message}"


class ServerError(HubError):
    """A 5xx: the hub (or its store) failed; a retry may work."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
