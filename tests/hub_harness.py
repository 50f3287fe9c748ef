"""A real hub on loopback, talking to the Cloud API simulator on loopback, for tests."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import httpx
import orjson

from wa_desk.core.clock import now_ms
from wa_desk.core.conversation import Role
from wa_desk.hub.app import create_app
from wa_desk.hub.context import HubContext
from wa_desk.hub.passwords import hash_password
from wa_desk.hub.queries import users
from wa_desk.hub.server_config import server_options
from wa_desk.hub.settings import HubSettings, QueueConfig, Secret
from wa_desk.hub.template_sync import sync_templates
from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.serving import reserve_port, serve_asgi
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World
from wa_desk.whatsapp.signature import HEADER, sign

T = TypeVar("T")

APP_SECRET = "test-app-secret"
ACCESS_TOKEN = "test-access-token"
VERIFY_TOKEN = "test-verify-token"
PASSWORD = "test-password-correct-horse"
SALES = "100000000000001"
SUPPORT = "100000000000002"
WABA = "200000000000001"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RunningHub:
    url: str
    ctx: HubContext
    world: World
    tokens: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, str] = field(default_factory=dict)
    clients: list[httpx.Client] = field(default_factory=list)

    def add_user(
        self, name: str, role: str = "agent", queues: tuple[str, ...] = ("ventas",)
    ) -> str:
        hashed = hash_password(PASSWORD)
        user = self.ctx.db.write_sync(
            lambda c: users.add_user(c, name, Role(role), list(queues), hashed, now_ms())
        )
        self.user_ids[name] = user.id
        return user.id

    def sign_in_team(self, team: dict[str, tuple[str, tuple[str, ...]]]) -> None:
        """Add each ``name: (role, queues)`` of ``team`` and sign them in."""
        for name, (role, queues) in team.items():
            self.add_user(name, role, queues)
            self.login(name)

    def login(self, name: str) -> httpx.Client:
        response = httpx.post(
            f"{self.url}/api/v1/auth/login", json={"username": name, "password": PASSWORD}
        )
        assert response.status_code == 200, response.text
        token = response.json()["token"]
        self.tokens[name] = token
        client = httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        self.clients.append(client)
        return client

    def client(self, name: str) -> httpx.Client:
        """A client with ``name``'s session (signed in with ``login`` before)."""
        client = httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.tokens[name]}"}, timeout=10
        )
        self.clients.append(client)
        return client

    def new_conversation(self, wa_id: str, *, seen_by: str) -> str:
        """A customer writes "Hola": the id of the conversation it opens, once ``seen_by``
        (a signed-in user of its queue) can list it."""
        self.customer_writes(f"wamid.{wa_id}", wa_id, "Hola")
        client = self.client(seen_by)

        def found() -> str | None:
            items = client.get("/api/v1/conversations", params={"wa_id": wa_id}).json()["items"]
            return str(items[0]["id"]) if items else None

        conversation_id: str = wait_for(found)
        return conversation_id

    def customer_wrote_outside_the_window(self, wamid: str, wa_id: str, text: str) -> None:
        """A customer's last message two days old (only templates may answer now), with
        the account's templates synced before any app loads them."""
        two_days_ago = int(time.time()) - 48 * 3600
        old = text_webhook(wamid, wa_id, text, ts=two_days_ago)
        assert self.post_webhook(old).status_code == 200
        assert self.run(sync_templates(self.ctx)) > 0

    def close_clients(self) -> None:
        for client in self.clients:
            client.close()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the hub's own event loop (its store and broker live there)."""
        loop = self.ctx._loop
        assert loop is not None, "the hub has not started"
        return asyncio.run_coroutine_threadsafe(coro, loop).result(30)

    def customer_writes(
        self, wamid: str, wa_id: str, text: str, *, phone_number_id: str = SALES, **kw: Any
    ) -> httpx.Response:
        """A customer message as WhatsApp would deliver it (the simulator's window opens)."""
        self.world.note_inbound(phone_number_id, wa_id, self.world.now_ms())
        response = self.post_webhook(
            text_webhook(wamid, wa_id, text, phone_number_id=phone_number_id, **kw)
        )
        assert response.status_code == 200, response.text
        return response

    def post_webhook(
        self, body: dict[str, Any] | bytes, secret: str = APP_SECRET
    ) -> httpx.Response:
        raw = body if isinstance(body, bytes) else orjson.dumps(body)
        return httpx.post(
            f"{self.url}/webhooks/whatsapp",
            content=raw,
            headers={HEADER: sign(raw, secret), "Content-Type": "application/json"},
        )


def text_webhook(
    wamid: str,
    wa_id: str,
    text: str,
    *,
    phone_number_id: str = SALES,
    name: str = "Lucía Pérez",
    ts: int | None = None,
    context: str | None = None,
) -> dict[str, Any]:
    """A messages webhook with one text message, as the Cloud API documents it."""
    message: dict[str, Any] = {
        "from": wa_id,
        "id": wamid,
        "timestamp": str(ts or int(time.time())),
        "type": "text",
        "text": {"body": text},
    }
    if context:
        message["context"] = {"from": "34600000001", "id": context}
    return _envelope(
        phone_number_id,
        {
            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
            "messages": [message],
        },
    )


def status_webhook(
    wamid: str,
    wa_id: str,
    status: str,
    *,
    phone_number_id: str = SALES,
    error: tuple[int, str] | None = None,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": wamid,
        "status": status,
        "timestamp": str(int(time.time())),
        "recipient_id": wa_id,
    }
    if error:
        entry["errors"] = [
            {
                "code": error[0],
                "title": error[1],
                "message": error[1],
                "error_data": {"details": error[1]},
            }
        ]
    return _envelope(phone_number_id, {"statuses": [entry]})


def _envelope(phone_number_id: str, value: dict[str, Any]) -> dict[str, Any]:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": WABA,
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "34600000001",
                                "phone_number_id": phone_number_id,
                            },
                            **value,
                        },
                    }
                ],
            }
        ],
    }


def make_sim_settings(hub_url: str, time_scale: float, **extra: Any) -> SimSettings:
    """The simulator the test hubs talk to: fast statuses, fast webhook retries."""
    return SimSettings(
        access_token=ACCESS_TOKEN,
        app_secret=APP_SECRET,
        hub_url=hub_url,
        time_scale=time_scale,
        retry_base_s=0.05,
        retry_cap_s=0.5,
        **extra,
    )


def make_hub_settings(db_url: str, graph_url: str, *, waba: bool = True) -> HubSettings:
    """A test hub: two queues on the simulator's two numbers, 1 s stream heartbeats."""
    return HubSettings(
        app_secret=Secret(APP_SECRET),
        verify_token=Secret(VERIFY_TOKEN),
        access_token=Secret(ACCESS_TOKEN),
        db=db_url,
        graph_url=graph_url,
        waba_id=WABA if waba else None,
        queues=(QueueConfig("ventas", (SALES,)), QueueConfig("soporte", (SUPPORT,))),
        heartbeat_seconds=1.0,
    )


@contextmanager
def running_hub(
    db_url: str,
    *,
    time_scale: float = 0.01,
    waba: bool = True,
    sim_settings: dict[str, Any] | None = None,
    hub_settings: dict[str, Any] | None = None,
) -> Iterator[RunningHub]:
    """Hub and simulator, each on its own loopback port, wired to each other."""
    # The simulator needs the hub's address before the hub runs: the port is held from
    # now on, so the simulator's own server cannot be given it meanwhile.
    hub_socket = reserve_port()
    hub_port = hub_socket.getsockname()[1]
    world = World(seed=7)
    sim = make_sim_settings(f"http://127.0.0.1:{hub_port}", time_scale, **(sim_settings or {}))
    with hub_socket, serve_asgi(create_graph_app(world, sim)) as graph_url:
        settings = replace(make_hub_settings(db_url, graph_url, waba=waba), **(hub_settings or {}))
        ctx = HubContext.create(settings)
        # Served as `wa-desk hub serve` serves it: the same protocol, timeouts and caps.
        options = server_options(settings.http)
        with serve_asgi(create_app(ctx), sock=hub_socket, options=options) as url:
            running = RunningHub(url, ctx, world)
            try:
                yield running
            finally:
                running.close_clients()


def wait_for(predicate: Any, timeout: float = 10.0, interval: float = 0.02) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(interval)
