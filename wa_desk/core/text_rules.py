"""Text rules: what a draft must not say, judged while the agent types and again by
the hub on send, with the same function (:func:`matching_rules`) on both sides.

A rule has an id, a severity (``warn``: the agent may send anyway, deliberately;
``block``: nobody sends it) and the message the agent reads, and one test:

- ``pattern``: a Python regular expression, case-insensitive, on the text as typed;
- ``phrase``: words that match whatever the case, the accents and the punctuation or
  spacing between them ("te garantizo" catches "TE  GARANTÍZO" and "te, garantizo");
- ``detector``: a :class:`~wa_desk.core.rule_detectors.Detector` (card numbers that
  pass the Luhn check, DNI/NIE and CPF with their check digits, shouting).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wa_desk.core.policy_entries import InvalidPolicy
from wa_desk.core.rule_detectors import DETECTORS, Detector
from wa_desk.core.rule_draft import Draft, Phrase
from wa_desk.core.rule_patterns_for_older_desktops import DETECTOR_PATTERNS, phrase_pattern

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
# The keys of a rule in the hub's configuration. Desktops read a rule's severity from
# ``action`` before ``severity`` existed; the hub still accepts it, and serves both.
TEST_KEYS = ("pattern", "phrase", "detector")
RULE_KEYS = frozenset(("id", "severity", "action", "message", *TEST_KEYS))


class RuleSeverity(StrEnum):
    WARN = "warn"  # the agent may send anyway, deliberately; the override is logged
    BLOCK = "block"  # nobody sends it: the desktop disables Send, the hub refuses


@dataclass(frozen=True, slots=True)
class PatternTest:
    pattern: str
    regex: re.Pattern[str] = field(compare=False, repr=False)

    def matches(self, draft: Draft) -> bool:
        return self.regex.search(draft.text) is not None

    def as_json(self) -> dict[str, str]:
        return {"pattern": self.pattern}


@dataclass(frozen=True, slots=True)
class PhraseTest:
    phrase: str
    words: Phrase = field(compare=False, repr=False)

    def matches(self, draft: Draft) -> bool:
        return draft.contains(self.words)

    def as_json(self) -> dict[str, str]:
        return {"phrase": self.phrase, "pattern": phrase_pattern(self.words)}


@dataclass(frozen=True, slots=True)
class DetectorTest:
    detector: Detector

    def matches(self, draft: Draft) -> bool:
        return draft.found(self.detector, DETECTORS[self.detector])

    def as_json(self) -> dict[str, str]:
        return {"detector": self.detector.value, "pattern": DETECTOR_PATTERNS[self.detector]}


RuleTest = PatternTest | PhraseTest | DetectorTest


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: RuleSeverity
    message: str  # what the agent reads: why this text should not go out
    test: RuleTest

    def matches(self, text: str) -> bool:
        return self.test.matches(Draft(text))

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "severity": self.severity.value,
            "action": self.severity.value,  # for desktops that read only this
            "message": self.message,
            **self.test.as_json(),
        }


def matching_rules(rules: Iterable[Rule], text: str) -> tuple[Rule, ...]:
    """The rules ``text`` breaks, in configured order."""
    draft = Draft(text)
    return tuple(r for r in rules if r.test.matches(draft))


def first_block(matched: Iterable[Rule]) -> Rule | None:
    return next((r for r in matched if r.severity is RuleSeverity.BLOCK), None)


def rule_from_json(raw: Mapping[str, Any], where: str = "rule") -> Rule:
    """A rule of the hub's configuration or of a policy bundle, checked; its test is its
    ``detector``, else its ``phrase``, else its ``pattern`` (the hub serves phrase and
    detector rules with a pattern too, which older desktops read instead)."""
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise InvalidPolicy(f"{where}.id", "must be letters, digits, '_', '-' or '.'")
    test = _test(raw, where)
    severity = _severity(raw, where)
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        raise InvalidPolicy(f"{where}.message", "must say what is wrong (non-empty text)")
    return Rule(rule_id, severity, message.strip(), test)


def check_rule_table(raw: object, where: str) -> None:
    """What a configured rule may hold beyond what :func:`rule_from_json` checks: only
    known keys, and exactly one test (a bundle may carry more, for older desktops)."""
    if not isinstance(raw, Mapping):
        raise InvalidPolicy(where, "must be a table with an id, a test and a message")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise InvalidPolicy(where, f"unknown keys: {', '.join(sorted(unknown))}")
    tests = [key for key in TEST_KEYS if key in raw]
    if not tests:
        raise InvalidPolicy(where, "needs a pattern, a phrase or a detector")
    if len(tests) > 1:
        raise InvalidPolicy(f"{where}.{tests[1]}", f"only one of {', '.join(tests)} may be set")


def _severity(raw: Mapping[str, Any], where: str) -> RuleSeverity:
    key = "action" if "action" in raw and "severity" not in raw else "severity"
    value = raw.get(key)
    try:
        severity = RuleSeverity(value) if isinstance(value, str) else None
    except ValueError:
        severity = None
    if severity is None:
        raise InvalidPolicy(f"{where}.{key}", "must be 'warn' or 'block'")
    if key == "severity" and "action" in raw and raw["action"] != value:
        raise InvalidPolicy(f"{where}.action", "must be left out, or be the same as severity")
    return severity


def _test(raw: Mapping[str, Any], where: str) -> RuleTest:
    if "detector" in raw:
        return _detector_test(raw["detector"], f"{where}.detector")
    if "phrase" in raw:
        return phrase_test(raw["phrase"], f"{where}.phrase")
    return pattern_test(raw.get("pattern"), f"{where}.pattern")


def pattern_test(pattern: object, where: str) -> PatternTest:
    if not isinstance(pattern, str) or not pattern:
        raise InvalidPolicy(where, "must be a non-empty regular expression")
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise InvalidPolicy(where, f"is not a valid regular expression: {exc}") from exc
    if regex.search("") is not None:
        raise InvalidPolicy(where, "matches an empty text, so it matches any")
    return PatternTest(pattern, regex)


def phrase_test(phrase: object, where: str) -> PhraseTest:
    if not isinstance(phrase, str):
        raise InvalidPolicy(where, "must be a text of one or more words")
    words = Phrase.of(phrase)
    if not words.words:
        raise InvalidPolicy(where, "must hold at least one word (letters or digits)")
    return PhraseTest(phrase.strip(), words)


def _detector_test(name: object, where: str) -> DetectorTest:
    try:
        return DetectorTest(Detector(str(name)))
    except ValueError:
        known = ", ".join(f"'{d.value}'" for d in Detector)
        raise InvalidPolicy(where, f"must be one of {known}") from None
