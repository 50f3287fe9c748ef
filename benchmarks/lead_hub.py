"""A benchmark hub with one team lead: a throwaway store (a file, or a database on a
durable PostgreSQL server started for the run), the lead added through the hub's own
command line with a password made for this run only, and their sign-in."""

from __future__ import annotations

import contextlib
import secrets
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx

from benchmarks import pg, servers
from benchmarks.bodies import PHONE_NUMBER_ID

USER = "lead"
PASSWORD = secrets.token_urlsafe(24)


def add_supervisor(db_url: str) -> None:
    """The lead, supervisor of the benchmark's business number (its own queue)."""
    argv = [*servers.wa_desk_command(), "hub", "user", "add", USER, "--role", "supervisor"]
    argv += ["--queue", PHONE_NUMBER_ID, "--password-stdin", "--db", db_url]
    subprocess.run(
        argv, input=f"{PASSWORD}\n".encode(), check=True, capture_output=True, timeout=60
    )


def login(url: str) -> str:
    """The lead's session token."""
    response = httpx.post(
        f"{url}/api/v1/auth/login", json={"username": USER, "password": PASSWORD}, timeout=30
    )
    response.raise_for_status()
    return str(response.json()["token"])


@contextlib.contextmanager
def store_with_lead(db: str, name: str) -> Iterator[tuple[Path, str]]:
    """A work folder and the URL of a fresh store (``db``: sqlite or postgresql, the
    database called ``name``) holding the lead; both gone afterwards."""
    with tempfile.TemporaryDirectory(prefix="wadesk-bench-") as tmp:
        work = Path(tmp)
        if db == "sqlite":
            url = f"sqlite:///{work / 'hub.sqlite3'}"
            add_supervisor(url)
            yield work, url
            return
        with pg.durable_postgresql() as server:
            url = server.new_database(name)
            add_supervisor(url)
            yield work, url


def streams_config(work: Path, streams: int) -> Path:
    """A hub configuration letting the lead's one session hold ``streams`` streams."""
    config = work / "hub.toml"
    config.write_text(
        f"[sessions]\nmax_streams_per_token = {streams}\nmax_streams_per_user = {streams}\n"
    )
    return config
