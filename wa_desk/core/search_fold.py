"""How search compares text: case folded, invisible characters ignored.

Customers' phones insert characters that take no space (a zero-width space where a
keyboard's word suggestion broke a word, a joiner inside an emoji, a byte-order mark
pasted from a document, a soft hyphen): "Hola\u200bmundo" looks like "Holamundo" and an
agent who types that must find it. The inbox filter, the local cache's search and the
hub's search all fold with this one function.
"""

from __future__ import annotations

# Zero width space, non-joiner, joiner, word joiner, zero-width no-break space (BOM),
# soft hyphen: characters a reader never sees between letters.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def without_invisible(text: str) -> str:
    """``text`` without the characters a reader cannot see (case kept)."""
    return text.translate(_DROP_INVISIBLE)


def fold(text: str) -> str:
    """``text`` as search compares it: invisible characters dropped, case folded."""
    return text.translate(_DROP_INVISIBLE).casefold()
