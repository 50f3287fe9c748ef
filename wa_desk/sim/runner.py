"""``wa-desk sim`` at run time: the Graph stand-in on uvicorn plus customer traffic."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

import uvicorn

from wa_desk.sim.colleagues import Team
from wa_desk.sim.engine import CloudSimulator
from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.personas import make_personas
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World
from wa_desk.sim.traffic import TrafficDriver

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunOptions:
    host: str = "127.0.0.1"
    port: int = 8081
    customers: int = 20
    rate: float = 0.5  # spontaneous customer messages per second, all customers together
    languages: tuple[str, ...] = ("es",)
    log_level: str = "info"
    agents: tuple[str, ...] = ()  # the simulated colleagues' user names
    agents_password: str = field(default="", repr=False)


class SimulatorRun:
    """Builds the world, the app and the traffic, and runs them until asked to stop."""

    def __init__(self, settings: SimSettings, options: RunOptions) -> None:
        self.settings = settings
        self.options = options
        seed = settings.seed if settings.seed is not None else 0
        self.world = World(seed=settings.seed)
        self.simulator = CloudSimulator(self.world, settings)
        self.app = create_graph_app(simulator=self.simulator)
        numbers = tuple(self.world.numbers)
        self.personas = make_personas(
            options.customers, seed=seed, languages=options.languages, phone_number_ids=numbers
        )
        for persona in self.personas:
            self.world.customer(persona.wa_id, name=persona.name, language=persona.language)
        config = uvicorn.Config(
            self.app,
            host=options.host,
            port=options.port,
            log_level=options.log_level,
            access_log=False,
            timeout_graceful_shutdown=3,
        )
        self.server = uvicorn.Server(config)

    def request_stop(self) -> None:
        self.server.should_exit = True

    async def run(self) -> None:
        traffic_task: asyncio.Task[None] | None = None
        if self.options.customers > 0 and self.options.rate > 0:
            driver = TrafficDriver(
                self.simulator,
                self.personas,
                rate=self.options.rate,
                seed=self.settings.seed or 0,
                time_scale=self.settings.time_scale,
            )
            traffic_task = asyncio.create_task(self._traffic(driver))
        team_task: asyncio.Task[None] | None = None
        if self.options.agents and self.settings.hub_url:
            team = Team(
                self.settings.hub_url,
                self.options.agents,
                self.options.agents_password,
                seed=self.settings.seed or 0,
                time_scale=self.settings.time_scale,
            )
            team_task = asyncio.create_task(team.run())
        try:
            await self.server.serve()
        finally:
            for task in (traffic_task, team_task):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task

    async def _traffic(self, driver: TrafficDriver) -> None:
        while not self.server.started:
            if self.server.should_exit:
                return
            await asyncio.sleep(0.05)
        log.info(
            "simulating %d customers at %.2f msg/s towards %s",
            len(self.personas),
            self.options.rate,
            self.settings.webhook_url,
        )
        try:
            await driver.run()
        finally:
            await driver.aclose()
