"""The policy as a file of its own: the hub applies a new version on reload (SQLite, then
PostgreSQL), keeps the one it has when the new one cannot be used, records each applied
version in its chain with its hash, announces ``policy.changed`` on the stream, and serves
the new bundle with a new ETag. On PostgreSQL, another replica follows the first one."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from hub_harness import RunningHub, running_hub, wait_for
from sse_reader import StreamReader

from wa_desk.core.audit_chain import verify
from wa_desk.hub.policy_file import read_policy_file
from wa_desk.hub.policy_reload import Reason, reload_policy
from wa_desk.hub.queries import audit_log

FIRST = """
[[policy.rules]]
id = "promesa"
phrase = "te lo garantizo"
severity = "warn"
message = "No prometas lo que no depende de ti."
"""
SECOND = (
    FIRST
    + """
[[policy.rules]]
id = "tarjeta"
detector = "payment_card"
severity = "block"
message = "Nunca pidas ni envíes números de tarjeta."
"""
)
BROKEN = FIRST.replace('severity = "warn"', 'severity = "maybe"')


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _hub_settings(path: Path) -> dict[str, Any]:
    version = read_policy_file(path)
    return {"policy_file": path, "policy_hash": version.digest, "guidelines": version.guidelines}


@pytest.fixture
def policy_path(tmp_path: Path) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(FIRST)
    return path


@pytest.fixture
def hub(db_url: str, policy_path: Path) -> Iterator[RunningHub]:
    with running_hub(db_url, hub_settings=_hub_settings(policy_path)) as running:
        running.add_user("ana")
        yield running


def _applied(hub: RunningHub) -> list[dict[str, Any]]:
    chain = hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))
    assert verify(chain) == []
    return [e["data"] for e in chain if e["kind"] == "policy.applied"]


def _rule_ids(response: Any) -> list[str]:
    return [r["id"] for r in response.json()["rules"]]


def test_a_new_version_is_applied_recorded_announced_and_served_with_a_new_etag(
    hub: RunningHub, policy_path: Path
) -> None:
    ana = hub.login("ana")
    first = ana.get("/api/v1/policy")
    assert _rule_ids(first) == ["promesa"]
    etag = first.headers["etag"]
    assert ana.get("/api/v1/policy", headers={"If-None-Match": etag}).status_code == 304
    # The version in use at start is in the chain.
    [started] = _applied(hub)
    assert started["hash"] == _digest(FIRST) and started["reason"] == "start"

    reader = StreamReader(hub.url, hub.tokens["ana"])
    try:
        reader.take("ready")
        policy_path.write_text(SECOND)
        assert hub.run(reload_policy(hub.ctx, Reason.SIGNAL))
        announced = reader.take("policy.changed")
        assert announced.data["hash"] == _digest(SECOND)
    finally:
        reader.close()

    second = ana.get("/api/v1/policy", headers={"If-None-Match": etag})
    assert second.status_code == 200 and second.headers["etag"] != etag
    assert _rule_ids(second) == ["promesa", "tarjeta"]
    assert _applied(hub)[-1] | {"replica": None} == {
        "hash": _digest(SECOND),
        "previous": _digest(FIRST),
        "file": str(policy_path),
        "replica": None,
        "reason": "signal",
    }
    # The hub judges sends by it now: a card number is refused.
    conv_id = hub.new_conversation("34611300001", seen_by="ana")
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    card = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json={"type": "text", "text": "Mi tarjeta es 4111 1111 1111 1111"},
    )
    assert card.status_code == 422 and card.json()["error"]["code"] == "guideline_blocked"
    # The same file again changes nothing and records nothing.
    assert not hub.run(reload_policy(hub.ctx, Reason.SIGNAL))
    assert len(_applied(hub)) == 2


def test_a_file_that_cannot_be_used_leaves_the_policy_as_it_was(
    hub: RunningHub, policy_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ana = hub.login("ana")
    before = ana.get("/api/v1/policy")
    for broken, where in (
        (BROKEN, "policy.rules[0].severity"),
        ("[policy\n", "is not valid TOML"),
        ("[hub]\nport = 1\n", "holds only [policy] tables"),
    ):
        policy_path.write_text(broken)
        with caplog.at_level(logging.ERROR, logger="wa_desk.hub.policy_reload"):
            assert not hub.run(reload_policy(hub.ctx, Reason.SIGNAL))
        assert where in caplog.text and "keeps version" in caplog.text
        caplog.clear()
    after = ana.get("/api/v1/policy")
    assert after.headers["etag"] == before.headers["etag"]
    assert hub.ctx.settings.policy_hash == _digest(FIRST)
    assert [a["hash"] for a in _applied(hub)] == [_digest(FIRST)]


@pytest.mark.postgres
def test_another_replica_follows_and_one_with_a_different_file_keeps_its_own(
    pg_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    paths = [tmp_path / f"replica{i}" / "policy.toml" for i in range(3)]
    for path in paths:
        path.parent.mkdir()
        path.write_text(FIRST)
    with ExitStack() as stack:
        hubs = [
            stack.enter_context(running_hub(pg_url, hub_settings=_hub_settings(p))) for p in paths
        ]
        hubs[0].add_user("ana")
        clients = [h.login("ana") for h in hubs]
        paths[0].write_text(SECOND)
        paths[1].write_text(SECOND)
        paths[2].write_text(FIRST + "\n# not brought in line\n")
        with caplog.at_level(logging.ERROR, logger="wa_desk.hub.policy_reload"):
            assert hubs[0].run(reload_policy(hubs[0].ctx, Reason.SIGNAL))
            wait_for(lambda: hubs[1].ctx.settings.policy_hash == _digest(SECOND))
            wait_for(lambda: "another hub replica applied" in caplog.text)
        assert _rule_ids(clients[1].get("/api/v1/policy")) == ["promesa", "tarjeta"]
        assert _rule_ids(clients[2].get("/api/v1/policy")) == ["promesa"]
        assert hubs[2].ctx.settings.policy_hash == _digest(FIRST)
        reasons = [(a["hash"], a["reason"]) for a in _applied(hubs[0])]
        assert reasons[-2:] == [(_digest(SECOND), "signal"), (_digest(SECOND), "replica")]
