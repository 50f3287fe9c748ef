"""UI tests are strict: any Qt warning fails the test that caused it. The desktop app's
tests run it against a real hub and simulator on loopback (``hub``, or ``hub_box`` for a
hub the test stops and starts again), with agent "ana" in the "ventas" queue."""

from __future__ import annotations

import errno
import gc
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_harness import RunningHub, running_hub
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication
from restartable_hub import RestartableHub

from devtools import sample_data
from wa_desk.ui.common.i18n import TRANSLATIONS_DIR, Translations
from wa_desk.ui.settings.settings import Settings

HERE = Path(__file__).resolve().parent

# The offscreen platform cannot resize native windows to size hints; it says so on
# every top-level show. That is the test platform talking, not the application.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    """The app in Spanish (the compiled translations in resources), English again after."""
    translations = Translations()
    assert translations.install("es", TRANSLATIONS_DIR) == "es"
    try:
        yield
    finally:
        translations.remove()
        QLocale.setDefault(QLocale("en"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def clock() -> Iterator[list[int]]:
    """A settable clock: ``clock[0]`` is now (epoch ms)."""
    yield [sample_data.NOW]


@pytest.fixture
def desktop_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the desktop app keeps its local store: under this test's temp dir."""
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def hub(tmp_path: Path, desktop_data_home: Path) -> Iterator[RunningHub]:
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", time_scale=0.02) as running:
        running.add_user("ana", "agent", ("ventas",))
        yield running


@pytest.fixture
def hub_box(tmp_path: Path, desktop_data_home: Path) -> Iterator[RestartableHub]:
    box = RestartableHub(tmp_path / "hub.sqlite3")
    try:
        box.running.add_user("ana", "agent", ("ventas",))
        yield box
    finally:
        box.close()


@pytest.fixture(autouse=True)
def _qt_garbage_collected_on_the_main_thread() -> Iterator[None]:
    """What a test leaves in reference cycles (an app, its widgets and their timers) is
    destroyed here, on the GUI thread. Left to the garbage collector, it would be destroyed
    in whichever thread next allocates, often a worker thread of the next test: Qt then
    warns that timers cannot be stopped from another thread, or crashes."""
    yield
    gc.collect()


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A tiny file system with no space left (mounting one needs the right to)."""
    where = tmp_path / "small"
    where.mkdir()
    if shutil.which("mount") is None or getattr(os, "geteuid", lambda: -1)() != 0:
        pytest.skip("cannot mount a small file system here")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        with (where / "filler").open("wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)
