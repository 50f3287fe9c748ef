"""User names: what a new one may be, and how any stored one is printed on one line.

A name ends up in terminal output (``hub user list`` is tab-separated, one user a
line), log lines and the desktop; control characters in it could forge lines or
columns, so a new name has none, and an old one is printed with them escaped."""

from __future__ import annotations

import unicodedata

MAX_LENGTH = 64


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a new user's name; None when it can."""
    if not name.strip():
        return "it is empty"
    if name != name.strip():
        return "it starts or ends with spaces"
    if len(name) > MAX_LENGTH:
        return f"it must have at most {MAX_LENGTH} characters (it has {len(name)})"
    if any(_unprintable(ch) for ch in name):
        return "it has control characters (tabs, line breaks...)"
    return None


def _unprintable(ch: str) -> bool:
    # Cc: controls (TAB, LF, ESC); Cf: invisible formatting (bidi overrides);
    # Zl/Zp: line and paragraph separators; Cs/Co/Cn: not characters one can type.
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def printable_name(name: str) -> str:
    """``name`` on one line whatever it holds: control characters escaped (``\\t``,
    ``\\n``, ``\\x1b``, ``\\u202e``), and backslashes too, so no two names print alike."""
    out: list[str] = []
    for ch in name:
        if ch == "\\":
            out.append("\\\\")
        elif _unprintable(ch):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)
