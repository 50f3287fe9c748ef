"""Page cursors: the sort key of the last item seen, opaque to API users.

The hub and the desktop's cache encode them the same way, so a cursor from either one
pages the other (the desktop reads its cache offline and the hub online).
"""

from __future__ import annotations

import base64
import binascii
import json

from wa_desk.core.clock import Millis


def encode(millis: Millis, item_id: str) -> str:
    raw = json.dumps([millis, item_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[Millis, str]:
    """The (millis, id) of a cursor; ``ValueError`` when it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        millis, item_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ValueError(f"not a page cursor: {cursor[:40]!r}") from exc
    if type(millis) is not int or not isinstance(item_id, str):
        raise ValueError(f"not a page cursor: {cursor[:40]!r}")
    return millis, item_id
