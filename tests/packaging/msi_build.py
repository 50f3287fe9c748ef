"""The MSI the Windows tests check, built by the real build script with wixl over a
stand-in tree: the Windows frozen app cannot be built on Linux, so the tree has its shape
(``wa-desk.exe`` at the top, ``_internal/`` with libraries and nested plugin folders, a
name with a space), not its content. The release workflow builds it over the real tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[2]
BUILD_MSI = TOP / "installers" / "windows" / "build_msi.py"
STAND_IN_FILES = (
    "wa-desk.exe",
    "_internal/python311.dll",
    "_internal/base_library.zip",
    "_internal/PySide6/Qt6Core.dll",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/PySide6/translations/qtbase_es.qm",
    "_internal/resources/icons/wa-desk.ico",
    "_internal/wa_desk/resources/help page.html",
)


def need_tools(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (Debian: wixl msitools osslsigncode)")


def stand_in_tree(folder: Path) -> Path:
    for relative in STAND_IN_FILES:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"stand-in for {relative}\n".encode() * 64)
    return folder


def build(tree: Path, output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    need_tools("wixl", "msibuild")
    env = {**os.environ, "PYTHONPATH": str(TOP)}
    command = [sys.executable, str(BUILD_MSI), "--tree", str(tree), "--output", str(output)]
    return subprocess.run(
        [*command, *extra], capture_output=True, text=True, env=env, check=False, cwd=TOP
    )
