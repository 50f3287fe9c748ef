"""The API's description of itself (``/openapi.json``, ``/docs``, ``/redoc``), served as
``[http] api_docs`` says: to anyone, to signed-in users only, or not at all.

It describes the routes and their bodies and holds no data; ``off`` still hides the
shape of the API from whoever probes it, which a production hub has no need to show.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from wa_desk.hub.api.deps import CurrentUser
from wa_desk.hub.http_limits import ApiDocs

OPENAPI = "/openapi.json"
DOCS = "/docs"
REDOC = "/redoc"

router = APIRouter(include_in_schema=False)


def fastapi_doc_urls(mode: ApiDocs) -> dict[str, Any]:
    """``FastAPI(...)`` arguments: its own open routes only when the docs are public."""
    if mode is ApiDocs.PUBLIC:
        return {"openapi_url": OPENAPI, "docs_url": DOCS, "redoc_url": REDOC}
    return {"openapi_url": None, "docs_url": None, "redoc_url": None}


def signed_in_router(mode: ApiDocs) -> APIRouter | None:
    """The same three routes behind a valid bearer token, when ``mode`` asks for it."""
    return router if mode is ApiDocs.SIGNED_IN else None


@router.get(OPENAPI)
async def openapi(request: Request, _: CurrentUser) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get(DOCS)
async def swagger_ui(request: Request, _: CurrentUser) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url=OPENAPI, title=f"{request.app.title} - docs")


@router.get(REDOC)
async def redoc(request: Request, _: CurrentUser) -> HTMLResponse:
    return get_redoc_html(openapi_url=OPENAPI, title=f"{request.app.title} - ReDoc")
