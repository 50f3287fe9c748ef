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
from functools import lru_cache
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


# An item's fields prepared for searching (``prepare``): each field's folded words, each
# after a space (" muchas gracias"), so that a word starting with ``w`` is a search for
# " w" and every test runs at C speed.
Prepared = tuple[str, ...]


def prepare(fields: Sequence[str]) -> Prepared:
    """``fields`` ready to be searched: a picker prepares its items once, not on every
    key typed."""
    return tuple("".join(" " + w for w in _WORD.findall(fold_accents(f))) for f in fields)


@lru_cache(maxsize=256)
def _in_order(typed: str) -> re.Pattern[str]:
    """A word that starts with ``typed``'s first letter and holds the others in order.
    Each gap stops at the first next letter (``[^ c]*c``): taking the first one is always
    right for letters in order, so the search never backtracks."""
    rest = "".join(f"[^ {re.escape(ch)}]*{re.escape(ch)}" for ch in typed[1:])
    return re.compile(f" {re.escape(typed[:1])}{rest}")


def _word_score(typed: str, joined: str) -> int:
    if " " + typed in joined:
        return PREFIX
    if typed in joined:  # typed has no space: found inside one word
        return INSIDE
    if _in_order(typed).search(joined):
        return LETTERS_IN_ORDER
    return 0


def word_score(typed: str, words: Sequence[str]) -> int:
    """How well ``typed`` (folded) is found among a field's (folded) words: 0 when not."""
    return _word_score(typed, "".join(" " + w for w in words)) if typed else 0


def score(query: str, fields: Sequence[str]) -> tuple[int, int] | None:
    """``(score, -sum of the field positions where each word scored best)`` of an item
    whose fields are ``fields`` (most telling first), or None when a word is not found.
    An empty query finds everything with ``(0, 0)``."""
    return _score(query_words(query), prepare(fields))


def _score(typed_words: Sequence[str], prepared: Prepared) -> tuple[int, int] | None:
    total = 0
    positions = 0
    for typed in typed_words:
        best, where = 0, 0
        for position, joined in enumerate(prepared):
            found = _word_score(typed, joined)
            if found > best:
                best, where = found, position
                if best == PREFIX:
                    break  # a later field cannot do better
        if best == 0:
            return None
        total += best
        positions += where
    return total, -positions


def rank(query: str, items: Iterable[T], fields: Callable[[T], Sequence[str]]) -> list[T]:
    """The items that match ``query``, best first (see the module's docstring); with an
    empty query, all of them in their own order."""
    return rank_prepared(query, [(item, prepare(fields(item))) for item in items])


def rank_prepared(query: str, items: Sequence[tuple[T, Prepared]]) -> list[T]:
    """``rank`` over items prepared beforehand (``prepare``)."""
    typed_words = query_words(query)
    if not typed_words:
        return [item for item, _ in items]
    scored: list[tuple[tuple[int, int], int, T]] = []
    for i, (item, prepared) in enumerate(items):
        found = _score(typed_words, prepared)
        if found is not None:
            scored.append((found, i, item))
    scored.sort(key=lambda s: (-s[0][0], -s[0][1], s[1]))
    return [item for _, _, item in scored]
