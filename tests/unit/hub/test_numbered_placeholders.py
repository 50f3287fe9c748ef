"""The hub's ``?`` placeholders as PostgreSQL numbers them, worked out by hand: in order,
never inside a string literal, and nothing else in the text touched."""

from __future__ import annotations

from wa_desk.hub.db.connection import numbered


def test_placeholders_are_numbered_in_order() -> None:
    assert numbered("SELECT * FROM t WHERE a = ? AND b IN (?, ?)") == (
        "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)"
    )


def test_a_question_mark_inside_a_literal_is_text() -> None:
    sql = "SELECT '¿?' AS q, 'it''s ?' AS r FROM t WHERE a = ? AND b = '?'"
    assert numbered(sql) == "SELECT '¿?' AS q, 'it''s ?' AS r FROM t WHERE a = $1 AND b = '?'"


def test_percent_signs_and_statements_without_placeholders_are_left_as_written() -> None:
    assert numbered("SELECT 1 WHERE x LIKE '%a%' AND y = ?") == (
        "SELECT 1 WHERE x LIKE '%a%' AND y = $1"
    )
    assert numbered("COMMIT") == "COMMIT"


def test_numbers_run_on_past_nine_across_joined_rows() -> None:
    rows = ", ".join(["(?, ?)"] * 6)
    expected = ", ".join(f"(${2 * i + 1}, ${2 * i + 2})" for i in range(6))
    assert numbered(f"VALUES {rows}") == f"VALUES {expected}"
    assert expected.endswith("($11, $12)")
