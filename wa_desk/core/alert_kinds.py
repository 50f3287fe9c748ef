"""The alerts the hub raises for supervisors and administrators, and what each one carries.

Every ``alert`` stream event's data holds ``id``, ``kind`` (an ``AlertKind``), ``at`` (when
it was first raised, RFC 3339), ``last_at`` and ``count`` (how often it came back while
open), and ``message``: the hub's own English sentence, for API clients. The desktop
never shows ``message`` for a kind it knows: it writes its own words, in the user's
language, from the structured fields below; a kind it does not know is shown with a
generic lead-in and the hub's ``message``.

- ``audit_gap`` / ``audit_fork`` (an agent's device sent a batch of its action log that
  does not link to what the hub holds): ``user`` and ``user_name`` (whose chain),
  ``device`` (the chain's id, only when its install part is an install id as the desktop
  makes them, else null: it is the request's text), ``device_name`` (the host name the
  device sent with its batches, or null), ``seq`` (where the batch failed to link) and
  ``acked_seq`` (how far the hub holds the chain).
- ``whatsapp_auth`` (WhatsApp refused the hub's access token: nothing can be sent until
  an administrator renews it): ``code``, WhatsApp's error code (or null).

Stored in the hub's alerts table, so a kind is never renamed.
"""

from __future__ import annotations

from enum import StrEnum


class AlertKind(StrEnum):
    AUDIT_GAP = "audit_gap"
    AUDIT_FORK = "audit_fork"
    WHATSAPP_AUTH = "whatsapp_auth"


# How a device names itself to the hub (``device_name`` of an events batch): a host name,
# so nothing an agent types into a sentence ("URGENT: call ...") can reach a supervisor's
# alert. The desktop makes its own name fit (``device_name_of``).
DEVICE_NAME_MAX = 63
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")


def is_device_name(name: object) -> bool:
    """Whether ``name`` is a device name the hub keeps: 1 to 63 of a host name's letters
    (ASCII letters and digits, ``.``, ``-``, ``_``), starting with a letter or digit."""
    return (
        isinstance(name, str)
        and 0 < len(name) <= DEVICE_NAME_MAX
        and name[0].isascii()
        and name[0].isalnum()
        and set(name) <= _HOST_CHARS
    )


def device_name_of(host: str) -> str | None:
    """A host name made into a device name (other characters become ``-``), or None."""
    name = "".join(c if c in _HOST_CHARS else "-" for c in host.strip())
    name = name.lstrip(".-_")[:DEVICE_NAME_MAX]
    return name if is_device_name(name) else None
