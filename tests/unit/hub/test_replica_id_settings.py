"""``[hub] replica_id`` (or ``WA_REPLICA_ID``): which replica a hub process is, and so the
chain its audit facts go to. None on SQLite by default (the chain ``hub``), the host name
on PostgreSQL; the environment wins; anything but a short safe token is refused, named by
where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from wa_desk.hub.queries.audit_log import hub_chain
from wa_desk.hub.replica_id import default_replica_id
from wa_desk.hub.settings import SettingsError, load_settings

SECRETS = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
POSTGRESQL = "postgresql://h/db"


def _replica(tmp_path: Path, hub_toml: str, db: str = POSTGRESQL, **env: str) -> str | None:
    config = tmp_path / "hub.toml"
    config.write_text("[hub]\n" + hub_toml, encoding="utf-8")
    return load_settings(config, {**SECRETS, "WA_DB": db, **env}).replica_id


def test_a_hub_on_sqlite_has_no_replica_id_and_keeps_the_chain_hub(tmp_path: Path) -> None:
    replica = _replica(tmp_path, "", db=f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    assert replica is None
    assert hub_chain(replica) == "hub"


def test_a_replica_on_postgresql_is_its_host_by_default(tmp_path: Path) -> None:
    replica = _replica(tmp_path, "")
    assert replica == default_replica_id("postgresql")
    assert replica is not None and hub_chain(replica) == f"hub/{replica}"


def test_the_setting_names_the_replica_and_the_environment_wins(tmp_path: Path) -> None:
    assert _replica(tmp_path, 'replica_id = "hub-1"\n') == "hub-1"
    assert _replica(tmp_path, 'replica_id = "hub-1"\n', WA_REPLICA_ID="hub-2") == "hub-2"
    sqlite = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert _replica(tmp_path, 'replica_id = "solo"\n', db=sqlite) == "solo"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("hub1", "hub1"),
        ("Hub 1.example.com", "Hub-1.example.com"),
        ("-._x", "x"),
        ("x" * 80, "x" * 63),
        ("...", None),
    ],
)
def test_a_host_name_becomes_a_token(host: str, expected: str | None) -> None:
    assert default_replica_id("postgresql", host) == expected
    assert default_replica_id("sqlite", host) is None


@pytest.mark.parametrize(
    ("toml", "env", "named"),
    [
        ('replica_id = "hub/1"\n', {}, "[hub] replica_id"),
        ('replica_id = "two words"\n', {}, "[hub] replica_id"),
        ('replica_id = "-lead"\n', {}, "[hub] replica_id"),
        (f'replica_id = "{"x" * 64}"\n', {}, "[hub] replica_id"),
        ("replica_id = 7\n", {}, "[hub] replica_id"),
        ("", {"WA_REPLICA_ID": "réplica"}, "WA_REPLICA_ID"),
        ('replica_id = "fine"\n', {"WA_REPLICA_ID": "a\nb"}, "WA_REPLICA_ID"),
    ],
)
def test_a_replica_id_that_is_not_a_short_safe_token_is_refused_naming_it(
    tmp_path: Path, toml: str, env: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        _replica(tmp_path, toml, **env)
    assert caught.value.setting == named
    assert "letters, digits" in str(caught.value)
