"""Expected problems by cause: what happened, in words, and what to do next."""

from __future__ import annotations

import errno
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from wa_desk.client.errors import (
    CertificateError,
    HubError,
    HubUnreachable,
    Refused,
    SessionExpired,
)
from wa_desk.core.tags import InvalidTag
from wa_desk.store.errors import DiskFull, StoreError

KINDS = (
    "hub_unreachable",
    "certificate",
    "disk_full",
    "refused",
    "session_expired",
    "keyring",
    "alert",
    "managed_settings",
    "hub_failed",
    "local_store",
    "invalid_input",
    "sync",
)


@dataclass(frozen=True)
class Problem:
    kind: str
    title: str
    next_step: str
    action: str | None  # the button's label, None for none
    detail: str  # what the caller said (the hub's message, an OS error...)


def problem_of(exc: BaseException) -> tuple[str, str]:
    """The one mapping from what went wrong to the problem a user sees: its kind (for
    ``describe_problem``) and the detail to show under it."""
    if isinstance(exc, HubUnreachable):
        return "hub_unreachable", exc.message
    if isinstance(exc, CertificateError):
        return "certificate", exc.message
    if isinstance(exc, SessionExpired):
        return "session_expired", exc.message
    if isinstance(exc, Refused):
        return "refused", exc.message
    if isinstance(exc, HubError):
        return "hub_failed", exc.message
    if isinstance(exc, DiskFull) or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        return "disk_full", str(exc)
    if isinstance(exc, StoreError):
        return "local_store", str(exc)
    if isinstance(exc, InvalidTag):
        return "invalid_input", str(exc)
    return "other", str(exc)


def describe_problem(kind: str, message: str | None = None) -> Problem:
    detail = message or ""
    if kind == "hub_unreachable":
        return Problem(
            kind,
            QCoreApplication.translate("Problems", "The hub cannot be reached."),
            QCoreApplication.translate(
                "Problems",
                "Your work is kept and sent when the connection returns. "
                "Check your network or ask IT whether the hub is running.",
            ),
            QCoreApplication.translate("Problems", "Retry now"),
            detail,
        )
    if kind == "certificate":
        return Problem(
            kind,
            QCoreApplication.translate(
                "Problems", "The hub's security certificate is not trusted."
            ),
            QCoreApplication.translate(
                "Problems",
                "Do not continue on this network. Ask IT to check the hub's certificate "
                "or the address you signed in to.",
            ),
            None,
            detail,
        )
    if kind == "disk_full":
        return Problem(
            kind,
            QCoreApplication.translate(
                "Problems", "The disk is full: wa-desk cannot save your work locally."
            ),
            QCoreApplication.translate(
                "Problems", "Free some disk space; wa-desk retries by itself."
            ),
            None,
            detail,
        )
    if kind == "refused":
        return Problem(
            kind,
            QCoreApplication.translate("Problems", "The hub refused the action."),
            QCoreApplication.translate(
                "Problems", "Read the reason below; the conversation may have changed meanwhile."
            ),
            None,
            detail,
        )
    if kind == "hub_failed":
        return Problem(
            kind,
            QCoreApplication.translate("Problems", "The hub could not complete the action."),
            QCoreApplication.translate(
                "Problems", "Try again in a moment; if it persists, tell IT what it says below."
            ),
            None,
            detail,
        )
    if kind == "local_store":
        return Problem(
            kind,
            QCoreApplication.translate(
                "Problems", "wa-desk could not record this on your computer."
            ),
            QCoreApplication.translate(
                "Problems",
                "Nothing was sent. Try again; if it persists, restart wa-desk or tell IT "
                "what it says below.",
            ),
            None,
            detail,
        )
    if kind == "invalid_input":
        return Problem(
            kind,
            QCoreApplication.translate("Problems", "That cannot be used as it is."),
            QCoreApplication.translate("Problems", "Correct it as said below and try again."),
            None,
            detail,
        )
    if kind == "sync":
        return Problem(
            kind,
            QCoreApplication.translate(
                "Problems", "Your action log cannot be synced with the hub."
            ),
            QCoreApplication.translate(
                "Problems",
                "Your actions are kept on this computer and sent again later. If this "
                "persists, tell IT what it says below.",
            ),
            None,
            detail,
        )
    if kind == "session_expired":
        return Problem(
            kind,
            QCoreApplication.translate("Problems", "Your session has expired."),
            QCoreApplication.translate(
                "Problems", "Sign in again to keep receiving conversations."
            ),
            QCoreApplication.translate("Problems", "Sign in again"),
            detail,
        )
    if kind == "keyring":
        return Problem(
            kind,
            QCoreApplication.translate(
                "Problems", "No system keyring: you will have to sign in at every start."
            ),
            QCoreApplication.translate(
                "Problems",
                "Your session is kept in memory only, never on disk. Ask IT to enable the "
                "system's secret service to stay signed in.",
            ),
            None,
            detail,
        )
    if kind == "alert":
        return Problem(
            kind,
            QCoreApplication.translate("Problems", "The hub reports a problem."),
            QCoreApplication.translate(
                "Problems", "Sending may fail until an administrator fixes it."
            ),
            None,
            detail,
        )
    if kind == "managed_settings":
        return Problem(
            kind,
            QCoreApplication.translate(
                "Problems", "The settings from your IT department could not all be applied."
            ),
            QCoreApplication.translate(
                "Problems",
                "wa-desk uses your own settings instead. Tell IT: the line above says what "
                "to fix in their file.",
            ),
            None,
            detail,
        )
    return Problem(
        kind,
        QCoreApplication.translate("Problems", "Something went wrong."),
        QCoreApplication.translate("Problems", "Try again; if it persists, tell IT."),
        None,
        detail,
    )
