"""The API's error envelope: ``{"error": {"code", "message", ...}}`` with a 4xx status."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from wa_desk.core.conversation import ActionRefused, Refusal
from wa_desk.hub.api.json_response import JsonResponse
from wa_desk.hub.db.errors import StorageError

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra


def error_response(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, **extra}}, status_code=status)


_REFUSAL_STATUS = {
    Refusal.NOT_ASSIGNEE: 403,
    Refusal.LEADS_ONLY: 403,
    Refusal.NOT_VISIBLE: 404,
    Refusal.INVALID: 409,
    Refusal.TEMPLATE_INVALID: 422,
    Refusal.REPLY_NOT_IN_CONVERSATION: 422,
    Refusal.OPTED_OUT: 422,
}


def refused(exc: ActionRefused) -> ApiError:
    return ApiError(_REFUSAL_STATUS.get(exc.code, 409), exc.code.value, exc.message)


async def api_error_handler(_: Request, exc: Exception) -> JsonResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, **exc.extra)


async def refusal_handler(_: Request, exc: Exception) -> JsonResponse:
    assert isinstance(exc, ActionRefused)
    err = refused(exc)
    return error_response(err.status, err.code, err.message)


async def http_error_handler(_: Request, exc: Exception) -> JsonResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}
    return error_response(
        exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail)
    )


async def validation_error_handler(_: Request, exc: Exception) -> JsonResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in exc.errors()
    ]
    return error_response(422, "invalid_request", "The request is not valid.", problems=problems)


async def storage_error_handler(_: Request, exc: Exception) -> JsonResponse:
    """503 with ``store_unavailable`` or ``store_full`` and a ``Retry-After``: the store
    is unreachable, full or damaged, which an administrator must fix; the detail goes to
    the log, the client reads what to do."""
    assert isinstance(exc, StorageError)
    log.error("request not served: %s", exc)
    response = error_response(503, exc.code, exc.public)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response
