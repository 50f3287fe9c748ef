"""Message types, as the hub names them, that the app shows as a picture."""

from __future__ import annotations

PICTURE_TYPES = frozenset({"image", "sticker"})
