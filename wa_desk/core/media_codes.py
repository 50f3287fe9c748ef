"""Error codes of a customer's file served by the hub, named once for the hub that
sends them and the desktop that explains them."""

from __future__ import annotations

from enum import StrEnum


class MediaCode(StrEnum):
    NO_MEDIA = "no_media"  # the message has no file (404)
    # WhatsApp no longer has the file (it keeps customers' media for 7 days) and the
    # hub's cache no longer holds it either (410): nobody can get it back but the customer.
    MEDIA_GONE = "media_gone"
    MEDIA_TOO_LARGE = "media_too_large"  # above the hub's media_max_bytes (413)
    # 503, the hub or WhatsApp may recover: try again later.
    WHATSAPP_UNREACHABLE = "whatsapp_unreachable"
    WHATSAPP_UNAVAILABLE = "whatsapp_unavailable"
    WHATSAPP_AUTH = "whatsapp_auth"
    WHATSAPP_BUSY = "whatsapp_busy"
    WHATSAPP_ERROR = "whatsapp_error"
    MEDIA_CORRUPT = "media_corrupt"
    CACHE_BUSY = "media_cache_busy"
