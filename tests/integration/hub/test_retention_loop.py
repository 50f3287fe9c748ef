"""The hub makes the retention purge itself (SQLite, then PostgreSQL): every
``[audit] purge_interval_minutes`` superseded wallboard pushes (and, with a retention
period, everything older than it) go with no command run; 0 means never; a pass that
fails is logged and the next one purges; stopping the hub stops the loop at once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hub_harness import make_hub_settings, running_hub, wait_for
from restartable_hub import until

from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.stream_protocol import StreamEventKind
from wa_desk.hub.context import HubContext
from wa_desk.hub.db.connection import Conn
from wa_desk.hub.queries import audit_log, stream_log
from wa_desk.hub.retention_loop import keep_store_purged
from wa_desk.hub.settings import SettingsError, load_settings

MINUTE = 60_000
VENTAS = frozenset({"ventas"})
NOWHERE = "http://127.0.0.1:9"  # no Graph API call is made here


def _push(conn: Conn, at: int, n: int) -> int:
    data = {"type": "queue", "queue": "postventa", "n": n}
    return stream_log.append(
        conn,
        StreamEventKind.WALLBOARD_CHANGED,
        None,
        None,
        data,
        at,
        audience=VENTAS,
        subject="queue:postventa",
    ).seq


def _seed(ctx: HubContext) -> tuple[set[int], int]:
    """Two superseded pushes older than the hour (to go) and the row's newest (to stay)."""
    now = now_ms()

    def write(conn: Conn) -> tuple[set[int], int]:
        old = {_push(conn, now - 180 * MINUTE, 1), _push(conn, now - 120 * MINUTE, 2)}
        return old, _push(conn, now - 1000, 3)

    return ctx.db.write_sync(write)


def _stored(ctx: HubContext) -> set[int]:
    rows = ctx.db.read_sync(lambda c: c.all("SELECT seq FROM stream_events"))
    return {int(r["seq"]) for r in rows}


@pytest.fixture
def ctx(db_url: str) -> Iterator[HubContext]:
    context = HubContext.create(
        replace(make_hub_settings(db_url, NOWHERE, waba=False), purge_interval_seconds=0)
    )
    try:
        yield context
    finally:
        context.db.close()


def test_a_running_hub_purges_on_its_own(db_url: str) -> None:
    with running_hub(db_url, hub_settings={"purge_interval_seconds": 0.2}) as hub:
        old, newest = _seed(hub.ctx)
        wait_for(lambda: not (old & _stored(hub.ctx)), timeout=20)
        assert newest in _stored(hub.ctx)
        facts = hub.ctx.db.read_sync(lambda c: audit_log.chain_events(c, "hub", 0, 1000))
        purged = [f for f in facts if f["kind"] == "retention.purged"]
        assert purged == []  # retention is off: only pushes went, and no record is due


def test_a_pass_that_fails_is_logged_and_the_next_one_purges(
    ctx: HubContext, caplog: pytest.LogCaptureFixture
) -> None:
    old, newest = _seed(ctx)
    calls: list[Millis] = []

    def clock() -> Millis:
        calls.append(now_ms())
        if len(calls) == 1:
            raise RuntimeError("the first pass breaks")
        return now_ms()

    async def scenario() -> None:
        loop = asyncio.create_task(keep_store_purged(ctx, interval_s=0.05, clock=clock))
        try:
            await until(lambda: not (old & _stored(ctx)), within=20)
            assert not loop.done()  # it kept going
        finally:
            loop.cancel()
            async with asyncio.timeout(5):  # stopping ends the wait between passes
                await asyncio.gather(loop, return_exceptions=True)

    with caplog.at_level(logging.ERROR, logger="wa_desk.hub.retention_loop"):
        asyncio.run(scenario())
    assert "retention purge failed" in caplog.text
    assert "the first pass breaks" in caplog.text
    assert newest in _stored(ctx)
    assert len(calls) >= 2


def test_no_interval_means_no_pass(ctx: HubContext) -> None:
    old, _newest = _seed(ctx)

    async def scenario() -> None:
        async with asyncio.timeout(5):
            await keep_store_purged(ctx, interval_s=0)  # returns at once, purging nothing

    asyncio.run(scenario())
    assert old <= _stored(ctx)


def test_the_interval_is_a_validated_setting(tmp_path: Path) -> None:
    config = tmp_path / "hub.toml"
    env = {
        "WA_APP_SECRET": "s",
        "WA_VERIFY_TOKEN": "v",
        "WA_ACCESS_TOKEN": "t",
        "WA_DB": f"sqlite:///{tmp_path}/h.db",
    }
    config.write_text("[audit]\npurge_interval_minutes = 15\n")
    assert load_settings(config, env).purge_interval_seconds == 15 * 60
    config.write_text("[audit]\npurge_interval_minutes = 0\n")
    assert load_settings(config, env).purge_interval_seconds == 0
    for bad in ("-1", '"hourly"', "1.5"):
        config.write_text(f"[audit]\npurge_interval_minutes = {bad}\n")
        with pytest.raises(SettingsError, match="purge_interval_minutes"):
            load_settings(config, env)


def test_stopping_the_hub_stops_the_loop_between_passes(db_url: str) -> None:
    with running_hub(db_url, hub_settings={"purge_interval_seconds": 3600}) as hub:

        async def the_loop() -> asyncio.Task[object]:
            return next(t for t in asyncio.all_tasks() if t.get_name() == "retention-purge")

        wait_for(lambda: hub.ctx.runs_once)  # on PostgreSQL, once it holds the lock
        task = hub.run(the_loop())
        assert not task.done()  # waiting an hour for its next pass
    assert task.done()  # the hub stopped without waiting for it


def test_a_hub_with_no_interval_starts_no_loop(db_url: str) -> None:
    with running_hub(db_url, hub_settings={"purge_interval_seconds": 0}) as hub:

        async def names() -> set[str]:
            return {t.get_name() for t in asyncio.all_tasks()}

        wait_for(lambda: hub.ctx.runs_once)
        running = hub.run(names())
        assert "alert-loop" in running and "retention-purge" not in running
