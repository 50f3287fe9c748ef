"""Storage errors the hub expects and answers by cause, as opposed to bugs.

A store that is unreachable, full or damaged is a fact about the machine the hub runs
on: requests are answered 503 (Meta retries webhooks, so nothing is lost), ``/healthz``
says degraded and commands stop with one line saying what to do. Anything else a
driver raises (a wrong statement, a constraint the code should have respected) is a
bug and propagates unchanged.
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum

STORE_UNAVAILABLE = "store_unavailable"  # API error code: unreachable, I/O error, damaged
STORE_FULL = "store_full"  # API error code: no space left for the write


class StoreCause(StrEnum):
    UNAVAILABLE = "unavailable"
    FULL = "full"
    DAMAGED = "damaged"


# What a client reads: what happened and what to do, without the store's internals
# (paths, hosts, driver messages stay in the hub's log).
_PUBLIC = {
    StoreCause.UNAVAILABLE: (
        "The hub cannot use its store right now and saved nothing; try again in a moment. "
        "If this lasts, an administrator should check the hub's log."
    ),
    StoreCause.FULL: (
        "The hub's store is full and saved nothing; an administrator must free disk space. "
        "Try again afterwards."
    ),
    StoreCause.DAMAGED: (
        "The hub's store is damaged and saved nothing; an administrator must restore it "
        "from a backup (see the hub's log)."
    ),
}

# Seconds a client should wait before trying again (``Retry-After``).
RETRY_AFTER = {StoreCause.UNAVAILABLE: 5, StoreCause.FULL: 60, StoreCause.DAMAGED: 60}

_WHAT_TO_DO = {
    StoreCause.UNAVAILABLE: "check that it is reachable and try again",
    StoreCause.FULL: "free disk space (or raise the database's quota) and try again",
    StoreCause.DAMAGED: (
        "stop the hub, restore the store from a backup, then check the audit trail "
        "with `wa-desk hub audit verify`"
    ),
}


class StorageError(Exception):
    """The store could not be used (unreachable, full, damaged, locked for too long).

    ``str()`` is the detail for logs and command lines; :attr:`public` is what an API
    client reads."""

    def __init__(self, message: str, cause: StoreCause = StoreCause.UNAVAILABLE) -> None:
        super().__init__(message)
        self.cause = cause

    def __reduce__(self) -> tuple[type[StorageError], tuple[str, StoreCause]]:
        # Kept whole across processes (``audit verify``'s workers raise it).
        return (StorageError, (str(self), self.cause))

    @property
    def code(self) -> str:
        return STORE_FULL if self.cause is StoreCause.FULL else STORE_UNAVAILABLE

    @property
    def public(self) -> str:
        return _PUBLIC[self.cause]

    @property
    def retry_after(self) -> int:
        return RETRY_AFTER[self.cause]


class UnsupportedDatabaseUrl(ValueError):
    """The database URL names a scheme the hub does not support."""


def store_problem(cause: StoreCause, store: str, detail: str) -> StorageError:
    """One line naming the store, the problem and what to do about it."""
    problem = {
        StoreCause.UNAVAILABLE: f"cannot use the store {store}",
        StoreCause.FULL: f"the store {store} is full",
        StoreCause.DAMAGED: f"the store {store} is damaged",
    }[cause]
    return StorageError(f"{problem} ({_one_line(detail)}): {_WHAT_TO_DO[cause]}", cause)


# Primary result codes (the low byte of extended codes), from sqlite3.h.
_SQLITE_CAUSES = {
    5: StoreCause.UNAVAILABLE,  # BUSY: locked by another process for too long
    6: StoreCause.UNAVAILABLE,  # LOCKED
    7: StoreCause.UNAVAILABLE,  # NOMEM
    8: StoreCause.UNAVAILABLE,  # READONLY
    10: StoreCause.UNAVAILABLE,  # IOERR
    11: StoreCause.DAMAGED,  # CORRUPT
    13: StoreCause.FULL,  # FULL
    14: StoreCause.UNAVAILABLE,  # CANTOPEN
    15: StoreCause.UNAVAILABLE,  # PROTOCOL
    26: StoreCause.DAMAGED,  # NOTADB
}
# PostgreSQL SQLSTATEs (psycopg's ``sqlstate``) and classes that are the store's state,
# not the statement's fault.
_PG_STATES = {"53100": StoreCause.FULL, "XX001": StoreCause.DAMAGED, "XX002": StoreCause.DAMAGED}
_PG_CLASSES = {
    "08": StoreCause.UNAVAILABLE,  # connection exception
    "53": StoreCause.UNAVAILABLE,  # insufficient resources
    "57": StoreCause.UNAVAILABLE,  # operator intervention: shutdown, cannot connect now
    "58": StoreCause.UNAVAILABLE,  # system error: I/O error
}


def cause_of(exc: BaseException) -> StoreCause | None:
    """The storage problem ``exc`` stands for, or None when it is a bug."""
    if isinstance(exc, StorageError):
        return exc.cause
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return None if code is None else _SQLITE_CAUSES.get(code & 0xFF)
    if not type(exc).__module__.startswith("psycopg"):
        return None
    import psycopg

    state = getattr(exc, "sqlstate", None)
    if isinstance(state, str):
        known = _PG_STATES.get(state) or _PG_CLASSES.get(state[:2])
        if known is not None:
            return known
    if isinstance(exc, psycopg.OperationalError):
        return StoreCause.UNAVAILABLE  # connection lost or refused, shutdown, timeouts
    return None


def as_storage_error(exc: BaseException, store: str = "") -> StorageError | None:
    """``exc`` as a :class:`StorageError` (with the store named), or None for a bug."""
    if isinstance(exc, StorageError):
        return exc
    cause = cause_of(exc)
    if cause is None:
        return None
    detail = _one_line(str(exc)) or type(exc).__name__
    if not store:
        return StorageError(detail, cause)
    return store_problem(cause, store, detail)


def _one_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
