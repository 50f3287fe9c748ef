"""The Graph API stand-in: the paths, bodies, answers and errors of Meta's Cloud API.

``create_graph_app(world, settings)`` returns an ASGI app serving
``POST /{version}/{phone_number_id}/messages``, ``GET /{version}/{waba_id}/message_templates``,
``GET /{version}/{object_id}`` (media ids too), the media endpoints of
``wa_desk.sim.media`` and the test control API under ``/_sim``.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from wa_desk.sim import graph_errors as ge
from wa_desk.sim.control_api import control_router
from wa_desk.sim.engine import CloudSimulator
from wa_desk.sim.media import MediaStore, media_router
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World

_VERSION = re.compile(r"^v\d{1,3}\.\d{1,2}$")
TEMPLATE_PAGE_DEFAULT = 25
TEMPLATE_LIMIT = 250


def _encode_cursor(index: int) -> str:
    return base64.urlsafe_b64encode(str(index).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return int(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ge.invalid_parameter(f"Invalid cursor {cursor!r}.") from None


def create_graph_app(
    world: World | None = None,
    settings: SimSettings | None = None,
    *,
    simulator: CloudSimulator | None = None,
) -> FastAPI:
    """An ASGI app serving the simulated Cloud API; ``app.state.sim`` is its simulator."""
    if simulator is None:
        simulator = CloudSimulator(world or World(), settings or SimSettings())
    sim = simulator

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await sim.aclose()

    app = FastAPI(
        title="wa-desk Cloud API simulator",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.sim = sim
    app.include_router(control_router(sim))
    # -- media (wa_desk.sim.media): upload, delete, download URLs; GET in get_object --
    media = MediaStore(sim.world)
    app.state.media = media
    app.include_router(media_router(sim, media))
    # -- end media --

    @app.exception_handler(ge.GraphError)
    async def graph_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ge.GraphError)
        reason = exc.message[:120].encode("ascii", "replace").decode().replace('"', "'")
        headers = {"WWW-Authenticate": f'OAuth "Facebook Platform" "invalid_request" "{reason}"'}
        return JSONResponse(
            exc.envelope(sim.world.new_trace_id()), status_code=exc.status, headers=headers
        )

    def authorize(request: Request, version: str, object_id: str, method: str) -> None:
        if not _VERSION.match(version):
            raise ge.unknown_object(version, method)
        header = request.headers.get("authorization", "")
        token = (
            header[7:].strip()
            if header.lower().startswith("bearer ")
            else request.query_params.get("access_token", "")
        )
        if not token or not hmac.compare_digest(token.encode(), sim.settings.access_token.encode()):
            raise ge.bad_token()

    @app.post("/{version}/{phone_number_id}/messages")
    async def send(version: str, phone_number_id: str, request: Request) -> JSONResponse:
        authorize(request, version, phone_number_id, "post")
        raw = await request.body()
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            raise ge.invalid_parameter("The request body is not valid JSON.") from None
        if body is None:
            raise ge.missing_parameter("messaging_product")
        return JSONResponse(sim.handle_send(phone_number_id, body))

    @app.get("/{version}/{waba_id}/message_templates")
    async def templates(version: str, waba_id: str, request: Request) -> JSONResponse:
        authorize(request, version, waba_id, "get")
        if waba_id != sim.world.waba_id:
            raise ge.unknown_object(waba_id, "get")
        q = request.query_params
        try:
            limit = int(q.get("limit", TEMPLATE_PAGE_DEFAULT))
        except ValueError:
            raise ge.invalid_parameter("Param limit must be an integer.") from None
        if limit < 1:
            raise ge.invalid_parameter("Param limit must be a positive integer.")
        items = [t for t in sim.world.templates if _template_matches(t.to_graph(), q)]
        start = _decode_cursor(q["after"]) if "after" in q else 0
        if "before" in q:
            end = _decode_cursor(q["before"])
            start = max(0, end - limit)
        page = items[start : start + limit]
        fields = [f for f in q.get("fields", "").split(",") if f]
        data = [_select(t.to_graph(), fields) for t in page]
        body: dict[str, Any] = {"data": data}
        if page:
            paging: dict[str, Any] = {
                "cursors": {
                    "before": _encode_cursor(start),
                    "after": _encode_cursor(start + len(page)),
                }
            }
            if start + len(page) < len(items):
                paging["next"] = str(
                    request.url.include_query_params(
                        after=_encode_cursor(start + len(page))
                    ).remove_query_params("before")
                )
            if start > 0:
                paging["previous"] = str(
                    request.url.include_query_params(
                        before=_encode_cursor(start)
                    ).remove_query_params("after")
                )
            body["paging"] = paging
        if "summary" in q:
            body["summary"] = {
                "total_count": len(sim.world.templates),
                "message_template_count": len(sim.world.templates),
                "message_template_limit": TEMPLATE_LIMIT,
                "are_translations_complete": True,
            }
        return JSONResponse(body)

    @app.get("/{version}/{object_id}")
    async def get_object(version: str, object_id: str, request: Request) -> JSONResponse:
        authorize(request, version, object_id, "get")
        world = sim.world
        number = world.numbers.get(object_id)
        fields = [f for f in request.query_params.get("fields", "").split(",") if f]
        if number is not None:
            info = {
                "verified_name": number.verified_name,
                "code_verification_status": "VERIFIED",
                "display_phone_number": number.display_phone_number,
                "quality_rating": "GREEN",
                "platform_type": "CLOUD_API",
                "throughput": {"level": "STANDARD"},
                "id": number.phone_number_id,
            }
            return JSONResponse(_select(info, fields))
        if object_id == world.waba_id:
            info = {
                "id": world.waba_id,
                "name": "wa-desk demo",
                "currency": "EUR",
                "timezone_id": "1",
                "message_template_namespace": "wa_desk_sim",
            }
            return JSONResponse(_select(info, fields))
        media_info = media.describe(object_id, request)  # media: GET /{version}/{media-id}
        if media_info is not None:
            return JSONResponse(_select(media_info, fields))
        raise ge.unknown_object(object_id, "get")

    @app.get("/{version}/{waba_id}/phone_numbers")
    async def phone_numbers(version: str, waba_id: str, request: Request) -> JSONResponse:
        authorize(request, version, waba_id, "get")
        if waba_id != sim.world.waba_id:
            raise ge.unknown_object(waba_id, "get")
        data = [
            {
                "verified_name": n.verified_name,
                "display_phone_number": n.display_phone_number,
                "id": n.phone_number_id,
                "quality_rating": "GREEN",
            }
            for n in sim.world.numbers.values()
        ]
        return JSONResponse({"data": data})

    @app.api_route("/{path:path}", methods=["GET", "POST", "DELETE", "PUT"])
    async def unknown(path: str, request: Request) -> JSONResponse:
        raise ge.unknown_object(path.strip("/").split("/")[-1] or "/", request.method.lower())

    return app


def _select(obj: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """Graph's ``fields=``: only those keys, and ``id`` always."""
    if not fields:
        return obj
    return {k: v for k, v in obj.items() if k in fields or k == "id"}


def _template_matches(template: dict[str, Any], q: Any) -> bool:
    for key in ("status", "category", "language"):
        wanted = q.get(key)
        if wanted and template[key] not in wanted.split(","):
            return False
    name = q.get("name")
    return not (name and name.lower() not in template["name"].lower())
