"""WhatsApp's 24-hour customer-service window.

A business may send free-form messages to a customer only within 24 hours of that
customer's last message; outside it, only approved templates may be sent.
"""

from __future__ import annotations

from wa_desk.core.clock import DAY_MS, Millis

WINDOW_MS: Millis = DAY_MS


def window_expires_at(last_inbound_at: Millis | None) -> Millis | None:
    """When the window closes, or None when the customer never wrote."""
    return None if last_inbound_at is None else last_inbound_at + WINDOW_MS


def window_is_open(last_inbound_at: Millis | None, now: Millis) -> bool:
    expires = window_expires_at(last_inbound_at)
    return expires is not None and now < expires
