"""Marketing opt-out: the words with which a customer stops (or resumes) marketing
messages, and who may be sent what once they have.

A customer's message is an opt-out (or an opt-in) when its words, folded as the text
rules fold them (``core/rule_draft.py``: case, accents, punctuation and spacing), are
exactly one of the configured phrases: "BAJA", " baja. " and "No quiero más mensajes!"
stop marketing; "bajar", or "baja" inside a longer sentence ("me doy de baja del
gimnasio"), do not, since a customer who writes a sentence is talking to an agent.

Opted out, a customer still gets utility and authentication templates and free text
inside the 24 h window: only marketing templates are refused (as WhatsApp itself does
with error 131050 once the customer stops marketing messages in the app).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wa_desk.core.policy_entries import InvalidPolicy
from wa_desk.core.rule_draft import folded_words

# WhatsApp's error when a customer stopped marketing messages from the business.
MARKETING_STOPPED_ERROR = 131050
MARKETING_CATEGORY = "MARKETING"

# Spanish, English and Portuguese, used when the policy names none (``[policy.opt_out]``).
DEFAULT_STOP = (
    "STOP",
    "UNSUBSCRIBE",
    "BAJA",
    "no quiero más mensajes",
    "no quiero recibir más mensajes",
    "PARAR",
    "SAIR",
    "não quero mais mensagens",
)
DEFAULT_START = (
    "START",
    "SUBSCRIBE",
    "ALTA",
    "quiero recibir mensajes",
    "VOLTAR",
    "quero receber mensagens",
)
_KEYS = frozenset(("stop", "start"))


class OptOutSource(StrEnum):
    """Where an opt-out (or an opt-in) came from: stored with it and shown to agents."""

    KEYWORD = "keyword"  # the customer wrote one of the policy's phrases
    WHATSAPP_ERROR = "whatsapp_error"  # WhatsApp refused a marketing send with 131050
    USER = "user"  # an agent, a supervisor or an administrator set it
    # The customer stopped (or resumed) marketing in WhatsApp's own settings, as Meta's
    # ``user_preferences`` webhook tells the business.
    WHATSAPP_SETTINGS = "whatsapp_settings"


# Meta's ``user_preferences`` webhook: the category of marketing messages, and the
# values that stop and resume them (others, such as ``signup``, change nothing here).
MARKETING_PREFERENCE_CATEGORY = "marketing_messages"


class MarketingPreference(StrEnum):
    STOP = "stop"
    RESUME = "resume"


class Keyword(StrEnum):
    STOP = "stop"
    START = "start"


@dataclass(frozen=True, slots=True)
class OptOutKeywords:
    stop: tuple[str, ...] = DEFAULT_STOP
    start: tuple[str, ...] = DEFAULT_START

    def judge(self, text: str | None) -> tuple[Keyword, str] | None:
        """Whether ``text`` is a stop or a start phrase, and which one as configured."""
        if not text:
            return None
        words = folded_words(text)
        if not words:
            return None
        for kind, phrases in ((Keyword.STOP, self.stop), (Keyword.START, self.start)):
            for phrase in phrases:
                if folded_words(phrase) == words:
                    return kind, phrase
        return None

    def as_json(self) -> dict[str, list[str]]:
        return {"stop": list(self.stop), "start": list(self.start)}


def opt_out_keywords_from_json(raw: object) -> OptOutKeywords:
    """``[policy.opt_out]``: ``stop`` and ``start``, lists of phrases (each defaults to
    the built-in Spanish, English and Portuguese ones); a phrase may not be in both."""
    if raw is None:
        return OptOutKeywords()
    if not isinstance(raw, Mapping):
        raise InvalidPolicy("opt_out", "must be a table with stop and start lists")
    unknown = set(raw) - _KEYS
    if unknown:
        raise InvalidPolicy("opt_out", f"unknown keys: {', '.join(sorted(unknown))}")
    stop = _phrases(raw, "stop", DEFAULT_STOP)
    start = _phrases(raw, "start", DEFAULT_START)
    both = {folded_words(p) for p in stop} & {folded_words(p) for p in start}
    if both:
        twice = " ".join(sorted(both)[0])
        raise InvalidPolicy("opt_out.start", f"{twice!r} is a stop phrase too")
    return OptOutKeywords(stop, start)


def _phrases(raw: Mapping[str, Any], key: str, default: Iterable[str]) -> tuple[str, ...]:
    if key not in raw:
        return tuple(default)
    value = raw[key]
    if not isinstance(value, list):
        raise InvalidPolicy(f"opt_out.{key}", "must be a list of phrases")
    out: list[str] = []
    for i, phrase in enumerate(value):
        if not isinstance(phrase, str) or not folded_words(phrase):
            raise InvalidPolicy(f"opt_out.{key}[{i}]", "must hold at least one word")
        out.append(phrase.strip())
    return tuple(out)


def refuses_template(category: str | None, opted_out: bool) -> bool:
    """Whether a template of ``category`` may not go to a customer (``opted_out``)."""
    return opted_out and (category or "").upper() == MARKETING_CATEGORY
