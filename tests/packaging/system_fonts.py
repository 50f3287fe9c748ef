"""The frozen app ships no emoji font: it draws emoji with the system's. Its smoke test
fails without one, so the tests that run it skip on a machine that has none, saying so."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from wa_desk.ui.common.emoji_font import COLOUR_EMOJI_FAMILIES


def has_colour_emoji_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False
    ).stdout
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    return any(family in families for family in COLOUR_EMOJI_FAMILIES)


needs_colour_emoji_font = pytest.mark.skipif(
    not has_colour_emoji_font(),
    reason="no colour emoji font on this system, and the frozen app ships none "
    "(Debian and Ubuntu: apt-get install fonts-noto-color-emoji)",
)
