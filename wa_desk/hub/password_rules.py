"""What makes a password acceptable, in one place for every command that sets one:
not blank, at least 12 characters, not one of the most common passwords (a small list
bundled with the hub, compared whatever the case), not the user's own name."""

from __future__ import annotations

from functools import cache
from importlib import resources

MIN_LENGTH = 12
MAX_LENGTH = 1000  # what sign-in accepts


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("wa_desk.hub").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def password_problem(password: str, user_name: str = "") -> str | None:
    """Why ``password`` may not be used, said so that the next try can be right; None
    when it is fine."""
    if password == "":
        return "it is empty; choose one of at least 12 characters"
    if not password.strip():
        return "it is only spaces; choose one of at least 12 characters"
    if len(password) < MIN_LENGTH:
        return f"it must have at least {MIN_LENGTH} characters (it has {len(password)})"
    if len(password) > MAX_LENGTH:
        return f"it must have at most {MAX_LENGTH} characters"
    folded = password.strip().casefold()
    if folded in common_passwords():
        return "it is one of the most common passwords; choose one nobody would guess"
    if user_name and folded == user_name.strip().casefold():
        return "it is the user name; choose one nobody would guess"
    return None
