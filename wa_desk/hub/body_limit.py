"""Every body of the API, checked once before any route reads it: over the size limit
is refused with 413 (before it is read whole when its length is announced), nested
deeper than the JSON depth limit with 400.

Every body the API takes is JSON, and some routes parse it whatever its
``Content-Type`` says, so the depth is checked on any body: a deep body cannot slip past
under another media type.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wa_desk.hub.json_depth import nests_deeper_than

BODY_TOO_LARGE = "body_too_large"
JSON_TOO_DEEP = "json_too_deep"


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, max_json_depth: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_json_depth = max_json_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length: int | None = None
        chunked = False
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = int(value) if value.isdigit() else None
            elif name == b"transfer-encoding":
                chunked = True
        if length is not None and length > self.max_bytes:
            await self._too_large(send)
            return
        if not length and not chunked:  # no body (GET, the stream, ...): nothing to check
            await self.app(scope, receive, send)
            return
        body = await self._read(receive)
        if body is None:  # the client went away
            return
        if len(body) > self.max_bytes:
            await self._too_large(send)
            return
        if nests_deeper_than(body, self.max_json_depth):
            await _refuse(
                send,
                400,
                JSON_TOO_DEEP,
                f"The JSON body nests deeper than {self.max_json_depth} levels; "
                "send the same data flatter.",
            )
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or as much as shows it is over the limit; None on disconnect."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes or not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    async def _too_large(self, send: Send) -> None:
        await _refuse(send, 413, BODY_TOO_LARGE, f"The body exceeds {self.max_bytes} bytes.")


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, as one message; then the connection's own messages (a
    disconnect), for apps that keep listening."""
    pending = True

    async def replayed() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    error: dict[str, Any] = {"error": {"code": code, "message": message}}
    payload = orjson.dumps(error)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
