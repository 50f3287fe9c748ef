"""Which delivery status wins when webhooks arrive late, twice, or out of order.

A message's status only moves forward along one total order:

    pending < accepted < sent < delivered < failed < read < played < deleted

``failed`` sits above ``delivered`` so that a failure report replaces any earlier
progress, and below ``read``/``played`` because a message the customer has read has
reached them whatever a stray failure says. One total order (rather than special cases)
also means two statuses can never keep replacing each other when Meta redelivers both.
``deleted`` (the message was deleted from the chat) is final. Statuses this code does
not know (future ones) rank below every known one: they are stored when nothing else is
known, never over a known status.
"""

from __future__ import annotations

KNOWN_ORDER: tuple[str, ...] = (
    "pending",
    "accepted",
    "sent",
    "delivered",
    "failed",
    "read",
    "played",
    "deleted",
)
_RANK = {status: rank for rank, status in enumerate(KNOWN_ORDER)}
UNKNOWN_RANK = -1


def status_rank(status: str | None) -> int:
    """Position in the forward order; ``UNKNOWN_RANK`` for statuses not listed."""
    if not status:
        return UNKNOWN_RANK
    return _RANK.get(status.lower(), UNKNOWN_RANK)


def should_apply(current: str | None, incoming: str) -> bool:
    """Whether ``incoming`` replaces ``current`` (None: the message has no status yet)."""
    if not current:
        return bool(incoming)
    if incoming.lower() == current.lower():
        return False
    return status_rank(incoming) > status_rank(current)
