"""UI tests are strict: any Qt warning fails the test that caused it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from wa_desk.ui import sample_data
from wa_desk.ui.settings import Settings

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
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def clock() -> Iterator[list[int]]:
    """A settable clock: ``clock[0]`` is now (epoch ms)."""
    yield [sample_data.NOW]
