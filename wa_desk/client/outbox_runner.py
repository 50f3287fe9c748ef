"""Sends the outbox to the hub: strictly in order, each entry taking effect once.

- Sends carry their idempotency key; the hub answers a repeated key with the message
  it already has, so a retry after a lost answer never sends twice.
- State changes carry their key too, which the hub writes into the fact it records. A
  claim repeated by its own assignee is harmless; a lead's assignment repeated with its
  key is recognised by the hub and changes nothing; for the others, when an entry that
  may already have reached the hub (it was tried before) is refused, the runner reads
  the conversation: if it is already as the action wanted, the entry is done, not
  failed.
- While the hub is unreachable the entry stays first in line and the runner waits,
  backing off; a refusal marks the entry failed with the hub's reason, reports it, and
  the runner goes on with the next one. An expired session stops the runner.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wa_desk.client.backoff import Backoff
from wa_desk.client.errors import (
    CertificateError,
    HubError,
    HubUnreachable,
    Refused,
    ServerError,
    SessionExpired,
)
from wa_desk.client.hub_api import HubApi
from wa_desk.client.ports import OutboxItem, OutboxPort
from wa_desk.client.supervisor_api import KEEP, SupervisorApi
from wa_desk.client.waits import wait_event
from wa_desk.core.agents import AgentStatus
from wa_desk.core.outbox_kinds import OutboxKind
from wa_desk.core.templates import TemplateParams

log = logging.getLogger(__name__)

# A promise change's outbox kind → its path under ``/api/v1/promises/{id}/`` (the hub
# answers a replay of one with the promise as it is, so none needs a replay check).
_PROMISE_CHANGE = {
    OutboxKind.PROMISE_KEEP: "keep",
    OutboxKind.PROMISE_RESCHEDULE: "reschedule",
    OutboxKind.PROMISE_BREAK: "break",
    OutboxKind.PROMISE_TRANSFER: "transfer",
}

# Refusals that a replay of an action which already took effect would get.
_REPLAY_REFUSALS = {
    "invalid",
    "conversation_closed",
    "conversation_open",
    "already_assigned",
    "already_yours",
}


# The ``code`` of an entry held back, and of its result, when the session expired.
SESSION_EXPIRED = "session_expired"


@dataclass(frozen=True, slots=True)
class OutboxResult:
    """What became of one entry. Not ok and ``session_expired``: the entry was not
    refused, it waits in the outbox; the runner has stopped until a new sign-in."""

    entry_id: int
    kind: OutboxKind
    conversation_id: str | None
    ok: bool
    response: dict[str, Any] | None = None
    code: str | None = None  # why not ok: the hub's refusal code, or one of the runner's
    message: str | None = None
    session_expired: bool = False


OnResult = Callable[[OutboxResult], None]


class OutboxRunner:
    def __init__(
        self,
        store: OutboxPort,
        api: HubApi,
        on_result: OnResult,
        *,
        user_id: str,  # whose actions these are: the outcome of each is logged as theirs
        backoff: Backoff | None = None,
        idle_poll: float = 1.0,
        max_server_errors: int = 5,
    ) -> None:
        self._store = store
        self._api = api
        self._supervisor = SupervisorApi(api)
        self._on_result = on_result
        self._user_id = user_id
        self._backoff = backoff or Backoff()
        self._idle_poll = idle_poll
        self._max_server_errors = max_server_errors
        self._wake = asyncio.Event()
        self.waiting_for_hub = False
        self.session_expired = False  # stopped until a new sign-in

    def wake(self) -> None:
        """Something was queued: look now rather than at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        """Send until cancelled or the session expires."""
        server_errors = 0
        while True:
            entry = self._store.outbox_next()
            if entry is None:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await wait_event(self._wake, self._idle_poll)
                continue
            self._store.outbox_mark_sending(entry.id)
            try:
                response = await self._perform(entry)
            except SessionExpired as exc:
                self._store.outbox_retry_later(entry.id, SESSION_EXPIRED, exc.message)
                self.session_expired = True
                self._report(
                    entry, False, code=SESSION_EXPIRED, message=exc.message, session_expired=True
                )
                return
            except (HubUnreachable, CertificateError) as exc:
                await self._later(entry, type(exc).__name__, exc.message)
                continue
            except ServerError as exc:
                server_errors += 1
                if server_errors < self._max_server_errors:
                    await self._later(entry, "server_error", exc.message)
                    continue
                self._fail(entry, "server_error", exc.message)
            except Refused as exc:
                await self._refused(entry, exc)
            else:
                self._done(entry, response)
            server_errors = 0
            self._backoff.reset()
            self.waiting_for_hub = False

    async def _later(self, entry: OutboxItem, code: str, message: str) -> None:
        self._store.outbox_retry_later(entry.id, code, message)
        self.waiting_for_hub = True
        await asyncio.sleep(self._backoff.next_delay())

    def _done(self, entry: OutboxItem, response: dict[str, Any] | None) -> None:
        if entry.kind == OutboxKind.SEND and response and response.get("status") == "failed":
            # A replayed key answers with the message as it ended: failed at WhatsApp.
            error = response.get("error") or {}
            code = "window_closed" if error.get("code") == 131047 else "send_failed"
            self._fail(entry, code, str(error.get("meaning") or "The message was not sent."))
            return
        self._store.outbox_mark_done(entry.id, response)
        self._report(entry, True, response=response)

    def _fail(self, entry: OutboxItem, code: str, message: str) -> None:
        self._store.outbox_mark_failed(entry.id, code, message, actor=self._user_id)
        self._report(entry, False, code=code, message=message)

    async def _refused(self, entry: OutboxItem, exc: Refused) -> None:
        # ``attempts`` counts earlier tries: this one may be a replay.
        if entry.attempts >= 1 and exc.code in _REPLAY_REFUSALS and entry.conversation_id:
            try:
                current = await self._api.conversation(entry.conversation_id)
            except HubError:
                current = None
            if current is not None and self._already_done(entry, current):
                self._done(entry, current)
                return
        self._fail(entry, exc.code, exc.message)

    def _already_done(self, entry: OutboxItem, c: dict[str, Any]) -> bool:
        """Whether the conversation already is as ``entry`` wanted it."""
        p = entry.payload
        me = self._user_id
        if entry.kind == OutboxKind.CLAIM:
            return bool(c["state"] == "assigned" and c["assignee"] == me)
        if entry.kind == OutboxKind.RELEASE:
            return bool(c["state"] == "queued" and c["assignee"] is None)
        if entry.kind == OutboxKind.CLOSE:
            return bool(c["state"] == "closed" and c.get("disposition") == p.get("disposition"))
        if entry.kind in (OutboxKind.REOPEN, OutboxKind.TAKE_OVER):
            return bool(c["state"] == "assigned" and c["assignee"] == me)
        if entry.kind == OutboxKind.ASSIGN:
            return bool(c["state"] == "assigned" and c["assignee"] == p.get("to_user"))
        if entry.kind == OutboxKind.TRANSFER:
            if p.get("to_user"):
                return bool(c["assignee"] == p["to_user"])
            return bool(c["state"] == "queued" and c["queue"] == p.get("to_queue"))
        return False

    async def _perform(self, entry: OutboxItem) -> dict[str, Any] | None:
        p = entry.payload
        cid = entry.conversation_id or ""
        key = entry.idempotency_key
        api = self._api
        match entry.kind:
            case OutboxKind.SEND if p.get("type", "text") == "text":
                return await api.send_text(cid, p["text"], entry.idempotency_key, p.get("reply_to"))
            case OutboxKind.SEND:
                return await api.send_template(
                    cid,
                    p["name"],
                    p["language"],
                    TemplateParams.from_json(p),
                    entry.idempotency_key,
                )
            case OutboxKind.CLAIM:
                return await api.claim(cid, key=key)
            case OutboxKind.RELEASE:
                return await api.release(cid, key=key)
            case OutboxKind.TRANSFER:
                return await api.transfer(
                    cid,
                    to_user=p.get("to_user"),
                    to_queue=p.get("to_queue"),
                    note=p.get("note"),
                    key=key,
                )
            case OutboxKind.CLOSE:
                return await api.close(
                    cid, p["disposition"], p.get("note"), p.get("checklist"), key=key
                )
            case OutboxKind.REOPEN:
                return await api.reopen(cid, key=key)
            case OutboxKind.TAKE_OVER:
                return await api.take_over(cid, key=key)
            case OutboxKind.READ:
                return await api.mark_read(cid)
            case OutboxKind.STATUS:
                return await api.set_status(p["status"])
            case OutboxKind.NOTE:
                return await api.add_note(cid, p["text"], entry.idempotency_key)
            case OutboxKind.TAG_ADD:
                return await api.add_tag(p["wa_id"], p["tag"])
            case OutboxKind.TAG_REMOVE:
                return await api.remove_tag(p["wa_id"], p["tag"])
            case OutboxKind.MARKETING_STOP | OutboxKind.MARKETING_RESUME:
                stop = entry.kind is OutboxKind.MARKETING_STOP
                return await api.set_marketing(p["wa_id"], stop)
            case OutboxKind.ASSIGN:
                return await self._supervisor.assign(cid, p["to_user"], key=key)
            case OutboxKind.CHANGE_AGENT:
                return await self._supervisor.change_agent(
                    p["user"],
                    key=key,
                    status=AgentStatus(p["status"]) if "status" in p else None,
                    capacity=p.get("capacity", KEEP),
                )
            case OutboxKind.PROMISE_MAKE:
                return await api.make_promise(cid, p, key=key)
            case (
                OutboxKind.PROMISE_KEEP
                | OutboxKind.PROMISE_RESCHEDULE
                | OutboxKind.PROMISE_BREAK
                | OutboxKind.PROMISE_TRANSFER
            ):
                body = {k: v for k, v in p.items() if k != "promise"}
                return await api.change_promise(
                    p["promise"], _PROMISE_CHANGE[entry.kind], body, key=key
                )
        raise ValueError(f"unknown outbox kind {entry.kind!r}")

    def _report(
        self,
        entry: OutboxItem,
        ok: bool,
        *,
        response: dict[str, Any] | None = None,
        code: str | None = None,
        message: str | None = None,
        session_expired: bool = False,
    ) -> None:
        result = OutboxResult(
            entry.id,
            entry.kind,
            entry.conversation_id,
            ok,
            response,
            code,
            message,
            session_expired=session_expired,
        )
        try:
            self._on_result(result)
        except Exception:
            log.exception("outbox result handler failed")
