"""Opaque cursors for list endpoints: the sort key of the last item, base64-encoded."""

from __future__ import annotations

import base64
import binascii

import orjson

from wa_desk.hub.api.errors import ApiError

MAX_LIMIT = 500


def encode(millis: int, item_id: str) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([millis, item_id])).decode().rstrip("=")


def decode(cursor: str | None) -> tuple[int, str] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = orjson.loads(base64.urlsafe_b64decode(padded.encode()))
        millis, item_id = value
        if isinstance(millis, int) and isinstance(item_id, str):
            return millis, item_id
    except (ValueError, TypeError, binascii.Error, orjson.JSONDecodeError):
        pass
    raise ApiError(400, "bad_cursor", "The cursor is not one this hub gave out.")


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, "bad_limit", f"limit must be between 1 and {MAX_LIMIT}.")
    return limit
