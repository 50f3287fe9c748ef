from __future__ import annotations

from collections.abc import Iterator

import pytest
from hub_harness import RunningHub, running_hub


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    """A hub (SQLite, then PostgreSQL) with the simulator as its Graph API."""
    with running_hub(db_url) as running:
        yield running
