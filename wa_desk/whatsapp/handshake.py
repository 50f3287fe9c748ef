"""Meta's webhook verification handshake: ``GET`` with ``hub.mode=subscribe``,
``hub.verify_token`` (the secret set in the app's dashboard and the hub's config) and
``hub.challenge`` (a number the endpoint must echo).

The token is compared in constant time, so the time of a refusal does not say how much
of a guess was right; as UTF-8 bytes, so a token with any characters compares.
"""

from __future__ import annotations

import hmac
import re

MODE = "subscribe"
MAX_CHALLENGE_CHARS = 256
# Meta sends a decimal number; anything visible and ASCII is echoed, nothing else (no
# spaces, line breaks or markup-looking Unicode reflected back as the hub's answer).
_CHALLENGE = re.compile(r"[\x21-\x7e]{1,%d}" % MAX_CHALLENGE_CHARS)  # noqa: UP031


def token_matches(sent: str, verify_token: str) -> bool:
    """Whether ``sent`` is the configured ``verify_token``, in time independent of where
    they differ (``hmac.compare_digest``)."""
    return hmac.compare_digest(_utf8(sent), _utf8(verify_token))


def valid_challenge(challenge: str) -> bool:
    return _CHALLENGE.fullmatch(challenge) is not None


def _utf8(text: str) -> bytes:
    # surrogatepass: a lone surrogate is compared (and differs) instead of raising.
    return text.encode("utf-8", "surrogatepass")
