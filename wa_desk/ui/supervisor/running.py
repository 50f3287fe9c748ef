"""Figures that grow with the clock alone (docs/kpis.md, "When a row is pushed"): the hub
gives them as of the row's ``taken_at`` and pushes the row again only when something else
changes, so the board adds the time passed since itself."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from wa_desk.core.clock import Millis
from wa_desk.ui.common.timefmt import parse_ms


@lru_cache(maxsize=4096)
def _instant(text: str) -> Millis | None:
    """An RFC 3339 instant of a row, read once: the board reads the same few hundred
    at every paint and every sort."""
    return parse_ms(text)


def instant(value: object) -> Millis | None:
    return _instant(value) if isinstance(value, str) and value else None


def running_ms(row: dict[str, Any], field: str, now: Millis) -> Millis | None:
    """``row[field]`` (a duration as of ``taken_at``) plus the time passed since, or None
    when the row has none (nobody waits)."""
    value = row.get(field)
    if value is None:
        return None
    taken_at = instant(row.get("taken_at"))
    passed = 0 if taken_at is None else max(0, now - taken_at)
    return int(value) + passed


def since_ms(row: dict[str, Any], field: str, now: Millis) -> Millis | None:
    """How long ago ``row[field]`` (an RFC 3339 instant) was, or None without one."""
    since = instant(row.get(field))
    return None if since is None else max(0, now - since)


def older(new: dict[str, Any], shown: dict[str, Any]) -> bool:
    """Whether ``new`` was taken before the row ``shown`` (a push that the board loaded
    after it already had overtaken): it is not applied."""
    new_at, shown_at = instant(new.get("taken_at")), instant(shown.get("taken_at"))
    return new_at is not None and shown_at is not None and new_at < shown_at
