"""Expected problems by cause: what happened, in words, and what to do next."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from wa_desk.client.errors import (
    CertificateError,
    HubError,
    HubUnreachable,
    Refused,
    SessionExpired,
)
from wa_desk.core.media_codes import MediaCode
from wa_desk.core.tags import InvalidTag
from wa_desk.store.errors import DiskFull, StoreError
from wa_desk.ui.app.refusals import refusal_text


class ProblemKind(StrEnum):
    """What the problems bar can show; the bar's button reports the kind it was for."""

    HUB_UNREACHABLE = "hub_unreachable"
    CERTIFICATE = "certificate"
    DISK_FULL = "disk_full"
    REFUSED = "refused"
    SESSION_EXPIRED = "session_expired"
    KEYRING = "keyring"
    ALERT = "alert"
    MANAGED_SETTINGS = "managed_settings"
    HUB_FAILED = "hub_failed"  # the hub answered with an error of its own
    LOCAL_STORE = "local_store"  # this computer's store could not record it
    INVALID_INPUT = "invalid_input"  # what the agent typed cannot be used
    SYNC = "sync"  # the action log cannot be synced
    TAKEN_OVER = "taken_over"  # a supervisor took one of the agent's conversations
    FILE_NOT_SAVED = "file_not_saved"  # a file the user asked for (an export) was not written
    MEDIA_GONE = "media_gone"  # a customer's file neither WhatsApp nor the server has any more
    OTHER = "other"  # an unexpected cause: "something went wrong"


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    title: str
    next_step: str
    action: str | None  # the button's label, None for none
    detail: str  # what the caller said (the hub's message, an OS error...)


def problem_of(exc: BaseException) -> tuple[ProblemKind, str]:
    """The one mapping from what went wrong to the problem a user sees: its kind (for
    ``describe_problem``) and the detail to show under it, in the user's language. The
    client's technical words about a failed request go to the log, not on screen."""
    if isinstance(exc, HubUnreachable):
        return ProblemKind.HUB_UNREACHABLE, ""
    if isinstance(exc, CertificateError):
        return ProblemKind.CERTIFICATE, ""
    if isinstance(exc, SessionExpired):
        return ProblemKind.SESSION_EXPIRED, ""
    if isinstance(exc, Refused) and exc.code == MediaCode.MEDIA_GONE:
        return ProblemKind.MEDIA_GONE, ""
    if isinstance(exc, Refused):
        return ProblemKind.REFUSED, refusal_text(exc.code)
    if isinstance(exc, HubError):
        return ProblemKind.HUB_FAILED, ""
    if isinstance(exc, DiskFull) or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        return ProblemKind.DISK_FULL, str(exc)
    if isinstance(exc, StoreError):
        return ProblemKind.LOCAL_STORE, str(exc)
    if isinstance(exc, InvalidTag):
        return ProblemKind.INVALID_INPUT, str(exc)
    return ProblemKind.OTHER, str(exc)


def _words() -> dict[ProblemKind, tuple[str, str, str | None]]:
    """Each kind's title, what to do next and its button (None for none), translated."""
    return {
        ProblemKind.HUB_UNREACHABLE: (
            QCoreApplication.translate("Problems", "The server cannot be reached."),
            QCoreApplication.translate(
                "Problems",
                "Your work is kept and sent when the connection returns. Check "
                "your network or ask IT whether the server is running.",
            ),
            QCoreApplication.translate("Problems", "Retry now"),
        ),
        ProblemKind.CERTIFICATE: (
            QCoreApplication.translate(
                "Problems", "The server's security certificate is not trusted."
            ),
            QCoreApplication.translate(
                "Problems",
                "Do not continue on this network. Ask IT to check the server's "
                "certificate or the address you signed in to.",
            ),
            None,
        ),
        ProblemKind.DISK_FULL: (
            QCoreApplication.translate(
                "Problems", "The disk is full: wa-desk cannot save your work locally."
            ),
            QCoreApplication.translate(
                "Problems", "Free some disk space; wa-desk retries by itself."
            ),
            None,
        ),
        ProblemKind.REFUSED: (
            QCoreApplication.translate("Problems", "The server refused the action."),
            QCoreApplication.translate(
                "Problems",
                "Read the reason below; the conversation may have changed meanwhile.",
            ),
            None,
        ),
        ProblemKind.HUB_FAILED: (
            QCoreApplication.translate("Problems", "The server could not complete the action."),
            QCoreApplication.translate(
                "Problems",
                "Try again in a moment; if it persists, tell IT what it says below.",
            ),
            None,
        ),
        ProblemKind.LOCAL_STORE: (
            QCoreApplication.translate(
                "Problems", "wa-desk could not record this on your computer."
            ),
            QCoreApplication.translate(
                "Problems",
                "Nothing was sent. Try again; if it persists, restart wa-desk or "
                "tell IT what it says below.",
            ),
            None,
        ),
        ProblemKind.INVALID_INPUT: (
            QCoreApplication.translate("Problems", "That cannot be used as it is."),
            QCoreApplication.translate("Problems", "Correct it as said below and try again."),
            None,
        ),
        ProblemKind.SYNC: (
            QCoreApplication.translate(
                "Problems", "Your action log cannot be synced with the server."
            ),
            QCoreApplication.translate(
                "Problems",
                "Your actions are kept on this computer and sent again later. If "
                "this persists, tell IT what it says below.",
            ),
            None,
        ),
        ProblemKind.SESSION_EXPIRED: (
            QCoreApplication.translate("Problems", "Your session has expired."),
            QCoreApplication.translate(
                "Problems", "Sign in again to keep receiving conversations."
            ),
            QCoreApplication.translate("Problems", "Sign in again"),
        ),
        ProblemKind.KEYRING: (
            QCoreApplication.translate(
                "Problems", "No system keyring: you will have to sign in at every start."
            ),
            QCoreApplication.translate(
                "Problems",
                "Your session is kept in memory only, never on disk. Ask IT to "
                "enable the system's secret service to stay signed in.",
            ),
            None,
        ),
        ProblemKind.ALERT: (
            QCoreApplication.translate("Problems", "The server reports a problem."),
            QCoreApplication.translate(
                "Problems", "Sending may fail until an administrator fixes it."
            ),
            None,
        ),
        ProblemKind.MANAGED_SETTINGS: (
            QCoreApplication.translate(
                "Problems", "The settings from your IT department could not all be applied."
            ),
            QCoreApplication.translate(
                "Problems",
                "wa-desk uses your own settings instead. Tell IT: the line above "
                "says what to fix in their file.",
            ),
            None,
        ),
        ProblemKind.TAKEN_OVER: (
            QCoreApplication.translate("Problems", "A conversation was taken over from you."),
            QCoreApplication.translate(
                "Problems", "It is no longer yours: you cannot answer it any more."
            ),
            None,
        ),
        ProblemKind.FILE_NOT_SAVED: (
            QCoreApplication.translate("Problems", "The file was not saved."),
            QCoreApplication.translate(
                "Problems", "Nothing half-written was left. Read why below, then try again."
            ),
            None,
        ),
        ProblemKind.MEDIA_GONE: (
            QCoreApplication.translate(
                "Problems", "This file is no longer available from WhatsApp."
            ),
            QCoreApplication.translate(
                "Problems",
                "WhatsApp keeps customers' files for 7 days and the server no longer has "
                "a copy. Ask the customer to send it again.",
            ),
            None,
        ),
        ProblemKind.OTHER: (
            QCoreApplication.translate("Problems", "Something went wrong."),
            QCoreApplication.translate("Problems", "Try again; if it persists, tell IT."),
            None,
        ),
    }


def describe_problem(kind: ProblemKind | str, message: str | None = None) -> Problem:
    """``kind`` may come as its text (the bar's signal carries text); text that names
    no kind is OTHER."""
    try:
        kind = ProblemKind(kind)
    except ValueError:
        kind = ProblemKind.OTHER
    title, next_step, action = _words()[kind]
    return Problem(kind, title, next_step, action, message or "")
