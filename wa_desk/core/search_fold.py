"""How search and the guideline rules compare text: case folded, invisible characters
ignored, and for the rules, accents ignored too.

Customers' phones insert characters that take no space (a zero-width space where a
keyboard's word suggestion broke a word, a joiner inside an emoji, a byte-order mark
pasted from a document, a soft hyphen): "Hola\u200bmundo" looks like "Holamundo" and an
agent who types that must find it. The inbox filter, the local cache's search and the
hub's search all fold with :func:`fold`.

Agents type accents or not, on keyboards that have them or not ("garantízo",
"GARANTIZO", "garantizo"); a rule written once must catch them all, so the rules also
fold accents away with :func:`fold_accents`.
"""

from __future__ import annotations

import re
import unicodedata

# Zero width space, non-joiner, joiner, word joiner, zero-width no-break space (BOM),
# soft hyphen: characters a reader never sees between letters.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# A character class rather than str.translate: a draft is folded on each pause in typing,
# and translate looks up every character of a non-ASCII text in a dict (ten times slower).
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# The combining diacritical marks: what the accents of Spanish, Portuguese and English
# (á, ã, ç, ñ, ü...) become once decomposed. Marks of other scripts stay, because in them
# a mark is often a vowel, not an accent.
_ACCENTS = re.compile("[\u0300-\u036f]")


def without_invisible(text: str) -> str:
    """``text`` without the characters a reader cannot see (case kept)."""
    return _INVISIBLE.sub("", text)


def fold(text: str) -> str:
    """``text`` as search compares it: invisible characters dropped, case folded."""
    return _INVISIBLE.sub("", text).casefold()


def fold_accents(text: str) -> str:
    """``text`` as the rules compare it: folded as search does, then without accents,
    and with compatibility forms (full-width letters and digits, ligatures, a no-break
    space) written as their plain equivalent."""
    if text.isascii():
        return fold(text)
    # Decomposed first, so that a letter a decomposition writes in capitals is folded too.
    return _ACCENTS.sub("", fold(unicodedata.normalize("NFKD", text)))
