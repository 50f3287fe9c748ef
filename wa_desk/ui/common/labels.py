"""Words for the codes the hub uses (agent statuses, dispositions), in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def agent_statuses() -> dict[str, str]:
    return {
        "available": QCoreApplication.translate("Labels", "Available"),
        "away": QCoreApplication.translate("Labels", "Away"),
        "offline": QCoreApplication.translate("Labels", "Offline"),
    }


def dispositions() -> list[tuple[str, str]]:
    """(code sent to the hub, label shown), in the order offered when closing."""
    return [
        ("resolved", QCoreApplication.translate("Labels", "Resolved")),
        ("no_response", QCoreApplication.translate("Labels", "Customer stopped answering")),
        ("escalated", QCoreApplication.translate("Labels", "Escalated")),
        ("sale", QCoreApplication.translate("Labels", "Sale closed")),
        ("spam", QCoreApplication.translate("Labels", "Spam or wrong number")),
        ("other", QCoreApplication.translate("Labels", "Other")),
    ]


def agent_status(code: str) -> str:
    return agent_statuses().get(code, code)


def disposition(code: str | None) -> str:
    """The label of a known disposition; an unknown code is shown as it is."""
    return dict(dispositions()).get(code or "", code or "")
