"""Meta's webhook endpoint: the verification handshake and signed update deliveries."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from wa_desk.hub.api.errors import error_response
from wa_desk.hub.context import HubContext
from wa_desk.hub.webhook_intake import take_delivery
from wa_desk.whatsapp import signature

log = logging.getLogger(__name__)

router = APIRouter()


@router.get("/webhooks/whatsapp", include_in_schema=True)
async def verify(request: Request) -> Response:
    ctx: HubContext = request.app.state.hub
    params = request.query_params
    if (
        params.get("hub.mode") == "subscribe"
        and params.get("hub.verify_token") == ctx.settings.verify_token.reveal()
        and params.get("hub.challenge") is not None
    ):
        return PlainTextResponse(params["hub.challenge"])
    return error_response(403, "verification_failed", "Wrong verify token or mode.")


@router.post("/webhooks/whatsapp")
async def receive(request: Request) -> Response:
    """Signed update deliveries (served by the hub's fast path; this route documents it)."""
    ctx: HubContext = request.app.state.hub
    body = await request.body()
    answer = await take_delivery(ctx, body, request.headers.get(signature.HEADER))
    media = "application/json" if answer.body else None
    return Response(answer.body, status_code=answer.status, media_type=media)
