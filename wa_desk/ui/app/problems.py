"""Expected problems by cause: what happened, in words, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

KINDS = (
    "hub_unreachable",
    "certificate",
    "disk_full",
    "refused",
    "session_expired",
    "keyring",
    "alert",
    "managed_settings",
)


@dataclass(frozen=True)
class Problem:
    kind: str
    title: str
    next_step: str
    action: str | None  # the button's label, None for none
    detail: str  # what the caller said (the hub's message, an OS error...)


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
