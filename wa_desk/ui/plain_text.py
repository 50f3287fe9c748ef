"""Customer text laid out as plain text, never as markup.

Qt guesses rich text from strings that look like HTML; WhatsApp text is data, so every
layout of it goes through here with ``Qt.PlainText`` set explicitly.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStaticText, QTextOption

# QStaticText ignores "\n" in plain mode; U+2028 is the line break it honours.
_LINE_SEPARATOR = "\u2028"


def layout_text(text: str) -> str:
    """The string handed to the layout: the same text, line breaks made explicit."""
    return text.replace("\r\n", "\n").replace("\n", _LINE_SEPARATOR)


def plain_static_text(text: str, width: float, font: QFont) -> QStaticText:
    """A wrapped, prepared plain-text block; long words break anywhere."""
    static = QStaticText(layout_text(text))
    static.setTextFormat(Qt.TextFormat.PlainText)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    static.setTextOption(option)
    static.setTextWidth(max(1.0, width))
    static.setPerformanceHint(QStaticText.PerformanceHint.ModerateCaching)
    static.prepare(font=font)
    return static
