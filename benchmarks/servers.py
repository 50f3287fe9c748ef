"""Servers under test as subprocesses: start, wait for ``/healthz``, measure CPU, stop."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks import cpu
from benchmarks.bodies import ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN
from benchmarks.cpu import CpuSample


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wa_desk_command() -> list[str]:
    """The installed ``wa-desk`` entry point next to this interpreter."""
    script = Path(sys.executable).with_name("wa-desk")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from wa_desk.cli import main; sys.exit(main())"]


def hub_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}
    env.update(
        WA_APP_SECRET=APP_SECRET,
        WA_VERIFY_TOKEN=VERIFY_TOKEN,
        WA_ACCESS_TOKEN=ACCESS_TOKEN,
        # Not used for ingest or the stream; nothing listens there.
        WA_GRAPH_URL="http://127.0.0.1:9",
    )
    return env


@dataclass
class ServerProcess:
    name: str
    proc: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def cpu_sample(self) -> CpuSample:
        return cpu.sample(self.proc.pid)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 20.0) -> None:
        if self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _wait_healthy(server: ServerProcess, path: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.proc.poll() is not None:
            raise RuntimeError(
                f"{server.name} exited with {server.proc.returncode}:\n{server.log_tail()}"
            )
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.url + path, timeout=2).status_code == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{server.name} not healthy after {timeout:.0f} s:\n{server.log_tail()}"
            )
        time.sleep(0.05)


@contextlib.contextmanager
def running(
    name: str,
    argv: Sequence[str],
    *,
    port: int,
    log_dir: Path,
    env: dict[str, str] | None = None,
    health_path: str = "/healthz",
    timeout: float = 30.0,
) -> Iterator[ServerProcess]:
    """Run ``argv`` until the block ends; ready once ``health_path`` answers 200."""
    log_path = log_dir / f"{name}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            list(argv), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env
        )
    server = ServerProcess(name, proc, port, log_path)
    try:
        _wait_healthy(server, health_path, timeout)
        yield server
    finally:
        server.stop()


def hub(
    name: str, db_url: str, *, log_dir: Path, config: Path | None = None
) -> contextlib.AbstractContextManager[ServerProcess]:
    """``wa-desk hub serve`` on a free port, one process, as an operator would run it."""
    port = free_port()
    argv = [*wa_desk_command(), "hub", "serve", "--port", str(port), "--db", db_url]
    argv += ["--log-level", "warning"]
    if config is not None:
        argv += ["--config", str(config)]
    return running(name, argv, port=port, log_dir=log_dir, env=hub_env())


def baseline(
    name: str, db_path: Path, synchronous: str, *, log_dir: Path
) -> contextlib.AbstractContextManager[ServerProcess]:
    """The FastAPI + pywa + SQLite receiver of :mod:`benchmarks.baseline_receiver`."""
    port = free_port()
    argv = [sys.executable, "-m", "benchmarks.baseline_receiver", "--port", str(port)]
    argv += ["--db", str(db_path), "--synchronous", synchronous]
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return running(name, argv, port=port, log_dir=log_dir, env=env)
