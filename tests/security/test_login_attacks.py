"""Guessing passwords, probing user names, weak passwords and forged user names.

The guessing attacks run against a real hub on loopback, SQLite then PostgreSQL (the
counts live in the store). "Time passes" is the store's record of the wait moved into
the past, so no test sleeps through a backoff. A second source address on loopback
(127.0.0.2) stands for a second client.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from hub_harness import PASSWORD, RunningHub, running_hub

from wa_desk.hub.db.database import Database
from wa_desk.hub.queries import audit_log
from wa_desk.hub.session_policy import SessionPolicy

WA_DESK = [sys.executable, "-m", "wa_desk.cli"]
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("WA_")}
ATTACKER = "127.0.0.2"


# Waits no slow machine outlasts between two requests; the tests end them (_time_passes).
LONG_WAIT = 120.0


def _login(
    hub: RunningHub, name: str, password: str, *, source: str = "127.0.0.1"
) -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=30) as client:
        return client.post(
            f"{hub.url}/api/v1/auth/login", json={"username": name, "password": password}
        )


def _code(response: httpx.Response) -> str | None:
    if response.status_code == 200:
        return None
    code: str = response.json()["error"]["code"]
    return code


def _time_passes(hub: RunningHub) -> None:
    """Every backoff wait and every lock is over, as if their time had passed."""
    hub.ctx.db.write_sync(
        lambda c: c.execute("UPDATE sign_in_failures SET retry_at = 0, locked_until = NULL")
    )


def _hub_facts(hub: RunningHub, prefix: str = "auth.") -> list[tuple[str, dict[str, Any]]]:
    """The hub's facts of kinds starting with ``prefix``, in every hub chain (a command
    such as ``hub user unlock`` records to its machine's), in time order."""
    rows = hub.ctx.db.read_sync(
        lambda c: c.all(
            f"SELECT kind, data FROM audit_events WHERE {audit_log.HUB_CHAINS} "  # noqa: S608 - constants
            "AND kind LIKE ? ORDER BY at_ms, device, seq",
            (prefix + "%",),
        )
    )
    return [(r["kind"], orjson.loads(r["data"])) for r in rows]


def _cli(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WA_DESK, *args],
        env=BASE_ENV,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def default_hub(db_url: str) -> Iterator[RunningHub]:
    with running_hub(db_url) as hub:
        hub.add_user("ana")
        yield hub


def test_a_burst_of_guesses_is_refused_after_a_few_without_checking_the_password(
    default_hub: RunningHub,
) -> None:
    hub = default_hub
    answers = [_login(hub, "ana", f"guess-{i}") for i in range(40)]
    checked = [a for a in answers if a.status_code == 401]
    assert len(checked) == SessionPolicy().login_free_failures
    refused = answers[len(checked) :]
    assert {a.status_code for a in refused} == {429}
    assert all(_code(a) == "too_many_attempts" for a in refused)
    assert all(int(a.headers["Retry-After"]) >= 1 for a in refused)
    # Even the right password is not tried while the account waits.
    right = _login(hub, "ana", PASSWORD)
    assert right.status_code == 429 and "Retry-After" in right.headers


def test_parallel_guesses_are_held_to_the_same_count(default_hub: RunningHub) -> None:
    hub = default_hub
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda i: _login(hub, "ana", f"guess-{i}"), range(16)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses.count(401) == SessionPolicy().login_free_failures
    assert set(statuses) == {401, 429}


def test_each_wait_doubles_up_to_the_cap_and_a_success_starts_afresh(db_url: str) -> None:
    policy = SessionPolicy(
        login_free_failures=3, login_backoff_first_seconds=10, login_backoff_cap_seconds=25
    )
    with running_hub(db_url, hub_settings={"sessions": policy}) as hub:
        hub.add_user("ana")
        assert [_login(hub, "ana", "nope").status_code for _ in range(3)] == [401] * 3
        waits = []
        for _ in range(3):
            refused = _login(hub, "ana", "nope")
            assert refused.status_code == 429 and _code(refused) == "too_many_attempts"
            waits.append(int(refused.headers["Retry-After"]))
            _time_passes(hub)
            assert _login(hub, "ana", "nope").status_code == 401  # checked once more
        assert waits == [10, 20, 25]
        _time_passes(hub)
        assert _login(hub, "ana", PASSWORD).status_code == 200
        assert [_login(hub, "ana", "nope").status_code for _ in range(4)] == [401] * 3 + [429]


def test_an_account_is_locked_until_an_admin_unlocks_it_and_the_chain_says_so(
    db_url: str,
) -> None:
    policy = SessionPolicy(
        login_free_failures=2, lockout_failures=4, login_backoff_first_seconds=LONG_WAIT
    )
    with running_hub(db_url, hub_settings={"sessions": policy}) as hub:
        hub.add_user("ana")
        hub.add_user("bea")
        statuses = []
        for attempt in range(4):
            if attempt >= 2:
                _time_passes(hub)  # each backoff waited out
            statuses.append(_login(hub, "ana", "wrong-guess-123").status_code)
        assert statuses == [401, 401, 401, 423]
        locked = _login(hub, "ana", PASSWORD)
        assert locked.status_code == 423 and _code(locked) == "account_locked"
        assert "administrator" in locked.json()["error"]["message"]
        assert _login(hub, "bea", PASSWORD).status_code == 200  # others sign in as usual

        db = ["--db", db_url]
        listed = _cli(["hub", "user", "list", *db])
        assert listed.returncode == 0, listed.stderr
        states = dict(line.split("\t")[:3:2] for line in listed.stdout.splitlines())
        assert states == {"ana": "locked", "bea": "active"}
        unlocked = _cli(["hub", "user", "unlock", "ana", *db])
        assert unlocked.returncode == 0, unlocked.stderr
        assert _cli(["hub", "user", "unlock", "nobody", *db]).returncode == 1
        assert _login(hub, "ana", PASSWORD).status_code == 200

        facts = _hub_facts(hub)
        kinds = [kind for kind, _ in facts]
        assert kinds == ["auth.login_failed"] * 4 + ["auth.locked", "auth.unlocked"]
        for _, data in facts[:4]:
            assert data["name"] == "ana" and data["reason"] == "wrong_password"
            assert data["address"] == "127.0.0.1"
        assert facts[4][1]["name"] == "ana" and facts[5][1]["name"] == "ana"
        assert facts[5][1]["operator"]
        assert b"wrong-guess-123" not in orjson.dumps(facts)


def test_a_lock_ends_by_itself_after_lockout_minutes(db_url: str) -> None:
    policy = SessionPolicy(
        login_free_failures=1, lockout_failures=2, login_backoff_first_seconds=LONG_WAIT
    )
    with running_hub(db_url, hub_settings={"sessions": policy}) as hub:
        hub.add_user("ana")
        assert _login(hub, "ana", "nope").status_code == 401
        _time_passes(hub)
        assert _login(hub, "ana", "nope").status_code == 423
        assert _login(hub, "ana", PASSWORD).status_code == 423
        _time_passes(hub)  # lockout_minutes later
        assert _login(hub, "ana", PASSWORD).status_code == 200


def test_one_address_trying_many_names_is_slowed_down_and_others_are_not(db_url: str) -> None:
    policy = SessionPolicy(login_address_free_failures=4, login_backoff_first_seconds=LONG_WAIT)
    with running_hub(db_url, hub_settings={"sessions": policy}) as hub:
        hub.add_user("ana")
        tried = [_login(hub, f"user{i}", PASSWORD, source=ATTACKER) for i in range(4)]
        assert [a.status_code for a in tried] == [401] * 4
        refused = _login(hub, "ana", PASSWORD, source=ATTACKER)
        assert refused.status_code == 429 and _code(refused) == "too_many_attempts"
        assert _login(hub, "ana", PASSWORD).status_code == 200  # another address
        # Many successful sign-ins from one address never count against it.
        assert all(_login(hub, "ana", PASSWORD).status_code == 200 for _ in range(8))
        facts = _hub_facts(hub)
        assert [d["reason"] for _, d in facts] == ["unknown_user"] * 4
        assert {d["address"] for _, d in facts} == {ATTACKER}


def test_unknown_names_get_the_same_answers_as_wrong_passwords(db_url: str) -> None:
    policy = SessionPolicy(
        login_free_failures=2, lockout_failures=3, login_backoff_first_seconds=LONG_WAIT
    )
    with running_hub(db_url, hub_settings={"sessions": policy}) as hub:
        hub.add_user("ana")

        def attempts(name: str) -> list[tuple[int, Any, str | None]]:
            seen = []
            for step in range(5):
                answer = _login(hub, name, "nope")
                seen.append((answer.status_code, answer.json(), answer.headers.get("Retry-After")))
                if step == 2:
                    _time_passes(hub)  # the backoff, not the lock: it is set just after
            return seen

        real, ghost = attempts("ana"), attempts("ghost")
        assert [s for s, _, _ in real] == [401, 401, 429, 423, 423]
        assert real == ghost


def test_failure_counts_are_shared_by_hubs_on_one_store(db_url: str) -> None:
    with running_hub(db_url) as first, running_hub(db_url) as second:
        first.add_user("ana")
        free = SessionPolicy().login_free_failures
        assert all(_login(first, "ana", "nope").status_code == 401 for _ in range(free))
        assert _login(second, "ana", PASSWORD).status_code == 429


# -- passwords and user names: ``wa-desk hub user`` ----------------------------------


def _add(db: list[str], name: str, password: str) -> subprocess.CompletedProcess[str]:
    return _cli(
        ["hub", "user", "add", name, "--role", "agent", "--password-stdin", *db],
        stdin=password + "\n",
    )


def test_weak_passwords_are_refused_with_the_reason_wherever_one_is_set(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path}/hub.sqlite3"]
    common = _add(db, "ana", "Password1234")
    assert common.returncode == 2 and "common" in common.stderr
    assert _add(db, "ana", "tres tristes tigres").returncode == 0
    weak = _cli(["hub", "user", "passwd", "ana", "--password-stdin", *db], stdin="   \n")
    assert weak.returncode == 2 and "only spaces" in weak.stderr
    changed = _cli(
        ["hub", "user", "passwd", "ana", "--password-stdin", *db], stdin="otra clave larga\n"
    )
    assert changed.returncode == 0, changed.stderr


def test_user_names_that_forge_list_lines_are_refused(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path}/hub.sqlite3"]
    for name in ("", "eve\nroot\tadmin\tactive"):
        refused = _add(db, name, "tres tristes tigres")
        assert refused.returncode == 2, repr(name)
        assert "user name" in refused.stderr
    assert _cli(["hub", "user", "list", *db]).stdout == ""


def test_user_list_prints_stored_names_one_line_each(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/hub.sqlite3"
    store = Database.open(url, readers=1)
    try:
        store.write_sync(
            lambda c: c.execute(
                "INSERT INTO users (id, name, role, password_hash, created_at) "
                "VALUES ('u-eve', ?, 'agent', 'x', 0)",
                ("eve\nroot\tadmin\tactive\t-\tu-root",),
            )
        )
    finally:
        store.close()
    listed = _cli(["hub", "user", "list", "--db", url]).stdout.splitlines()
    assert len(listed) == 1
    assert listed[0].split("\t")[0] == "eve\\nroot\\tadmin\\tactive\\t-\\tu-root"
