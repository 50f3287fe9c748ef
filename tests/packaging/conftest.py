"""The frozen desktop app, built once per test session from ``build.spec``.

``frozen_app`` is the one-folder tree (``.../wa-desk/``, with the executable
``wa-desk`` in it; the ``.app`` bundle's ``Contents/MacOS`` on macOS). It is built into
a temporary folder, unless ``WA_DESK_FROZEN_APP`` names a tree built already (``make
bundle``'s ``dist/wa-desk``); without PyInstaller the tests that need it are skipped.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "WA_DESK_FROZEN_APP"


def executable(tree: Path) -> Path:
    return tree / ("wa-desk.exe" if sys.platform == "win32" else "wa-desk")


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get(ENV_VAR)
    if given:
        tree = Path(given)
        assert executable(tree).is_file(), f"{ENV_VAR}={given} holds no wa-desk executable"
        return tree
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (it comes with the dev extras)")
    qm = sorted((ROOT / "resources" / "translations").glob("*.qm"))
    if not qm:
        pytest.skip("no compiled translations: run `make translations` first")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "build.spec"),
        ],
        check=True,
        cwd=ROOT,
        timeout=600,
    )
    if sys.platform == "darwin":
        return work / "dist" / "wa-desk.app" / "Contents" / "MacOS"
    return work / "dist" / "wa-desk"
