"""A policy file: read whole and versioned by its hash, its faulty key named; found from
``[hub] policy_file`` (relative to the configuration) or ``WA_POLICY_FILE``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from wa_desk.hub.policy_file import read_policy_file
from wa_desk.hub.settings import SettingsError, load_settings, resolve_guidelines

POLICY = """[[policy.rules]]
id = "promesa"
phrase = "te lo garantizo"
severity = "warn"
message = "No prometas lo que no depende de ti."

[policy.opt_out]
stop = ["CANCELAR"]
"""
SECRETS = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}


def test_a_policy_file_is_read_whole_and_versioned_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(POLICY)
    version = read_policy_file(path)
    assert version.digest == hashlib.sha256(POLICY.encode()).hexdigest()
    assert [r.id for r in version.guidelines.rules] == ["promesa"]
    assert version.guidelines.opt_out.stop == ("CANCELAR",)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (POLICY.replace('"warn"', '"loud"'), "policy.rules[0].severity"),
        (POLICY.replace("stop =", "stopp ="), "policy.opt_out"),
        ("[policy\n", "is not valid TOML"),
        ("[whatsapp]\naccess_token = 'x'\n", "holds only [policy] tables, not: whatsapp"),
    ],
)
def test_a_file_that_cannot_be_used_names_what_is_wrong(
    tmp_path: Path, text: str, where: str
) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    with pytest.raises(SettingsError, match=rf"{path}|policy\.") as raised:
        read_policy_file(path)
    assert where in str(raised.value)


def test_the_hub_finds_its_policy_file_next_to_its_configuration(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text(POLICY)
    config = tmp_path / "hub.toml"
    config.write_text('[hub]\npolicy_file = "policy.toml"\n')
    settings = load_settings(config, env=SECRETS)
    assert settings.policy_file == tmp_path / "policy.toml"
    assert settings.policy_hash == hashlib.sha256(POLICY.encode()).hexdigest()
    assert [r.id for r in settings.guidelines.rules] == ["promesa"]
    assert [r.id for r in resolve_guidelines(config).rules] == ["promesa"]
    both = '[hub]\npolicy_file = "policy.toml"\n\n[policy.alerts]\nbacklog_waiting = 3\n'
    config.write_text(both)
    with pytest.raises(SettingsError, match=r"policy_file: the policy is .*remove"):
        load_settings(config, env=SECRETS)
    with pytest.raises(SettingsError, match="cannot be read"):
        load_settings(None, env={**SECRETS, "WA_POLICY_FILE": str(tmp_path / "nowhere.toml")})
