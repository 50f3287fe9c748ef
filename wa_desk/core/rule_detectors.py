"""Detectors: what a rule can look for that a regular expression cannot say, because
it takes arithmetic (a check digit) or counting (words in capitals).

Each is named by a :class:`Detector` (the policy's ``detector = "..."``) and answers
whether a draft holds what it detects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum

from wa_desk.core.check_digits import (
    CARD_MAX_DIGITS,
    CARD_MIN_DIGITS,
    is_card_number,
    is_cpf,
    is_dni,
    is_nie,
)
from wa_desk.core.rule_draft import Draft


class Detector(StrEnum):
    PAYMENT_CARD = "payment_card"  # a card number that passes the Luhn check
    ES_DNI_NIE = "es_dni_nie"  # a Spanish DNI or NIE with its control letter
    BR_CPF = "br_cpf"  # a Brazilian CPF with its two check digits
    SHOUTING = "shouting"  # several words in a row written in capitals


# The number detectors read the folded text: lower case, full-width digits as digits.
# Each pattern starts with the character class of its first character, and looks behind
# only after it ("[0-9](?<![0-9]{2})": a digit not preceded by one), which lets the
# regular expression engine skip through the text to candidates instead of trying
# every position: a draft is judged on every pause in typing.
# Digits written in groups ("4111 1111 1111 1111", "4111-1111-..."): a card can be any
# run of whole groups inside.
_DIGIT_GROUPS = re.compile(r"[0-9](?<![0-9]{2})[0-9]*(?:[ -][0-9]+)*")
_GROUP_SEPARATOR = re.compile(r"[ -]")
CARD_GROUP_MIN_DIGITS = 4
# "12345678Z", "12345678-Z", "12.345.678-Z"; a space before the letter is left out on
# purpose: "... 12345678 y ..." is a number and a word far more often than a DNI.
_DNI = re.compile(r"([0-9](?<![0-9]{2})(?:[0-9]{7}|[0-9]\.[0-9]{3}\.[0-9]{3}))-?([a-z])(?!\w)")
# "X1234567L", "X-1234567-L", "X-1.234.567-L".
_NIE = re.compile(r"([xyz])(?<!\w[xyz])-?([0-9]{7}|[0-9]\.[0-9]{3}\.[0-9]{3})-?([a-z])(?!\w)")
# "529.982.247-25", "529982247-25", "52998224725".
_CPF = re.compile(r"([0-9](?<![0-9]{2})[0-9]{2})\.?([0-9]{3})\.?([0-9]{3})[-.]?([0-9]{2})(?![0-9])")
# Shouting reads the text as written; a word here is letters only, so numbers and
# punctuation between capitals do not interrupt them ("PAGUE LOS 500 EUROS YA").
_LETTERS = re.compile(r"[^\W\d_]+")
SHOUTING_MIN_WORDS = 3
SHOUTING_MIN_LETTERS = 10  # "NO LO SÉ" is an answer; "ESTO ES INACEPTABLE" is shouting


def has_payment_card(draft: Draft) -> bool:
    text = draft.folded
    for run in _DIGIT_GROUPS.finditer(text):
        if run.end() - run.start() < CARD_MIN_DIGITS:
            continue
        groups = _GROUP_SEPARATOR.split(run.group())
        # "+55 11 98765 4321": a phone number with its country code, never a card.
        first = 1 if text[run.start() - 1 : run.start()] == "+" else 0
        if any(_card_from(groups, start) for start in range(first, len(groups))):
            return True
    return False


def _card_from(groups: list[str], start: int) -> bool:
    """Whether the groups from ``start`` begin with a card's number. Cards are written
    in groups of four digits or more (4-4-4-4, 4-6-5; the last may be shorter), so a
    shorter group ends what can be a card: "55 11 98765 4321" is a phone number."""
    digits = ""
    for group in groups[start:]:
        digits += group
        if len(digits) > CARD_MAX_DIGITS:
            return False
        if len(digits) >= CARD_MIN_DIGITS and is_card_number(digits):
            return True
        if len(group) < CARD_GROUP_MIN_DIGITS:
            return False
    return False


def has_es_dni_nie(draft: Draft) -> bool:
    text = draft.folded
    if any(is_dni(m[1].replace(".", ""), m[2]) for m in _DNI.finditer(text)):
        return True
    return any(is_nie(m[1], m[2].replace(".", ""), m[3]) for m in _NIE.finditer(text))


def has_br_cpf(draft: Draft) -> bool:
    return any(is_cpf("".join(m.groups())) for m in _CPF.finditer(draft.folded))


def is_shouting(draft: Draft) -> bool:
    words = letters = 0
    for word in _LETTERS.findall(draft.text):
        if word.isupper():
            words += 1
            letters += len(word)
            if words >= SHOUTING_MIN_WORDS and letters >= SHOUTING_MIN_LETTERS:
                return True
        elif word.upper() != word:  # a word with lower case ends the run
            words = letters = 0
        # else: a word of a script without case neither counts nor interrupts
    return False


DETECTORS: Mapping[Detector, Callable[[Draft], bool]] = {
    Detector.PAYMENT_CARD: has_payment_card,
    Detector.ES_DNI_NIE: has_es_dni_nie,
    Detector.BR_CPF: has_br_cpf,
    Detector.SHOUTING: is_shouting,
}
