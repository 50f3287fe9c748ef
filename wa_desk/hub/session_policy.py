"""How long sessions live, how many a user may hold, how live streams are bounded, and
how failed sign-ins are slowed down: the ``[sessions]`` table of the hub's TOML.

Every value has a default that suits a contact center; each can be changed, and an
unusable one stops the hub with a :class:`SettingsError` naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.hub.settings_values import numbers_table


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    # A token unused for this long is no longer accepted (an open stream is use).
    idle_minutes: float = 30.0
    # Signing in once more than this ends the user's oldest session.
    max_sessions_per_user: int = 5
    # Open live streams: a desktop app needs one; a reconnect may briefly overlap.
    max_streams_per_token: int = 2
    max_streams_per_user: int = 4
    # How often an open stream checks that its token is still good.
    stream_recheck_seconds: float = 5.0
    # How often the hub looks for users shown available or away whose sessions all ended
    # without a sign-out (expired, idle, revoked): they are set offline.
    signed_out_check_seconds: float = 5.0
    # Failed sign-ins: after this many in a row on one account, or from one address,
    # each further attempt waits (429 with Retry-After) without the password being
    # tried: first ``login_backoff_first_seconds``, doubling up to the cap. A success
    # clears the account's count; an address's count is forgotten after twice the cap
    # without failures (successes never count), so an office behind one NAT address is
    # not slowed down by the typos of a whole morning.
    login_free_failures: int = 5
    login_address_free_failures: int = 20
    login_backoff_first_seconds: float = 5.0
    login_backoff_cap_seconds: float = 900.0
    # This many failures in a row lock the account until an administrator unlocks it
    # (``wa-desk hub user unlock``) or ``lockout_minutes`` pass; an account's count is
    # forgotten a day after its last failure.
    lockout_failures: int = 20
    lockout_minutes: float = 60.0


def session_policy(raw: Any) -> SessionPolicy:
    """``[sessions]``: every key optional."""
    return numbers_table(raw, "sessions", SessionPolicy)
