"""Finding a canned reply or a template from a few letters typed in a hurry: every word
typed must be found in one of the item's fields, case and accents ignored
(``search_fold.fold_accents``), and the items are ranked by how well they were found.

Each word typed scores, in the field where it scores best:

- 3 when a word of the field starts with it ("grac" in "Muchas gracias");
- 2 when it is inside a word of the field ("cias" in "gracias");
- 1 when its letters come in order inside one word of the field, starting with that
  word's first letter ("grcs" in "gracias"), so an abbreviation finds what it stands for.

A word found nowhere rejects the item. An item's score is the sum of its words' scores;
ties go to the item whose words were found in earlier fields (the caller lists them from
the most telling, a name, to the least, a long text), then to the caller's own order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from wa_desk.core.search_fold import fold_accents

T = TypeVar("T")

PREFIX = 3
INSIDE = 2
LETTERS_IN_ORDER = 1

_WORD = re.compile(r"[^\W_]+")  # "envio_en_camino" is three words


def query_words(query: str) -> list[str]:
    """The words of a query as they are compared: folded, split on anything not a letter
    or a digit."""
    return _WORD.findall(fold_accents(query))


def _field_words(field: str) -> list[str]:
    return _WORD.findall(fold_accents(field))


def _letters_in_order(typed: str, word: str) -> bool:
    if not typed or not word or word[0] != typed[0]:
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in typed[1:])


def word_score(typed: str, words: Sequence[str]) -> int:
    """How well ``typed`` (folded) is found among a field's (folded) words: 0 when not."""
    best = 0
    for word in words:
        if word.startswith(typed):
            return PREFIX
        if typed in word:
            best = max(best, INSIDE)
        elif best < LETTERS_IN_ORDER and _letters_in_order(typed, word):
            best = LETTERS_IN_ORDER
    return best


def score(query: str, fields: Sequence[str]) -> tuple[int, int] | None:
    """``(score, -sum of the field positions where each word scored best)`` of an item
    whose fields are ``fields`` (most telling first), or None when a word is not found.
    An empty query finds everything with ``(0, 0)``."""
    folded = [_field_words(f) for f in fields]
    total = 0
    positions = 0
    for typed in query_words(query):
        best, where = 0, 0
        for position, words in enumerate(folded):
            found = word_score(typed, words)
            if found > best:
                best, where = found, position
        if best == 0:
            return None
        total += best
        positions += where
    return total, -positions


def rank(query: str, items: Iterable[T], fields: Callable[[T], Sequence[str]]) -> list[T]:
    """The items that match ``query``, best first (see the module's docstring); with an
    empty query, all of them in their own order."""
    scored: list[tuple[tuple[int, int], int, T]] = []
    for i, item in enumerate(items):
        found = score(query, fields(item))
        if found is not None:
            scored.append((found, i, item))
    scored.sort(key=lambda s: (-s[0][0], -s[0][1], s[1]))
    return [item for _, _, item in scored]
