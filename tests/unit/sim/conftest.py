from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sim_helpers import TOKEN

from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def settings() -> SimSettings:
    return SimSettings(access_token=TOKEN, app_secret="unit-secret", time_scale=0.0001, seed=7)


@pytest.fixture
def world() -> World:
    return World(seed=7)


@pytest.fixture
async def graph(world: World, settings: SimSettings) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the Graph stand-in in-process (no socket)."""
    app = create_graph_app(world, settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://graph.test") as client:
        client.app = app  # type: ignore[attr-defined]
        yield client
    await app.state.sim.aclose()
