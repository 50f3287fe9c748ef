"""Signal connections a controller makes to widgets that outlive it (a pane stays when
its user signs out; the controller goes with the session), undone together."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance

Slot = Callable[..., Any] | SignalInstance  # a function, or a signal to forward to


class Connections:
    def __init__(self) -> None:
        self._made: list[tuple[SignalInstance, Slot]] = []

    def connect(self, signal: SignalInstance, slot: Slot) -> None:
        signal.connect(slot)
        self._made.append((signal, slot))

    def disconnect_all(self) -> None:
        for signal, slot in reversed(self._made):
            # The widget may already be gone with its window.
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._made.clear()
