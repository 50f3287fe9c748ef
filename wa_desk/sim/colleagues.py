"""A team of simulated colleagues working alongside the simulated customers.

Each signs in to the hub as an existing agent (their names are given; one password for
all, never logged) and works with the personality of their place in the team: the first
fast, the second slow, the third going quiet now and then, and so on in turn.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence

from wa_desk.sim.colleague import Colleague
from wa_desk.sim.personalities import TEAM_ORDER, Personality

log = logging.getLogger(__name__)


class Team:
    def __init__(
        self,
        hub_url: str,
        names: Sequence[str],
        password: str,
        *,
        seed: int = 0,
        time_scale: float = 1.0,
        personalities: Sequence[Personality] | None = None,
    ) -> None:
        ways = tuple(personalities or TEAM_ORDER)
        self.members = [
            Colleague(
                hub_url,
                name,
                password,
                ways[i % len(ways)],
                random.Random(f"{seed}/{name}"),
                time_scale=time_scale,
            )
            for i, name in enumerate(names)
        ]

    def describe(self) -> str:
        return ", ".join(f"{m.name} ({m.personality.name})" for m in self.members)

    async def run(self) -> None:
        """Every colleague at work until cancelled (each stops cleanly)."""
        log.info("simulated colleagues at work: %s", self.describe())
        tasks = [asyncio.create_task(m.run(), name=f"colleague-{m.name}") for m in self.members]
        try:
            await asyncio.gather(*tasks)
        finally:
            # Cancelled, gather has cancelled each once already: a second cancel would
            # cut short their signing off.
            for task in tasks:
                if not task.done() and not task.cancelling():
                    task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
