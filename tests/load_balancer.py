"""HAProxy in front of hub replicas, for tests: Debian's ``haproxy`` (``.ci/run`` installs
it), on loopback ports.

Round robin with no stickiness; a replica whose ``/readyz`` fails is taken out of the
rotation, and a connection refused by a dead one is tried again on another.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import IO

from hub_process import until_answered

NO_HAPROXY_REASON = "haproxy not installed (.ci/run installs Debian's haproxy package)"


def find_haproxy() -> str | None:
    """Debian installs it in /usr/sbin, which a non-root PATH may not hold."""
    found = shutil.which("haproxy")
    if found is None and Path("/usr/sbin/haproxy").exists():
        found = "/usr/sbin/haproxy"
    return found


def haproxy_config(port: int, replicas: list[int]) -> str:
    servers = "\n".join(
        f"    server replica{i} 127.0.0.1:{p} check" for i, p in enumerate(replicas, start=1)
    )
    return f"""global
    maxconn 2000

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch
    option http-server-close

frontend hub
    bind 127.0.0.1:{port}
    default_backend replicas

backend replicas
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 200ms fall 1 rise 1
{servers}
"""


class HaProxy:
    def __init__(self, port: int, replicas: list[int], workdir: Path) -> None:
        binary = find_haproxy()
        assert binary is not None, NO_HAPROXY_REASON
        self.url = f"http://127.0.0.1:{port}"
        self._config = workdir / "haproxy.cfg"
        self._config.write_text(haproxy_config(port, replicas))
        self._log_path = workdir / "haproxy.log"
        self._log: IO[bytes] = self._log_path.open("ab")
        self._proc = subprocess.Popen(
            [binary, "-db", "-f", str(self._config)],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout_s: float = 30.0) -> None:
        """Until a request through it reaches a ready replica."""
        until_answered(self._proc, f"{self.url}/readyz", "haproxy", self.log, timeout_s)

    def log(self) -> str:
        return self._log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(10)
        self._log.close()
