"""Promise figures as docs/kpis.md "Promises" defines them, on cases worked out by hand
(times in minutes, for reading)."""

from __future__ import annotations

from wa_desk.core.kpis.promises import (
    PromiseCounts,
    PromiseOutcome,
    PromiseRecord,
    closed_with_open_promise,
    promise_counts,
    promise_outcome,
)
from wa_desk.core.promises import PromiseState

M = 60_000
OPEN, KEPT, BROKEN = PromiseState.OPEN, PromiseState.KEPT, PromiseState.BROKEN


def p(state: PromiseState, made: int, due: int, closed: int | None = None,
      by: str = "ana", owner: str = "ana") -> PromiseRecord:  # fmt: skip
    return PromiseRecord(
        by, owner, made * M, due * M, state, None if closed is None else closed * M
    )


def test_each_outcome() -> None:
    now = 100 * M
    assert promise_outcome(p(KEPT, 0, 60, 60), now) is PromiseOutcome.KEPT_ON_TIME  # at the due
    assert promise_outcome(p(KEPT, 0, 60, 61), now) is PromiseOutcome.KEPT_LATE
    assert promise_outcome(p(BROKEN, 0, 60, 30), now) is PromiseOutcome.BROKEN
    assert promise_outcome(p(OPEN, 0, 100), now) is PromiseOutcome.OPEN  # due right now
    assert promise_outcome(p(OPEN, 0, 99), now) is PromiseOutcome.OVERDUE


def test_an_agent_counts_what_they_made_and_the_outcomes_of_what_they_own() -> None:
    ledger = [
        p(KEPT, 0, 60, 30, by="ana", owner="beto"),  # handed to beto, kept in time
        p(KEPT, 0, 10, 30, by="ana", owner="ana"),  # kept late
        p(BROKEN, 5, 60, 40, by="beto", owner="beto"),
        p(OPEN, 5, 50, by="beto", owner="beto"),  # overdue at 100
    ]
    now = 100 * M
    assert promise_counts(ledger, now) == PromiseCounts(4, 1, 1, 1, 1)
    assert promise_counts(ledger, now, "ana") == PromiseCounts(2, 0, 1, 0, 0)
    assert promise_counts(ledger, now, "beto") == PromiseCounts(2, 1, 0, 1, 1)
    assert promise_counts(ledger, now, "nadie") == PromiseCounts()


def test_closed_with_an_open_promise_is_judged_at_the_close() -> None:
    assert closed_with_open_promise([p(OPEN, 0, 60)], None) is None  # not closed
    assert closed_with_open_promise([], 50 * M) is False
    assert closed_with_open_promise([p(OPEN, 0, 60)], 50 * M) is True
    # Kept after the close: it was open at the close.
    assert closed_with_open_promise([p(KEPT, 0, 60, 70)], 50 * M) is True
    # Kept at the close, or before: not open.
    assert closed_with_open_promise([p(KEPT, 0, 60, 50)], 50 * M) is False
    # Made after the close (the conversation reopened): not open at that close.
    assert closed_with_open_promise([p(OPEN, 51, 90)], 50 * M) is False
