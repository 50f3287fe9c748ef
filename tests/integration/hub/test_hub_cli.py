"""``wa-desk hub``: settings errors, user management, and secrets kept out of logs and
the store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
from hub_harness import free_port, text_webhook

from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.serving import serve_asgi
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World
from wa_desk.whatsapp.signature import HEADER, sign

WA_DESK = [sys.executable, "-m", "wa_desk.cli"]
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}


def _run(
    args: list[str], env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WA_DESK, *args],
        env={**BASE_ENV, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_or_invalid_settings_are_one_line_naming_the_setting(tmp_path: Path) -> None:
    missing = _run(["hub", "serve", "--db", f"sqlite:///{tmp_path}/h.db"])
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0
    assert "WA_APP_SECRET" in missing.stderr
    secrets_env = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
    bad_db = _run(["hub", "serve", "--db", "mysql://db/x"], env=secrets_env)
    assert bad_db.returncode == 2 and "WA_DB" in bad_db.stderr and "mysql" in bad_db.stderr
    bad_graph = _run(
        ["hub", "serve"],
        env={**secrets_env, "WA_GRAPH_URL": "ftp://x", "WA_DB": f"sqlite:///{tmp_path}/h.db"},
    )
    assert bad_graph.returncode == 2 and "WA_GRAPH_URL" in bad_graph.stderr
    bad_toml = tmp_path / "hub.toml"
    bad_toml.write_text("[hub\n")
    broken = _run(["hub", "serve", "--config", str(bad_toml)], env=secrets_env)
    assert broken.returncode == 2 and "not valid TOML" in broken.stderr


def test_a_bad_replica_id_stops_the_hub_and_its_commands_naming_it(tmp_path: Path) -> None:
    secrets_env = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
    db = ["--db", f"sqlite:///{tmp_path}/hub.sqlite3"]
    config = tmp_path / "hub.toml"
    config.write_text('[hub]\nreplica_id = "hub one"\n')
    serve = _run(["hub", "serve", "--config", str(config), *db], env=secrets_env)
    assert serve.returncode == 2 and serve.stderr.strip().count("\n") == 0
    assert "[hub] replica_id" in serve.stderr and "'hub one'" in serve.stderr
    export = _run(
        ["hub", "audit", "export", "--from", "2026-11-01", "--to", "2026-11-02", *db],
        env={"WA_REPLICA_ID": "../etc"},
    )
    assert export.returncode == 2 and "WA_REPLICA_ID" in export.stderr


def test_users_are_added_listed_and_disabled(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path}/hub.sqlite3"]
    added = _run(
        [
            "hub",
            "user",
            "add",
            "ana",
            "--role",
            "agent",
            "--queue",
            "ventas",
            "--queue",
            "soporte",
            "--password-stdin",
            *db,
        ],
        stdin="s3cret-password\n",
    )
    assert added.returncode == 0, added.stderr
    assert "ana" in added.stdout and "soporte, ventas" in added.stdout
    again = _run(
        ["hub", "user", "add", "ana", "--role", "agent", "--password-stdin", *db],
        stdin="s3cret-password\n",
    )
    assert again.returncode == 1 and "already exists" in again.stderr
    short = _run(
        ["hub", "user", "add", "bob", "--role", "agent", "--password-stdin", *db], stdin="short\n"
    )
    assert short.returncode == 2 and "at least 12" in short.stderr
    assert (
        _run(
            ["hub", "user", "add", "x", "--role", "boss", "--password-stdin", *db],
            stdin="s3cret-password\n",
        ).returncode
        == 2
    )
    listed = _run(["hub", "user", "list", *db]).stdout.splitlines()
    assert len(listed) == 1 and listed[0].startswith("ana\tagent\tactive\tsoporte,ventas")
    assert _run(["hub", "user", "disable", "ana", *db]).returncode == 0
    assert "\tdisabled\t" in _run(["hub", "user", "list", *db]).stdout
    assert _run(["hub", "user", "disable", "nobody", *db]).returncode == 1
    stored = (tmp_path / "hub.sqlite3").read_bytes()
    assert b"s3cret-password" not in stored


def test_secrets_never_reach_the_log_or_the_store(tmp_path: Path) -> None:
    app_secret, verify, access = "APPSECRET-1f0c2b", "VERIFY-77aa31", "ACCESS-TOKEN-e9d2c4"
    password = "TEST-PASSWORD-5b8e0f1a"
    db_path = tmp_path / "hub.sqlite3"
    _run(
        [
            "hub",
            "user",
            "add",
            "ana",
            "--role",
            "agent",
            "--queue",
            "100000000000001",
            "--password-stdin",
            "--db",
            f"sqlite:///{db_path}",
        ],
        stdin=password + "\n",
    )
    world = World(seed=1)
    port = free_port()
    sim = SimSettings(
        access_token=access,
        app_secret=app_secret,
        hub_url=f"http://127.0.0.1:{port}",
        time_scale=0.01,
    )
    log_path = tmp_path / "hub.log"
    with serve_asgi(create_graph_app(world, sim)) as graph_url, log_path.open("w") as log:
        env = {
            **BASE_ENV,
            "WA_APP_SECRET": app_secret,
            "WA_VERIFY_TOKEN": verify,
            "WA_ACCESS_TOKEN": access,
            "WA_GRAPH_URL": graph_url,
            "WA_WABA_ID": world.waba_id,
            "WA_DB": f"sqlite:///{db_path}",
        }
        hub = subprocess.Popen(
            [*WA_DESK, "hub", "serve", "--port", str(port), "--log-level", "debug"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_up(base)
            httpx.get(
                f"{base}/webhooks/whatsapp",
                params={"hub.mode": "subscribe", "hub.verify_token": verify, "hub.challenge": "42"},
            )
            body = orjson.dumps(text_webhook("wamid.s1", "34611111111", "hola"))
            world.note_inbound("100000000000001", "34611111111", world.now_ms())
            httpx.post(f"{base}/webhooks/whatsapp", content=body, headers={HEADER: "sha256=00"})
            httpx.post(
                f"{base}/webhooks/whatsapp", content=body, headers={HEADER: sign(body, app_secret)}
            )
            login = httpx.post(
                f"{base}/api/v1/auth/login", json={"username": "ana", "password": password}
            ).json()
            token = login["token"]
            auth = {"Authorization": f"Bearer {token}"}
            conv = httpx.get(f"{base}/api/v1/conversations", headers=auth).json()["items"][0]
            httpx.post(f"{base}/api/v1/conversations/{conv['id']}/claim", headers=auth)
            sent = httpx.post(
                f"{base}/api/v1/conversations/{conv['id']}/messages",
                headers=auth,
                json={"type": "text", "text": "hola"},
            )
            assert sent.status_code == 201, sent.text
            httpx.post(f"{base}/api/v1/auth/login", json={"username": "ana", "password": "x"})
        finally:
            hub.send_signal(signal.SIGTERM)
            hub.wait(timeout=20)
    logged = log_path.read_text()
    assert "hub on http://" in logged  # the log is really there
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("hub.sqlite3*"))
    for secret in (app_secret, verify, access, password, token):
        assert secret not in logged, f"a secret reached the log: {secret[:6]}..."
        assert secret.encode() not in stored, f"a secret reached the store: {secret[:6]}..."


def _wait_up(base: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise AssertionError("the hub did not start")
