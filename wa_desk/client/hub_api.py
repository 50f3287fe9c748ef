"""The hub's REST API (v1) for the desktop app, asynchronous, errors by cause."""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing, asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from wa_desk.client.errors import (
    AccountLocked,
    BadCredentials,
    CertificateError,
    HubError,
    HubUnreachable,
    Refused,
    ServerError,
    SessionExpired,
    TooManyAttempts,
)
from wa_desk.client.hub_clock import HubClock
from wa_desk.core.auth_codes import AuthCode
from wa_desk.core.templates import TemplateParams

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)


@dataclass(frozen=True, slots=True)
class Session:
    token: str
    expires_at: str
    user: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    next: str | None


def _is_certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def transport_error(exc: httpx.TransportError) -> HubError:
    """The cause-named error for a failure below HTTP."""
    if _is_certificate_failure(exc):
        return CertificateError(f"The hub's certificate could not be verified: {exc}")
    if isinstance(exc, httpx.TimeoutException):
        return HubUnreachable("The hub did not answer in time.")
    return HubUnreachable(f"The hub cannot be reached: {exc or type(exc).__name__}")


def response_error(response: httpx.Response, *, login: bool = False) -> HubError:
    """The cause-named error for a non-2xx answer."""
    status = response.status_code
    try:
        envelope = response.json().get("error") or {}
    except (ValueError, AttributeError):
        envelope = {}
    if not isinstance(envelope, dict):
        envelope = {}
    code = str(envelope.get("code") or "http_error")
    message = str(envelope.get("message") or response.reason_phrase or f"HTTP {status}")
    details = {k: v for k, v in envelope.items() if k not in ("code", "message")}
    if status >= 500:
        return ServerError(status, message)
    if status == 401:
        return BadCredentials(message) if login else SessionExpired(message)
    if code == AuthCode.TOO_MANY_ATTEMPTS:
        return TooManyAttempts(message, _retry_after(response, details))
    if code == AuthCode.ACCOUNT_LOCKED:
        return AccountLocked(message)
    return Refused(status, code, message, details)


def _retry_after(response: httpx.Response, details: dict[str, Any]) -> int:
    """Seconds to wait, from the header or the envelope; a minute when neither says."""
    for raw in (response.headers.get("retry-after"), details.get("retry_after")):
        try:
            seconds = int(str(raw))
        except ValueError:
            continue
        if seconds >= 0:
            return seconds
    return 60


class HubApi:
    """One hub, one signed-in user. Close it (``aclose`` or ``async with``)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        verify: bool | str | ssl.SSLContext = True,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: HubClock | None = None,
    ) -> None:
        """``clock``: learns the hub's time from every answer (share one across the
        instances of one app, the sign-in's included)."""
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.clock = clock or HubClock()
        self._verify = verify
        self._http = httpx.AsyncClient(
            base_url=self.base_url, verify=verify, timeout=timeout, transport=transport
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> HubApi:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if extra:
            headers.update(extra)
        return headers

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        login: bool = False,
    ) -> httpx.Response:
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        if self._http.is_closed:
            # Its session ended (signed out or expired): as if the hub were away, so what
            # the agent does meanwhile waits in the outbox instead of failing.
            raise HubUnreachable("not signed in to the hub")
        try:
            response = await self._http.request(
                method, path, json=json, params=clean, headers=self._headers(headers)
            )
        except httpx.TransportError as exc:
            raise transport_error(exc) from exc
        self.clock.note(response.headers.get("date"))
        if response.status_code >= 400:
            raise response_error(response, login=login)
        return response

    async def _json(self, method: str, path: str, **kw: Any) -> dict[str, Any]:
        response = await self._request(method, path, **kw)
        value: dict[str, Any] = response.json()
        return value

    async def _page(self, path: str, params: dict[str, Any]) -> Page:
        body = await self._json("GET", path, params=params)
        return Page(list(body["items"]), body.get("next"))

    # -- session ----------------------------------------------------------------------

    async def login(self, username: str, password: str) -> Session:
        try:
            body = await self._json(
                "POST",
                "/api/v1/auth/login",
                json={"username": username, "password": password},
                login=True,
            )
        except HubError as exc:
            log.info(
                "sign-in to %s as %s refused: %s: %s",
                self.base_url,
                username,
                type(exc).__name__,
                exc.message,
            )
            raise
        log.info("signed in to %s as %s", self.base_url, username)
        self.token = body["token"]
        return Session(body["token"], body.get("expires_at", ""), body["user"])

    async def logout(self) -> None:
        await self._request("POST", "/api/v1/auth/logout")
        self.token = None

    async def me(self) -> dict[str, Any]:
        return await self._json("GET", "/api/v1/me")

    async def set_status(self, status: str) -> dict[str, Any]:
        return await self._json("PUT", "/api/v1/me/status", json={"status": status})

    async def healthz(self) -> dict[str, Any]:
        return await self._json("GET", "/healthz")

    async def templates(self) -> list[dict[str, Any]]:
        return (await self._page("/api/v1/templates", {})).items

    async def agents(self) -> list[dict[str, Any]]:
        """Who a conversation can be transferred to: the enabled users sharing a queue
        with this one (all of them for an administrator), this one included, by name;
        each ``{"id", "name", "role", "status", "queues"}``."""
        return (await self._page("/api/v1/agents", {})).items

    async def policy(self, etag: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
        """The guidelines bundle and its ETag; ``(None, etag)`` when the copy tagged
        ``etag`` is still current."""
        headers = {"If-None-Match": etag} if etag else None
        response = await self._request("GET", "/api/v1/policy", headers=headers)
        new_etag = response.headers.get("etag") or etag
        if response.status_code == 304:
            return None, new_etag
        bundle: dict[str, Any] = response.json()
        return bundle, new_etag

    # -- conversations ----------------------------------------------------------------

    async def conversations(
        self,
        *,
        state: str | None = None,
        queue: str | None = None,
        assigned: str | None = None,
        q: str | None = None,
        wa_id: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page:
        params = {
            "state": state,
            "queue": queue,
            "assigned": assigned,
            "q": q,
            "wa_id": wa_id,
            "cursor": cursor,
            "limit": limit,
        }
        return await self._page("/api/v1/conversations", params)

    async def conversation(self, conversation_id: str) -> dict[str, Any]:
        return await self._json("GET", f"/api/v1/conversations/{conversation_id}")

    async def messages(
        self, conversation_id: str, cursor: str | None = None, limit: int = 50
    ) -> Page:
        """Oldest first; ``next`` is the cursor of the older page."""
        return await self._page(
            f"/api/v1/conversations/{conversation_id}/messages",
            {"cursor": cursor, "limit": limit},
        )

    async def send_text(
        self, conversation_id: str, text: str, idempotency_key: str, reply_to: str | None = None
    ) -> dict[str, Any]:
        return await self._send(
            conversation_id, {"type": "text", "text": text, "reply_to": reply_to}, idempotency_key
        )

    async def send_template(
        self,
        conversation_id: str,
        name: str,
        language: str,
        params: TemplateParams,
        idempotency_key: str,
    ) -> dict[str, Any]:
        """An approved template with every value the agent filled in: the header's and
        the body's, a media header's link and the buttons' (the hub checks their counts
        against the synced template and refuses with ``template_invalid``)."""
        body = {"type": "template", "template": name, "language": language, **params.to_json()}
        return await self._send(conversation_id, body, idempotency_key)

    async def _send(self, conversation_id: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        return await self._json(
            "POST",
            f"/api/v1/conversations/{conversation_id}/messages",
            json=body,
            headers={"Idempotency-Key": key},
        )

    # A state change's ``key`` (the outbox entry's idempotency key) reaches the hub as
    # ``Idempotency-Key``, and the hub writes it into the fact it records, so the audit
    # trail can tell which of a device's intents took effect.

    async def claim(self, conversation_id: str, *, key: str | None = None) -> dict[str, Any]:
        return await self._action(conversation_id, "claim", key=key)

    async def release(self, conversation_id: str, *, key: str | None = None) -> dict[str, Any]:
        return await self._action(conversation_id, "release", key=key)

    async def transfer(
        self,
        conversation_id: str,
        *,
        to_user: str | None = None,
        to_queue: str | None = None,
        note: str | None = None,
        key: str | None = None,
    ) -> dict[str, Any]:
        body = {"to_user": to_user, "to_queue": to_queue, "note": note}
        return await self._action(conversation_id, "transfer", body, key=key)

    async def close(
        self,
        conversation_id: str,
        disposition: str,
        note: str | None = None,
        checklist: dict[str, bool] | None = None,
        *,
        key: str | None = None,
    ) -> dict[str, Any]:
        """``checklist``: the closing checklist as the agent left it (item id -> ticked)."""
        body: dict[str, Any] = {"disposition": disposition, "note": note}
        if checklist is not None:
            body["checklist"] = checklist
        return await self._action(conversation_id, "close", body, key=key)

    async def reopen(self, conversation_id: str, *, key: str | None = None) -> dict[str, Any]:
        return await self._action(conversation_id, "reopen", key=key)

    async def take_over(self, conversation_id: str, *, key: str | None = None) -> dict[str, Any]:
        """A supervisor takes the conversation from the agent who holds it."""
        return await self._action(conversation_id, "takeover", key=key)

    async def mark_read(self, conversation_id: str) -> dict[str, Any]:
        return await self._action(conversation_id, "read")

    async def _action(
        self,
        conversation_id: str,
        action: str,
        body: dict[str, Any] | None = None,
        *,
        key: str | None = None,
    ) -> dict[str, Any]:
        return await self._json(
            "POST",
            f"/api/v1/conversations/{conversation_id}/{action}",
            json=body,
            headers={"Idempotency-Key": key} if key else None,
        )

    # -- notes and tags ---------------------------------------------------------------

    async def notes(self, conversation_id: str) -> list[dict[str, Any]]:
        """The conversation's private notes, oldest first."""
        return (await self._page(f"/api/v1/conversations/{conversation_id}/notes", {})).items

    async def add_note(
        self, conversation_id: str, text: str, idempotency_key: str
    ) -> dict[str, Any]:
        return await self._json(
            "POST",
            f"/api/v1/conversations/{conversation_id}/notes",
            json={"text": text},
            headers={"Idempotency-Key": idempotency_key},
        )

    async def contact_tags(self, wa_id: str) -> list[str]:
        body = await self._json("GET", f"/api/v1/contacts/{quote(wa_id, safe='')}/tags")
        return list(body["tags"])

    async def add_tag(self, wa_id: str, tag: str) -> dict[str, Any]:
        """``{"wa_id", "tags"}``: the contact's tags after the change."""
        return await self._json("PUT", _tag_path(wa_id, tag))

    async def remove_tag(self, wa_id: str, tag: str) -> dict[str, Any]:
        return await self._json("DELETE", _tag_path(wa_id, tag))

    async def set_marketing(self, wa_id: str, opted_out: bool) -> dict[str, Any]:
        """``{"wa_id", "marketing_opt_out"}``: the customer's marketing flag after it."""
        path = f"/api/v1/contacts/{quote(wa_id, safe='')}/marketing"
        return await self._json("PUT", path, json={"opted_out": opted_out})

    # -- promises ---------------------------------------------------------------------

    async def make_promise(
        self, conversation_id: str, promise: dict[str, Any], *, key: str | None = None
    ) -> dict[str, Any]:
        """``promise``: ``id``, ``what``, ``due_at`` (RFC 3339), and optionally ``owner``
        and the message that made it (``message_id`` or ``message_key``). The promise as
        the hub recorded it (the same id again: as it was recorded)."""
        return await self._json(
            "POST",
            f"/api/v1/conversations/{conversation_id}/promises",
            json=promise,
            headers={"Idempotency-Key": key} if key else None,
        )

    async def change_promise(
        self, promise_id: str, change: str, body: dict[str, Any], *, key: str | None = None
    ) -> dict[str, Any]:
        """``change``: ``keep`` (``message_id``), ``reschedule`` (``due_at``, ``reason``),
        ``break`` (``reason``) or ``transfer`` (``to_user``); the promise after it."""
        return await self._json(
            "POST",
            f"/api/v1/promises/{quote(promise_id, safe='')}/{change}",
            json=body,
            headers={"Idempotency-Key": key} if key else None,
        )

    async def conversation_promises(self, conversation_id: str) -> list[dict[str, Any]]:
        body = await self._json("GET", f"/api/v1/conversations/{conversation_id}/promises")
        return list(body["items"])

    async def contact_promises(self, wa_id: str, state: str | None = None) -> list[dict[str, Any]]:
        """The customer's promises the user may see, the soonest due first."""
        params = {"state": state} if state else None
        path = f"/api/v1/contacts/{quote(wa_id, safe='')}/promises"
        body = await self._json("GET", path, params=params)
        return list(body["items"])

    # -- action log -------------------------------------------------------------------

    async def post_events(
        self, events: list[dict[str, Any]], device_name: str | None = None
    ) -> int:
        """Send consecutive events of one chain; the hub's ``acked_seq`` for it after.
        ``device_name`` (``core.alert_kinds.device_name_of``) is how the supervisors'
        alerts about this chain name the computer.

        A chain error is ``Refused`` with code ``audit_gap`` or ``audit_fork`` and the
        hub's ``acked_seq`` in ``details``.
        """
        batch: dict[str, Any] = {"events": events}
        if device_name is not None:
            batch["device_name"] = device_name
        body = await self._json("POST", "/api/v1/events", json=batch)
        return int(body["acked_seq"])

    async def acked_seq(self, device: str) -> int:
        """How much of a chain the hub holds (0: nothing)."""
        body = await self._json("GET", "/api/v1/events/acked", params={"device": device})
        return int(body["acked_seq"])

    # -- media (wa_desk.client.media) -------------------------------------------------

    async def download_media(
        self, conversation_id: str, message_id: str, dest_dir: str | os.PathLike[str]
    ) -> Path:
        """Save a message's file inside ``dest_dir`` under a safe name that overwrites
        nothing; the saved file's path."""
        from wa_desk.client import media

        return await media.download_to(
            self._http,
            media.media_path(conversation_id, message_id),
            self._headers({"Accept": "*/*"}),
            Path(dest_dir),
        )

    async def media_bytes(
        self, conversation_id: str, message_id: str, max_bytes: int
    ) -> tuple[bytes, str]:
        """A message's file in memory (previews): its bytes and content type."""
        from wa_desk.client import media

        return await media.read_bytes(
            self._http,
            media.media_path(conversation_id, message_id),
            self._headers({"Accept": "*/*"}),
            max_bytes=max_bytes,
        )

    # -- for the other API clients (wa_desk.client.supervisor_api) -------------------

    async def call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        key: str | None = None,
    ) -> dict[str, Any]:
        """Any JSON endpoint; ``key`` goes as the ``Idempotency-Key``."""
        headers = {"Idempotency-Key": key} if key else None
        return await self._json(method, path, params=params, json=json, headers=headers)

    async def page(self, path: str, params: dict[str, Any]) -> Page:
        """One page of a paged list (``{"items", "next"}``)."""
        return await self._page(path, params)

    @asynccontextmanager
    async def download(
        self, path: str, params: dict[str, Any]
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        """``GET path`` streamed: yields the body's byte chunks as they arrive (reports
        of any size); errors by cause, as for every other request."""
        clean = {k: v for k, v in params.items() if v is not None}
        headers = self._headers({"Accept": "*/*"})
        try:
            async with self._http.stream("GET", path, params=clean, headers=headers) as response:
                self.clock.note(response.headers.get("date"))
                if response.status_code >= 400:
                    await response.aread()
                    raise response_error(response)
                async with aclosing(_decoded_chunks(response)) as chunks:
                    yield chunks
        except httpx.TransportError as exc:
            raise transport_error(exc) from exc

    # -- live stream ------------------------------------------------------------------

    @asynccontextmanager
    async def open_stream(
        self, last_event_id: int | None, *, read_timeout: float = 45.0
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        """``GET /api/v1/stream`` on its own connection; yields the body's byte chunks.

        The read timeout must exceed the hub's heartbeat so a silent, dead connection is
        noticed. Errors are raised by cause, as for every other request.
        """
        headers = self._headers({"Accept": "text/event-stream", "Cache-Control": "no-cache"})
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        timeout = httpx.Timeout(10.0, read=read_timeout)
        async with httpx.AsyncClient(
            base_url=self.base_url, verify=self._verify, timeout=timeout
        ) as http:
            try:
                async with http.stream("GET", "/api/v1/stream", headers=headers) as response:
                    if response.status_code >= 400:
                        await response.aread()
                        raise response_error(response)
                    async with aclosing(_chunks(response)) as chunks:
                        try:
                            yield chunks
                        except Exception:
                            await _read_to_end(chunks)
                            raise
            except httpx.TransportError as exc:
                raise transport_error(exc) from exc


def _tag_path(wa_id: str, tag: str) -> str:
    return f"/api/v1/contacts/{quote(wa_id, safe='')}/tags/{quote(tag, safe='')}"


async def _read_to_end(chunks: AsyncIterator[bytes], within: float = 2.0) -> None:
    """The caller stopped reading early (``session_ended``: the hub closes the stream
    right after it): read what is left, in this task, so that every generator under
    the response finishes here and none is left for the garbage collector to finalize
    outside the event loop; a stream that does not end is cut after ``within``."""
    with suppress(Exception):
        async with asyncio.timeout(within):
            async for _ in chunks:
                pass


async def _chunks(response: httpx.Response) -> AsyncGenerator[bytes, None]:
    async for chunk in response.aiter_raw():
        yield chunk


async def _decoded_chunks(response: httpx.Response) -> AsyncGenerator[bytes, None]:
    async for chunk in response.aiter_bytes():
        yield chunk
