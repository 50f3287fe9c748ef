"""Page cursors: the sort key of the last item seen, opaque to API users.

The hub and the desktop's cache encode them the same way, so a cursor from either one
pages the other (the desktop reads its cache offline and the hub online).

A cursor comes back from outside, so :func:`decode` takes only what :func:`encode` can
have written: URL-safe base64 of ``[millis, id]``, with the millis an instant RFC 3339
can write (both stores' integers hold it) and the id text either store can hold.
"""

from __future__ import annotations

import base64
import binascii
import json
import re

from wa_desk.core.clock import Millis

# 9999-12-31T23:59:59.999Z: the last instant RFC 3339 writes; far inside 64 bits.
MAX_MILLIS: Millis = 253_402_300_799_999
# Ids are uuid7 text, or a timeline's few-field JSON; well under this once encoded.
MAX_CURSOR_CHARS = 1024
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")


class BadCursor(ValueError):
    """Not a cursor :func:`encode` could have written."""


def encode(millis: Millis, item_id: str) -> str:
    raw = json.dumps([millis, item_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[Millis, str]:
    """The (millis, id) of a cursor; :class:`BadCursor` when it is not one of ours."""
    shown = f"not a page cursor: {cursor[:40]!r}"
    if len(cursor) > MAX_CURSOR_CHARS or not _BASE64URL.fullmatch(cursor):
        raise BadCursor(shown)
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, RecursionError) as exc:
        raise BadCursor(shown) from exc
    if not isinstance(value, list) or len(value) != 2:
        raise BadCursor(shown)
    millis, item_id = value
    if type(millis) is not int or not 0 <= millis <= MAX_MILLIS:
        raise BadCursor(shown)
    if not isinstance(item_id, str) or not _storable(item_id):
        raise BadCursor(shown)
    return millis, item_id


def _storable(text: str) -> bool:
    """Text both stores hold as it is: valid UTF-8 (no lone surrogates), no NUL."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
