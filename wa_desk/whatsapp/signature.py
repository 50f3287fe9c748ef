"""The ``X-Hub-Signature-256`` header Meta puts on every webhook delivery."""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


def sign(body: bytes, app_secret: str) -> str:
    """The header value for ``body``: ``sha256=<hex HMAC-SHA256 keyed by the app secret>``."""
    digest = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return _PREFIX + digest


def is_valid(body: bytes, header_value: str | None, app_secret: str) -> bool:
    """Whether ``header_value`` signs exactly these raw bytes (constant-time compare)."""
    if not header_value or not header_value.startswith(_PREFIX):
        return False
    return hmac.compare_digest(sign(body, app_secret), header_value.strip())
