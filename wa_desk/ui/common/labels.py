"""Words for the codes the hub uses (agent statuses, dispositions), in the UI language."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from wa_desk.core.guidelines import BUILT_IN_DISPOSITIONS, Disposition


def agent_statuses() -> dict[str, str]:
    return {
        "available": QCoreApplication.translate("Labels", "Available"),
        # At work, taking no new conversations.
        "busy": QCoreApplication.translate("Labels", "Busy"),
        "away": QCoreApplication.translate("Labels", "Away"),
        # Not "offline" nor "disconnected": those words are the connection's.
        "offline": QCoreApplication.translate("Labels", "Off shift"),
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


def disposition_choices(offered: Iterable[Disposition]) -> list[tuple[str, str]]:
    """The closing reasons the hub's policy offers, in the UI language: a built-in reason
    under its built-in words is shown translated, an organisation's own words as written."""
    built_in = {d.id: d.label for d in BUILT_IN_DISPOSITIONS.items}
    translated = dict(dispositions())
    return [(d.id, translated[d.id] if built_in.get(d.id) == d.label else d.label) for d in offered]


def agent_status(code: str) -> str:
    return agent_statuses().get(code, code)


def disposition(code: str | None) -> str:
    """The label of a known disposition; an unknown code is shown as it is."""
    return dict(dispositions()).get(code or "", code or "")
