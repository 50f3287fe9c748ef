"""What the audit intake accepts from a device beyond a well-formed chain: the
``[intake]`` table of the hub's TOML.

A device's clock is its own claim: an event's ``at`` may lag the hub by as long as a
device can work offline, but may not run ahead of it by more than clock skew; within a
chain it may not go back. Alerts a device's batches raise are rate-limited per device.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.hub.settings_values import numbers_table


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    max_event_data_bytes: int = 16_384
    max_event_data_depth: int = 16
    max_clock_ahead_seconds: float = 300.0
    max_event_age_days: float = 30.0
    alerts_per_device_per_hour: int = 6


def intake_limits(raw: Any) -> IntakeLimits:
    """``[intake]``: every key optional."""
    return numbers_table(raw, "intake", IntakeLimits)
