"""Service levels on the hub: ``[[policy.sla]]`` read and checked at start, naming the
failing key, and served per queue in the policy bundle."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hub_harness import RunningHub

from wa_desk.core.guidelines import guidelines_from_json
from wa_desk.hub.settings import SettingsError, load_settings, policy_guidelines

ENV = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
SLA_TOML = """
[[policy.sla]]
queue = "*"
first_response = 900

[[policy.sla]]
queue = "ventas"
first_response = 120
next_response = 300
resolution = 3600
at_risk = 0.5
time_zone = "Europe/Madrid"
hours = { mon = ["09:00-14:00", "15:00-24:00"], sun = [] }
holidays = ["2026-12-25"]
"""


def _settings_from(tmp_path: Path, text: str) -> Any:
    config = tmp_path / "hub.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config, env=ENV)


def test_the_toml_service_levels_are_read(tmp_path: Path) -> None:
    guidelines = _settings_from(tmp_path, SLA_TOML).guidelines
    ventas = guidelines.sla_for("ventas")
    assert (ventas.first_response_s, ventas.next_response_s, ventas.resolution_s) == (
        120,
        300,
        3600,
    )
    assert ventas.at_risk == 0.5 and ventas.hours.week[0] == ((540, 840), (900, 1440))
    every = guidelines.sla_for("soporte")
    assert every.queue == "*" and every.at_risk == 0.8 and every.hours.week is None
    assert load_settings(None, env=ENV).guidelines.sla == ()  # no policy: no targets


@pytest.mark.parametrize(
    ("raw", "setting"),
    [
        ({"sla": {"queue": "*"}}, "policy.sla"),
        ({"sla": ["*"]}, "policy.sla[0]"),
        ({"sla": [{"first_response": 60}]}, "policy.sla[0].queue"),
        ({"sla": [{"queue": "*"}, {"queue": "*"}]}, "policy.sla[1].queue"),
        ({"sla": [{"queue": "*", "first_response": -5}]}, "policy.sla[0].first_response"),
        ({"sla": [{"queue": "*", "next_response": "10m"}]}, "policy.sla[0].next_response"),
        ({"sla": [{"queue": "*", "resolution": True}]}, "policy.sla[0].resolution"),
        ({"sla": [{"queue": "*", "at_risk": 1.2}]}, "policy.sla[0].at_risk"),
        ({"sla": [{"queue": "*", "time_zone": "Europe/Madird"}]}, "policy.sla[0].time_zone"),
        ({"sla": [{"queue": "*", "hours": {"lun": []}}]}, "policy.sla[0].hours"),
        ({"sla": [{"queue": "*", "hours": {"mon": ["09:00-14:00", "13:00-15:00"]}}]},
         "policy.sla[0].hours.mon"),
        ({"sla": [{"queue": "*", "hours": {"tue": ["19:00-09:00"]}}]},
         "policy.sla[0].hours.tue[0]"),
        ({"sla": [{"queue": "*", "hours": {"sat": [], "sun": []}}]}, "policy.sla[0].hours"),
        ({"sla": [{"queue": "*", "holidays": ["2026-02-30"]}]}, "policy.sla[0].holidays[0]"),
        ({"sla": [{"queue": "*", "opening": {}}]}, "policy.sla[0]"),
    ],
)  # fmt: skip
def test_a_wrong_service_level_is_an_error_naming_the_key(
    raw: dict[str, Any], setting: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        policy_guidelines(raw)
    assert caught.value.setting == setting


def test_a_wrong_service_level_in_the_file_stops_the_hub_with_its_key(tmp_path: Path) -> None:
    broken = SLA_TOML.replace('"15:00-24:00"', '"15:00-24:30"')
    with pytest.raises(SettingsError, match=r"policy\.sla\[1\]\.hours\.mon\[1\]: .*00:00 to 24:00"):
        _settings_from(tmp_path, broken)


def test_the_bundle_holds_the_service_levels_of_the_users_queues(
    hub: RunningHub, tmp_path: Path
) -> None:
    guidelines = _settings_from(tmp_path, SLA_TOML).guidelines
    hub.ctx.settings = dataclasses.replace(hub.ctx.settings, guidelines=guidelines)
    hub.add_user("ana", queues=("ventas",))
    hub.add_user("sol", queues=("soporte",))
    mine = hub.login("ana").get("/api/v1/policy")
    assert mine.status_code == 200
    body = mine.json()
    assert {"templates", "window_hours", "checklists", "rules", "dispositions"} <= set(body)
    assert body["sla"] == [
        {"queue": "*", "first_response": 900, "next_response": None, "resolution": None,
         "at_risk": 0.8, "time_zone": "UTC", "hours": None, "holidays": []},
        {"queue": "ventas", "first_response": 120, "next_response": 300, "resolution": 3600,
         "at_risk": 0.5, "time_zone": "Europe/Madrid",
         "hours": {"mon": ["09:00-14:00", "15:00-24:00"], "tue": [], "wed": [], "thu": [],
                   "fri": [], "sat": [], "sun": []},
         "holidays": ["2026-12-25"]},
    ]  # fmt: skip
    assert guidelines_from_json(body).sla == guidelines.sla  # as the desktop reads it
    sol = hub.login("sol")
    theirs = sol.get("/api/v1/policy")
    assert [p["queue"] for p in theirs.json()["sla"]] == ["*"]
    etag = theirs.headers["etag"]
    assert sol.get("/api/v1/policy", headers={"If-None-Match": etag}).status_code == 304
    # Another target is another bundle: the cached copy is stale.
    changed = dataclasses.replace(guidelines.sla[0], first_response_s=60)
    hub.ctx.settings = dataclasses.replace(
        hub.ctx.settings,
        guidelines=dataclasses.replace(guidelines, sla=(changed, guidelines.sla[1])),
    )
    again = sol.get("/api/v1/policy", headers={"If-None-Match": etag})
    assert again.status_code == 200 and again.json()["sla"][0]["first_response"] == 60
