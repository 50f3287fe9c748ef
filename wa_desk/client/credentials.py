"""The agent's hub token in the operating system's keyring, never in a file.

Where no keyring works (a headless Linux without Secret Service), the store says so
(``backend_available`` and ``reason``, for the UI to explain) and keeps the token in
memory for this run only: the agent signs in again next time.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "wa-desk"


def account(hub_url: str, user: str) -> str:
    return f"{user}@{hub_url.rstrip('/')}"


class CredentialStore:
    def __init__(self) -> None:
        self._memory: dict[str, str] = {}
        self.backend_available, self.reason = self._probe()

    @staticmethod
    def _probe() -> tuple[bool, str]:
        try:
            backend = keyring.get_keyring()
        except (NoKeyringError, KeyringError) as exc:
            return False, f"No system keyring: {exc}"
        if isinstance(backend, fail.Keyring):
            return False, "No system keyring is available (no Secret Service or similar)."
        return True, f"Stored in {type(backend).__name__}."

    def _fall_back(self, exc: Exception) -> None:
        self.backend_available = False
        self.reason = f"The system keyring failed: {exc}"
        log.warning("keyring unusable, keeping the token in memory: %s", exc)

    def save(self, hub_url: str, user: str, token: str) -> None:
        name = account(hub_url, user)
        if self.backend_available:
            try:
                keyring.set_password(SERVICE, name, token)
                return
            except KeyringError as exc:
                self._fall_back(exc)
        self._memory[name] = token

    def load(self, hub_url: str, user: str) -> str | None:
        name = account(hub_url, user)
        if name in self._memory:
            return self._memory[name]
        if not self.backend_available:
            return None
        try:
            return keyring.get_password(SERVICE, name)
        except KeyringError as exc:
            self._fall_back(exc)
            return None

    def delete(self, hub_url: str, user: str) -> None:
        name = account(hub_url, user)
        self._memory.pop(name, None)
        if not self.backend_available:
            return
        try:
            keyring.delete_password(SERVICE, name)
        except PasswordDeleteError:
            pass  # nothing stored: the goal is reached
        except KeyringError as exc:
            self._fall_back(exc)
