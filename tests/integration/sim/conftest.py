from __future__ import annotations

from collections.abc import Iterator

import pytest
from sim_receiver import SECRET, TOKEN, Receiver

from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.serving import serve_asgi
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def hub_and_graph() -> Iterator[tuple[Receiver, str]]:
    """A stand-in hub that records what it receives, and the simulator's Graph API
    sending to it: (the receiver, the Graph API's address)."""
    receiver = Receiver()
    with serve_asgi(receiver.app) as hub_url:
        settings = SimSettings(
            access_token=TOKEN,
            app_secret=SECRET,
            hub_url=hub_url,
            time_scale=0.01,
            retry_base_s=0.05,
            retry_cap_s=0.2,
            seed=3,
        )
        with serve_asgi(create_graph_app(World(seed=3), settings)) as graph_url:
            yield receiver, graph_url
