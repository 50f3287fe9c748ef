"""The detectors and the check digits behind them: a number is found when its check
passes, in the ways people write it, and never when it fails."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from wa_desk.core.check_digits import (
    cpf_check_digits,
    dni_letter,
    is_card_number,
    is_cpf,
    luhn_valid,
)
from wa_desk.core.rule_detectors import (
    has_br_cpf,
    has_es_dni_nie,
    has_payment_card,
    is_shouting,
)
from wa_desk.core.rule_draft import Draft


def _luhn_digit(body: str) -> str:
    return next(d for d in "0123456789" if luhn_valid(body + d))


def _grouped(digits: str, separator: str) -> str:
    return separator.join(digits[i : i + 4] for i in range(0, len(digits), 4))


# Words around a number that hold no digits of their own.
WORDS = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáé ,.:;¿?¡!", max_size=30)


def test_known_numbers() -> None:
    assert is_card_number("4111111111111111")  # Visa's test card
    assert is_card_number("378282246310005")  # American Express's
    assert not is_card_number("1234567890123452")  # Luhn valid, no issuer starts with 1
    assert dni_letter(12345678) == "Z"
    assert is_cpf("52998224725") and cpf_check_digits("529982247") == "25"
    assert not is_cpf("11111111111")  # passes the arithmetic, never issued
    assert not is_cpf("\u00b22998224725")  # a superscript two is a digit to Python


@given(
    st.sampled_from("23456"),
    st.text(alphabet="0123456789", min_size=14, max_size=14),
    st.sampled_from(["", " ", "-"]),
    WORDS,
    WORDS,
)
def test_a_card_that_passes_luhn_is_found_however_it_is_grouped(
    first: str, middle: str, separator: str, before: str, after: str
) -> None:
    card = first + middle
    card += _luhn_digit(card)
    assert has_payment_card(Draft(f"{before} {_grouped(card, separator)} {after}"))


@given(st.text(alphabet="0123456789", min_size=16, max_size=16), WORDS, WORDS)
def test_sixteen_digits_that_fail_luhn_are_an_order_number(
    number: str, before: str, after: str
) -> None:
    assume(not luhn_valid(number))
    assert not has_payment_card(Draft(f"{before} {number} {after}"))
    assert not has_payment_card(Draft(f"{before} {_grouped(number, ' ')} {after}"))


@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_a_changed_digit_is_no_card_any_more(number: str) -> None:
    card = "4" + number[1:15]
    card += _luhn_digit(card)
    for i in range(len(card)):
        changed = card[:i] + str((int(card[i]) + 1) % 10) + card[i + 1 :]
        assert luhn_valid(card) and not luhn_valid(changed)


@given(
    st.integers(0, 99_999_999),
    st.sampled_from(["{n}{l}", "{n}-{l}", "{dotted}-{l}"]),
    st.booleans(),
    WORDS,
)
def test_a_dni_with_its_letter_is_found_and_with_another_is_not(
    number: int, shape: str, upper: bool, before: str
) -> None:
    n = f"{number:08d}"
    dotted = f"{n[:2]}.{n[2:5]}.{n[5:]}"
    right = dni_letter(number)
    wrong = "TRWAGMYFPDXBNJZSQVHLCKE"[(number + 1) % 23]

    def written(letter: str) -> str:
        text = shape.format(n=n, dotted=dotted, l=letter)
        return f"{before} DNI {text if upper else text.lower()}."

    assert has_es_dni_nie(Draft(written(right)))
    assert not has_es_dni_nie(Draft(written(wrong)))


@given(st.sampled_from("XYZ"), st.integers(0, 9_999_999), st.sampled_from(["", "-"]))
def test_an_nie_with_its_letter_is_found_and_with_another_is_not(
    prefix: str, number: int, separator: str
) -> None:
    n = f"{number:07d}"
    value = int("XYZ".index(prefix) * 10_000_000 + number)
    right = dni_letter(value)
    wrong = "TRWAGMYFPDXBNJZSQVHLCKE"[(value + 1) % 23]
    assert has_es_dni_nie(Draft(f"NIE {prefix}{separator}{n}{separator}{right}"))
    assert not has_es_dni_nie(Draft(f"NIE {prefix}{separator}{n}{separator}{wrong}"))


@given(
    st.text(alphabet="0123456789", min_size=9, max_size=9),
    st.sampled_from(["{a}.{b}.{c}-{d}", "{a}{b}{c}{d}", "{a}{b}{c}-{d}"]),
    st.integers(1, 9),
    WORDS,
)
def test_a_cpf_with_its_check_digits_is_found_and_with_others_is_not(
    first_nine: str, shape: str, shift: int, before: str
) -> None:
    assume(len(set(first_nine)) > 1)
    check = cpf_check_digits(first_nine)
    other = check[0] + str((int(check[1]) + shift) % 10)

    def written(digits: str) -> str:
        a, b, c = first_nine[:3], first_nine[3:6], first_nine[6:]
        return f"{before} CPF {shape.format(a=a, b=b, c=c, d=digits)}"

    assert has_br_cpf(Draft(written(check)))
    assert not has_br_cpf(Draft(written(other)))


@given(st.text(max_size=500))
def test_text_without_capitals_never_shouts(text: str) -> None:
    assert not is_shouting(Draft(text.lower()))


@given(
    st.lists(st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóúç", min_size=1), min_size=3),
    st.text(alphabet="abcdefghij ", max_size=30),
)
def test_three_or_more_words_in_capitals_shout(words: list[str], before: str) -> None:
    assume(sum(map(len, words)) >= 10)
    assert is_shouting(Draft(f"{before} {' '.join(words).upper()}, {before}"))
    assert not is_shouting(Draft(f"{before} {' '.join(words).capitalize()}"))


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_a_phone_number_with_its_country_code_is_no_card(number: str) -> None:
    area, rest = number[:2], number[2:]
    for written in (f"+55{number}", f"+55 {area} {rest[:5]}-{rest[5:]}", f"55 {area} {rest}"):
        assert not has_payment_card(Draft(f"Ligue para {written}, obrigado"))
