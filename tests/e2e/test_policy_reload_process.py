"""``wa-desk hub policy check`` and ``reload`` against a real ``wa-desk hub serve`` process:
a good file checks and is applied on SIGHUP (the command waits until the hub's chain
records it); a bad one is named by its faulty key, by ``check``, by ``reload`` (which
then signals nothing), and in the hub's log when the hub is signalled anyway; the hub
keeps its policy meanwhile."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import httpx
from hub_harness import PASSWORD, free_port, wait_for
from hub_process import HubProcess

from wa_desk.core.clock import now_ms
from wa_desk.core.conversation import Role
from wa_desk.hub.db.database import Database
from wa_desk.hub.passwords import hash_password
from wa_desk.hub.policy_reload import last_applied
from wa_desk.hub.queries import users

WA_DESK = [sys.executable, "-m", "wa_desk.cli"]
FIRST = """[[policy.rules]]
id = "promesa"
phrase = "te lo garantizo"
severity = "warn"
message = "No prometas lo que no depende de ti."
"""
SECOND = FIRST.replace('"warn"', '"block"')
BROKEN = FIRST.replace('id = "promesa"', 'id = "promesa con espacios"')


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}
    return subprocess.run(
        [*WA_DESK, *args],
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _severity(client: httpx.Client) -> str:
    [rule] = client.get("/api/v1/policy").json()["rules"]
    return str(rule["severity"])


def test_check_then_reload_by_signal_on_a_running_hub(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(FIRST)
    good = _cli("hub", "policy", "check", str(policy))
    digest = hashlib.sha256(FIRST.encode()).hexdigest()
    assert good.returncode == 0 and digest in good.stdout, good.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN)
    bad = _cli("hub", "policy", "check", str(broken))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert "policy.rules[0].id" in bad.stderr

    db_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    db = Database.open(db_url)
    hashed = hash_password(PASSWORD)
    db.write_sync(lambda c: users.add_user(c, "ana", Role.AGENT, ["ventas"], hashed, now_ms()))
    pid_file = tmp_path / "hub.pid"
    hub = HubProcess(
        free_port(),
        db_url,
        tmp_path / "hub.log",
        env={"WA_POLICY_FILE": str(policy)},
        args=["--pid-file", str(pid_file)],
    )
    hub.start()
    stack = ExitStack()
    try:
        token = httpx.post(
            f"{hub.url}/api/v1/auth/login", json={"username": "ana", "password": PASSWORD}
        ).json()["token"]
        client = httpx.Client(base_url=hub.url, headers={"Authorization": f"Bearer {token}"})
        stack.callback(client.close)
        assert _severity(client) == "warn"
        assert db.read_sync(last_applied) == digest  # recorded at start

        reload_args = ["hub", "policy", "reload", "--pid-file", str(pid_file), "--db", db_url]
        policy.write_text(BROKEN)
        refused = _cli(*reload_args, env={"WA_POLICY_FILE": str(policy)})
        assert refused.returncode == 2 and "policy.rules[0].id" in refused.stderr
        assert "keeps its version" in refused.stderr
        # Signalled anyway (by hand): the hub says where, and keeps what it has.
        hub.send_signal(signal.SIGHUP)
        wait_for(lambda: "policy.rules[0].id" in hub.log())
        assert "keeps version" in hub.log() and _severity(client) == "warn"

        policy.write_text(SECOND)
        applied = _cli(*reload_args, env={"WA_POLICY_FILE": str(policy)})
        new_digest = hashlib.sha256(SECOND.encode()).hexdigest()
        assert applied.returncode == 0, applied.stderr
        assert f"version {new_digest} applied" in applied.stdout
        assert _severity(client) == "block"
        assert db.read_sync(last_applied) == new_digest
    finally:
        stack.close()
        hub.stop()
        db.close()
    assert not pid_file.exists()  # the hub removes it when it stops
    policy.write_text(FIRST)
    gone = _cli(*reload_args, env={"WA_POLICY_FILE": str(policy)})
    assert gone.returncode == 2 and "--pid-file" in gone.stderr and "hub.pid" in gone.stderr
