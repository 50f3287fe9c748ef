"""The tile a video message shows in its media slot: a film-strip pictogram and an
"Open" button. There is no frame to show (no multimedia module in the app): the
customer's video opens in the computer's own player once saved.

Painted from the slot's rectangle only, so the delegate's layout (and its size cache)
is the same with or without it; every size derives from that rectangle and the font.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPolygonF

from wa_desk.ui.common import theme


def open_text() -> str:
    return QCoreApplication.translate("VideoTile", "Open")


def button_rect(rect: QRect, font: QFont) -> QRect:
    """Where the tile's "Open" button is (for clicks and painting)."""
    fm = QFontMetrics(font)
    w = min(rect.width() - 8, fm.horizontalAdvance(open_text()) + fm.height() * 2)
    h = min(rect.height() // 3, fm.height() + fm.height() // 2)
    left = rect.left() + (rect.width() - w) // 2
    return QRect(left, rect.bottom() - h - max(4, rect.height() // 12), w, h)


def paint(
    painter: QPainter,
    rect: QRect,
    font: QFont,
    palette: QPalette,
    c: theme.Colors,
    *,
    openable: bool,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(c.notice)
    radius = rect.height() / 10
    painter.drawRoundedRect(rect, radius, radius)

    button = button_rect(rect, font) if openable else QRect()
    room_bottom = button.top() if openable else rect.bottom()
    room = QRectF(rect.left(), rect.top(), rect.width(), room_bottom - rect.top())
    _film(painter, room, c)

    if openable:
        painter.setPen(c.bubble_border)
        painter.setBrush(palette.button())
        painter.drawRoundedRect(button, button.height() / 2, button.height() / 2)
        painter.setFont(font)
        painter.setPen(palette.buttonText().color())
        painter.drawText(button, Qt.AlignmentFlag.AlignCenter, open_text())
    painter.restore()


def _film(painter: QPainter, room: QRectF, c: theme.Colors) -> None:
    """A strip of film with sprocket holes and a play triangle, centred in ``room``."""
    h = room.height() * 0.62
    w = h * 1.35
    strip = QRectF(room.center().x() - w / 2, room.center().y() - h / 2, w, h)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(c.muted)
    painter.drawRoundedRect(strip, h / 12, h / 12)
    # Sprocket holes along the top and bottom edges.
    hole = h / 9
    band = h / 6
    count = 5
    gap = (w - count * hole) / (count + 1)
    painter.setBrush(c.notice)
    for i in range(count):
        x = strip.left() + gap + i * (hole + gap)
        for y in (strip.top() + (band - hole) / 2, strip.bottom() - band + (band - hole) / 2):
            painter.drawRoundedRect(QRectF(x, y, hole, hole), hole / 4, hole / 4)
    # The picture area between the bands, with a play triangle in it.
    frame = strip.adjusted(h / 10, band, -h / 10, -band)
    painter.setBrush(c.bubble_in)
    painter.drawRect(frame)
    s = frame.height() * 0.32
    cx, cy = frame.center().x() + s * 0.15, frame.center().y()
    painter.setBrush(c.muted)
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(cx - s * 0.6, cy - s),
                QPointF(cx - s * 0.6, cy + s),
                QPointF(cx + s, cy),
            ]
        )
    )
