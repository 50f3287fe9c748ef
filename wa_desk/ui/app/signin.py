"""Signing in: silently with the token the keyring keeps, else through the dialog.

The dialog stays open until the hub lets the user in or the user gives up; each refusal
says why (wrong password, too many attempts, a locked account, the hub away or its
certificate untrusted) and what to do.
"""

from __future__ import annotations

import asyncio

import orjson
from PySide6.QtCore import QObject

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
from wa_desk.client.hub_api import HubApi
from wa_desk.client.hub_clock import HubClock
from wa_desk.store.errors import StoreError
from wa_desk.store.local_store import LocalStore
from wa_desk.store.paths import store_path
from wa_desk.ui.app.refusals import refusal_text
from wa_desk.ui.app.session import SignedIn
from wa_desk.ui.settings import settings as s
from wa_desk.ui.shell.signin_dialog import SigninDialog

# Where the local store keeps who signed in, for an offline start.
USER_KEY = "session.user"


class SignIn(QObject):
    def __init__(self, settings: s.Settings, credentials: CredentialStore, clock: HubClock) -> None:
        super().__init__()
        self._settings = settings
        self._credentials = credentials
        self._clock = clock

    async def silently(self) -> SignedIn | None:
        """With the kept token; offline, as the user this computer knew."""
        hub_url = self._settings.get(s.HUB_URL)
        user = self._settings.get(s.LAST_USER)
        if not hub_url or not user:
            return None
        token = self._credentials.load(hub_url, user)
        if not token:
            return None
        api = HubApi(hub_url, token, clock=self._clock)
        try:
            me = await api.me()
        except SessionExpired:
            self._credentials.delete(hub_url, user)
            return await self.ask(self.tr("Your session expired. Sign in again."))
        except HubUnreachable:
            # Offline start: work from the cache with the user we knew.
            cached = await asyncio.to_thread(_cached_user, hub_url, user)
            return None if cached is None else SignedIn(hub_url, token, cached)
        finally:
            await api.aclose()
        return SignedIn(hub_url, token, me)

    async def ask(self, reason: str | None = None) -> SignedIn | None:
        """The sign-in dialog, until the hub lets the user in; None if they give up."""
        dialog = SigninDialog(
            None,
            hub_url=self._settings.get(s.HUB_URL),
            username=self._settings.get(s.LAST_USER),
            reason=reason,
            hub_locked=self._settings.is_locked(s.HUB_URL),
        )
        while True:
            dialog.open()
            if not await _dialog_result(dialog):
                return None
            hub_url, user, password = dialog.credentials()
            api = HubApi(hub_url, clock=self._clock)
            try:
                session = await api.login(user, password)
            except HubError as exc:
                problem: str | None = self._problem(exc)
            else:
                problem = None
            finally:
                await api.aclose()
            if problem is not None:
                # Shown once nothing is left to await, so the dialog is waited on again
                # before the user can click: no click falls between two waits.
                dialog.show_error(problem)
                continue
            self._settings.set(s.HUB_URL, hub_url)
            self._settings.set(s.LAST_USER, user)
            self._credentials.save(hub_url, user, session.token)
            return SignedIn(hub_url, session.token, session.user)

    def forget(self, signed: SignedIn) -> None:
        """The kept token goes (signed out, or no longer valid)."""
        self._credentials.delete(signed.hub_url, str(signed.user["name"]))

    def _problem(self, exc: HubError) -> str:
        """What the sign-in dialog says when the hub does not let the user in."""
        if isinstance(exc, BadCredentials):
            return self.tr("Wrong user name or password.")
        if isinstance(exc, TooManyAttempts):
            return SigninDialog.tr_too_many_attempts(exc.retry_after)
        if isinstance(exc, AccountLocked):
            return SigninDialog.tr_locked()
        if isinstance(exc, CertificateError):
            return self.tr(
                "The server's certificate could not be verified. Check the address, or ask "
                "IT to install the company's certificate."
            )
        if isinstance(exc, HubUnreachable):
            return self.tr("The server cannot be reached. Check the address and your network.")
        if isinstance(exc, Refused):
            return refusal_text(exc.code)
        return refusal_text("server_error")


def remember_user(store: LocalStore, signed: SignedIn) -> None:
    store.set(USER_KEY, orjson.dumps(signed.user).decode())


def _cached_user(hub_url: str, user: str) -> dict[str, object] | None:
    try:
        with LocalStore.open(store_path(hub_url, user)) as store:
            raw = store.get(USER_KEY)
    except StoreError:
        return None
    loaded = orjson.loads(raw) if raw else None
    return loaded if isinstance(loaded, dict) else None


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
