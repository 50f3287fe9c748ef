"""Slow and greedy clients: a hub served as ``wa-desk hub serve`` serves it bounds how
long one connection may take to send its request and how many one address may hold.

Raw sockets on loopback, with small ``[http]`` timeouts so that each attack resolves in
seconds; every wait is a generous "within N seconds".
"""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub, running_hub, wait_for
from sse_reader import StreamReader

from wa_desk.hub.http_limits import HttpLimits, http_limits
from wa_desk.hub.server_config import server_options
from wa_desk.sim.serving import serve_asgi

HEADER_TIMEOUT = 1.0
BODY_TIMEOUT = 1.5
CAP = 6
KEEP_ALIVE = 2.0  # longer than the header timeout: idle time is not header time
LIMITS = HttpLimits(
    header_timeout_seconds=HEADER_TIMEOUT,
    body_timeout_seconds=BODY_TIMEOUT,
    keep_alive_seconds=KEEP_ALIVE,
    max_connections_per_address=CAP,
)
MAX_BODY = 2048
# Well past every timeout above: a connection still open by then is held for good.
GIVE_UP = 8.0


@contextmanager
def _hub(directory: Path) -> Iterator[RunningHub]:
    settings = {"http": LIMITS, "max_body_bytes": MAX_BODY}
    with running_hub(f"sqlite:///{directory / 'hub.sqlite3'}", hub_settings=settings) as h:
        yield h


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    """One hub for the attacks that leave nothing behind: each connection they open is
    closed by the hub or by them."""
    with _hub(tmp_path_factory.mktemp("slow")) as h:
        yield h


def _connect(hub: RunningHub) -> socket.socket:
    host, port = hub.url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=5)


def _trickle(sock: socket.socket, drip: bytes, every: float) -> tuple[float, bytes]:
    """Send ``drip`` one byte at a time, ``every`` seconds apart, until the hub closes
    the connection: (seconds it took, what the hub answered before closing)."""
    start = time.monotonic()
    answer = b""
    position = 0
    while time.monotonic() - start < GIVE_UP:
        if position < len(drip):
            try:
                sock.sendall(drip[position : position + 1])
            except OSError:  # reset by the hub
                return time.monotonic() - start, answer
            position += 1
        ready, _, _ = select.select([sock], [], [], every)
        if ready:
            try:
                chunk = sock.recv(65536)
            except OSError:
                return time.monotonic() - start, answer
            if not chunk:
                return time.monotonic() - start, answer
            answer += chunk
    raise AssertionError(f"the hub held the connection for {GIVE_UP} s; it answered {answer!r}")


def _request(sock: socket.socket, path: str = "/healthz") -> bytes:
    """One keep-alive GET; the whole answer (the hub's health answer is small)."""
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: hub\r\n\r\n".encode())
    return _read_answer(sock)


def _read_answer(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"closed before a full answer: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return data


def test_slowloris_headers_are_cut_off(hub: RunningHub) -> None:
    """A partial request line, then a header byte every 0.3 s: never completes."""
    with _connect(hub) as sock:
        sock.sendall(b"GET /healthz HT")
        took, _ = _trickle(sock, b"TP/1.1\r\nHost: hub\r\nX-Slow: " + b"a" * 100, every=0.3)
    assert took < HEADER_TIMEOUT + 3


def test_a_connection_that_sends_nothing_is_closed(hub: RunningHub) -> None:
    with _connect(hub) as sock:
        took, answer = _trickle(sock, b"", every=0.2)
    assert took < HEADER_TIMEOUT + 3
    assert answer == b""


def test_slow_headers_after_a_keep_alive_request_are_cut_off(hub: RunningHub) -> None:
    with _connect(hub) as sock:
        assert _request(sock).startswith(b"HTTP/1.1 200")
        took, _ = _trickle(sock, b"GET /healthz HTTP/1.1\r\nX-Slow: " + b"a" * 100, every=0.3)
    assert took < HEADER_TIMEOUT + 3


def test_blank_lines_cannot_keep_an_idle_connection(hub: RunningHub) -> None:
    """Empty lines between requests are allowed by HTTP; they are not a request."""
    with _connect(hub) as sock:
        assert _request(sock).startswith(b"HTTP/1.1 200")
        took, _ = _trickle(sock, b"\r\n" * 100, every=0.3)
    assert took < HEADER_TIMEOUT + 3


@pytest.mark.parametrize(
    ("path", "opening"),
    [
        ("/api/v1/auth/login", b'"username": "'),
        # The webhook fast path is served before the API: bounded the same way.
        ("/webhooks/whatsapp", b'"object": "'),
    ],
)
def test_a_trickled_body_gets_408_and_is_closed(hub: RunningHub, path: str, opening: bytes) -> None:
    with _connect(hub) as sock:
        sock.sendall(
            b"POST %s HTTP/1.1\r\nHost: hub\r\n"
            b"Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{" % path.encode()
        )
        took, answer = _trickle(sock, opening + b"a" * 400, every=0.3)
    assert took < BODY_TIMEOUT + 3
    # The answer can be lost to a reset when the client keeps sending; when it arrives,
    # it says why.
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer
    assert answer == b"" or b'"request_timeout"' in answer


def test_a_body_answered_early_cannot_be_trickled_forever(hub: RunningHub) -> None:
    """Refused by its announced length, the body is still the request's: its timer runs."""
    with _connect(hub) as sock:
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: hub\r\n"
            b"Content-Length: %d\r\n\r\n" % (MAX_BODY * 2)
        )
        assert _read_answer(sock).startswith(b"HTTP/1.1 413")
        took, _ = _trickle(sock, b"a" * 100, every=0.3)
    assert took < BODY_TIMEOUT + 3


def test_slow_headers_after_a_body_answered_early_are_cut_off(hub: RunningHub) -> None:
    with _connect(hub) as sock:
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: hub\r\n"
            b"Content-Length: %d\r\n\r\n" % (MAX_BODY * 2)
        )
        assert _read_answer(sock).startswith(b"HTTP/1.1 413")
        sock.sendall(b"a" * MAX_BODY * 2)  # the rest of that body, at once
        took, _ = _trickle(sock, b"GET /healthz HTTP/1.1\r\nX-Slow: " + b"a" * 100, every=0.3)
    assert took < HEADER_TIMEOUT + 3


def test_an_idle_kept_alive_connection_is_closed(hub: RunningHub) -> None:
    """Between requests, uvicorn's keep-alive timeout bounds the wait."""
    with _connect(hub) as sock:
        assert _request(sock).startswith(b"HTTP/1.1 200")
        took, answer = _trickle(sock, b"", every=0.2)
    assert took < KEEP_ALIVE + 2
    assert answer == b""


def test_one_address_cannot_hold_more_than_the_cap(tmp_path: Path) -> None:
    with _hub(tmp_path) as hub:  # its own: no other test's connection counts
        _hold_the_cap(hub)


def _hold_the_cap(hub: RunningHub) -> None:
    held = [_connect(hub) for _ in range(CAP)]
    try:
        for sock in held:  # each is a live keep-alive connection, not an idle one
            assert _request(sock).startswith(b"HTTP/1.1 200")
        with _connect(hub) as extra:
            extra.settimeout(GIVE_UP)
            try:
                answer = extra.recv(65536)
            except (TimeoutError, OSError) as exc:
                raise AssertionError("one connection more than the cap was kept open") from exc
            assert answer.startswith(b"HTTP/1.1 503"), answer
            assert b"retry-after: " in answer.lower()
            assert b'"too_many_connections"' in answer
            assert extra.recv(65536) == b""  # and closed
        held.pop().close()

        def served() -> bool:  # once the hub has seen that one close
            with _connect(hub) as again:
                return _request(again).startswith(b"HTTP/1.1 200")

        assert wait_for(lambda: _try(served), timeout=5)
        for sock in held:  # the ones already held were never disturbed
            assert _request(sock).startswith(b"HTTP/1.1 200")
    finally:
        for sock in held:
            sock.close()


def _try(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except (AssertionError, OSError):
        return False


def test_a_stream_outlives_every_read_timeout(hub: RunningHub) -> None:
    """The timeouts bound reading the request, never a long answer such as the stream."""
    hub.add_user("ana", "agent", ("ventas",))
    hub.login("ana")
    reader = StreamReader(hub.url, hub.tokens["ana"])
    try:
        reader.take("ready")
        time.sleep(max(HEADER_TIMEOUT, BODY_TIMEOUT, KEEP_ALIVE) + 1)
        hub.customer_writes("wamid.slow.1", "34611111111", "¿sigue abierto?")
        assert reader.take("message.created").data["text"] == "¿sigue abierto?"
    finally:
        reader.close()


def test_normal_traffic_is_untouched(hub: RunningHub) -> None:
    with _connect(hub) as sock:
        assert _request(sock).startswith(b"HTTP/1.1 200")
        # Idle between requests for longer than the header timeout, within keep-alive.
        time.sleep(HEADER_TIMEOUT + 0.3)
        assert _request(sock).startswith(b"HTTP/1.1 200")
        # Two requests sent at once (pipelined): both answered, in order.
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n" * 2)
        first = _read_answer(sock)
        assert first.startswith(b"HTTP/1.1 200")
        rest = first.partition(b"\r\n\r\n")[2]
        assert b"HTTP/1.1 200" in rest or _read_answer(sock).startswith(b"HTTP/1.1 200")
        # A body sent in a few pieces well within the body timeout.
        body = b'{"username": "nobody", "password": "wrong-but-long-enough"}'
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: hub\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
        )
        for piece in (body[:10], body[10:30], body[30:]):
            time.sleep(0.2)
            sock.sendall(piece)
        assert _read_answer(sock).startswith(b"HTTP/1.1 401")


def test_endless_headers_are_cut_off(hub: RunningHub) -> None:
    """Headers sent as fast as loopback goes: the parser alone would keep them all."""
    piece = b"X-Big: " + b"a" * 65_000 + b"\r\n"
    sent = 0
    with _connect(hub) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: hub\r\n")
        try:
            while sent < 64 * 2**20:
                sock.sendall(piece)
                sent += len(piece)
        except OSError:  # reset by the hub
            pass
        else:
            sock.settimeout(GIVE_UP)
            try:
                answer = sock.recv(65536)
            except (TimeoutError, OSError) as exc:
                raise AssertionError(f"the hub took {sent} bytes of headers") from exc
            assert answer == b"" or answer.startswith(b"HTTP/1.1 431"), answer
    assert sent < 32 * 2**20


async def _echo_client(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Answers the client address the app was given."""
    if scope["type"] != "http":
        return
    body = scope["client"][0].encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def test_forwarded_addresses_are_believed_from_trusted_proxies_only() -> None:
    """A client cannot pass for another address (sign-in limits are kept per address)."""
    spoofed = {"X-Forwarded-For": "203.0.113.9"}
    untrusting = server_options(HttpLimits())
    with serve_asgi(_echo_client, options=untrusting) as url:
        assert httpx.get(url, headers=spoofed).text == "127.0.0.1"
    behind_proxy = server_options(
        http_limits({"trusted_proxies": ["127.0.0.1"]}),
    )
    with serve_asgi(_echo_client, options=behind_proxy) as url:
        assert httpx.get(url, headers=spoofed).text == "203.0.113.9"
