"""Customer text laid out as plain text, never as markup.

Qt guesses rich text from strings that look like HTML; WhatsApp text is data, so every
layout of it goes through here with ``Qt.PlainText`` set explicitly. Names (customers',
agents') are data too: a label that shows one is plain text, and a name set inside a
sentence is ``isolated`` so its direction cannot reorder the words around it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStaticText, QTextOption
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
