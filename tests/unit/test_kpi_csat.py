"""CSAT figures as docs/kpis.md defines them, worked by hand."""

from __future__ import annotations

from wa_desk.core.kpis.csat import CsatFigures, Survey, csat


def test_the_worked_example_of_the_definition() -> None:
    # Five surveys accepted by WhatsApp; four answered: 5, 4, 2, 3; one unanswered.
    # Satisfied: the 5 and the 4 → CSAT % = 100 × 2 ÷ 4 = 50.0.
    # Average rating = (5 + 4 + 2 + 3) ÷ 4 = 3.5. Responses = 100 × 4 ÷ 5 = 80.0.
    surveys = [
        Survey("ana", 5),
        Survey("ana", 4),
        Survey("bruno", 2),
        Survey("bruno", 3),
        Survey("ana", None),
    ]
    assert csat(surveys) == CsatFigures(5, 4, 50.0, 3.5, 80.0)


def test_no_answer_leaves_the_ratings_empty_never_zero() -> None:
    assert csat([Survey("ana", None), Survey("ana", None)]) == CsatFigures(2, 0, None, None, 0.0)
    assert csat([]) == CsatFigures(0, 0, None, None, None)


def test_a_three_is_not_satisfied_and_a_four_is() -> None:
    assert csat([Survey(None, 3)]).csat_percent == 0.0
    assert csat([Survey(None, 4)]).csat_percent == 100.0
