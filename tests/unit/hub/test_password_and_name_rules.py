"""The one rule for passwords and the one for user names, case by case."""

from __future__ import annotations

import pytest

from wa_desk.hub.password_rules import common_passwords, password_problem
from wa_desk.hub.user_names import name_problem, printable_name


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "empty"),
        ("   \t      \t   ", "only spaces"),
        ("short-pass1", "at least 12"),
        ("Password1234", "common"),
        ("contraseña123", "common"),
        ("CONTRASEÑA2025", "common"),
        ("QWERTYUIOPASDFGH", "common"),
        ("callcenter1234", "common"),
        ("x" * 1001, "at most 1000"),
        ("Ana.Garcia.Lopez", "user name"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, reason: str) -> None:
    problem = password_problem(password, "ana.garcia.lopez")
    assert problem is not None and reason in problem


@pytest.mark.parametrize(
    "password",
    ["tres tristes tigres", "correct horse battery staple", "ñandú-azul-7-pasos"],
)
def test_long_uncommon_passwords_pass(password: str) -> None:
    assert password_problem(password, "ana") is None


def test_the_seeded_passwords_of_the_demo_and_the_tests_pass() -> None:
    from hub_harness import PASSWORD

    from wa_desk.demo import DEMO_PASSWORD

    assert password_problem(DEMO_PASSWORD) is None
    assert password_problem(PASSWORD) is None


def test_the_bundled_list_is_there_and_folded() -> None:
    listed = common_passwords()
    assert 300 <= len(listed) <= 2000
    assert "password1234" in listed and "contraseña123" in listed
    assert all(p == p.casefold() and not p.startswith("#") for p in listed)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (" ana", "spaces"),
        ("eve\tadmin", "control"),
        ("eve\nroot", "control"),
        ("eve\x1b[2J", "control"),
        ("eve\u202eredli", "control"),
        ("x" * 65, "at most 64"),
    ],
)
def test_user_names_that_could_forge_output_are_refused(name: str, reason: str) -> None:
    problem = name_problem(name)
    assert problem is not None and reason in problem


@pytest.mark.parametrize("name", ["ana", "José Pérez", "lucia.m", "agent-07", "李雷"])
def test_ordinary_names_pass(name: str) -> None:
    assert name_problem(name) is None


def test_stored_names_print_on_one_line_and_distinct() -> None:
    assert printable_name("eve\nroot\tadmin") == "eve\\nroot\\tadmin"
    assert printable_name("a\\nb") != printable_name("a\nb")
    assert printable_name("José") == "José"
