"""What a write returns: its value and the stream events it appended."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from wa_desk.hub.queries.stream_log import StreamEvent

T = TypeVar("T")


@dataclass(slots=True)
class Outcome(Generic[T]):
    value: T
    events: list[StreamEvent] = field(default_factory=list)
