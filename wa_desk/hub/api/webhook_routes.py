"""Meta's webhook endpoint: the verification handshake and signed update deliveries."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from wa_desk.hub.api.errors import error_response
from wa_desk.hub.context import HubContext
from wa_desk.hub.webhook_intake import take_delivery
from wa_desk.whatsapp import handshake, signature

log = logging.getLogger(__name__)

router = APIRouter()

VERIFICATION_FAILED = "verification_failed"
BAD_CHALLENGE = "bad_challenge"


@router.get("/webhooks/whatsapp", include_in_schema=True)
async def verify(request: Request) -> Response:
    """Meta's verification handshake: the challenge echoed when mode and token are right."""
    ctx: HubContext = request.app.state.hub
    params = request.query_params
    modes, tokens = params.getlist("hub.mode"), params.getlist("hub.verify_token")
    # Each exactly once: a second token is a second guess, not a correction.
    if not (
        modes == [handshake.MODE]
        and len(tokens) == 1
        and handshake.token_matches(tokens[0], ctx.settings.verify_token.reveal())
    ):
        return error_response(
            403,
            VERIFICATION_FAILED,
            "Wrong verify token or mode: set the same verify token in Meta's app dashboard "
            "and in the hub's configuration.",
        )
    challenges = params.getlist("hub.challenge")
    if len(challenges) != 1 or not handshake.valid_challenge(challenges[0]):
        return error_response(
            400,
            BAD_CHALLENGE,
            f"Send one hub.challenge of at most {handshake.MAX_CHALLENGE_CHARS} visible "
            "ASCII characters, as Meta does.",
        )
    return PlainTextResponse(
        challenges[0], headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    )


@router.post("/webhooks/whatsapp")
async def receive(request: Request) -> Response:
    """Signed update deliveries (served by the hub's fast path; this route documents it)."""
    ctx: HubContext = request.app.state.hub
    body = await request.body()
    answer = await take_delivery(ctx, body, request.headers.get(signature.HEADER))
    media = "application/json" if answer.body else None
    headers = {"Retry-After": str(answer.retry_after)} if answer.retry_after is not None else None
    return Response(answer.body, status_code=answer.status, media_type=media, headers=headers)
