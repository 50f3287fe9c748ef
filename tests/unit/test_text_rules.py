"""Text rules: a pattern, a phrase or a detector, a severity and the message the agent
reads; checked naming the faulty key; judged by one function on both sides."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.policy_entries import InvalidPolicy
from wa_desk.core.text_rules import (
    Rule,
    RuleSeverity,
    check_rule_table,
    first_block,
    matching_rules,
    rule_from_json,
)


def _rule(rule_id: str, severity: str = "warn", **test: str) -> Rule:
    return rule_from_json({"id": rule_id, "severity": severity, "message": "m", **test})


# As configured before phrases and detectors existed: a pattern and an action.
OLD_CARD = rule_from_json(
    {
        "id": "card_number",
        "pattern": r"\b(?:\d[ -]?){13,19}\b",
        "action": "block",
        "message": "No card numbers.",
    }
)
OLD_PROMISE = rule_from_json(
    {"id": "old_promise", "pattern": r"\b(guarantee|garantizo)\b", "action": "warn", "message": "m"}
)
PROMISE = _rule("promise", phrase="te garantizo")
NAO = _rule("nao", phrase="não garantimos")
CARD = _rule("card", "block", detector="payment_card")
DNI = _rule("dni", "block", detector="es_dni_nie")
CPF = _rule("cpf", "block", detector="br_cpf")
SHOUTING = _rule("shouting", detector="shouting")
EVERY_KIND = (OLD_CARD, OLD_PROMISE, PROMISE, NAO, CARD, DNI, CPF, SHOUTING)


# ASCII letters written full width, as some Asian keyboards and pasted text do.
FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


def _ids(text: str, rules: tuple[Rule, ...] = EVERY_KIND) -> list[str]:
    return [r.id for r in matching_rules(rules, text)]


def test_a_rule_with_a_pattern_and_an_action_works_as_before() -> None:
    matched = matching_rules([OLD_CARD, OLD_PROMISE], "I guarantee it: 4111 1111 1111 1111")
    assert [r.id for r in matched] == ["card_number", "old_promise"]
    assert first_block(matched) is OLD_CARD
    assert OLD_CARD.severity is RuleSeverity.BLOCK
    assert matching_rules([OLD_PROMISE], "Te lo GARANTIZO") == (OLD_PROMISE,)
    assert matching_rules([OLD_CARD, OLD_PROMISE], "Your order 12345 ships today") == ()
    # A regular expression reads the text as typed: accents are its author's business.
    assert matching_rules([OLD_PROMISE], "te lo garantízo") == ()


@pytest.mark.parametrize(
    "text",
    [
        "te garantizo",
        "Te garantízo que llega mañana",
        "TE  GARANTIZO",
        "te, garantizo",
        "Sí: te\ngarantizo!",
        "te — GARANTÍZO",
        "te garan\u200btizo",  # a zero-width space a phone put inside the word
        "te garantizo".translate(FULL_WIDTH),
    ],
)
def test_a_phrase_matches_whatever_the_case_accents_and_spacing(text: str) -> None:
    assert PROMISE.matches(text)


@pytest.mark.parametrize(
    "text",
    ["te garantizamos", "poste garantizo", "te lo garantizo", "garantizo te", "tegarantizo"],
)
def test_a_phrase_needs_its_whole_words_in_order(text: str) -> None:
    assert not PROMISE.matches(text)


def test_portuguese_and_english_fold_too() -> None:
    assert NAO.matches("NAO GARANTIMOS a entrega") and NAO.matches("Não, garantimos")
    assert _rule("we", phrase="We guarantee").matches("we GUARANTEE it")


def test_detectors_tell_a_card_from_an_order_number() -> None:
    assert _ids("Mi tarjeta es 4111 1111 1111 1111") == ["card_number", "card"]
    # Sixteen digits that fail the Luhn check: the old pattern blocks it, the detector not.
    assert _ids("Su pedido 4111 1111 1111 1112 sale hoy") == ["card_number"]
    assert _ids("DNI 12345678Z, NIE x-1234567-l") == ["dni"]
    assert _ids("DNI 12345678A") == []  # the letter of 12345678 is Z
    assert _ids("CPF 529.982.247-25") == ["cpf"]
    assert _ids("CPF 529.982.247-26") == []
    assert _ids("POR FAVOR PAGUE YA") == ["shouting"]
    assert _ids("Tu DNI y tu CPF, por favor") == []


def test_the_severity_is_read_from_severity_or_from_action() -> None:
    rule = {"id": "r", "pattern": "x", "message": "m"}
    assert rule_from_json({**rule, "severity": "block"}).severity is RuleSeverity.BLOCK
    assert rule_from_json({**rule, "action": "block"}).severity is RuleSeverity.BLOCK
    both = {**rule, "severity": "warn", "action": "warn"}
    assert rule_from_json(both).severity is RuleSeverity.WARN


def test_a_rule_is_served_with_its_severity_as_action_too_and_reads_back_equal() -> None:
    for rule in EVERY_KIND:
        served = rule.as_json()
        assert served["severity"] == served["action"] == rule.severity.value
        assert rule_from_json(served) == rule
    assert PROMISE.as_json()["phrase"] == "te garantizo"
    assert CARD.as_json()["detector"] == "payment_card"


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ({"id": "bad id!", "pattern": "x"}, "rule.id"),
        ({"id": "r", "pattern": "(unclosed"}, "rule.pattern"),
        ({"id": "r", "pattern": "a*"}, "rule.pattern"),  # matches everything
        ({"id": "r", "pattern": 5}, "rule.pattern"),
        ({"id": "r"}, "rule.pattern"),
        ({"id": "r", "phrase": " ¿? "}, "rule.phrase"),
        ({"id": "r", "phrase": ["te", "garantizo"]}, "rule.phrase"),
        ({"id": "r", "detector": "iban"}, "rule.detector"),
        ({"id": "r", "pattern": "x", "message": "  "}, "rule.message"),
        ({"id": "r", "pattern": "x", "severity": "shout"}, "rule.severity"),
        ({"id": "r", "pattern": "x", "action": "block"}, "rule.action"),  # severity is warn
    ],
)  # fmt: skip
def test_an_unusable_rule_names_what_is_wrong(raw: dict[str, Any], where: str) -> None:
    with pytest.raises(InvalidPolicy) as caught:
        rule_from_json({"severity": "warn", "message": "m", **raw})
    assert caught.value.where == where


def test_without_a_severity_or_an_action_the_error_asks_for_a_severity() -> None:
    with pytest.raises(InvalidPolicy) as caught:
        rule_from_json({"id": "r", "pattern": "x", "message": "m"})
    assert caught.value.where == "rule.severity"


@pytest.mark.parametrize(
    ("raw", "where", "problem"),
    [
        ({"id": "r", "phrase": "x", "pattern": "x"}, "r.phrase", "only one of pattern, phrase"),
        ({"id": "r", "message": "m"}, "r", "needs a pattern, a phrase or a detector"),
        ({"id": "r", "phrase": "x", "explanation": "m"}, "r", "unknown keys: explanation"),
        ("te garantizo", "r", "must be a table"),
    ],
)
def test_a_configured_rule_has_one_test_and_only_known_keys(
    raw: object, where: str, problem: str
) -> None:
    with pytest.raises(InvalidPolicy) as caught:
        check_rule_table(raw, "r")
    assert caught.value.where == where
    assert problem in caught.value.problem
    check_rule_table({"id": "r", "severity": "warn", "phrase": "x", "message": "m"}, "r")


@given(st.text(max_size=10_000))
def test_matching_never_crashes_and_finds_only_its_rules(text: str) -> None:
    assert set(matching_rules(EVERY_KIND, text)) <= set(EVERY_KIND)


ACCENTED = {"a": "aáàâãAÁÃ", "e": "eéêEÉ", "i": "iíIÍ", "o": "oóôõOÓÕ", "u": "uúüUÚÜ", "c": "cçCÇ"}
SEPARATORS = st.sampled_from([" ", "  ", ", ", " - ", "\n", "... ", " \u200b", "\t", "¡"])


def _spelled(word: str) -> st.SearchStrategy[str]:
    letters = [st.sampled_from(ACCENTED.get(ch, ch + ch.upper())) for ch in word]
    return st.tuples(*letters).map("".join)


@given(
    st.tuples(_spelled("te"), SEPARATORS, _spelled("garantizo")).map("".join),
    st.text(max_size=40),
    st.text(max_size=40),
)
def test_any_spelling_of_a_phrase_matches_it_anywhere(
    written: str, before: str, after: str
) -> None:
    assert PROMISE.matches(f"{before} {written} {after}")


def _as_an_older_desktop_reads_it(rule: Rule) -> Rule:
    """What a desktop released before phrases and detectors makes of a served rule: its
    id, pattern, action and message (the parsing it had is what pattern rules get now)."""
    served = rule.as_json()
    return rule_from_json({k: served[k] for k in ("id", "pattern", "action", "message")})


@pytest.mark.parametrize(
    ("rule", "said", "not_said"),
    [
        (PROMISE, "TE  GARANTÍZO", "te garantizamos"),
        (NAO, "Nao, garantimos", "não o garantimos"),
        (CARD, "4111-1111-1111-1111", "pedido 12345"),
        (DNI, "DNI: X-1234567-L", "12345678 y"),
        (CPF, "529.982.247-25", "529.982.247"),
        (SHOUTING, "POR FAVOR PAGUE YA", "Por favor PAGUE ya"),
    ],
)
def test_a_desktop_that_knows_only_patterns_judges_close_to_the_rule(
    rule: Rule, said: str, not_said: str
) -> None:
    older = _as_an_older_desktop_reads_it(rule)
    assert older.severity is rule.severity and older.message == rule.message
    assert rule.matches(said) and older.matches(said)
    assert not rule.matches(not_said) and not older.matches(not_said)
    assert rule_from_json(rule.as_json()) == rule  # a current desktop ignores the pattern


@given(
    st.tuples(_spelled("te"), SEPARATORS, _spelled("garantizo")).map("".join),
    st.text(alphabet="abcdefghijklmnñopqrstuvwxyz0123456789 ,.", max_size=40),
)
def test_an_older_desktop_catches_any_spelling_of_a_phrase_too(written: str, after: str) -> None:
    assert _as_an_older_desktop_reads_it(PROMISE).matches(f"{written} {after}")
