"""A real hub on loopback (SQLite) that tests can stop and start again on the same port
and store, with the Cloud API simulator staying up in between."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub_harness import RunningHub, make_hub_settings, make_sim_settings

from wa_desk.hub.app import create_app
from wa_desk.hub.context import HubContext
from wa_desk.hub.server_config import server_options
from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.serving import ServerThread, reserve_port
from wa_desk.sim.state import World


class RestartableHub:
    def __init__(self, db_path: Path) -> None:
        # Held until the hub's first start, so the simulator's server cannot take it.
        self._reserved: socket.socket | None = reserve_port()
        self.port = self._reserved.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.world = World(seed=7)
        sim = make_sim_settings(self.url, 0.01)
        self._sim = ServerThread(create_graph_app(self.world, sim))
        graph_url = self._sim.start()
        self.settings = make_hub_settings(f"sqlite:///{db_path}", graph_url)
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
        # The first start listens on the held socket (stopping the server closes it);
        # later ones bind the same port again.
        reserved, self._reserved = self._reserved, None
        self._server = ServerThread(
            create_app(ctx),
            port=self.port,
            sock=reserved,
            options=server_options(ctx.settings.http),
        )
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
