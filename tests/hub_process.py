"""``wa-desk hub serve`` as a real child process, for tests that stop or kill it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx
from hub_harness import APP_SECRET, free_port


def wa_desk_cli() -> str:
    """The ``wa-desk`` entry point of the interpreter running the tests."""
    candidate = Path(sys.executable).parent / "wa-desk"
    assert candidate.exists(), f"no wa-desk next to {sys.executable}; pip install -e .[dev]"
    return str(candidate)


def until_answered(
    proc: subprocess.Popen[bytes], url: str, what: str, log: Callable[[], str], timeout_s: float
) -> None:
    """Until ``url`` answers 200, failing with ``log()`` when ``proc`` exits or time is up."""
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=1.0) as client:
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"{what} exited ({proc.returncode}):\n{log()}")
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} did not answer {url}:\n{log()}")
            time.sleep(0.05)


class HubProcess:
    """``wa-desk hub serve`` as a real child process; its output goes to a log file."""

    def __init__(
        self,
        port: int,
        db_url: str,
        log_path: Path,
        *,
        env: dict[str, str] | None = None,
        args: list[str] | None = None,
    ) -> None:
        self.port = port
        self.db_url = db_url
        self.log_path = log_path
        self.extra_env = env or {}  # on top of the secrets: WA_POLICY_FILE...
        self.extra_args = args or []  # after ``serve``'s own: --pid-file...
        self.url = f"http://127.0.0.1:{port}"
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self, timeout_s: float = 30.0) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}
        env.update(
            WA_APP_SECRET=APP_SECRET,
            WA_VERIFY_TOKEN="verify-token",
            WA_ACCESS_TOKEN="access-token",
            # Nothing is sent in this test; a closed port is an honest Graph API here.
            WA_GRAPH_URL=f"http://127.0.0.1:{free_port()}",
        )
        env.update(self.extra_env)
        self._log = self.log_path.open("ab")
        self._proc = subprocess.Popen(
            [
                wa_desk_cli(),
                "hub",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--db",
                self.db_url,
                "--log-level",
                "warning",
                *self.extra_args,
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        until_answered(self._proc, f"{self.url}/healthz", "the hub", self.log, timeout_s)

    def send_signal(self, sig: int) -> None:
        assert self._proc is not None
        self._proc.send_signal(sig)

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no final commit, sockets cut mid-request."""
        assert self._proc is not None
        self._proc.send_signal(signal.SIGKILL)
        self._proc.wait(10)
        self._close_log()

    def sigterm(self) -> int:
        """SIGTERM, as a service manager or an orchestrator stops it; its exit status."""
        assert self._proc is not None
        self._proc.send_signal(signal.SIGTERM)
        try:
            return self._proc.wait(30)
        finally:
            self._close_log()

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(10)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


@contextmanager
def hub_process(port: int, db_url: str, log_path: Path) -> Iterator[HubProcess]:
    hub = HubProcess(port, db_url, log_path)
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()
