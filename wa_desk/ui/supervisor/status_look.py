"""How an agent's status looks: a colour from the theme, always beside its word (colour is
never the only carrier of the meaning)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from wa_desk.core.agents import AgentStatus
from wa_desk.ui.common import theme

_KEPT = 8  # palettes whose colours are kept (light, dark, a selected row's...)
_colors: dict[int, theme.Colors] = {}


def colors(palette: QPalette) -> theme.Colors:
    """``theme.colors(palette)``, worked out once per palette: the board paints hundreds
    of cells a second with the same few palettes."""
    key = palette.cacheKey()
    found = _colors.get(key)
    if found is None:
        if len(_colors) >= _KEPT:
            _colors.clear()
        found = _colors[key] = theme.colors(palette)
    return found


def status_color(status: str, palette: QPalette) -> QColor:
    c = colors(palette)
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
        if len(_apart) >= _KEPT * 8:
            _apart.clear()
        found = _apart[key] = theme.apart_from(color, ground)
    return found
