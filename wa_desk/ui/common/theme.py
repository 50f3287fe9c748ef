"""Light and dark, following the system, and the colours delegates paint with.

Delegates never hard-code colours: they ask ``colors(palette)`` so both schemes and
high-contrast palettes stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


@dataclass(frozen=True)
class Colors:
    text: QColor
    muted: QColor
    bubble_in: QColor
    bubble_out: QColor
    bubble_border: QColor
    notice: QColor
    link: QColor
    read_tick: QColor
    failed: QColor
    sla_ok: QColor
    sla_warn: QColor
    sla_late: QColor
    badge: QColor
    badge_text: QColor
    flagged: QColor
    selection: QColor
    selection_text: QColor
    quote_bar: QColor


def colors(palette: QPalette) -> Colors:
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    dark = is_dark(palette)
    green = QColor("#25a244") if not dark else QColor("#2fbf5a")
    return Colors(
        text=text,
        muted=_mix(text, base, 0.45),
        bubble_in=_mix(base, window, 0.5) if not dark else _mix(base, text, 0.08),
        bubble_out=_mix(base, green, 0.16 if not dark else 0.28),
        bubble_border=_mix(base, text, 0.14),
        notice=_mix(window, text, 0.08),
        link=palette.color(QPalette.ColorRole.Link),
        read_tick=QColor("#1d8fe1") if not dark else QColor("#53b7ff"),
        failed=QColor("#c62828") if not dark else QColor("#ff6b6b"),
        sla_ok=green,
        sla_warn=QColor("#d98b00") if not dark else QColor("#ffb53d"),
        sla_late=QColor("#d32f2f") if not dark else QColor("#ff5c5c"),
        badge=green,
        badge_text=QColor("#ffffff"),
        flagged=QColor("#e65100") if not dark else QColor("#ff9e40"),
        selection=palette.color(QPalette.ColorRole.Highlight),
        selection_text=palette.color(QPalette.ColorRole.HighlightedText),
        quote_bar=green,
    )


def dark_palette() -> QPalette:
    """A Fusion palette for dark mode on platforms that do not provide one."""
    p = QPalette()
    window, base, text = QColor("#1f2124"), QColor("#16181a"), QColor("#e8eaed")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#24272b"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2a2d31"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: QColor("#2a2d31"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9aa0a6"),
        QPalette.ColorRole.Highlight: QColor("#2f6f4f"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ab7ff"),
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Mid: QColor("#3a3d42"),
        QPalette.ColorRole.Dark: QColor("#111214"),
        QPalette.ColorRole.Light: QColor("#3d4146"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8288"))
    return p


def system_scheme() -> Qt.ColorScheme:
    return QGuiApplication.styleHints().colorScheme()


def apply_theme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Use ``scheme`` (None: follow the system, now and when it changes)."""
    app.setStyle("Fusion")
    chosen = system_scheme() if scheme is None else scheme
    app.setPalette(
        dark_palette() if chosen == Qt.ColorScheme.Dark else app.style().standardPalette()
    )


def follow_system_theme(app: QApplication) -> None:
    """Apply the system scheme now and again whenever the user switches it."""
    apply_theme(app)
    app.styleHints().colorSchemeChanged.connect(lambda scheme: apply_theme(app, scheme))
