"""Canned replies on the hub: ``[[policy.canned_replies]]`` read at start (a wrong one
stops the hub naming its key) and served to each user with their queues' replies only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hub_harness import RunningHub

from wa_desk.core.guidelines import guidelines_from_json
from wa_desk.hub.settings import SettingsError, load_settings

ENV = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
CANNED_TOML = """
[[policy.canned_replies]]
queue = "*"
name = "Saludo"
language = "es"
text = "¡Hola, {{customer_name}}! Soy {{agent_name}}."
tags = ["saludo"]
shortcut = "hola"

[[policy.canned_replies]]
queue = "ventas"
name = "Estado del pedido"
language = "es"
text = "Tu pedido {{order_number}} sale hoy."
"""


def test_a_wrong_reply_in_the_file_stops_the_hub_with_its_key(tmp_path: Path) -> None:
    config = tmp_path / "hub.toml"
    config.write_text(CANNED_TOML.replace('"hola"', '"Hola!"'), encoding="utf-8")
    with pytest.raises(SettingsError, match=r"policy\.canned_replies\[0\]\.shortcut: "):
        load_settings(config, env=ENV)


def test_the_bundle_holds_the_replies_of_the_users_queues(hub: RunningHub, tmp_path: Path) -> None:
    config = tmp_path / "hub.toml"
    config.write_text(CANNED_TOML, encoding="utf-8")
    guidelines = load_settings(config, env=ENV).guidelines
    hub.ctx.settings = dataclasses.replace(hub.ctx.settings, guidelines=guidelines)
    hub.add_user("ana", queues=("ventas",))
    hub.add_user("sol", queues=("soporte",))
    body = hub.login("ana").get("/api/v1/policy").json()
    assert body["canned_replies"] == [
        {"queue": "*", "name": "Saludo", "language": "es", "tags": ["saludo"],
         "text": "¡Hola, {{customer_name}}! Soy {{agent_name}}.", "shortcut": "hola"},
        {"queue": "ventas", "name": "Estado del pedido", "language": "es", "tags": [],
         "text": "Tu pedido {{order_number}} sale hoy.", "shortcut": None},
    ]  # fmt: skip
    assert guidelines_from_json(body).canned_replies == guidelines.canned_replies
    sol = hub.login("sol")
    theirs = sol.get("/api/v1/policy")
    assert [r["name"] for r in theirs.json()["canned_replies"]] == ["Saludo"]
    # Another reply is another bundle: a cached copy is stale.
    etag = theirs.headers["etag"]
    changed = dataclasses.replace(guidelines.canned_replies[0], text="¡Buenas!")
    hub.ctx.settings = dataclasses.replace(
        hub.ctx.settings,
        guidelines=dataclasses.replace(
            guidelines, canned_replies=(changed, guidelines.canned_replies[1])
        ),
    )
    assert sol.get("/api/v1/policy", headers={"If-None-Match": etag}).status_code == 200
