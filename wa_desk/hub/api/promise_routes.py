"""The promise ledger: what agents promised customers, and what became of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query
from pydantic import BaseModel, Field, field_validator

from wa_desk.core.clock import Millis, from_rfc3339, now_ms
from wa_desk.core.ids import uuid7
from wa_desk.core.promises import MAX_REASON_LENGTH, MAX_WHAT_LENGTH, PromiseState
from wa_desk.hub import promises
from wa_desk.hub.actions import NotVisible
from wa_desk.hub.api.body_text import Utf8
from wa_desk.hub.api.deps import CurrentUser, Hub
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.api.json_response import JsonResponse
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.outcome import Outcome

router = APIRouter(prefix="/api/v1")

MAX_ID_LENGTH = 200
Id = Annotated[str, Field(min_length=1, max_length=MAX_ID_LENGTH), Utf8]
# The request's ``Idempotency-Key`` (optional) is written into the fact the hub records,
# so an auditor can tell which of a device's logged intents took effect.
ActionKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


def _text(value: str, what: str) -> str:
    if not value.strip():
        raise ValueError(f"{what} needs some text")
    return value.strip()


def _instant(value: str) -> Millis:
    try:
        return from_rfc3339(value)
    except ValueError:
        raise ValueError("must be an RFC 3339 time with a zone: 2026-12-28T18:00:00Z") from None


class MakeRequest(BaseModel):
    # The device's id for it, so the promise it logged before the hub knew it and the
    # hub's are one; a new one when left out.
    id: Id | None = None
    what: Annotated[str, Field(min_length=1, max_length=MAX_WHAT_LENGTH), Utf8]
    due_at: Annotated[str, Field(max_length=40)]
    owner: Id | None = None
    message_id: Id | None = None
    message_key: Id | None = None

    @field_validator("what")
    @classmethod
    def _what(cls, value: str) -> str:
        return _text(value, "a promise")

    @field_validator("due_at")
    @classmethod
    def _due(cls, value: str) -> str:
        _instant(value)
        return value


class KeepRequest(BaseModel):
    # The customer's message that kept it (in this conversation or a later one): its id
    # or WhatsApp id, or the ``Idempotency-Key`` its send carried (a reply still queued
    # on the desk when the agent marked the promise kept).
    message_id: Id | None = None
    message_key: Id | None = None


class RescheduleRequest(BaseModel):
    due_at: Annotated[str, Field(max_length=40)]
    reason: Annotated[str, Field(min_length=1, max_length=MAX_REASON_LENGTH), Utf8]

    @field_validator("due_at")
    @classmethod
    def _due(cls, value: str) -> str:
        _instant(value)
        return value

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        return _text(value, "a reason")


class BreakRequest(BaseModel):
    reason: Annotated[str, Field(min_length=1, max_length=MAX_REASON_LENGTH), Utf8]

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        return _text(value, "a reason")


class TransferRequest(BaseModel):
    to_user: Id


def _not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"No {what} that you can see.")


async def _write(ctx: HubContext, what: str, fn: Callable[[Conn], Outcome[Any]]) -> Any:
    try:
        return await ctx.write(fn)
    except NotVisible:
        raise _not_found(what) from None
    except promises.PromiseRefused as exc:
        raise ApiError(exc.status, exc.code, exc.message) from None


@router.post("/conversations/{conversation_id}/promises", status_code=201, response_model=None)
async def make_promise(
    conversation_id: str, body: MakeRequest, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any] | JsonResponse:
    """Record a promise made to the customer: what, by when, who owns it (the caller when
    left out; any user of the conversation's queue), and the message that made it (its
    id, WhatsApp id, or the ``Idempotency-Key`` its send carried). The same ``id`` again
    answers 200 with the promise as recorded."""
    now = now_ms()
    req = promises.PromiseRequest(
        body.id or uuid7(),
        body.what,
        _instant(body.due_at),
        body.owner,
        body.message_id,
        body.message_key,
    )
    promise, new = await _write(
        ctx,
        f"conversation {conversation_id}",
        lambda c: promises.make(c, user, conversation_id, req, key, now),
    )
    return promise if new else JsonResponse(promise, status_code=200)


@router.get("/conversations/{conversation_id}/promises")
async def conversation_promises(
    conversation_id: str, user: CurrentUser, ctx: Hub
) -> dict[str, Any]:
    """Every promise made in the conversation, oldest first, whatever became of it."""
    try:
        items = await ctx.db.read(lambda c: promises.of_conversation(c, user, conversation_id))
    except NotVisible:
        raise _not_found(f"conversation {conversation_id}") from None
    return {"items": items, "next": None}


@router.get("/contacts/{wa_id}/promises")
async def contact_promises(
    wa_id: Annotated[str, Path(max_length=32)],
    user: CurrentUser,
    ctx: Hub,
    state: Annotated[PromiseState | None, Query()] = None,
) -> dict[str, Any]:
    """The customer's promises across their conversations in the caller's queues (``state``:
    only open, kept or broken ones), the soonest due first: what the next agent reads."""
    items = await ctx.db.read(lambda c: promises.of_contact(c, user, wa_id, state))
    return {"items": items, "next": None}


@router.post("/promises/{promise_id}/keep")
async def keep_promise(
    promise_id: str, body: KeepRequest, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    """Kept, optionally naming the customer's message that kept it (422
    ``message_not_of_customer`` when it is not one of theirs that the caller can see)."""
    now = now_ms()
    message = (body.message_id, body.message_key)
    value: dict[str, Any] = await _write(
        ctx,
        f"promise {promise_id}",
        lambda c: promises.keep(c, user, promise_id, message, key, now),
    )
    return value


@router.post("/promises/{promise_id}/reschedule")
async def reschedule_promise(
    promise_id: str, body: RescheduleRequest, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    """A new due date, with the reason the customer was given."""
    now = now_ms()
    due = _instant(body.due_at)
    value: dict[str, Any] = await _write(
        ctx,
        f"promise {promise_id}",
        lambda c: promises.reschedule(c, user, promise_id, due, body.reason, key, now),
    )
    return value


@router.post("/promises/{promise_id}/break")
async def break_promise(
    promise_id: str, body: BreakRequest, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    """It will not be kept, and why."""
    now = now_ms()
    value: dict[str, Any] = await _write(
        ctx,
        f"promise {promise_id}",
        lambda c: promises.break_(c, user, promise_id, body.reason, key, now),
    )
    return value


@router.post("/promises/{promise_id}/transfer")
async def transfer_promise(
    promise_id: str, body: TransferRequest, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    """Another user of the conversation's queue owns it from now on."""
    now = now_ms()
    value: dict[str, Any] = await _write(
        ctx,
        f"promise {promise_id}",
        lambda c: promises.transfer(c, user, promise_id, body.to_user, key, now),
    )
    return value
