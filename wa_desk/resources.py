"""Where the app's own files are (fonts, compiled translations, icons): ``resources/``
beside the package in a source checkout, and inside the installed app's tree when it
runs frozen (PyInstaller unpacks data under ``sys._MEIPASS``)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


RESOURCES_DIR = resources_dir()
