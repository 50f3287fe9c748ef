"""Private notes on conversations; tags and the marketing opt-out on contacts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path
from pydantic import BaseModel, Field, StrictBool, field_validator

from wa_desk.core.clock import now_ms
from wa_desk.core.tags import InvalidTag, normalize_tag
from wa_desk.hub import notes_and_tags, opt_out
from wa_desk.hub.actions import NotVisible
from wa_desk.hub.api.body_text import Utf8
from wa_desk.hub.api.deps import CurrentUser, Hub
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.api.json_response import JsonResponse
from wa_desk.hub.notes_and_tags import ContactNotVisible

router = APIRouter(prefix="/api/v1")

MAX_NOTE_LENGTH = 2000


def _no_conversation(conversation_id: str) -> ApiError:
    return ApiError(404, "not_found", f"No conversation {conversation_id} that you can see.")


def _no_contact(wa_id: str) -> ApiError:
    return ApiError(404, "not_found", f"No customer {wa_id} in a queue that you can see.")


class NoteRequest(BaseModel):
    text: Annotated[str, Field(min_length=1, max_length=MAX_NOTE_LENGTH), Utf8]

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a note needs some text")
        return value.strip()


@router.get("/conversations/{conversation_id}/notes")
async def list_notes(conversation_id: str, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    """Every note on the conversation, oldest first (transfer and closing notes too)."""
    try:
        items = await ctx.db.read(lambda c: notes_and_tags.list_notes(c, user, conversation_id))
    except NotVisible:
        raise _no_conversation(conversation_id) from None
    return {"items": items, "next": None}


@router.post("/conversations/{conversation_id}/notes", status_code=201, response_model=None)
async def add_note(
    conversation_id: str,
    body: NoteRequest,
    user: CurrentUser,
    ctx: Hub,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> dict[str, Any] | JsonResponse:
    """A private note: agents who can see the conversation read it; the customer never.
    An ``Idempotency-Key`` the author already used on this conversation answers 200 with
    that note; on another conversation it is another note."""
    now = now_ms()
    try:
        note, new = await ctx.write(
            lambda c: notes_and_tags.add_note(
                c, user, conversation_id, body.text, idempotency_key, now
            )
        )
    except NotVisible:
        raise _no_conversation(conversation_id) from None
    return note if new else JsonResponse(note, status_code=200)


def _tag(raw: str) -> str:
    try:
        return normalize_tag(raw)
    except InvalidTag as exc:
        raise ApiError(422, "invalid_tag", str(exc)) from None


WaId = Annotated[str, Path(max_length=32)]
Tag = Annotated[str, Path(max_length=200)]


@router.get("/contacts/{wa_id}/tags")
async def contact_tags(wa_id: WaId, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    try:
        value: dict[str, Any] = await ctx.db.read(lambda c: notes_and_tags.tags(c, user, wa_id))
    except ContactNotVisible:
        raise _no_contact(wa_id) from None
    return value


async def _change(ctx: Any, user: Any, wa_id: str, tag: str, add: bool) -> dict[str, Any]:
    now = now_ms()
    try:
        value: dict[str, Any] = await ctx.write(
            lambda c: notes_and_tags.change_tag(c, user, wa_id, tag, add, now)
        )
    except ContactNotVisible:
        raise _no_contact(wa_id) from None
    return value


@router.put("/contacts/{wa_id}/tags/{tag}")
async def add_tag(wa_id: WaId, tag: Tag, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    """Tag the customer (normalised: "VIP " and "vip" are one tag); the contact's tags."""
    return await _change(ctx, user, wa_id, _tag(tag), True)


@router.delete("/contacts/{wa_id}/tags/{tag}")
async def remove_tag(wa_id: WaId, tag: Tag, user: CurrentUser, ctx: Hub) -> dict[str, Any]:
    return await _change(ctx, user, wa_id, _tag(tag), False)


class MarketingRequest(BaseModel):
    opted_out: StrictBool  # true: the customer stopped marketing messages; false: resumed them


@router.put("/contacts/{wa_id}/marketing")
async def set_marketing(
    wa_id: WaId, body: MarketingRequest, user: CurrentUser, ctx: Hub
) -> dict[str, Any]:
    """Record that the customer stopped (or resumed) marketing messages, as they told an
    agent some other way than a keyword (docs/opt_out.md): ``{"wa_id",
    "marketing_opt_out"}``, the latter null while they get marketing. Setting what is
    set already changes nothing."""
    now = now_ms()
    try:
        value: dict[str, Any] = await ctx.write(
            lambda c: opt_out.set_by_user(c, user, wa_id, body.opted_out, now)
        )
    except ContactNotVisible:
        raise _no_contact(wa_id) from None
    return value
