"""Customer satisfaction (docs/kpis.md, "Customer satisfaction (CSAT)"): from the
surveys sent after closes and the ratings customers gave."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wa_desk.core.csat import SATISFIED_FROM


@dataclass(frozen=True, slots=True)
class Survey:
    """A survey WhatsApp accepted, about the close of ``agent``; ``rating`` 1 to 5, or
    None while unanswered."""

    agent: str | None
    rating: int | None


@dataclass(frozen=True, slots=True)
class CsatFigures:
    surveys: int
    responses: int
    csat_percent: float | None  # 100 × ratings of 4 or 5 ÷ ratings
    average_rating: float | None  # Σ ratings ÷ ratings
    response_percent: float | None  # 100 × ratings ÷ surveys


def csat(surveys: Iterable[Survey]) -> CsatFigures:
    sent = list(surveys)
    ratings = [s.rating for s in sent if s.rating is not None]
    if not ratings:
        return CsatFigures(len(sent), 0, None, None, 0.0 if sent else None)
    satisfied = sum(r >= SATISFIED_FROM for r in ratings)
    return CsatFigures(
        len(sent),
        len(ratings),
        100 * satisfied / len(ratings),
        sum(ratings) / len(ratings),
        100 * len(ratings) / len(sent),
    )
