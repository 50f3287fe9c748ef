"""Work that runs once across hub replicas on one PostgreSQL: one replica holds it, the
others wait their turn, and another takes it over when the holder stops."""

from __future__ import annotations

from contextlib import ExitStack

import psycopg
import pytest
from hub_harness import running_hub, wait_for

from wa_desk.hub.run_once import APPLICATION_NAME, LEADER_LOCK

_TRIED_AND_WAITING = (
    "SELECT count(*) FROM pg_stat_activity "
    "WHERE application_name = %s AND query LIKE 'SELECT pg_try_advisory_lock%%' "
    "AND pid NOT IN (SELECT pid FROM pg_locks "
    "WHERE locktype = 'advisory' AND objid = %s AND granted)"
)


def _replicas_waiting(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as pg:
        row = pg.execute(_TRIED_AND_WAITING, (APPLICATION_NAME, LEADER_LOCK)).fetchone()
    return 0 if row is None else int(row[0])


@pytest.mark.postgres
def test_one_replica_runs_it_and_another_takes_it_over_when_it_stops(pg_url: str) -> None:
    with ExitStack() as stays:
        with running_hub(pg_url, waba=False) as first:
            wait_for(lambda: first.ctx.runs_once)
            second = stays.enter_context(running_hub(pg_url, waba=False))
            wait_for(lambda: _replicas_waiting(pg_url) == 1)  # the second tried: it waits
            assert first.ctx.runs_once
            assert not second.ctx.runs_once
        # The first stopped; the second goes on and takes the work over.
        wait_for(lambda: second.ctx.runs_once)
        assert _replicas_waiting(pg_url) == 0


def test_a_single_sqlite_hub_runs_it_itself(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", waba=False) as hub:
        wait_for(lambda: hub.ctx.runs_once)
