"""A message's words laid out once per width: WhatsApp's formatting as format ranges on
a plain-text ``QTextLayout`` (customer text never becomes markup), links, a selection,
and the first screenful of a very long message.

A ``BodyText`` is built when a row is first measured at a width and kept in the
delegate's cache: painting, hit-testing and copying reuse it, so a burst of incoming
messages costs one layout each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
)

from wa_desk.core.message_text import Link, Rendered, Style, render
from wa_desk.ui.common.plain_text import plain_text_layout

# A message taller than this many lines shows its first COLLAPSED_LINES and "Show more"
# (a few lines of slack, so "Show more" never hides just one or two).
COLLAPSED_LINES = 25
_COLLAPSE_OVER = COLLAPSED_LINES + 5


def _format(style: Style, mono: list[str]) -> QTextCharFormat:
    f = QTextCharFormat()
    if style & Style.BOLD:
        f.setFontWeight(QFont.Weight.Bold)
    if style & Style.ITALIC:
        f.setFontItalic(True)
    if style & Style.STRIKE:
        f.setFontStrikeOut(True)
    if style & Style.MONO:
        f.setFontFamilies(mono)
        f.setFontFixedPitch(True)
        f.setFontStyleHint(QFont.StyleHint.Monospace)
    return f


def _range(start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    r.start, r.length, r.format = start, end - start, fmt
    return r


@dataclass(eq=False, slots=True)
class _Paragraph:
    start: int  # of its first character in the shown text
    layout: QTextLayout
    top: float = 0.0
    indent: int = 0  # a quoted line ("> ") sits right of its bar


@dataclass(eq=False)
class BodyText:
    """Each line of the message is a paragraph of its own (``plain_text_layout``)."""

    rendered: Rendered
    paragraphs: list[_Paragraph]
    width: int  # what the lines need, at most the width it was laid out for
    height: int  # every line
    collapsed_height: int  # the first COLLAPSED_LINES lines; == height when not collapsible

    @property
    def collapsible(self) -> bool:
        return self.collapsed_height < self.height

    @property
    def text(self) -> str:
        """What is shown."""
        return self.rendered.text

    def shown_height(self, expanded: bool) -> int:
        return self.height if expanded else self.collapsed_height

    def _lines(self) -> list[tuple[_Paragraph, QTextLine]]:
        return [
            (p, p.layout.lineAt(i)) for p in self.paragraphs for i in range(p.layout.lineCount())
        ]

    def _line_at(self, y: float) -> tuple[_Paragraph, QTextLine] | None:
        lines = self._lines()
        if not lines:
            return None
        for p, line in lines:
            if y < p.top + line.y() + line.height():
                return p, line
        return lines[-1]

    def position_at(self, point: QPointF) -> int:
        """The shown-text position nearest ``point`` (relative to the body's corner): the
        place between two characters a selection starts or ends at."""
        return self._cursor(point, QTextLine.CursorPosition.CursorBetweenCharacters)

    def character_at(self, point: QPointF) -> int:
        """The shown character under ``point``."""
        return self._cursor(point, QTextLine.CursorPosition.CursorOnCharacter)

    def _cursor(self, point: QPointF, kind: QTextLine.CursorPosition) -> int:
        found = self._line_at(point.y())
        if found is None:
            return 0
        p, line = found
        if point.y() < p.top + line.y():  # above the first line: its start
            return p.start
        if point.y() >= p.top + line.y() + line.height():  # below the last: the end
            return len(self.rendered.text)
        at = line.xToCursor(point.x() - p.indent, kind)
        return max(0, min(len(self.rendered.text), p.start + at))

    def link_at(self, point: QPointF) -> Link | None:
        """The link under ``point``, if the point is on the link's own glyphs."""
        found = self._line_at(point.y())
        if found is None:
            return None
        p, line = found
        top = p.top + line.y()
        if not top <= point.y() < top + line.height():
            return None
        ends = (_x(line, line.textStart()), _x(line, line.textStart() + line.textLength()))
        x = point.x() - p.indent
        if not min(ends) <= x <= max(ends):
            return None
        at = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
        return self.rendered.link_at(p.start + at)

    def word_at(self, position: int) -> tuple[int, int]:
        """The word around ``position`` (letters, digits and joiners), or the character."""
        text = self.rendered.text
        if not text:
            return 0, 0
        position = min(position, len(text) - 1)

        def in_word(ch: str) -> bool:
            return ch.isalnum() or ch in "_-'’@.+"

        if not in_word(text[position]):
            return position, position + 1
        start = end = position
        while start > 0 and in_word(text[start - 1]):
            start -= 1
        while end < len(text) and in_word(text[end]):
            end += 1
        # A sentence's full stop is not part of its last word.
        while end > start + 1 and text[end - 1] in ".-":
            end -= 1
        return start, end

    def draw(
        self,
        painter: QPainter,
        at: QPointF,
        *,
        expanded: bool,
        link_color: QColor,
        selection: tuple[int, int] | None,
        highlight: QColor,
        highlighted_text: QColor,
        quote_bar: QColor | None = None,
    ) -> None:
        shown = self.shown_height(expanded)
        clip = QRectF(at.x(), at.y(), self.width + 1, shown)
        painter.save()
        painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        for p in self.paragraphs:
            if p.top >= shown:
                break
            end = p.start + len(p.layout.text())
            overlays = []
            for link in self.rendered.links:
                if link.start < end and link.end > p.start:
                    fmt = QTextCharFormat()
                    fmt.setForeground(link_color)
                    overlays.append(_range(link.start - p.start, link.end - p.start, fmt))
            if selection is not None and selection[0] < end and selection[1] > p.start:
                fmt = QTextCharFormat()
                fmt.setBackground(highlight)
                fmt.setForeground(highlighted_text)
                a, b = max(selection[0], p.start), min(selection[1], end + 1)
                overlays.append(_range(a - p.start, b - p.start, fmt))
            if p.indent:
                bar = QRectF(
                    at.x(), at.y() + p.top, max(2.0, p.indent / 4), p.layout.boundingRect().height()
                )
                painter.fillRect(bar, quote_bar if quote_bar is not None else link_color)
            p.layout.draw(painter, QPointF(at.x() + p.indent, at.y() + p.top), overlays)
        painter.restore()


def body_text(text: str, max_width: int, font: QFont) -> BodyText:
    """``text`` (as written) laid out in at most ``max_width`` pixels."""
    rendered = render(text)
    quote_indent = max(6, QFontMetrics(font).height() // 2)
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families()
    underline = QTextCharFormat()
    underline.setFontUnderline(True)  # the colour comes at paint time, from the theme
    shown = rendered.text.replace("\r", " ")  # same length: positions stay
    paragraphs: list[_Paragraph] = []
    start = 0
    for paragraph in shown.split("\n"):
        end = start + len(paragraph)
        layout = plain_text_layout(paragraph, font)
        formats = [
            _range(max(s.start, start) - start, min(s.end, end) - start, _format(s.style, mono))
            for s in rendered.spans
            if s.start < end and s.end > start
        ]
        formats += [
            _range(max(k.start, start) - start, min(k.end, end) - start, underline)
            for k in rendered.links
            if k.start < end and k.end > start
        ]
        layout.setFormats(formats)
        quoted = paragraph != "" and any(
            s.style & Style.QUOTE and s.start <= start < s.end for s in rendered.spans
        )
        paragraphs.append(_Paragraph(start, layout, indent=quote_indent if quoted else 0))
        start = end + 1  # the "\n"
    widest = max(_lay_out(p.layout, max_width - p.indent) + p.indent for p in paragraphs)
    # A right-to-left paragraph narrower than the widest line is laid out again at what
    # the lines need, so it ends at the bubble's right edge (the breaks stay the same).
    natural = min(max_width, math.ceil(widest) + 1)
    lines, top, collapsed = 0, 0.0, 0.0
    for p in paragraphs:
        rtl = p.layout.textOption().textDirection() == Qt.LayoutDirection.RightToLeft
        if natural < max_width and rtl:
            _lay_out(p.layout, natural - p.indent)
        p.top = top
        for i in range(p.layout.lineCount()):
            line = p.layout.lineAt(i)
            lines += 1
            if lines == COLLAPSED_LINES:
                collapsed = top + line.y() + line.height()
        top += p.layout.boundingRect().height()
    height = math.ceil(top)
    return BodyText(
        rendered,
        paragraphs,
        natural,
        height,
        math.ceil(collapsed) if lines > _COLLAPSE_OVER else height,
    )


def _x(line: QTextLine, position: int) -> float:
    x = cast(tuple[float, int], line.cursorToX(position))[0]
    return float(x)


def _lay_out(layout: QTextLayout, width: float) -> float:
    """Lines at ``width``; the widest line's natural width."""
    layout.beginLayout()
    y, widest = 0.0, 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return widest
