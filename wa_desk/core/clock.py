"""Time as the project stores and shows it: integer epoch milliseconds, RFC 3339 UTC."""

from __future__ import annotations

import time
from datetime import UTC, datetime

Millis = int

DAY_MS: Millis = 24 * 60 * 60 * 1000


def now_ms() -> Millis:
    """The current wall-clock time in epoch milliseconds."""
    return time.time_ns() // 1_000_000


def to_rfc3339(ms: Millis) -> str:
    """Epoch milliseconds as RFC 3339 UTC with milliseconds and ``Z``."""
    dt = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def from_rfc3339(text: str) -> Millis:
    """Parse an RFC 3339 timestamp (``Z`` or an offset) into epoch milliseconds."""
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {text!r}")
    return round(dt.timestamp() * 1000)


def optional_rfc3339(ms: Millis | None) -> str | None:
    return None if ms is None else to_rfc3339(ms)
