"""Customer text laid out as plain text, never as markup.

Qt guesses rich text from strings that look like HTML; WhatsApp text is data, so every
layout of it goes through here with ``Qt.PlainText`` set explicitly. Names (customers',
agents') are data too: a label that shows one is plain text, and a name set inside a
sentence is ``isolated`` so its direction cannot reorder the words around it.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStaticText, QTextLayout, QTextOption
from PySide6.QtGui import Qt as QtGuiNamespace

# QStaticText ignores "\n" in plain mode; U+2028 is the line break it honours.
_LINE_SEPARATOR = "\u2028"

# Unicode's first-strong isolate and its end (UAX #9): the text between takes its own
# direction and leaves the surrounding sentence's alone.
_FIRST_STRONG_ISOLATE = "\u2068"
_POP_DIRECTIONAL_ISOLATE = "\u2069"
# Every explicit directional control: embeddings, overrides, isolates, marks. Inside a
# name they could close the isolate early (U+2069) or flip what follows it (U+202E).
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def isolated(name: str) -> str:
    """``name`` ready to be set inside a sentence ("%1 is answering"): its directional
    controls dropped, the rest wrapped in a first-strong isolate, so a right-to-left
    name or one holding U+202E reads as itself and leaves the sentence in order."""
    return f"{_FIRST_STRONG_ISOLATE}{name.translate(_BIDI_CONTROLS)}{_POP_DIRECTIONAL_ISOLATE}"


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


def plain_tooltip(text: str) -> str:
    """``text`` for a tooltip, read as itself: Qt shows a tooltip that looks like HTML as
    rich text, so it goes through Qt's own escaping into a paragraph."""
    return QtGuiNamespace.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def first_strong_direction(text: str) -> Qt.LayoutDirection:
    """A paragraph's direction by its first strong character (UAX #9 P2, text inside
    isolates skipped), left to right when it has none."""
    depth = 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == "\u2069":
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(ch)
            if kind == "L":
                return Qt.LayoutDirection.LeftToRight
            if kind in ("R", "AL"):
                return Qt.LayoutDirection.RightToLeft
    return Qt.LayoutDirection.LeftToRight


def plain_text_layout(text: str, font: QFont) -> QTextLayout:
    """A ``QTextLayout`` of one paragraph of plain ``text`` (a layout never reads markup)
    with its own direction, long words broken anywhere. The caller sets its formats and
    lays its lines out. One layout per paragraph: a directional override or isolate ends
    with its paragraph (UAX #9), which a line separator inside one layout would not do."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    direction = first_strong_direction(text)
    option.setTextDirection(direction)
    if direction == Qt.LayoutDirection.RightToLeft:  # ends at the right, as it begins
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    return layout
