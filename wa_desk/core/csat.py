"""Customer satisfaction surveys: which queues ask for a rating after a close, in which
words, and what a customer's answer means.

The survey is a WhatsApp list message (a rating of 1 to 5 does not fit in reply buttons,
at most three); each row's id names its rating, so the answer's ``list_reply.id`` says
the rating whatever the row's title. The policy has one ``[[policy.csat]]`` table per
queue, ``"*"`` for every queue without its own; a queue without any is not surveyed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wa_desk.core.policy_entries import ALL_QUEUES, InvalidPolicy, queue_entries

RATINGS = (1, 2, 3, 4, 5)
# A rating at or above it counts as satisfied (docs/kpis.md, "CSAT %").
SATISFIED_FROM = 4
# Who sends a survey: not a user id, so a survey is never a human reply and changes no
# response-time figure (docs/kpis.md).
SURVEY_SENDER = "wa-desk:csat"
_ROW_ID_PREFIX = "csat-"

# WhatsApp's limits for a list message (the Cloud API refuses longer ones).
MAX_QUESTION = 1024
MAX_BUTTON = 20
MAX_ROW_TITLE = 24

DEFAULT_QUESTION = "¿Cómo valorarías la atención que recibiste?"
DEFAULT_BUTTON = "Valorar"
DEFAULT_ROWS = ("1 – Muy mal", "2 – Mal", "3 – Regular", "4 – Bien", "5 – Excelente")
DEFAULT_ALERT_BELOW = 2

_KEYS = {"queue", "enabled", "question", "button", "rows", "alert_below"}


class InvalidCsat(InvalidPolicy):
    """A survey entry that cannot be used; ``where`` names the faulty key."""


@dataclass(frozen=True, slots=True)
class CsatPolicy:
    queue: str  # a queue name, or ``*`` for every queue without its own
    enabled: bool = True
    question: str = DEFAULT_QUESTION
    button: str = DEFAULT_BUTTON
    rows: tuple[str, ...] = DEFAULT_ROWS  # the titles of ratings 1 to 5, in order
    alert_below: int = DEFAULT_ALERT_BELOW  # a rating at or below it raises an alert; 0: none

    def rows_with_ids(self) -> tuple[tuple[str, str], ...]:
        """``(row id, title)`` of each rating, 1 first."""
        return tuple((row_id(r), t) for r, t in zip(RATINGS, self.rows, strict=True))

    def raises_alert(self, rating: int) -> bool:
        return rating <= self.alert_below


def row_id(rating: int) -> str:
    return f"{_ROW_ID_PREFIX}{rating}"


def rating_of(reply_id: str | None) -> int | None:
    """The rating a ``list_reply.id`` names, or None when it is not a survey's row."""
    if not reply_id or not reply_id.startswith(_ROW_ID_PREFIX):
        return None
    digits = reply_id[len(_ROW_ID_PREFIX) :]
    if not digits.isdigit() or int(digits) not in RATINGS:
        return None
    return int(digits)


def csat_for(policies: tuple[CsatPolicy, ...], queue: str) -> CsatPolicy | None:
    """The survey of ``queue`` when it is surveyed: its own entry, which replaces the
    every-queue one, else that one; None when neither exists or it is disabled."""
    by_queue = {p.queue: p for p in policies}
    found = by_queue.get(queue) or by_queue.get(ALL_QUEUES)
    return found if found is not None and found.enabled else None


def csat_policies_from_json(raw: Any, where: str = "csat") -> tuple[CsatPolicy, ...]:
    """The ``csat`` list of the policy (``[[policy.csat]]``), checked; one entry per queue,
    every key but ``queue`` optional (the Spanish defaults above)."""
    out: list[CsatPolicy] = []
    for at, queue, entry in queue_entries(raw, where, _KEYS, InvalidCsat):
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            raise InvalidCsat(f"{at}.enabled", "must be true or false")
        question = _text(entry, "question", DEFAULT_QUESTION, MAX_QUESTION, at)
        button = _text(entry, "button", DEFAULT_BUTTON, MAX_BUTTON, at)
        rows = _rows(entry.get("rows", list(DEFAULT_ROWS)), f"{at}.rows")
        alert_below = entry.get("alert_below", DEFAULT_ALERT_BELOW)
        if (
            isinstance(alert_below, bool)
            or not isinstance(alert_below, int)
            or not 0 <= alert_below < max(RATINGS)
        ):
            raise InvalidCsat(
                f"{at}.alert_below", f"must be a rating from 0 (no alert) to 4, not {alert_below!r}"
            )
        out.append(CsatPolicy(queue, enabled, question, button, rows, alert_below))
    return tuple(out)


def _text(entry: Mapping[str, Any], key: str, default: str, limit: int, at: str) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
        raise InvalidCsat(f"{at}.{key}", f"must be a text of 1 to {limit} characters")
    return value.strip()


def _rows(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) != len(RATINGS):
        raise InvalidCsat(where, f"must list {len(RATINGS)} titles, rating 1 first")
    titles: list[str] = []
    for i, title in enumerate(value):
        if not isinstance(title, str) or not title.strip() or len(title.strip()) > MAX_ROW_TITLE:
            raise InvalidCsat(f"{where}[{i}]", f"must be a text of 1 to {MAX_ROW_TITLE} characters")
        titles.append(title.strip())
    return tuple(titles)
