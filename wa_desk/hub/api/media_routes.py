"""``GET /api/v1/conversations/{id}/messages/{message_id}/media``: a customer's file.

Any agent who may see the conversation may download its media. The hub fetches it from
WhatsApp with its own token (see ``wa_desk.hub.media``) and streams it from its disk
cache as an attachment named after the customer's file, sanitized.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse

from wa_desk.hub import actions
from wa_desk.hub.actions import NotVisible
from wa_desk.hub.api.deps import CurrentUser, Hub
from wa_desk.hub.api.errors import ApiError
from wa_desk.hub.media import (
    MediaFetcher,
    MediaUnavailable,
    content_disposition,
    download_name,
    media_ref,
)
from wa_desk.hub.queries import messages

router = APIRouter(prefix="/api/v1/conversations")


def media_fetcher(request: Request, ctx: Hub) -> MediaFetcher:
    """The hub's fetcher, made on first use from its settings."""
    fetcher: MediaFetcher | None = getattr(request.app.state, "media_fetcher", None)
    if fetcher is None:
        fetcher = MediaFetcher.from_settings(ctx.settings)
        request.app.state.media_fetcher = fetcher
    return fetcher


Fetcher = Annotated[MediaFetcher, Depends(media_fetcher)]

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such conversation or message that you can see, or no media"},
    410: {"description": "WhatsApp no longer has the file (media ids expire)"},
    413: {"description": "The file is larger than this hub serves"},
    503: {"description": "WhatsApp refused or could not be reached; the reason says which"},
}


@router.get(
    "/{conversation_id}/messages/{message_id}/media",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, **_ERRORS},
)
async def get_media(
    conversation_id: str, message_id: str, user: CurrentUser, ctx: Hub, fetcher: Fetcher
) -> FileResponse:
    def load(c: Any) -> tuple[Any, Any]:
        conversation = actions.load_visible(c, user, conversation_id)
        return conversation, messages.get(c, message_id)

    try:
        conversation, row = await ctx.db.read(load)
    except NotVisible:
        raise ApiError(
            404, "not_found", f"No conversation {conversation_id} that you can see."
        ) from None
    if row is None or row["conversation_id"] != conversation_id:
        raise ApiError(404, "not_found", f"No message {message_id} in this conversation.")
    ref = media_ref(row, conversation["phone_number_id"])
    if ref is None:
        raise ApiError(404, "no_media", "This message has no file to download.")
    try:
        file = await fetcher.fetch(ref)
    except MediaUnavailable as exc:
        raise ApiError(exc.status, exc.code, exc.message) from None
    return FileResponse(
        file.path,
        media_type=file.mime_type,
        headers={
            "Content-Disposition": content_disposition(download_name(ref, file.mime_type)),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Cache-Control": "private, max-age=86400",
            "ETag": f'"{file.sha256}"',
        },
    )
