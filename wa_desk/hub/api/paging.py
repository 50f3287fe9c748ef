"""Cursors and limits for list endpoints (cursors are ``core.cursor``'s).

Both come from the query string, so anything may arrive: a cursor this hub did not give
out is a 400 ``bad_cursor`` and a limit out of range a 400 ``bad_limit``, never a value
handed on to the store (SQLite refuses integers beyond 64 bits with an exception).
"""

from __future__ import annotations

from wa_desk.core import cursor as cursors
from wa_desk.hub.api.errors import ApiError

MAX_LIMIT = 500
BAD_CURSOR = "bad_cursor"
BAD_LIMIT = "bad_limit"


def encode(millis: int, item_id: str) -> str:
    return cursors.encode(millis, item_id)


def bad_cursor() -> ApiError:
    return ApiError(
        400,
        BAD_CURSOR,
        "The cursor is not one this hub gave out: pass the `next` of the previous page "
        "unchanged, or leave it out for the first page.",
    )


def decode(cursor: str | None) -> tuple[int, str] | None:
    if not cursor:
        return None
    try:
        return cursors.decode(cursor)
    except cursors.BadCursor:
        raise bad_cursor() from None


def check_limit(limit: int, maximum: int = MAX_LIMIT) -> int:
    if not 1 <= limit <= maximum:
        raise ApiError(400, BAD_LIMIT, f"limit must be between 1 and {maximum}.")
    return limit
