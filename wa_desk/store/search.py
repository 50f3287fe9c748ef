"""Full-text search over contact names, numbers and message text (SQLite FTS5).

User input never reaches FTS5 as syntax: it is cut into words (letters and digits;
everything else, including quotes, ``*``, ``:``, ``^`` and bidi control characters, is a
separator), and each word becomes a quoted prefix term. ``NEAR`` or ``OR`` typed by an
agent are words to look for like any other. All words must match (implicit AND).
A query that looks like a phone number is searched as one run of digits.
"""

from __future__ import annotations

import re

from wa_desk.core.search_fold import without_invisible

MAX_TERMS = 8
MAX_TERM_CHARS = 64

_WORD = re.compile(r"\w+", re.UNICODE)
_PHONE = re.compile(r"^[\s+()\-.\d]+$")


def match_terms(text: str) -> list[str]:
    """FTS5 prefix terms (each quoted) for what an agent typed; empty when nothing is
    searchable. Characters a reader cannot see are ignored, as the index ignores them."""
    text = without_invisible(text)
    if _PHONE.match(text):
        digits = re.sub(r"\D", "", text)
        words = [digits] if digits else []
    else:
        words = [w for w in _WORD.findall(text) if w.strip("_")]
    return ['"' + w[:MAX_TERM_CHARS].replace('"', '""') + '"*' for w in words[:MAX_TERMS]]


def match_query(text: str) -> str | None:
    """One MATCH expression needing every term in the same document (tests, tools)."""
    terms = match_terms(text)
    return " ".join(terms) if terms else None


# One full-text table holds a document per contact (name and numbers) and one per
# message. A document's rowid carries its conversation's key in the high 32 bits
# (``conversation_keys``), so matching never reads the messages table: for a word that
# appears in every message, this is what keeps a search on a large cache fast.
_ONE_TERM = "SELECT rowid >> 32 FROM search_fts WHERE search_fts MATCH :{name}"


def matching_keys(terms: list[str]) -> tuple[str, dict[str, str]]:
    """A subquery selecting the keys (``conversation_keys.key``) of conversations matching
    every term (each term may match the contact or any of its messages), and its
    parameters. Only parameter names built from indexes enter the SQL; user text is bound."""
    names = [f"term{i}" for i in range(len(terms))]
    keys = " INTERSECT ".join(_ONE_TERM.format(name=n) for n in names)
    return keys, dict(zip(names, terms, strict=True))


def matching(terms: list[str]) -> tuple[str, dict[str, str]]:
    """A subquery selecting the ids of conversations matching every term, and its
    parameters."""
    keys, params = matching_keys(terms)
    sql = "SELECT id FROM conversation_keys WHERE key IN (" + keys + ")"  # noqa: S608
    return sql, params


def most_recent(terms: list[str], limit: int) -> tuple[str, dict[str, str | int]]:
    """The ids of the ``limit`` most recent conversations matching every term, and its
    parameters. Joining from the matched keys to the conversations (rather than testing
    each conversation for membership) saves about a sixth of a common word's search."""
    keys, params = matching_keys(terms)
    head = "SELECT c.id FROM conversation_keys AS k JOIN conversations AS c ON c.id = k.id "
    tail = ") ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit"
    sql = head + "WHERE k.key IN (" + keys + tail
    return sql, {**params, "limit": limit}
