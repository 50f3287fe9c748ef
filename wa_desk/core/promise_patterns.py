"""Promise patterns: what, in an agent's outgoing text, is a promise worth recording
("te lo envío mañana", "I'll call you in an hour", "vou te ligar amanhã").

Each pattern of the policy (``[[policy.promises]]``) has an id, the language its words
are in and one test, read as the text rules read theirs (``core/text_rules.py``): a
``phrase`` matched whatever the case, accents, punctuation and spacing, or a ``pattern``
(a regular expression, case-insensitive, tried on the text as typed and on the text
with accents folded away, so a pattern written without accents catches both).
:func:`find_promise` names the first sentence of a text that a pattern matches, and by
when it is due (``core/promise_due.py``), so the composer can offer to record it with
what and by when filled in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wa_desk.core.business_hours import BusinessHours
from wa_desk.core.clock import Millis
from wa_desk.core.policy_entries import InvalidPolicy
from wa_desk.core.promise_due import base_language, promise_due
from wa_desk.core.rule_draft import Draft
from wa_desk.core.text_rules import PatternTest, PhraseTest, pattern_test, phrase_test

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_KEYS = frozenset(("id", "language", "phrase", "pattern"))
# A sentence ends at . ! ? or a line break; "what" is that sentence as the agent wrote it.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
MAX_WHAT_CHARS = 300


@dataclass(frozen=True, slots=True)
class PromisePattern:
    id: str
    language: str  # "es", "en", "pt": the phrases its due dates are read with
    test: PatternTest | PhraseTest

    def matches(self, draft: Draft) -> bool:
        # A pattern also reads the folded text, so one written without accents catches
        # "envío" and "envio", "amanhã" and "amanha", as a phrase does.
        if isinstance(self.test, PatternTest) and self.test.regex.search(draft.folded):
            return True
        return self.test.matches(draft)

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "language": self.language, **self.test.as_json()}


@dataclass(frozen=True, slots=True)
class PromiseOffer:
    """A promise found in a text: the pattern that found it, the sentence that makes it
    and when it is due (None: the text says no time the parser understands)."""

    pattern: str
    language: str
    what: str
    due_ms: Millis | None


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def find_promise(
    patterns: Iterable[PromisePattern], text: str, now_ms: Millis, hours: BusinessHours
) -> PromiseOffer | None:
    """The first sentence of ``text`` a pattern matches (patterns in configured order),
    with its due instant read from that sentence, else from the whole text."""
    kept = tuple(patterns)
    if not kept:
        return None
    for sentence in sentences(text):
        draft = Draft(sentence)
        for pattern in kept:
            if pattern.matches(draft):
                due = promise_due(sentence, pattern.language, now_ms, hours)
                if due is None:
                    due = promise_due(text, pattern.language, now_ms, hours)
                what = sentence[:MAX_WHAT_CHARS]
                return PromiseOffer(pattern.id, pattern.language, what, due)
    return None


def promise_pattern_from_json(raw: object, where: str) -> PromisePattern:
    """One ``[[policy.promises]]`` table, checked: an id, a language the due-date parser
    reads (es, en, pt) and exactly one of phrase or pattern (a bundle served to desktops
    carries a phrase's pattern too; the phrase wins)."""
    if not isinstance(raw, Mapping):
        raise InvalidPolicy(where, "must be a table with an id, a language and a phrase")
    unknown = set(raw) - _KEYS
    if unknown:
        raise InvalidPolicy(where, f"unknown keys: {', '.join(sorted(unknown))}")
    pattern_id = raw.get("id")
    if not isinstance(pattern_id, str) or not _ID.match(pattern_id):
        raise InvalidPolicy(f"{where}.id", "must be letters, digits, '_', '-' or '.'")
    language = raw.get("language")
    code = base_language(language) if isinstance(language, str) else None
    if code is None:
        raise InvalidPolicy(f"{where}.language", "must be 'es', 'en' or 'pt'")
    test: PatternTest | PhraseTest
    if "phrase" in raw:
        test = phrase_test(raw["phrase"], f"{where}.phrase")
    elif "pattern" in raw:
        test = pattern_test(raw["pattern"], f"{where}.pattern")
    else:
        raise InvalidPolicy(where, "needs a phrase or a pattern")
    return PromisePattern(pattern_id, code, test)


def promise_patterns_from_json(raw: Any, where: str = "promises") -> tuple[PromisePattern, ...]:
    """The policy's promise patterns, checked, ids unique."""
    if not isinstance(raw, list):
        raise InvalidPolicy(where, "must be a list of tables ([[policy.promises]])")
    out = tuple(promise_pattern_from_json(r, f"{where}[{i}]") for i, r in enumerate(raw))
    ids = [p.id for p in out]
    if len(ids) != len(set(ids)):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise InvalidPolicy(where, f"ids must be unique: {', '.join(twice)}")
    return out
