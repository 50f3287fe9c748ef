"""Regular expressions that stand in for phrase and detector rules on desktops released
before those rules existed.

Such a desktop reads every rule of the policy bundle as ``id``, ``pattern``, ``action``
and ``message``, and refuses the whole bundle when one lacks a pattern. So the hub
serves each phrase and detector rule with a pattern that comes close to it: accents as
character classes, punctuation between words, digit runs without their check digits
(which is how those desktops judged cards before: an order number looks like one). The
hub's verdict on send is still the rule itself; a current desktop ignores the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from wa_desk.core.rule_detectors import Detector
from wa_desk.core.rule_draft import Phrase

# The accented letters of Spanish, Portuguese and English, by the letter they fold to.
_ACCENTED = {
    "a": "aáàâãä",
    "e": "eéèêë",
    "i": "iíìîï",
    "o": "oóòôõö",
    "u": "uúùûü",
    "c": "cç",
    "n": "nñ",
}
_CAPITALS = "A-ZÁÉÍÓÚÀÂÊÔÃÕÜÇÑ"

DETECTOR_PATTERNS: Mapping[Detector, str] = {
    Detector.PAYMENT_CARD: r"(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])",
    Detector.ES_DNI_NIE: (
        r"(?<![0-9])(?:[XYZ]-?[0-9]{7}|[0-9]{8}|[0-9]{2}\.[0-9]{3}\.[0-9]{3})-?[A-Z](?!\w)"
    ),
    Detector.BR_CPF: r"(?<![0-9])[0-9]{3}\.?[0-9]{3}\.?[0-9]{3}[-.]?[0-9]{2}(?![0-9])",
    # Case matters here, whatever flags the desktop compiles with.
    Detector.SHOUTING: rf"(?-i:\b[{_CAPITALS}]{{2,}}(?:\W+[{_CAPITALS}]{{2,}}){{2,}}\b)",
}


def phrase_pattern(phrase: Phrase) -> str:
    """The phrase's words, each letter matching its accented forms, with anything but
    letters and digits between them."""
    words = (
        "".join(f"[{_ACCENTED[ch]}]" if ch in _ACCENTED else re.escape(ch) for ch in word)
        for word in phrase.words
    )
    return r"(?<![^\W_])" + r"[\W_]+".join(words) + r"(?![^\W_])"
