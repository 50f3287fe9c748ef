"""HAProxy in front of hub replicas, for benchmarks: the documented deployment's own
configuration (``installers/replicas/haproxy.cfg``), pointed at replicas on loopback.

Round robin, no stickiness, ``/readyz`` checks, and ``option http-server-close`` as
there: each request reaches a replica on a connection of its own.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

from benchmarks import servers

DEPLOYMENT_CONFIG = Path(__file__).resolve().parent.parent / "installers/replicas/haproxy.cfg"
_BIND = "bind :8700"
# The deployment's 20,000 needs twice as many descriptors as a shell here may open; a
# benchmark holds a few dozen connections.
_MAXCONN = re.compile(r"^(\s*maxconn) \d+$", re.MULTILINE)
_SERVER = "    server "


def find_haproxy() -> str | None:
    """Debian installs it in /usr/sbin, which a non-root PATH may not hold."""
    found = shutil.which("haproxy")
    if found is None and Path("/usr/sbin/haproxy").exists():
        found = "/usr/sbin/haproxy"
    return found


def loopback_config(port: int, replicas: list[int]) -> str:
    """The deployment's configuration listening on ``127.0.0.1:port`` and sending to
    the replicas' loopback ports (its Docker resolver and service names left out, fewer
    connections at most)."""
    text = DEPLOYMENT_CONFIG.read_text()
    if _BIND not in text or "\nbackend replicas\n" not in text:
        raise RuntimeError(f"{DEPLOYMENT_CONFIG} changed shape: adapt {__name__}")
    text = text.split("\nresolvers ", 1)[0].replace(_BIND, f"bind 127.0.0.1:{port}")
    text = _MAXCONN.sub(r"\1 2000", text)
    kept = [line for line in text.splitlines() if not line.startswith(_SERVER)]
    # The backend is the configuration's last section once the resolver is gone.
    ours = [f"{_SERVER}replica{i} 127.0.0.1:{p} check" for i, p in enumerate(replicas, 1)]
    return "\n".join([*kept, *ours]) + "\n"


def haproxy(
    replicas: list[int], *, log_dir: Path
) -> contextlib.AbstractContextManager[servers.ServerProcess]:
    """HAProxy on a free port; ready once a request through it reaches a ready replica."""
    binary = find_haproxy()
    if binary is None:
        raise RuntimeError("haproxy not installed")
    port = servers.free_port()
    config = log_dir / "haproxy.cfg"
    config.write_text(loopback_config(port, replicas))
    argv = [binary, "-db", "-f", str(config)]
    return servers.running("haproxy", argv, port=port, log_dir=log_dir, health_path="/readyz")
