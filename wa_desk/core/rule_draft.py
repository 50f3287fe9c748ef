"""A draft as the guideline rules read it.

One draft is judged against every rule of the policy on each pause in typing (and
again by the hub on send), so what the rules share is worked out once per draft, when a
rule first needs it: the folded text (``core/search_fold.py``), its words, what each
detector found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from wa_desk.core.search_fold import fold_accents

# Longer than any message WhatsApp accepts: a draft beyond it is refused for its length.
MAX_JUDGED_CHARS = 8192
# A word: letters and digits; whatever else (spaces, punctuation, emoji, underscores)
# only separates words.
_WORD = re.compile(r"[^\W_]+")


def folded_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` with case and accents folded away."""
    return tuple(_WORD.findall(fold_accents(text)))


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words a draft contains when they appear in this order, next to each other,
    whatever the case, the accents and the punctuation or spacing between them."""

    words: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]  # each word and the next
    needle: str  # the words as they appear in a draft's joined words

    @classmethod
    def of(cls, text: str) -> Phrase:
        words = folded_words(text)
        return cls(words, frozenset(pairwise(words)), f" {' '.join(words)} ")


class Draft:
    """The text judged (at most :data:`MAX_JUDGED_CHARS`) and what the rules read of it."""

    __slots__ = ("_folded", "_found", "_joined", "_pairs", "_words", "text")

    def __init__(self, text: str) -> None:
        self.text = text[:MAX_JUDGED_CHARS]
        self._folded: str | None = None
        self._words: frozenset[str] | None = None
        self._pairs: frozenset[tuple[str, str]] = frozenset()
        self._joined = ""
        self._found: dict[str, bool] = {}

    @property
    def folded(self) -> str:
        """The text with case, accents and invisible characters folded away."""
        if self._folded is None:
            self._folded = fold_accents(self.text)
        return self._folded

    def contains(self, phrase: Phrase) -> bool:
        if self._words is None:
            words = _WORD.findall(self.folded)
            self._words = frozenset(words)
            self._pairs = frozenset(pairwise(words))
            self._joined = f" {' '.join(words)} "
        # Set lookups settle most phrases; only a phrase of three words or more whose
        # every pair of neighbours is in the draft is looked for in the whole text.
        if len(phrase.words) == 1:
            return phrase.words[0] in self._words
        if not self._pairs.issuperset(phrase.pairs):
            return False
        return len(phrase.words) == 2 or phrase.needle in self._joined

    def found(self, what: str, look: Callable[[Draft], bool]) -> bool:
        """``look(self)``, worked out once per draft for each ``what``."""
        answer = self._found.get(what)
        if answer is None:
            answer = self._found[what] = look(self)
        return answer
