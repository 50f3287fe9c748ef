"""How large and how old the hub's media cache may grow: ``[hub] media_cache_max_bytes``
and ``[hub] media_cache_max_age_days`` (or ``WA_MEDIA_CACHE_MAX_BYTES`` and
``WA_MEDIA_CACHE_MAX_AGE_DAYS``, which win). 0 turns that limit off; both 0 turn the
sweep off (:mod:`wa_desk.hub.media_cache_sweep`).

The age counts from a file's last use (a download, or an agent opening it), not from
when the customer sent it. WhatsApp lets the hub download a customer's file for 7 days
after it arrived; a file evicted later than that cannot be fetched again, so the age
limit and the size cap decide how long agents can still open old files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wa_desk.hub.settings_values import SettingsError

GIB = 1024 * 1024 * 1024
DEFAULT_MAX_BYTES = 2 * GIB
DEFAULT_MAX_AGE_DAYS = 30
MAX_AGE_DAYS = 36_500
SWEEP_INTERVAL_SECONDS = 10 * 60.0  # how often every replica sweeps its own cache

_ENV = {
    "media_cache_max_bytes": "WA_MEDIA_CACHE_MAX_BYTES",
    "media_cache_max_age_days": "WA_MEDIA_CACHE_MAX_AGE_DAYS",
}


@dataclass(frozen=True, slots=True)
class MediaCacheLimits:
    max_bytes: int = DEFAULT_MAX_BYTES  # 0: no size cap
    max_age_days: int = DEFAULT_MAX_AGE_DAYS  # 0: no age limit

    @property
    def off(self) -> bool:
        """Neither limit: the cache is never swept."""
        return self.max_bytes == 0 and self.max_age_days == 0

    @property
    def max_age_seconds(self) -> float | None:
        return self.max_age_days * 86_400.0 if self.max_age_days else None


def media_cache_limits(hub: Mapping[str, Any], env: Mapping[str, str]) -> MediaCacheLimits:
    """The limits from ``[hub]`` and the environment; a value that is not a whole number
    in range is an error naming the key (or the variable) it came from."""
    max_bytes = _whole(
        hub, env, "media_cache_max_bytes", DEFAULT_MAX_BYTES, None, "of bytes, 0 for no cap"
    )
    max_age = _whole(
        hub,
        env,
        "media_cache_max_age_days",
        DEFAULT_MAX_AGE_DAYS,
        MAX_AGE_DAYS,
        f"of days from 0 (no limit) to {MAX_AGE_DAYS}",
    )
    return MediaCacheLimits(max_bytes, max_age)


def _whole(
    hub: Mapping[str, Any],
    env: Mapping[str, str],
    key: str,
    default: int,
    high: int | None,
    words: str,
) -> int:
    raw: Any = hub.get(key, default)
    setting = f"[hub] {key}"
    if env.get(_ENV[key]) is not None:
        raw, setting = env[_ENV[key]].strip(), _ENV[key]
        if raw.isdigit():
            raw = int(raw)
    if type(raw) is not int or raw < 0 or (high is not None and raw > high):
        raise SettingsError(setting, f"must be a whole number {words}, not {raw!r}")
    return raw
