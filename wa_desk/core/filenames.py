"""File names that customers send, made safe to show and to save on any desktop OS.

A WhatsApp document carries a name chosen by whoever sent it: it may hold path
separators (``../../x.exe``), control or bidirectional-override characters that make
``exe.pdf`` look like ``fdp.exe``, names Windows reserves (``CON``, ``LPT1``), or run to
thousands of characters. ``safe_filename`` keeps the readable part and drops the rest.
"""

from __future__ import annotations

import unicodedata

MAX_FILENAME_CHARS = 120
FALLBACK_NAME = "file"

# Windows refuses these as a file's stem whatever the extension (``con.txt`` too).
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in "123456789¹²³"}
    | {f"LPT{i}" for i in "123456789¹²³"}
)
# Characters Windows forbids in names, plus both separators.
_FORBIDDEN = frozenset('<>:"/\\|?*')


def _allowed(ch: str) -> bool:
    if ch in _FORBIDDEN:
        return False
    # Cc: control, Cf: format (bidi overrides, zero-width), Cs/Co/Cn: not characters to show.
    return unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def safe_filename(name: str | None, fallback: str = FALLBACK_NAME) -> str:
    """A single path component that is safe to display and to create on Windows, macOS
    and Linux: no directories, no control or invisible characters, no reserved names,
    no leading/trailing dots or spaces, at most ``MAX_FILENAME_CHARS`` characters with
    the extension kept when the name is cut."""
    text = unicodedata.normalize("NFC", name or "")
    # Only the last component counts: "../../x.exe" and "C:\\x.exe" both become "x.exe".
    for sep in ("/", "\\"):
        text = text.rsplit(sep, 1)[-1]
    text = "".join(" " if ch in "\t\n\r" else ch for ch in text)
    text = "".join(ch if _allowed(ch) else "_" if ch in _FORBIDDEN else "" for ch in text)
    text = " ".join(text.split())  # tabs and runs of spaces: one space
    text = text.strip(" .")
    if not text or set(text) <= {"_"}:
        return fallback
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    if len(ext) > 16:  # not a real extension: keep it as part of the name
        stem, ext, dot = text, "", ""
    room = MAX_FILENAME_CHARS - len(dot) - len(ext)
    stem = stem[:room].rstrip(" .") or fallback
    return f"{stem}{dot}{ext}"
