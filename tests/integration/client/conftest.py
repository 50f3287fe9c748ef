"""Fixtures for the client's integration tests: a real, restartable hub on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_harness import RunningHub
from restartable_hub import RestartableHub


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def hub_box(tmp_path: Path) -> Iterator[RestartableHub]:
    box = RestartableHub(tmp_path / "hub.sqlite3")
    try:
        yield box
    finally:
        box.close()


@pytest.fixture
def hub(hub_box: RestartableHub) -> RunningHub:
    return hub_box.running
