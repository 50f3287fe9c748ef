"""Contact tags: short labels agents put on customers ("vip", "devolución-pendiente").

Hub and desktop normalise the same way, so "VIP ", "vip" and "Vip" are one tag and a
tag typed offline matches the one the hub stores.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TAG_LENGTH = 40
MAX_TAGS_PER_CONTACT = 50

_SPACES = re.compile(r"[\s_]+")
# Letters and digits of any script, joined by single hyphens or dots.
_VALID = re.compile(r"^[^\W_](?:[^\W_]|[-.](?=[^\W_]))*$")


class InvalidTag(ValueError):
    """The text cannot be a tag; the message says why, for the agent."""


def normalize_tag(text: str) -> str:
    """The canonical form of a tag: NFKC, lower case, words joined by ``-``."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    tag = _SPACES.sub("-", folded).strip("-.")
    tag = re.sub(r"-{2,}", "-", tag)
    if not tag:
        raise InvalidTag("A tag needs at least one letter or digit.")
    if len(tag) > MAX_TAG_LENGTH:
        raise InvalidTag(f"A tag has at most {MAX_TAG_LENGTH} characters.")
    if not _VALID.match(tag):
        raise InvalidTag("A tag has only letters, digits, '-' and '.'.")
    return tag
