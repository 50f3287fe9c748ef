"""Repeat contacts and first-contact resolution (docs/kpis.md): did the same contact come
back in the same queue, within a time after the close, with something that needed a
person?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wa_desk.core.clock import DAY_MS, Millis

HOUR_MS: Millis = DAY_MS // 24
FCR_MS: Millis = 7 * DAY_MS


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A later conversation of the same contact. ``needed_a_person``: it is still open,
    got a human reply, or its window expired unanswered
    (``ConversationFigures.needed_a_person``); a "gracias" an agent closed without
    answering did not."""

    opened_at: Millis
    queue: str
    needed_a_person: bool


def repeat_contact(
    closed_at: Millis, queue: str, later: Iterable[FollowUp], within: Millis, now: Millis
) -> bool | None:
    """True or False, or None while the period has not ended and nothing came back yet."""
    for f in later:
        if f.queue == queue and closed_at < f.opened_at <= closed_at + within and f.needed_a_person:
            return True
    return False if now >= closed_at + within else None


def first_contact_resolution(
    closed_at: Millis, queue: str, later: Iterable[FollowUp], now: Millis
) -> bool | None:
    repeated = repeat_contact(closed_at, queue, later, FCR_MS, now)
    return None if repeated is None else not repeated
