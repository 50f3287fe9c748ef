"""The thresholds of the early alerts: ``[policy.alerts]`` of the hub's TOML.

Every key is optional; the defaults below are the documented ones (docs/kpis.md,
"Alerts"). Each is a whole number in a range, and a bad one is an error naming its key
(``alerts.backlog_waiting: ...``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from wa_desk.core.policy_entries import InvalidPolicy


class InvalidAlertPolicy(InvalidPolicy):
    """A ``[policy.alerts]`` key that cannot be used; ``where`` names it."""


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    # Customers waiting in one queue from which its backlog is an alert (critical at twice).
    backlog_waiting: int = 10
    # Customer messages in a row with no answer from which a conversation is an alert.
    unanswered_in_a_row: int = 3
    # A customer who opens a new conversation this soon after the close of their last one.
    repeat_contact_hours: int = 24
    # Minutes a customer has waited on the agent who holds the conversation (critical at twice).
    agent_waiting_minutes: int = 10
    # Minutes before a waiting customer's 24 h window closes from which it is an alert.
    window_closing_minutes: int = 60
    # A group of failed sends stays open until this many minutes pass without a failure.
    failed_sends_minutes: int = 60
    # Failures in one group from which it is critical.
    failed_sends_critical: int = 10
    # Guideline blocks and overrides in one queue within ``guideline_spike_minutes``.
    guideline_spike_count: int = 5
    guideline_spike_minutes: int = 15
    # Minutes before an open promise's due date from which it is an alert (then, past
    # the due date, an overdue one).
    promise_due_minutes: int = 60


# The range each threshold may take.
_RANGES: dict[str, tuple[int, int]] = {
    "backlog_waiting": (1, 100_000),
    "unanswered_in_a_row": (2, 1000),
    "repeat_contact_hours": (1, 24 * 30),
    "agent_waiting_minutes": (1, 24 * 60),
    "window_closing_minutes": (1, 23 * 60),
    "failed_sends_minutes": (1, 24 * 60),
    "failed_sends_critical": (1, 100_000),
    "guideline_spike_count": (1, 100_000),
    "guideline_spike_minutes": (1, 24 * 60),
    "promise_due_minutes": (1, 24 * 60),
}
ALERT_POLICY_KEYS = frozenset(f.name for f in fields(AlertPolicy))


def alert_policy_from_json(raw: Any, where: str = "alerts") -> AlertPolicy:
    """``[policy.alerts]`` (a table; absent: every default), checked."""
    if raw is None:
        return AlertPolicy()
    if not isinstance(raw, Mapping):
        raise InvalidAlertPolicy(where, "must be a table ([policy.alerts])")
    unknown = set(raw) - ALERT_POLICY_KEYS
    if unknown:
        raise InvalidAlertPolicy(where, f"unknown keys: {', '.join(sorted(unknown))}")
    values: dict[str, int] = {}
    for key, value in raw.items():
        low, high = _RANGES[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidAlertPolicy(
                f"{where}.{key}", f"must be a whole number from {low} to {high}, not {value!r}"
            )
        values[key] = value
    return AlertPolicy(**values)
