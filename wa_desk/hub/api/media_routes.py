"""``GET /api/v1/conversations/{id}/messages/{message_id}/media``: a customer's file.

Any agent who may see the conversation may download its media. The hub fetches it from
WhatsApp with its own token (see ``wa_desk.hub.media``) and streams it from its disk
cache as an attachment named after the customer's file, sanitized. It streams from the
file it opened, so the cache's sweep may delete the file meanwhile
(:mod:`wa_desk.hub.media_cache_sweep`) without cutting the download short.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from wa_desk.core.media_codes import MediaCode
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
    410: {
        "description": "WhatsApp no longer has the file (media ids expire) and the hub's "
        "cache no longer holds it (media_gone)"
    },
    413: {"description": "The file is larger than this hub serves"},
    503: {"description": "WhatsApp refused or could not be reached; the reason says which"},
}


@router.get(
    "/{conversation_id}/messages/{message_id}/media",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, **_ERRORS},
)
async def get_media(
    conversation_id: str, message_id: str, user: CurrentUser, ctx: Hub, fetcher: Fetcher
) -> StreamingResponse:
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
        raise ApiError(404, MediaCode.NO_MEDIA, "This message has no file to download.")
    try:
        file, handle = await fetcher.open(ref)
    except MediaUnavailable as exc:
        raise ApiError(exc.status, exc.code, exc.message) from None
    return StreamingResponse(
        _chunks(handle),
        media_type=file.mime_type,
        background=BackgroundTask(handle.close),  # also when the client went away
        headers={
            "Content-Length": str(file.size),
            "Content-Disposition": content_disposition(download_name(ref, file.mime_type)),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Cache-Control": "private, max-age=86400",
            "ETag": f'"{file.sha256}"',
        },
    )


_CHUNK = 64 * 1024


async def _chunks(handle: BinaryIO) -> AsyncIterator[bytes]:
    try:
        while chunk := await asyncio.to_thread(handle.read, _CHUNK):
            yield chunk
    finally:
        handle.close()
