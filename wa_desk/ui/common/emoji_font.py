"""Colour emoji on every desktop: customers write them, and a Linux desktop without a
colour emoji font shows each as an empty box. When the system has none, the Noto Color
Emoji font shipped in ``resources/fonts`` (SIL Open Font License 1.1, ``OFL.txt`` beside
it) is registered for this app as the font Qt draws emoji with."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication

from wa_desk.resources import RESOURCES_DIR

log = logging.getLogger(__name__)

FONTS_DIR = RESOURCES_DIR / "fonts"
BUNDLED = FONTS_DIR / "NotoColorEmoji.ttf"
# Colour emoji fonts of the platforms and the common Linux packages.
COLOUR_EMOJI_FAMILIES = (
    "Noto Color Emoji",
    "Apple Color Emoji",
    "Segoe UI Emoji",
    "Twemoji",
    "Twitter Color Emoji",
    "JoyPixels",
    "EmojiOne Color",
)


def installed_colour_emoji() -> str | None:
    """The system's colour emoji family, if it has one."""
    families = set(QFontDatabase.families())
    return next((f for f in COLOUR_EMOJI_FAMILIES if f in families), None)


def ensure_colour_emoji(app: QGuiApplication, bundled: Path = BUNDLED) -> str | None:
    """The family that draws emoji from now on: the system's, else the bundled one (None
    when neither is there, which is logged)."""
    family = installed_colour_emoji()
    if family is None:
        font_id = QFontDatabase.addApplicationFont(str(bundled))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not loaded:
            log.warning("no colour emoji font installed and %s could not be loaded", bundled)
            return None
        family = loaded[0]
        log.info("no colour emoji font installed: using the bundled %s", family)
    # Qt picks this family for every emoji whatever font the text is set in. Not a
    # fallback in the app font's families: Qt would then take spaces and digits from it
    # (the font has glyphs for them, for keycaps) when the first family is an alias.
    if family not in QFontDatabase.applicationEmojiFontFamilies():
        QFontDatabase.addApplicationEmojiFontFamily(family)
    return family
