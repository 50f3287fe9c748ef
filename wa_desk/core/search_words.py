"""The words the hub's search index holds and looks for, the same on every store.

Text is folded once, here, before either store sees it (:func:`core.search_fold.
fold_accents`: invisible characters dropped, case folded, accents and compatibility
forms undone), then cut into words of letters and digits; anything else separates them.
The stores' full-text engines then only keep and look up those words as they are given:
neither store's own folding or word splitting (PostgreSQL's ``unaccent`` and its parser,
which reads "a@b.com" or "3.5" as one word, SQLite's ``unicode61`` tables) decides what
matches, so both answer the same search with the same conversations.

A contact's number is indexed as every tail of its digits, from the whole number down to
its last :data:`MIN_NUMBER_DIGITS`, each behind :data:`NUMBER_MARK` (which no word
contains): a run of digits then finds the numbers that contain it anywhere ("611 000"
finds +34 611 000 002), and a short run such as the "3" of "mensaje 3" is only a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wa_desk.core.search_fold import fold_accents

MAX_TERMS = 8  # words of a search looked for; the rest of a longer search is ignored
MAX_WORD_CHARS = 64  # longer words are indexed and looked for by their start
MIN_NUMBER_DIGITS = 3  # shorter runs of digits are not looked for in numbers
# A shorter term is a whole word: a word's first letter alone would have the index read
# every word starting with it, for a search that sorts nothing out.
MIN_PREFIX_CHARS = 2
NUMBER_MARK = "#"

_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")
# A search made only of a phone number's characters is one number: "+34 611 000 002".
_PHONE = re.compile(r"^[\s+()\-.\d]+$")


def words(text: str | None) -> list[str]:
    """The distinct words of ``text`` as the index holds them, in their first order."""
    if not text:
        return []
    return list(dict.fromkeys(w[:MAX_WORD_CHARS] for w in _WORD.findall(fold_accents(text))))


def number_keys(wa_id: str) -> list[str]:
    """The index's keys for a contact's number: each tail of its digits, marked."""
    digits = "".join(_DIGITS.findall(wa_id))[-MAX_WORD_CHARS:]
    return [NUMBER_MARK + digits[i:] for i in range(len(digits) - MIN_NUMBER_DIGITS + 1)]


def contact_words(name: str | None, wa_id: str) -> list[str]:
    """What a contact is found by: the words of its name and its number's keys."""
    return words(name) + number_keys(wa_id)


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a search: it matches a word starting with it (``prefix``; else that
    word itself) in a contact's name or a message and, when ``in_numbers``, a contact's
    number containing it."""

    word: str
    in_numbers: bool
    prefix: bool


def terms(query: str) -> list[Term]:
    """What a search looks for; empty when it holds nothing searchable (only punctuation,
    say), which finds nothing."""
    if _PHONE.match(query):
        digits = "".join(_DIGITS.findall(query))
        found = words(digits)
    else:
        found = words(query)
    return [
        Term(
            w,
            in_numbers=w.isascii() and w.isdigit() and len(w) >= MIN_NUMBER_DIGITS,
            prefix=len(w) >= MIN_PREFIX_CHARS,
        )
        for w in found[:MAX_TERMS]
    ]
