"""Does the app find the operating system's keyring, where it keeps the agent's token?

By default the smoke test wants what the app itself wants: a usable system backend
(Secret Service on Linux, the Credential Manager on Windows, the Keychain on macOS).
A headless build machine often has none (no D-Bus session, no Secret Service), and then
the app would keep tokens in memory only, which is no proof of anything. So there the
caller must say so explicitly (``--keyring memory``): the check still requires that the
platform's backend and its dependencies are inside the app (the part an installer can
break), names why the system has no usable keyring, and runs the credential store's
save, load and delete through an in-memory backend set for this run only.
"""

from __future__ import annotations

import importlib
import sys
from enum import StrEnum

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail
from keyring.errors import KeyringError, PasswordDeleteError

from wa_desk.client.credentials import CredentialStore
from wa_desk.smoke.report import Check

NAME = "keyring"
# The modules each platform's backend needs at run time (the ones a frozen app can miss).
PLATFORM_MODULES: dict[str, tuple[str, ...]] = {
    "linux": ("keyring.backends.SecretService", "secretstorage", "jeepney"),
    "win32": ("keyring.backends.Windows", "win32ctypes.pywin32.win32cred"),
    "darwin": ("keyring.backends.macOS", "keyring.backends.macOS.api"),
}


class KeyringMode(StrEnum):
    SYSTEM = "system"  # the operating system's keyring must work
    MEMORY = "memory"  # only by request: the backend must be bundled, tokens stay in memory


class MemoryKeyring(KeyringBackend):
    """Passwords in a dict, for one smoke-test run. Never chosen by keyring on its own:
    it is not viable unless set explicitly."""

    priority = -1  # below fail.Keyring's 0: never picked by keyring's own choice

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's own is untyped
        self._values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._values.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def backend_name(backend: KeyringBackend) -> str:
    if isinstance(backend, chainer.ChainerBackend):
        inner = ", ".join(backend_name(b) for b in backend.backends)
        return f"chainer({inner})"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _missing_platform_module(platform: str) -> str | None:
    """The first of the platform backend's modules that does not load, and why."""
    for module in PLATFORM_MODULES.get(platform, ()):
        try:
            importlib.import_module(module)
        except Exception as exc:  # any failure to import is the finding
            return f"{module} does not load: {type(exc).__name__}: {exc}"
    return None


def _why_not_viable(platform: str) -> str:
    """The platform backend's own reason for being unusable here."""
    module = PLATFORM_MODULES.get(platform, ("",))[0]
    try:
        backend = importlib.import_module(module).Keyring
        priority = backend.priority
    except Exception as exc:  # the backend explains itself by raising
        return f"{exc}"
    return f"priority {priority}"


def usable(backend: KeyringBackend) -> bool:
    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return True


def check_keyring(mode: KeyringMode, platform: str = sys.platform) -> Check:
    missing = _missing_platform_module(platform)
    if missing is not None:
        return Check(NAME, False, f"the platform's keyring backend is not in the app: {missing}")
    try:
        backend = keyring.get_keyring()
    except KeyringError as exc:
        return Check(NAME, False, f"keyring did not load: {exc}")
    if mode is KeyringMode.SYSTEM:
        if not usable(backend):
            why = _why_not_viable(platform)
            return Check(
                NAME,
                False,
                f"no usable system keyring ({backend_name(backend)}): {why}; "
                "where none can exist (a build machine), run with --keyring memory",
            )
        return Check(NAME, True, f"system backend {backend_name(backend)}")
    # By request: the system's state reported, the credential store proven in memory.
    system = backend_name(backend) if usable(backend) else f"none ({_why_not_viable(platform)})"
    keyring.set_keyring(MemoryKeyring())
    problem = _round_trip()
    if problem is not None:
        return Check(NAME, False, f"in-memory backend (by request): {problem}")
    return Check(
        NAME,
        True,
        f"in-memory backend by request (--keyring memory); the platform backend "
        f"{PLATFORM_MODULES.get(platform, ('?',))[0]} is in the app; system keyring: {system}",
    )


def _round_trip() -> str | None:
    store = CredentialStore()
    if not store.backend_available:
        return store.reason
    hub, user, token = "http://127.0.0.1:1", "smoke", "smoke-token"
    store.save(hub, user, token)
    if store.load(hub, user) != token:
        return "a saved token did not read back"
    store.delete(hub, user)
    if store.load(hub, user) is not None:
        return "a deleted token is still there"
    return None
