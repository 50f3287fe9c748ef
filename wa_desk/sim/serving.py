"""Run any ASGI app on loopback in a background thread (tests, demo, benchmarks).

``with serve_asgi(app) as base_url:`` starts uvicorn on 127.0.0.1 and a free port,
waits until it accepts connections, yields ``http://127.0.0.1:PORT`` and stops it on
exit. ``RedirectTransport`` points an httpx client built for another host (such as
pywa's, fixed to graph.facebook.com) at such a server.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn


class ServerThread:
    """A uvicorn server running in a daemon thread; ``start`` blocks until it listens."""

    def __init__(
        self,
        app: Any,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
        startup_timeout_s: float = 10.0,
        sock: socket.socket | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        """``sock``: a socket already bound (``reserve_port``), so that its address could
        be handed out before the server starts without another server taking it.
        ``options``: more ``uvicorn.Config`` arguments, such as those a server is run with
        in production (the hub's ``server_options``)."""
        if sock is not None:
            host, port = sock.getsockname()[:2]
        settings: dict[str, Any] = {
            "log_level": log_level,
            "lifespan": "on",
            "access_log": False,
            "timeout_graceful_shutdown": 2,
            **(options or {}),
        }
        config = uvicorn.Config(app, host=host, port=port, **settings)
        self.server = uvicorn.Server(config)
        self.host = host
        self._timeout = startup_timeout_s
        self._thread = threading.Thread(
            target=self.server.run,
            kwargs={"sockets": [sock]} if sock is not None else {},
            name=f"asgi-{host}:{port}",
            daemon=True,
        )

    @property
    def port(self) -> int:
        sockets = self.server.servers[0].sockets
        return int(sockets[0].getsockname()[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> str:
        self._thread.start()
        deadline = time.monotonic() + self._timeout
        # uvicorn flips ``started`` from its own thread once the socket listens
        while not self.server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        if not self.server.started:
            self.stop()
            raise RuntimeError("the ASGI server did not start (port in use?)")
        return self.base_url

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(self._timeout)
        if self._thread.is_alive():
            self.server.force_exit = True
            self._thread.join(self._timeout)


def reserve_port(host: str = "127.0.0.1") -> socket.socket:
    """A socket bound to a free port and held, for a server to start on later: unlike a
    port number found free and released, nobody else can take it in between."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    return sock


@contextmanager
def serve_asgi(
    app: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    log_level: str = "warning",
    sock: socket.socket | None = None,
    options: Mapping[str, Any] | None = None,
) -> Iterator[str]:
    """Serve ``app`` on ``host:port`` (0: any free port), or on the reserved ``sock``,
    for the duration of the block; ``options`` as for ``ServerThread``."""
    thread = ServerThread(
        app, host=host, port=port, log_level=log_level, sock=sock, options=options
    )
    base_url = thread.start()
    try:
        yield base_url
    finally:
        thread.stop()


class RedirectTransport(httpx.BaseTransport):
    """Sends every request to ``base_url`` instead, keeping its path and query."""

    def __init__(self, base_url: str, inner: httpx.BaseTransport | None = None) -> None:
        self._target = httpx.URL(base_url)
        self._inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        target = self._target
        request.url = request.url.copy_with(
            scheme=target.scheme, host=target.host, port=target.port
        )
        request.headers["Host"] = target.netloc.decode("ascii")
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()
