"""Meta's webhook endpoint: the verification handshake and signed update deliveries."""

from __future__ import annotations

import logging

import orjson
from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from wa_desk.core.clock import now_ms
from wa_desk.hub.api.errors import error_response
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.ingest import ingest
from wa_desk.hub.outcome import Outcome
from wa_desk.whatsapp import signature
from wa_desk.whatsapp.webhook_parser import WebhookFormatError, parse_webhook

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
    ctx: HubContext = request.app.state.hub
    body = await request.body()
    header = request.headers.get(signature.HEADER)
    if not signature.is_valid(body, header, ctx.settings.app_secret.reveal()):
        log.warning("webhook with a missing or wrong signature refused")
        return error_response(
            401, "bad_signature", "Missing or wrong X-Hub-Signature-256 for this app secret."
        )
    try:
        decoded = orjson.loads(body)
        parsed = parse_webhook(decoded)
    except (orjson.JSONDecodeError, WebhookFormatError) as exc:
        return error_response(400, "malformed_update", f"Not a webhook update: {exc}")
    if not (parsed.messages or parsed.statuses or parsed.unreadable):
        return Response(status_code=200)
    queue_of = ctx.settings.queue_for
    now = now_ms()

    def store(conn: Conn) -> Outcome[None]:
        return Outcome(None, ingest(conn, parsed, queue_of, now))

    await ctx.write(store)
    return Response(status_code=200)
