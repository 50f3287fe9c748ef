"""installers/replicas/, the documented deployment of hub replicas: its hub settings load,
HAProxy accepts its configuration, and the balancer sends to the replicas compose runs."""

from __future__ import annotations

import re
import subprocess
from ipaddress import ip_address
from pathlib import Path

import pytest
from load_balancer import NO_HAPROXY_REASON, find_haproxy

from wa_desk.hub.settings import load_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "installers" / "replicas"
ENV = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t", "WA_DB": "x"}


def test_the_replicas_settings_load_and_trust_the_balancer_on_a_private_network() -> None:
    settings = load_settings(EXAMPLE / "hub.toml", env={**ENV, "WA_DB": "postgresql://h/db"})
    assert settings.db == "postgresql://h/db"
    assert (settings.host, settings.port) == ("0.0.0.0", 8700)
    trusted = settings.http.trusted_proxies
    assert any(ip_address("172.18.0.5") in network for network in trusted)


def test_the_balancer_checks_readiness_and_sends_to_every_hub_service() -> None:
    config = (EXAMPLE / "haproxy.cfg").read_text()
    compose = (EXAMPLE / "compose.yaml").read_text()
    services = _hub_services(compose)
    servers = re.findall(r"^    server (\S+) (\S+):8700 check", config, re.MULTILINE)
    assert len(services) == 2
    assert [(name, name) for name in services] == servers
    assert "option httpchk GET /readyz" in config


def _hub_services(compose: str) -> list[str]:
    return re.findall(r"^  (hub\d+):\n    <<: \*hub$", compose, re.MULTILINE)


def test_each_replica_has_its_own_id_and_so_its_own_chain_of_hub_facts() -> None:
    compose = (EXAMPLE / "compose.yaml").read_text()
    services = _hub_services(compose)
    ids = re.findall(r"^      WA_REPLICA_ID: (\S+)$", compose, re.MULTILINE)
    assert ids == services  # one each, in the order of the services, none shared
    for replica in ids:
        env = {**ENV, "WA_DB": "postgresql://h/db", "WA_REPLICA_ID": replica}
        assert load_settings(EXAMPLE / "hub.toml", env=env).replica_id == replica


@pytest.mark.skipif(find_haproxy() is None, reason=NO_HAPROXY_REASON)
def test_haproxy_accepts_the_configuration() -> None:
    haproxy = find_haproxy()
    assert haproxy is not None
    checked = subprocess.run(
        [haproxy, "-c", "-f", str(EXAMPLE / "haproxy.cfg")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
