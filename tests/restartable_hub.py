"""A real hub on loopback (SQLite) that tests can stop and start again on the same port
and store, with the Cloud API simulator staying up in between."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub_harness import (
    ACCESS_TOKEN,
    APP_SECRET,
    SALES,
    SUPPORT,
    VERIFY_TOKEN,
    WABA,
    RunningHub,
    free_port,
)

from wa_desk.hub.app import create_app
from wa_desk.hub.context import HubContext
from wa_desk.hub.settings import HubSettings, QueueConfig, Secret
from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.serving import ServerThread
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World


class RestartableHub:
    def __init__(self, db_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.world = World(seed=7)
        sim = SimSettings(
            access_token=ACCESS_TOKEN,
            app_secret=APP_SECRET,
            hub_url=self.url,
            time_scale=0.01,
            retry_base_s=0.05,
            retry_cap_s=0.5,
        )
        self._sim = ServerThread(create_graph_app(self.world, sim))
        graph_url = self._sim.start()
        self.settings = HubSettings(
            app_secret=Secret(APP_SECRET),
            verify_token=Secret(VERIFY_TOKEN),
            access_token=Secret(ACCESS_TOKEN),
            db=f"sqlite:///{db_path}",
            graph_url=graph_url,
            waba_id=WABA,
            queues=(QueueConfig("ventas", (SALES,)), QueueConfig("soporte", (SUPPORT,))),
            heartbeat_seconds=1.0,
        )
        self._server: ServerThread | None = None
        self.hub: RunningHub | None = None
        self._users: dict[str, str] = {}
        self._tokens: dict[str, str] = {}
        self.start()

    @property
    def running(self) -> RunningHub:
        assert self.hub is not None, "the hub is stopped"
        return self.hub

    def start(self) -> None:
        ctx = HubContext.create(self.settings)
        self._server = ServerThread(create_app(ctx), port=self.port)
        self._server.start()
        self.hub = RunningHub(self.url, ctx, self.world, dict(self._tokens), dict(self._users))

    def stop(self) -> None:
        if self.hub is not None:
            self.hub.close_clients()
            self._users.update(self.hub.user_ids)
            self._tokens.update(self.hub.tokens)
            self.hub = None
        if self._server is not None:
            self._server.stop()
            self._server = None

    def close(self) -> None:
        self.stop()
        self._sim.stop()


async def until(predicate: Callable[[], Any], within: float = 15.0) -> None:
    """Wait, without blocking the loop, until ``predicate()`` is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)
