"""Cursors and limits for list endpoints (cursors are ``core.cursor``'s)."""

from __future__ import annotations

from wa_desk.core import cursor as cursors
from wa_desk.hub.api.errors import ApiError

MAX_LIMIT = 500


def encode(millis: int, item_id: str) -> str:
    return cursors.encode(millis, item_id)


def decode(cursor: str | None) -> tuple[int, str] | None:
    if not cursor:
        return None
    try:
        return cursors.decode(cursor)
    except ValueError:
        raise ApiError(400, "bad_cursor", "The cursor is not one this hub gave out.") from None


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, "bad_limit", f"limit must be between 1 and {MAX_LIMIT}.")
    return limit
