"""Objects alive once the app has started are left out of full collections, in the
app's own process only."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from wa_desk.ui.app import long_lived


@pytest.fixture
def switch() -> Iterator[None]:
    before = long_lived._Switch.on
    yield
    long_lived._Switch.on = before
    gc.unfreeze()


def test_nothing_is_frozen_until_the_app_enables_it(switch: None) -> None:
    gc.unfreeze()
    long_lived._Switch.on = False
    long_lived.freeze_long_lived("a test")
    assert gc.get_freeze_count() == 0


def test_once_enabled_what_is_alive_is_left_out_of_full_collections(switch: None) -> None:
    gc.unfreeze()
    kept = [[i] for i in range(1000)]  # tracked by the collector
    long_lived.enable()
    long_lived.freeze_long_lived("a test")
    assert gc.get_freeze_count() >= len(kept)
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
