"""The forward-only delivery status rule."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.message_status import KNOWN_ORDER, UNKNOWN_RANK, should_apply, status_rank

PROGRESS = ("pending", "accepted", "sent", "delivered", "read", "played")


def test_progress_moves_forward_only() -> None:
    for earlier, later in itertools.combinations(PROGRESS, 2):
        assert should_apply(earlier, later), (earlier, later)
        assert not should_apply(later, earlier), (later, earlier)


@pytest.mark.parametrize("current", ["pending", "accepted", "sent", "delivered"])
def test_failed_replaces_anything_before_read(current: str) -> None:
    assert should_apply(current, "failed")


@pytest.mark.parametrize("current", ["read", "played"])
def test_failed_never_replaces_read_or_played(current: str) -> None:
    assert not should_apply(current, "failed")
    assert should_apply("failed", current)


@pytest.mark.parametrize("status", [*KNOWN_ORDER, "warning"])
def test_same_status_is_not_reapplied(status: str) -> None:
    assert not should_apply(status, status)


@pytest.mark.parametrize("current", KNOWN_ORDER)
def test_unknown_never_replaces_known(current: str) -> None:
    assert not should_apply(current, "something_new")
    assert should_apply("something_new", current)


def test_first_status_always_applies() -> None:
    assert should_apply(None, "sent")
    assert should_apply(None, "something_new")
    assert should_apply("", "read")


def test_ranks() -> None:
    assert [status_rank(s) for s in KNOWN_ORDER] == list(range(len(KNOWN_ORDER)))
    assert status_rank("warning") == status_rank(None) == status_rank("") == UNKNOWN_RANK
    assert status_rank("READ") == status_rank("read")


statuses = st.sampled_from([*KNOWN_ORDER, "warning"]) | st.text(max_size=8)


@given(st.lists(statuses, max_size=12))
def test_any_arrival_order_never_flip_flops(arrivals: list[str]) -> None:
    """Applying webhooks in any order (with redeliveries) only climbs the rank."""
    current: str | None = None
    for incoming in arrivals:
        if should_apply(current, incoming):
            assert current is None or status_rank(incoming) > status_rank(current)
            current = incoming


@given(st.permutations(list(KNOWN_ORDER)))
def test_final_status_does_not_depend_on_order(arrivals: list[str]) -> None:
    current: str | None = None
    for incoming in arrivals:
        if should_apply(current, incoming):
            current = incoming
    assert current == KNOWN_ORDER[-1]


@pytest.mark.parametrize("current", [s for s in KNOWN_ORDER if s != "deleted"])
def test_deleted_is_final(current: str) -> None:
    assert should_apply(current, "deleted")
    assert not should_apply("deleted", current)
