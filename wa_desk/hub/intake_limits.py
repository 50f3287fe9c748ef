"""What the audit intake accepts from a device beyond a well-formed chain: the
``[intake]`` table of the hub's TOML.

A device's clock is its own claim: an event's ``at`` may lag the hub by as long as a
device can work offline, but may not run ahead of it by more than clock skew; within a
chain it may not go back. Alerts a device's batches raise are rate-limited per device.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.hub.event_data import READ_MAX_BYTES, READ_MAX_DEPTH
from wa_desk.hub.settings_values import SettingsError, numbers_table


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    # An event's data as the desktop writes it is a few levels and well under 1 KiB.
    max_event_data_bytes: int = 16_384
    max_event_data_depth: int = 16
    # Clock skew between a workstation and the hub; more means the workstation's clock
    # is wrong, and its times would mislead whoever reads the timeline.
    max_clock_ahead_seconds: float = 300.0
    # How long a desktop may work offline and still sync what it did.
    max_event_age_days: float = 30.0
    # Alerts a device (and its user, whatever device ids they make up) pushes to
    # supervisors per hour; repeats beyond that are counted on the open alert.
    alerts_per_device_per_hour: int = 6

    def __post_init__(self) -> None:
        # What is accepted must stay readable by the timeline and the export.
        if self.max_event_data_depth > READ_MAX_DEPTH:
            raise SettingsError("intake.max_event_data_depth", f"must be at most {READ_MAX_DEPTH}")
        if self.max_event_data_bytes > READ_MAX_BYTES:
            raise SettingsError("intake.max_event_data_bytes", f"must be at most {READ_MAX_BYTES}")


def intake_limits(raw: Any) -> IntakeLimits:
    """``[intake]``: every key optional."""
    return numbers_table(raw, "intake", IntakeLimits)
