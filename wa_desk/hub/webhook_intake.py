"""One webhook delivery: signature, parsing, storage, and the answer Meta gets.

Shared by the FastAPI route (documented in the OpenAPI schema) and the fast path that
serves the same URL without the framework's layers (see ``webhook_fast_path``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import orjson

from wa_desk.core.clock import now_ms
from wa_desk.hub.auto_reply_sending import send_queued
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.db.errors import StorageError
from wa_desk.hub.ingest import ingest
from wa_desk.hub.outcome import Outcome
from wa_desk.hub.queries import templates
from wa_desk.hub.queries.inbound import InboundAhead
from wa_desk.hub.template_sync import sync_templates
from wa_desk.whatsapp import signature
from wa_desk.whatsapp.updates import ParsedWebhook
from wa_desk.whatsapp.webhook_parser import WebhookFormatError, parse_webhook

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes = b""
    retry_after: int | None = None  # seconds, sent as ``Retry-After``


def _error(status: int, code: str, message: str) -> Answer:
    return Answer(status, orjson.dumps({"error": {"code": code, "message": message}}))


_OK = Answer(200)
BAD_SIGNATURE = _error(
    401, "bad_signature", "Missing or wrong X-Hub-Signature-256 for this app secret."
)


async def take_delivery(ctx: HubContext, body: bytes, signature_header: str | None) -> Answer:
    """Store a delivery whole and answer 200 only once it is committed."""
    if not signature.is_valid(body, signature_header, ctx.settings.app_secret.reveal()):
        log.warning("webhook with a missing or wrong signature refused")
        return BAD_SIGNATURE
    try:
        parsed = parse_webhook(orjson.loads(body))
    except (orjson.JSONDecodeError, WebhookFormatError) as exc:
        return _error(400, "malformed_update", f"Not a webhook update: {exc}")
    if not (
        parsed.messages
        or parsed.statuses
        or parsed.unreadable
        or parsed.template_statuses
        or parsed.user_preferences
    ):
        return _OK
    queue_of = ctx.settings.queue_for
    alerts = ctx.settings.guidelines.alerts
    guidelines = ctx.settings.guidelines
    keywords = guidelines.opt_out
    now = now_ms()

    ahead = InboundAhead(parsed)

    def store(conn: Conn) -> Outcome[None]:
        events = ingest(conn, parsed, queue_of, now, alerts, keywords, guidelines, ahead)
        return Outcome(None, events)

    try:
        await ctx.write(store, ahead)
    except StorageError as exc:
        # Meta retries anything but a 200: nothing is lost, the delivery comes back.
        log.error("webhook delivery not stored: %s", exc)
        refused = _error(503, exc.code, exc.public)
        return Answer(refused.status, refused.body, retry_after=exc.retry_after)
    if parsed.template_statuses:
        await _sync_unknown_templates(ctx, parsed)
    if parsed.messages and guidelines.auto_replies:
        # After the commit, never before the 200: what the delivery queued goes now.
        ctx.spawn(send_queued(ctx), "auto-replies")
    return _OK


async def _sync_unknown_templates(ctx: HubContext, parsed: ParsedWebhook) -> None:
    """A status for a template the hub has not synced (one just created and approved):
    the account's templates are synced now rather than at the next interval, so agents
    can send it at once (the sync announces it)."""
    named = {(t.name, t.language) for t in parsed.template_statuses}

    def unknown(conn: Conn) -> bool:
        return any(templates.get(conn, name, language) is None for name, language in named)

    if not ctx.settings.waba_id:
        return
    missing: bool = await ctx.db.read(unknown)
    if missing:
        ctx.spawn(sync_templates(ctx), "template-sync-on-webhook")
