"""Emoji show in colour even on a desktop with no colour emoji font: the bundled Noto
Color Emoji (OFL) is registered when the system has none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication

from wa_desk.ui.common.emoji_font import (
    BUNDLED,
    COLOUR_EMOJI_FAMILIES,
    ensure_colour_emoji,
    installed_colour_emoji,
)


def _coloured_pixels(image: QImage) -> int:
    """Pixels whose channels differ clearly: colour, not grey anti-aliasing."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) > 60:
                count += 1
    return count


def test_the_font_ships_with_its_licence() -> None:
    assert BUNDLED.is_file() and BUNDLED.stat().st_size > 1_000_000
    licence = (BUNDLED.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Google" in licence


def test_text_around_emoji_keeps_its_own_font(qapp: QApplication) -> None:
    """Spaces and digits never come from the emoji font (it has glyphs for them too)."""
    metrics = QFontMetrics(qapp.font())
    before = metrics.horizontalAdvance("Pedido 4821 listo")
    ensure_colour_emoji(qapp)
    assert QFontMetrics(qapp.font()).horizontalAdvance("Pedido 4821 listo") == before


def test_an_emoji_is_painted_in_colour(qapp: QApplication) -> None:
    system = installed_colour_emoji()
    family = ensure_colour_emoji(qapp)
    assert family in COLOUR_EMOJI_FAMILIES
    if system is None:  # this machine had none: the bundled one now draws them
        assert family == "Noto Color Emoji"
    assert family in QFontDatabase.applicationEmojiFontFamilies()
    image = QImage(96, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = qapp.font()
    font.setPixelSize(32)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "😀")
    painter.end()
    assert _coloured_pixels(image) > 50
