"""The held writes' statements joined into few (``hub.db.as_one``), worked out by hand."""

from __future__ import annotations

import pytest

from wa_desk.hub.db import as_one
from wa_desk.hub.db.as_one import rows_as_one, statements_as_one

INSERT_T = "INSERT INTO t (a, b) VALUES (?, ?)"
UPSERT_U = "INSERT INTO u (k, n) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET n = u.n + excluded.n"


def test_rows_of_one_insert_become_one_statement_of_many_rows() -> None:
    assert rows_as_one(INSERT_T, [(1, "x"), (2, "y'(")]) == [
        ("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)", [1, "x", 2, "y'("])
    ]


def test_what_follows_the_values_is_kept_once() -> None:
    ((sql, params),) = rows_as_one(UPSERT_U, [("a", 1), ("b", 2), ("c", 3)])
    assert sql == (
        "INSERT INTO u (k, n) VALUES (?, ?), (?, ?), (?, ?) "
        "ON CONFLICT (k) DO UPDATE SET n = u.n + excluded.n"
    )
    assert params == ["a", 1, "b", 2, "c", 3]


def test_literals_inside_the_values_are_repeated_with_them() -> None:
    sql = "INSERT INTO v (a, b, c) VALUES (?, 0, '(x)')"
    assert rows_as_one(sql, [(1,), (2,)]) == [
        ("INSERT INTO v (a, b, c) VALUES (?, 0, '(x)'), (?, 0, '(x)')", [1, 2])
    ]


def test_one_row_and_statements_without_values_are_left_as_they_are() -> None:
    assert rows_as_one(INSERT_T, [(1, "x")]) == [(INSERT_T, (1, "x"))]
    update = "UPDATE t SET b = ? WHERE a = ?"
    assert rows_as_one(update, [("x", 1), ("y", 2)]) == [(update, ("x", 1)), (update, ("y", 2))]


def test_many_rows_are_split_under_the_parameter_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(as_one, "MAX_PARAMETERS", 5)  # 2 rows of 2 per statement
    out = rows_as_one(INSERT_T, [(i, str(i)) for i in range(5)])
    assert [params for _sql, params in out] == [[0, "0", 1, "1"], [2, "2", 3, "3"], [4, "4"]]
    assert out[2][0] == INSERT_T


def test_writes_to_different_tables_become_with_clauses_of_the_last() -> None:
    statements = [
        (INSERT_T, (1, "x")),
        ("UPDATE w SET n = ? WHERE k = ?", (5, "k")),
        (UPSERT_U, ("a", 1)),
    ]
    assert list(statements_as_one(statements)) == [
        (
            "WITH w0 AS (INSERT INTO t (a, b) VALUES (?, ?) RETURNING 1), "
            "w1 AS (UPDATE w SET n = ? WHERE k = ? RETURNING 1) "
            "INSERT INTO u (k, n) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET n = u.n + excluded.n",
            [1, "x", 5, "k", "a", 1],
        )
    ]


def test_a_select_is_the_main_statement_wherever_it_came() -> None:
    setval = "SELECT setval('s', ?)"
    out = list(statements_as_one([(INSERT_T, (1, "x")), (setval, (9,)), (UPSERT_U, ("a", 1))]))
    assert out == [
        (
            "WITH w0 AS (INSERT INTO t (a, b) VALUES (?, ?) RETURNING 1), "
            "w1 AS (INSERT INTO u (k, n) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET "
            "n = u.n + excluded.n RETURNING 1) SELECT setval('s', ?)",
            [1, "x", "a", 1, 9],
        )
    ]


def test_a_table_written_twice_or_a_second_select_starts_another_statement() -> None:
    out = list(
        statements_as_one(
            [
                (INSERT_T, (1, "x")),
                ("SELECT 1", ()),
                ("insert into T (a, b) values (?, ?)", (2, "y")),
                ("SELECT 2", ()),
            ]
        )
    )
    assert out == [
        ("WITH w0 AS (INSERT INTO t (a, b) VALUES (?, ?) RETURNING 1) SELECT 1", [1, "x"]),
        ("WITH w0 AS (insert into T (a, b) values (?, ?) RETURNING 1) SELECT 2", [2, "y"]),
    ]


def test_a_statement_of_no_known_form_goes_alone_in_its_place() -> None:
    odd = "WITH x AS (SELECT 1) INSERT INTO z SELECT * FROM x"
    out = list(statements_as_one([(INSERT_T, (1, "x")), (odd, ()), (UPSERT_U, ("a", 1))]))
    assert out == [(INSERT_T, (1, "x")), (odd, ()), (UPSERT_U, ("a", 1))]


def test_statements_past_the_parameter_limit_are_not_joined(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(as_one, "MAX_PARAMETERS", 3)
    out = list(statements_as_one([(INSERT_T, (1, "x")), (UPSERT_U, ("a", 1))]))
    assert out == [(INSERT_T, (1, "x")), (UPSERT_U, ("a", 1))]
