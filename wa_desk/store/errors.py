"""Errors the local store expects, by cause, as opposed to bugs.

A full disk, a read-only or locked file, or a damaged database are facts about the
machine the app runs on: the UI explains them and says what to do. Anything else that
``sqlite3`` raises (a wrong SQL statement, a constraint the code should have respected)
is a bug and propagates unchanged, so it reaches the crash handler.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


class StoreError(Exception):
    """The local store cannot do its job for a reason outside the program."""

    cause = "unknown"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DiskFull(StoreError):
    cause = "disk_full"


class ReadOnly(StoreError):
    cause = "read_only"


class Locked(StoreError):
    cause = "locked"


class Damaged(StoreError):
    cause = "damaged"


class CannotOpen(StoreError):
    cause = "cannot_open"


class NewerSchema(StoreError):
    """The file was written by a newer version of the app."""

    cause = "newer_schema"


# Primary result codes (the low byte of extended codes), from sqlite3.h.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_BY_CODE: dict[int, tuple[type[StoreError], str]] = {
    _SQLITE_FULL: (DiskFull, "The disk is full: free some space so new messages can be saved."),
    _SQLITE_READONLY: (ReadOnly, "The local data file is read-only."),
    _SQLITE_BUSY: (Locked, "The local data file is in use by another program."),
    _SQLITE_LOCKED: (Locked, "The local data file is in use by another program."),
    _SQLITE_CORRUPT: (Damaged, "The local data file is damaged."),
    _SQLITE_NOTADB: (Damaged, "The local data file is not a database."),
    _SQLITE_CANTOPEN: (CannotOpen, "The local data file cannot be opened."),
    _SQLITE_IOERR: (CannotOpen, "The disk reported an error while reading or writing."),
}


def classify(exc: sqlite3.Error) -> StoreError | None:
    """The expected error ``exc`` stands for, or None when it is a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    known = _BY_CODE.get(code & 0xFF)
    if known is None:
        return None
    cls, text = known
    return cls(f"{text} ({exc})")


@contextmanager
def known_errors() -> Iterator[None]:
    """Turn expected ``sqlite3`` failures into ``StoreError`` subclasses."""
    try:
        yield
    except sqlite3.Error as exc:
        mapped = classify(exc)
        if mapped is None:
            raise
        raise mapped from exc
