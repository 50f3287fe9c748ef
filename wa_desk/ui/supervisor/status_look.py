"""How an agent's status looks: a colour from the theme, always beside its word (colour is
never the only carrier of the meaning)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from wa_desk.core.agents import AgentStatus
from wa_desk.ui.common import theme

_PAIRS_KEPT = 64  # pairs of colours whose contrast was worked out


def status_color(status: str, palette: QPalette) -> QColor:
    c = theme.colors(palette)
    by_status: dict[str, QColor] = {
        AgentStatus.AVAILABLE: c.sla_ok,
        AgentStatus.BUSY: c.flagged,
        AgentStatus.AWAY: c.read_tick,
        AgentStatus.OFFLINE: c.muted,
    }
    return by_status.get(status, c.muted)


_apart: dict[tuple[int, int], QColor] = {}


def apart(color: QColor, ground: QColor) -> QColor:
    """``theme.apart_from(color, ground)``, worked out once per pair of colours."""
    key = (color.rgba(), ground.rgba())
    found = _apart.get(key)
    if found is None:
        if len(_apart) >= _PAIRS_KEPT:
            _apart.clear()
        found = _apart[key] = theme.apart_from(color, ground)
    return found
