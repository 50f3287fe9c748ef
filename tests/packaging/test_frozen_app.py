"""The frozen desktop app: it starts (its own smoke test), stays within its size budget,
carries only the Qt it uses and nothing of the hub, the tests or the tools."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from system_fonts import needs_colour_emoji_font

import wa_desk

BUDGET_MB = 120  # decimal megabytes, as a download page counts them
# What build.spec keeps, spelled by the files' names.
QT_LIBRARIES = {"Core", "Gui", "Widgets", "DBus", "Svg", "XcbQpa"}
PYSIDE_MODULES = {"QtCore", "QtGui", "QtWidgets"}
QT_TRANSLATIONS = {"qtbase_es.qm", "qtbase_en.qm"}
UNUSED_QT = ("Qml", "Quick", "WebEngine", "3D", "Pdf", "Multimedia", "Network", "OpenGL")
HUB_ONLY = ("fastapi", "uvicorn", "starlette", "psycopg", "pydantic")
NOT_SHIPPED = ("tests", "benchmarks", "devtools")


def executable(tree: Path) -> Path:
    return tree / ("wa-desk.exe" if sys.platform == "win32" else "wa-desk")


def run_app(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    return subprocess.run(
        [str(executable(tree)), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tree.parent,
    )


def files(tree: Path) -> list[Path]:
    return [p for p in tree.rglob("*") if p.is_file() or p.is_symlink()]


@needs_colour_emoji_font
def test_the_frozen_app_passes_its_smoke_test(frozen_app: Path) -> None:
    # No Secret Service on a build machine: the backend must be in the app, tokens in memory.
    done = run_app(frozen_app, "--smoke-test", "--keyring", "memory")
    print(done.stdout, done.stderr)
    assert done.returncode == 0, done.stderr
    for check in ("keyring", "translations", "fonts", "sign-in", "main window"):
        assert f"smoke test: ok {check}:" in done.stdout
    assert "main window shown after" in done.stdout


def test_the_frozen_smoke_test_names_a_broken_check(frozen_app: Path, tmp_path: Path) -> None:
    done = run_app(
        frozen_app, "--smoke-test", "--keyring", "memory", "--translations-dir", str(tmp_path)
    )
    assert done.returncode == 1
    assert "smoke test: FAILED translations:" in done.stderr
    assert "smoke test: failed: translations" in done.stderr


def test_the_frozen_app_prints_the_package_version(frozen_app: Path) -> None:
    done = run_app(frozen_app, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wa-desk {wa_desk.__version__}"


def test_the_frozen_app_says_it_carries_no_hub(frozen_app: Path) -> None:
    for command in (["hub", "serve"], ["demo"]):
        done = run_app(frozen_app, *command)
        assert done.returncode == 2
        assert "desktop installer carries only the desktop app" in done.stderr
        assert "Traceback" not in done.stderr


def test_the_tree_is_within_the_size_budget(frozen_app: Path) -> None:
    size = sum(p.stat().st_size for p in files(frozen_app) if not p.is_symlink())
    print(f"frozen app: {size / 2**20:.1f} MiB ({size / 1e6:.1f} MB) in {frozen_app}")
    assert size < BUDGET_MB * 1_000_000


def test_the_tree_ships_no_font(frozen_app: Path) -> None:
    """Emoji come from the system's font (the .deb depends on one): 11 MB saved."""
    fonts = [p for p in files(frozen_app) if p.suffix.lower() in (".ttf", ".otf", ".ttc")]
    assert fonts == []


def _qt_library(name: str) -> str | None:
    """``libQt6Gui.so.6``, ``Qt6Gui.dll``, ``QtGui.framework`` → ``Gui``."""
    match = re.match(r"^(?:lib)?Qt6?([A-Za-z0-9]+?)(?:\.so.*|\.dll|\.dylib|\.framework)$", name)
    return match.group(1) if match else None


def test_only_the_qt_the_app_uses_is_shipped(frozen_app: Path) -> None:
    names = [p.name for p in files(frozen_app)]
    libraries = {lib for n in names if (lib := _qt_library(n)) is not None}
    print("Qt libraries shipped:", ", ".join(sorted(libraries)))
    assert libraries <= QT_LIBRARIES
    assert {"Core", "Gui", "Widgets"} <= libraries
    bindings = {n.split(".")[0] for n in names if re.match(r"^Qt\w+\.(abi3\.so|pyd)$", n)}
    assert bindings == PYSIDE_MODULES
    unused = [str(p) for p in files(frozen_app) if any(u in p.name for u in UNUSED_QT)]
    assert unused == []
    assert not [p for p in frozen_app.rglob("qml") if p.is_dir()]


def test_qt_translations_are_only_spanish_and_english(frozen_app: Path) -> None:
    qt_qm = {p.name for p in files(frozen_app) if p.suffix == ".qm" and "translations" in p.parts}
    shipped = {n for n in qt_qm if not n.startswith("wa_desk_")}
    assert shipped == QT_TRANSLATIONS
    assert {"wa_desk_es.qm", "wa_desk_en.qm"} <= qt_qm


def test_nothing_of_the_hub_the_tests_or_the_tools_is_shipped(frozen_app: Path) -> None:
    parts = {part for p in files(frozen_app) for part in p.relative_to(frozen_app).parts}
    found = sorted(p for p in parts if p.split("-")[0].split(".")[0] in HUB_ONLY + NOT_SHIPPED)
    assert found == []
    # Python modules live in the archive inside the executable: its table of contents.
    archive = _archived_modules(frozen_app)
    assert [m for m in archive if m.split(".")[0] in HUB_ONLY + NOT_SHIPPED] == []
    assert "wa_desk.ui.app.smoke" in archive and "wa_desk.hub.app" not in archive


def _archived_modules(tree: Path) -> list[str]:
    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader

    package = CArchiveReader(str(executable(tree)))
    pyz = next(name for name in package.toc if name.endswith(".pyz"))
    data = package.extract(pyz)
    path = tree.parent / ".wa-desk-toc.pyz"
    try:
        path.write_bytes(data)
        return sorted(ZlibArchiveReader(str(path)).toc)
    finally:
        path.unlink(missing_ok=True)


@pytest.mark.skipif(sys.platform != "linux", reason="ldd: Linux only")
def test_every_kept_library_finds_what_it_links(frozen_app: Path) -> None:
    """Dropping plugins' libraries must leave nothing a kept one links missing."""
    internal = frozen_app / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    missing = []
    for path in files(frozen_app):
        if path.suffix == ".so" or ".so." in path.name:
            out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
            lost = [line.strip() for line in out.stdout.splitlines() if "not found" in line]
            missing += [f"{path.name}: {line}" for line in lost]
    assert missing == []
