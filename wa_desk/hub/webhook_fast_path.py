"""``POST /webhooks/whatsapp`` served straight from ASGI, in front of the FastAPI app.

Webhook deliveries are the hub's hottest path (Meta sends one request per update); the
framework's routing, dependency and middleware layers cost more CPU than storing the
message. Everything else, the handshake included, goes on to the app untouched.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from wa_desk.hub.context import HubContext
from wa_desk.hub.webhook_intake import Answer, take_delivery
from wa_desk.whatsapp.signature import HEADER

PATH = "/webhooks/whatsapp"
_SIGNATURE = HEADER.lower().encode("latin-1")
_JSON = [(b"content-type", b"application/json")]


class WebhookFastPath:
    def __init__(self, app: ASGIApp, ctx: HubContext) -> None:
        self.app = app
        self.ctx = ctx
        self.max_bytes = ctx.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        signature_header: str | None = None
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await _answer(send, _too_large(self.max_bytes))
                return
            if name == _SIGNATURE:
                signature_header = value.decode("latin-1")
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _answer(send, _too_large(self.max_bytes))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        await _answer(send, await take_delivery(self.ctx, body, signature_header))


def _too_large(limit: int) -> Answer:
    message = b'{"error":{"code":"body_too_large","message":"The body exceeds %d bytes."}}'
    return Answer(413, message % limit)


async def _answer(send: Send, answer: Answer) -> None:
    headers = [(b"content-length", str(len(answer.body)).encode())]
    if answer.body:
        headers += _JSON
    if answer.retry_after is not None:
        headers.append((b"retry-after", str(answer.retry_after).encode()))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
