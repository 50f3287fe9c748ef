"""The check digits of the numbers the rules look for: payment cards (Luhn), Spanish
DNI and NIE (the control letter), Brazilian CPF (two digits modulo 11).

A number that fails its check is not that kind of number (an order number, a
tracking code), which is what lets a rule block cards without blocking orders.
"""

from __future__ import annotations

# The DNI's control letter is this string's letter at the number modulo 23.
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
# An NIE is a DNI whose first digit is written as a letter.
_NIE_PREFIXES = {"X": "0", "Y": "1", "Z": "2"}
# The first digit of the cards customers carry: 2 and 5 Mastercard, 3 American Express,
# Diners and JCB, 4 Visa, 5 and 6 Maestro, Discover, UnionPay, Elo and Hipercard. Other
# first digits are airlines, fuel, health and national numbering: not payment cards.
_CARD_FIRST_DIGITS = frozenset("23456")
CARD_MIN_DIGITS = 13
CARD_MAX_DIGITS = 19


def _ascii_digits(text: str) -> bool:
    # str.isdigit alone also accepts superscripts and other scripts' digits.
    return text.isascii() and text.isdigit()


def luhn_valid(digits: str) -> bool:
    """Whether ``digits`` (ASCII digits) pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = ord(ch) - 48
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    """A payment card's number: 13 to 19 digits, an issuer's first digit, Luhn valid."""
    return (
        CARD_MIN_DIGITS <= len(digits) <= CARD_MAX_DIGITS
        and _ascii_digits(digits)
        and digits[0] in _CARD_FIRST_DIGITS
        and luhn_valid(digits)
    )


def dni_letter(number: int) -> str:
    """The control letter of a DNI's number (or an NIE's, its prefix read as a digit)."""
    return _DNI_LETTERS[number % 23]


def is_dni(digits: str, letter: str) -> bool:
    """A DNI: eight digits and their control letter (either case)."""
    return len(digits) == 8 and _ascii_digits(digits) and dni_letter(int(digits)) == letter.upper()


def is_nie(prefix: str, digits: str, letter: str) -> bool:
    """An NIE: X, Y or Z, seven digits and their control letter (either case)."""
    first = _NIE_PREFIXES.get(prefix.upper())
    if first is None or len(digits) != 7 or not _ascii_digits(digits):
        return False
    return dni_letter(int(first + digits)) == letter.upper()


def cpf_check_digits(first_nine: str) -> str:
    """The two check digits of a CPF's first nine digits."""
    digits = [ord(ch) - 48 for ch in first_nine]
    for heaviest in (10, 11):
        total = sum(d * w for d, w in zip(digits, range(heaviest, 1, -1), strict=True))
        digits.append(total * 10 % 11 % 10)
    return f"{digits[-2]}{digits[-1]}"


def is_cpf(digits: str) -> bool:
    """A CPF: eleven digits whose last two check the first nine; a run of one repeated
    digit passes the arithmetic but the Receita Federal never issues it."""
    return (
        len(digits) == 11
        and _ascii_digits(digits)
        and len(set(digits)) > 1
        and cpf_check_digits(digits[:9]) == digits[9:]
    )
