"""Conversations: list, detail, history, and the agent actions on them."""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query
from pydantic import BaseModel, Field, model_validator

from wa_desk.core.clock import now_ms
from wa_desk.core.templates import MAX_LOCATION_TEXT, Place
from wa_desk.hub import actions, sending, supervisor_views
from wa_desk.hub.actions import (
    ChecklistIncomplete,
    Closing,
    NotVisible,
    TransferTarget,
    UnknownDisposition,
)
from wa_desk.hub.api import paging
from wa_desk.hub.api.body_text import Utf8
from wa_desk.hub.api.deps import CurrentUser, Hub, visible_queues
from wa_desk.hub.api.errors import ApiError, error_response
from wa_desk.hub.api.json_response import JsonResponse
from wa_desk.hub.context import HubContext
from wa_desk.hub.csat_sending import send_queued_survey
from wa_desk.hub.graph import GraphRequestFailed
from wa_desk.hub.queries import conversations, messages
from wa_desk.hub.supervisor_views import ViewedPart
from wa_desk.whatsapp.errors import ErrorKind, describe
from wa_desk.whatsapp.send_bodies import mark_as_read

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1/conversations")
MAX_CHECKLIST_ITEMS = 50
# Bounds for what a body names rather than says: Meta's template names are at most 512
# characters, language codes a few (``es``, ``pt_BR``), wamids and user ids under 200.
MAX_ID_LENGTH = 200
MAX_TEMPLATE_NAME = 512
MAX_LANGUAGE_CODE = 20
MAX_TEMPLATE_PARAMS = 100
MAX_URL_SUFFIX = 2000  # a URL button's suffix or a media header's link


def _not_found(conversation_id: str) -> ApiError:
    return ApiError(404, "not_found", f"No conversation {conversation_id} that you can see.")


@router.get("")
async def list_conversations(
    user: CurrentUser,
    ctx: Hub,
    state: Literal["queued", "assigned", "closed"] | None = None,
    queue: Annotated[str | None, Query(max_length=100)] = None,
    assigned: Annotated[str | None, Query(max_length=MAX_ID_LENGTH)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    wa_id: Annotated[str | None, Query(max_length=32)] = None,
    limit: int = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    paging.check_limit(limit)
    after = paging.decode(cursor)
    f = conversations.ListFilter(
        queues=visible_queues(user),
        state=state,
        queue=queue,
        assigned=user.id if assigned == "me" else assigned,
        search=q.strip() if q and q.strip() else None,
        wa_id=wa_id,
    )
    rows = await ctx.db.read(lambda c: conversations.list_page(c, f, limit + 1, after))
    more = len(rows) > limit
    rows = rows[:limit]
    items = [conversations.view(r) for r in rows]
    next_cursor = paging.encode(rows[-1]["last_message_at"], rows[-1]["id"]) if more else None
    return {"items": items, "next": next_cursor}


@router.get("/{conversation_id}")
async def get_conversation(conversation_id: str, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    """The conversation, plus ``contact_conversations_elsewhere``: how many other
    conversations its contact has in queues the caller cannot open (the count only, so
    the agent knows the customer is not new without seeing another team's chats)."""
    queues, now = visible_queues(user), now_ms()

    def load(c: Any) -> tuple[Any, int, bool]:
        row = actions.load_visible(c, user, conversation_id)
        elsewhere = conversations.count_elsewhere(c, row["wa_id"], conversation_id, queues)
        return row, elsewhere, supervisor_views.is_due(c, user.id, conversation_id, now)

    try:
        row, elsewhere, due = await ctx.db.read(load)
    except NotVisible:
        raise _not_found(conversation_id) from None
    await supervisor_views.note_view(ctx, user, row, ViewedPart.CONVERSATION, due, now)
    return {**conversations.view(row), "contact_conversations_elsewhere": elsewhere}


@router.get("/{conversation_id}/messages")
async def list_messages(
    conversation_id: str,
    user: CurrentUser,
    ctx: Hub,
    limit: int = 50,
    before: str | None = None,
    cursor: str | None = None,
) -> dict[str, Any]:
    paging.check_limit(limit)
    start = paging.decode(cursor or before)
    now = now_ms()

    def load(c: Any) -> tuple[Any, list[dict[str, Any]], bool]:
        row = actions.load_visible(c, user, conversation_id)
        due = supervisor_views.is_due(c, user.id, conversation_id, now)
        return row, messages.page(c, conversation_id, limit + 1, start), due

    try:
        conv, rows, due = await ctx.db.read(load)
    except NotVisible:
        raise _not_found(conversation_id) from None
    await supervisor_views.note_view(ctx, user, conv, ViewedPart.MESSAGES, due, now)
    more = len(rows) > limit
    if more:
        rows = rows[1:]
    next_cursor = paging.encode(rows[0]["timestamp"], rows[0]["id"]) if more else None
    return {"items": [messages.view(r) for r in rows], "next": next_cursor}


class ButtonParam(BaseModel):
    """A URL button's dynamic suffix or a copy-code button's code, by the button's
    index in the template (quick replies count)."""

    index: Annotated[int, Field(ge=0, le=9)]
    text: Annotated[str, Field(min_length=1, max_length=MAX_URL_SUFFIX), Utf8]


class HeaderLocation(BaseModel):
    """A location header's place, as the Cloud API's ``location`` parameter has it."""

    latitude: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    longitude: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
    name: Annotated[str, Field(min_length=1, max_length=MAX_LOCATION_TEXT), Utf8]
    address: Annotated[str, Field(min_length=1, max_length=MAX_LOCATION_TEXT), Utf8]

    def place(self) -> Place:
        return Place(self.latitude, self.longitude, self.name, self.address)


class SendRequest(BaseModel):
    type: Literal["text", "template"] = "text"
    text: Annotated[str | None, Field(max_length=4096), Utf8] = None
    # The WhatsApp id (wamid) of a message of this conversation the text answers: the
    # customer sees it quoted, as a WhatsApp reply.
    reply_to: Annotated[str | None, Field(max_length=MAX_ID_LENGTH), Utf8] = None
    template: Annotated[str | None, Field(max_length=MAX_TEMPLATE_NAME), Utf8] = None
    language: Annotated[str | None, Field(max_length=MAX_LANGUAGE_CODE), Utf8] = None
    body_params: list[Annotated[str, Field(max_length=1024), Utf8]] = Field(
        default_factory=list, max_length=MAX_TEMPLATE_PARAMS
    )
    header_params: list[Annotated[str, Field(max_length=60), Utf8]] = Field(
        default_factory=list, max_length=MAX_TEMPLATE_PARAMS
    )
    header_link: Annotated[str | None, Field(max_length=MAX_URL_SUFFIX), Utf8] = None
    header_location: HeaderLocation | None = None
    button_params: list[ButtonParam] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _complete(self) -> SendRequest:
        if self.type == "text" and not (self.text and self.text.strip()):
            raise ValueError("a text message needs non-empty text")
        if self.type == "template" and not (self.template and self.language):
            raise ValueError("a template message needs template and language")
        return self

    def as_send(self) -> sending.Send:
        if self.type == "text":
            assert self.text is not None
            return sending.TextSend(self.text, self.reply_to)
        assert self.template and self.language
        return sending.TemplateSend(
            self.template,
            self.language,
            tuple(self.body_params),
            tuple(self.header_params),
            self.header_link or None,
            tuple((b.index, b.text) for b in self.button_params),
            self.header_location.place() if self.header_location else None,
        )


@router.post("/{conversation_id}/messages", status_code=201, response_model=None)
async def send_message(
    conversation_id: str,
    body: SendRequest,
    user: CurrentUser,
    ctx: Hub,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> dict[str, Any] | JsonResponse:
    """Send a text or template. An ``Idempotency-Key`` the same user already sent in this
    conversation answers 200 with that first message and sends nothing again; the same
    key in another conversation is another send. A conversation the user cannot see is a
    404 whatever the key. A ``reply_to`` that is not the WhatsApp id of a message of this
    conversation is a 422 ``reply_not_in_conversation``, and nothing is sent."""
    try:
        result = await sending.send_message(
            ctx, user, conversation_id, body.as_send(), idempotency_key
        )
    except NotVisible:
        raise _not_found(conversation_id) from None
    except sending.GuidelineBlocked as exc:
        raise ApiError(422, "guideline_blocked", exc.rule.message, rule=exc.rule.id) from None
    if result.error is not None:
        info = describe(result.error["code"])
        code = "window_closed" if info.kind is ErrorKind.WINDOW else "send_failed"
        status = 409 if info.kind is ErrorKind.WINDOW else 422
        return error_response(
            status,
            code,
            result.error["meaning"],
            whatsapp_error=result.error,
            message_id=result.message["id"],
        )
    if result.replayed:
        return JsonResponse(result.message, status_code=200)
    return result.message


async def _act(ctx: HubContext, conversation_id: str, fn: Any) -> dict[str, Any]:
    try:
        value: dict[str, Any] = await ctx.write(fn)
    except NotVisible:
        raise _not_found(conversation_id) from None
    return value


# A state change's ``Idempotency-Key`` (optional) is written into the fact the hub records,
# so an auditor can tell which of a device's logged intents took effect.
ActionKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]


@router.post("/{conversation_id}/claim")
async def claim(
    conversation_id: str, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    now = now_ms()
    return await _act(
        ctx, conversation_id, lambda c: actions.claim(c, user, conversation_id, now, key)
    )


@router.post("/{conversation_id}/release")
async def release(
    conversation_id: str, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    now = now_ms()
    return await _act(
        ctx, conversation_id, lambda c: actions.release(c, user, conversation_id, now, key)
    )


class TransferRequest(BaseModel):
    to_user: Annotated[str | None, Field(max_length=MAX_ID_LENGTH), Utf8] = None
    to_queue: Annotated[str | None, Field(max_length=100), Utf8] = None
    note: Annotated[str | None, Field(max_length=2000), Utf8] = None


@router.post("/{conversation_id}/transfer")
async def transfer(
    conversation_id: str,
    body: TransferRequest,
    user: CurrentUser,
    ctx: Hub,
    key: ActionKey = None,
) -> dict[str, Any]:
    now = now_ms()
    target = TransferTarget(body.to_user, body.to_queue, body.note)
    return await _act(
        ctx,
        conversation_id,
        lambda c: actions.transfer(c, user, conversation_id, target, now, key),
    )


class CloseRequest(BaseModel):
    disposition: Annotated[str, Field(min_length=1, max_length=64), Utf8]
    note: Annotated[str | None, Field(max_length=2000), Utf8] = None
    # The closing checklist as the agent left it: item id -> ticked.
    checklist: dict[Annotated[str, Field(min_length=1, max_length=64), Utf8], bool] | None = None

    @model_validator(mode="after")
    def _short_checklist(self) -> CloseRequest:
        if self.checklist is not None and len(self.checklist) > MAX_CHECKLIST_ITEMS:
            raise ValueError(f"a checklist has at most {MAX_CHECKLIST_ITEMS} items")
        return self


@router.post("/{conversation_id}/close")
async def close(
    conversation_id: str,
    body: CloseRequest,
    user: CurrentUser,
    ctx: Hub,
    key: ActionKey = None,
) -> dict[str, Any]:
    """Close with a disposition, an optional note and the closing checklist as the agent
    left it. 422 ``unknown_disposition`` (with ``allowed``, the queue's disposition ids)
    when the disposition is not one of the queue's in the policy (``GET /api/v1/policy``,
    ``dispositions``); 422 ``checklist_incomplete`` (with ``items``) when a required item
    is not ticked."""
    now = now_ms()
    closing = Closing(body.disposition, body.note, body.checklist)
    guidelines = ctx.settings.guidelines
    try:
        closed = await _act(
            ctx,
            conversation_id,
            lambda c: actions.close(c, user, conversation_id, closing, guidelines, now, key),
        )
    except UnknownDisposition as exc:
        raise ApiError(
            422, "unknown_disposition", str(exc), allowed=[d.id for d in exc.allowed]
        ) from None
    except ChecklistIncomplete as exc:
        raise ApiError(
            422, "checklist_incomplete", str(exc), items=[i.id for i in exc.missing]
        ) from None
    await send_queued_survey(ctx, conversation_id)  # the close's survey, if it queued one
    return closed


@router.post("/{conversation_id}/reopen")
async def reopen(
    conversation_id: str, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    now = now_ms()
    return await _act(
        ctx, conversation_id, lambda c: actions.reopen(c, user, conversation_id, now, key)
    )


@router.post("/{conversation_id}/takeover")
async def take_over(
    conversation_id: str, user: CurrentUser, ctx: Hub, key: ActionKey = None
) -> dict[str, Any]:
    """A supervisor of the conversation's queue, or an administrator, takes an assigned
    conversation from the agent who holds it: it becomes the caller's. The hub records
    ``conversation.taken_over`` (``from_user``, ``to_user``, ``queue`` and the
    ``Idempotency-Key``) and tells the queue's stream (``conversation.taken_over``, then
    ``conversation.updated``). Refused with 403 ``supervisor_only`` for anyone else, 409
    ``not_assigned`` (nobody holds it), ``already_yours``, ``conversation_closed``, or
    ``already_assigned`` when it changed hands meanwhile."""
    now = now_ms()
    return await _act(
        ctx, conversation_id, lambda c: actions.take_over(c, user, conversation_id, now, key)
    )


@router.post("/{conversation_id}/read")
async def mark_read(conversation_id: str, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    """The agent has read the conversation: unread goes to zero and the customer sees
    blue ticks on their last message."""
    now = now_ms()
    view = await _act(
        ctx, conversation_id, lambda c: actions.mark_read(c, user, conversation_id, now)
    )
    wamid = await ctx.db.read(lambda c: actions.last_inbound_wamid(c, conversation_id))
    if wamid:
        ctx.spawn(_tell_whatsapp_read(ctx, view["phone_number_id"], wamid), "mark-read")
    return view


async def _tell_whatsapp_read(ctx: HubContext, phone_number_id: str, wamid: str) -> None:
    try:
        await ctx.graph.mark_read(phone_number_id, mark_as_read(wamid))
    except GraphRequestFailed as exc:
        # Read receipts are a courtesy; a failure changes nothing for the agent.
        log.info("mark-as-read refused: %s", exc)
