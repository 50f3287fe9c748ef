"""Guidelines on the hub: configured in TOML, handed out per queue in the policy bundle,
enforced on sends and closes, and the closing checklist kept in the audit trail."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from hub_harness import RunningHub

from wa_desk.core.audit_chain import verify
from wa_desk.core.guidelines import BUILT_IN_DISPOSITIONS, Disposition, guidelines_from_json
from wa_desk.hub.queries import audit_log
from wa_desk.hub.settings import SettingsError, load_settings, policy_guidelines

ENV = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
CARD = "4111 1111 1111 1111"
POLICY_TOML = """
[[policy.checklists]]
queue = "ventas"
items = [
  { id = "greeted", label = "Greeted the customer by name" },
  { id = "order_checked", label = "Checked the order number", required = true },
]

[[policy.checklists]]
queue = "*"
items = [{ id = "offered_more", label = "Asked if there is anything else" }]

[[policy.checklists]]
queue = "soporte"
items = [{ id = "ticket", label = "Opened a ticket", required = true }]

[[policy.dispositions]]
queue = "*"
items = [{ id = "resolved", label = "Resolved" }, { id = "other", label = "Other" }]

[[policy.dispositions]]
queue = "ventas"
items = [{ id = "sale", label = "Sale closed" }, { id = "resolved", label = "Resolved" }]

[[policy.rules]]
id = "card_number"
pattern = '\\b(?:\\d[ -]?){13,19}\\b'
action = "block"
message = "Never send card numbers over WhatsApp."

[[policy.rules]]
id = "promise"
pattern = '\\bgaranti[zs]o\\b'
action = "warn"
message = "Do not promise what the company cannot guarantee."
"""


def _guidelines(tmp_path: Path, text: str = POLICY_TOML) -> Any:
    config = tmp_path / "hub.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config, env=ENV).guidelines


@pytest.fixture
def policy_hub(hub: RunningHub, tmp_path: Path) -> RunningHub:
    hub.ctx.settings = dataclasses.replace(hub.ctx.settings, guidelines=_guidelines(tmp_path))
    return hub


def test_the_toml_policy_is_read(tmp_path: Path) -> None:
    g = _guidelines(tmp_path)
    assert [r.id for r in g.rules] == ["card_number", "promise"]
    assert [i.id for i in g.checklist_for("ventas")] == ["offered_more", "greeted", "order_checked"]
    assert g.rules[0].matches(f"mi tarjeta es {CARD}")
    assert load_settings(None, env=ENV).guidelines.rules == ()  # no policy: no rules
    assert [d.id for d in g.dispositions_for("ventas")] == ["sale", "resolved"]
    assert [d.id for d in g.dispositions_for("soporte")] == ["resolved", "other"]
    # No dispositions configured: every queue offers the built-in closing reasons.
    built_in = load_settings(None, env=ENV).guidelines.dispositions_for("ventas")
    assert [d.id for d in built_in] == [
        "resolved",
        "no_response",
        "escalated",
        "sale",
        "spam",
        "other",
    ]


@pytest.mark.parametrize(
    ("raw", "setting"),
    [
        ({"rules": [{"id": "x", "pattern": "(", "action": "warn", "message": "m"}]},
         "policy.rules[0].pattern"),
        ({"rules": [{"id": "x", "pattern": "a", "action": "stop", "message": "m"}]},
         "policy.rules[0].action"),
        ({"rules": [{"id": "x", "pattern": "a", "action": "warn", "message": "m"}] * 2},
         "policy.rules"),
        ({"rules": [{"id": "x", "detector": "iban", "severity": "block", "message": "m"}]},
         "policy.rules[0].detector"),
        ({"rules": [{"id": "x", "phrase": "a", "pattern": "a", "severity": "warn",
                     "message": "m"}]},
         "policy.rules[0].phrase"),
        ({"rules": [{"id": "x", "phrase": "a", "severity": "warn", "mesage": "m"}]},
         "policy.rules[0]"),
        ({"rules": [{"id": "x", "phrase": "a", "severity": "warning", "message": "m"}]},
         "policy.rules[0].severity"),
        ({"rules": [{"id": "x", "phrase": "a", "severity": "warn", "action": "block",
                     "message": "m"}]},
         "policy.rules[0].action"),
        ({"rules": [{"id": "x", "phrase": "...", "severity": "warn", "message": "m"}]},
         "policy.rules[0].phrase"),
        ({"checklists": [{"queue": "ventas", "items": [{"id": "a"}]}]},
         "policy.checklists[0].items[0].label"),
        ({"checklists": {"queue": "ventas"}}, "policy.checklists"),
        ({"rulez": []}, "policy"),
        ({"dispositions": {"queue": "*"}}, "policy.dispositions"),
        ({"dispositions": [{"queue": "*"}]}, "policy.dispositions[0]"),
        ({"dispositions": [{"queue": " ", "items": [{"id": "a", "label": "A"}]}]},
         "policy.dispositions[0].queue"),
        ({"dispositions": [{"queue": "*", "items": []}]}, "policy.dispositions[0].items"),
        ({"dispositions": [{"queue": "*", "items": [{"id": "no way", "label": "A"}]}]},
         "policy.dispositions[0].items[0].id"),
        ({"dispositions": [{"queue": "*", "items": [{"id": "a", "label": "A"},
                                                    {"id": "a", "label": "B"}]}]},
         "policy.dispositions[0].items[1].id"),
        ({"dispositions": [{"queue": "*", "items": [{"id": "a", "label": ""}]}]},
         "policy.dispositions[0].items[0].label"),
        ({"dispositions": [{"queue": "ventas", "items": [{"id": "a", "label": "A"}]},
                           {"queue": "ventas", "items": [{"id": "b", "label": "B"}]}]},
         "policy.dispositions[1].queue"),
    ],
)  # fmt: skip
def test_a_wrong_policy_is_an_error_naming_the_key(raw: dict[str, Any], setting: str) -> None:
    with pytest.raises(SettingsError) as caught:
        policy_guidelines(raw)
    assert caught.value.setting == setting


def test_an_invalid_regex_in_the_file_stops_the_hub_with_its_key(tmp_path: Path) -> None:
    broken = POLICY_TOML.replace("garanti[zs]o", "garanti[zs")
    with pytest.raises(SettingsError, match=r"policy\.rules\[1\]\.pattern: .*regular expression"):
        _guidelines(tmp_path, broken)


def _claimed(
    hub: RunningHub, name: str = "ana", wa_id: str = "34611100001"
) -> tuple[httpx.Client, str]:
    hub.add_user(name)
    hub.customer_writes(f"wamid.{name}", wa_id, "hola, ¿mi pedido?")
    agent = hub.login(name)
    conv_id = agent.get("/api/v1/conversations").json()["items"][0]["id"]
    assert agent.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    return agent, conv_id


def test_the_bundle_holds_the_checklists_of_the_users_queues_and_the_rules(
    policy_hub: RunningHub,
) -> None:
    policy_hub.add_user("ana", queues=("ventas",))
    policy_hub.add_user("sol", queues=("soporte",))
    ana, sol = policy_hub.login("ana"), policy_hub.login("sol")
    mine = ana.get("/api/v1/policy")
    assert mine.status_code == 200
    body = mine.json()
    assert [c["queue"] for c in body["checklists"]] == ["ventas", "*"]
    assert body["checklists"][0]["items"][1] == {
        "id": "order_checked",
        "label": "Checked the order number",
        "required": True,
    }
    assert [(r["id"], r["action"]) for r in body["rules"]] == [
        ("card_number", "block"),
        ("promise", "warn"),
    ]
    assert body["dispositions"] == [
        {"queue": "*", "items": [{"id": "resolved", "label": "Resolved"},
                                 {"id": "other", "label": "Other"}]},
        {"queue": "ventas", "items": [{"id": "sale", "label": "Sale closed"},
                                      {"id": "resolved", "label": "Resolved"}]},
    ]  # fmt: skip
    parsed = guidelines_from_json(body)  # as the desktop reads it
    assert parsed.dispositions_for("ventas") == (
        Disposition("sale", "Sale closed"),
        Disposition("resolved", "Resolved"),
    )
    theirs = sol.get("/api/v1/policy")
    assert [c["queue"] for c in theirs.json()["checklists"]] == ["*", "soporte"]
    assert [d["queue"] for d in theirs.json()["dispositions"]] == ["*"]
    assert theirs.headers["etag"] != mine.headers["etag"]
    again = ana.get("/api/v1/policy", headers={"If-None-Match": mine.headers["etag"]})
    assert again.status_code == 304
    # A new rule is a new bundle: the cached copy is stale.
    g = policy_hub.ctx.settings.guidelines
    policy_hub.ctx.settings = dataclasses.replace(
        policy_hub.ctx.settings, guidelines=dataclasses.replace(g, rules=g.rules[:1])
    )
    changed = ana.get("/api/v1/policy", headers={"If-None-Match": mine.headers["etag"]})
    assert changed.status_code == 200 and len(changed.json()["rules"]) == 1


def test_a_blocked_text_is_refused_and_never_reaches_whatsapp(policy_hub: RunningHub) -> None:
    ana, conv_id = _claimed(policy_hub)
    refused = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json={"type": "text", "text": f"Pague con la tarjeta {CARD}"},
        headers={"Idempotency-Key": "k-blocked"},
    )
    assert refused.status_code == 422
    assert refused.json()["error"] == {
        "code": "guideline_blocked",
        "message": "Never send card numbers over WhatsApp.",
        "rule": "card_number",
    }
    warned = ana.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json={"type": "text", "text": "Se lo garantizo"},
        headers={"Idempotency-Key": "k-warned"},
    )
    assert warned.status_code == 201, warned.text
    sent = [s.body["text"]["body"] for s in policy_hub.world.sent_to("34611100001")]
    assert sent == ["Se lo garantizo"]
    history = ana.get(f"/api/v1/conversations/{conv_id}/messages").json()["items"]
    assert all(CARD not in (m.get("text") or "") for m in history)
    # The refusal is in the hub's audit chain, in ana's name, without the text.
    (blocked,) = _hub_facts(policy_hub, "guideline.blocked")
    assert blocked["actor"] == policy_hub.user_ids["ana"]
    assert blocked["conversation"] == conv_id
    assert blocked["data"]["rule"] == "card_number"
    assert CARD not in json.dumps(blocked)


def _hub_facts(hub: RunningHub, kind: str) -> list[dict[str, Any]]:
    chain = hub.run(hub.ctx.db.read(lambda c: audit_log.chain_events(c, "hub", 0, 10_000)))
    assert verify(chain) == []
    return [e for e in chain if e["kind"] == kind]


def test_a_close_needs_the_required_items_and_keeps_the_checklist(policy_hub: RunningHub) -> None:
    ana, conv_id = _claimed(policy_hub)
    url = f"/api/v1/conversations/{conv_id}/close"
    missing = ana.post(url, json={"disposition": "resolved", "checklist": {"greeted": True}})
    assert missing.status_code == 422
    error = missing.json()["error"]
    assert error["code"] == "checklist_incomplete"
    assert error["items"] == ["order_checked"]
    assert "Checked the order number" in error["message"]
    assert ana.post(url, json={"disposition": "resolved"}).status_code == 422
    assert ana.get(f"/api/v1/conversations/{conv_id}").json()["state"] == "assigned"
    assert _hub_facts(policy_hub, "conversation.closed") == []

    closed = ana.post(
        url, json={"disposition": "resolved", "checklist": {"order_checked": True, "old": True}}
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["state"] == "closed"
    (fact,) = _hub_facts(policy_hub, "conversation.closed")
    assert fact["actor"] == policy_hub.user_ids["ana"]
    assert fact["data"]["checklist"] == {
        "offered_more": False,
        "greeted": False,
        "order_checked": True,
        "old": True,
    }


def test_a_malformed_checklist_is_a_clear_error(policy_hub: RunningHub) -> None:
    ana, conv_id = _claimed(policy_hub)
    bad = ana.post(
        f"/api/v1/conversations/{conv_id}/close",
        json={"disposition": "resolved", "checklist": {"order_checked": "sí"}},
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_request"
    assert ana.get(f"/api/v1/conversations/{conv_id}").json()["state"] == "assigned"


def test_a_close_with_a_disposition_not_of_the_queue_is_refused(policy_hub: RunningHub) -> None:
    ana, conv_id = _claimed(policy_hub)
    url = f"/api/v1/conversations/{conv_id}/close"
    ticked = {"order_checked": True}
    # "other" is an every-queue reason, but ventas has a list of its own.
    for disposition in ("other", "duplicate"):
        refused = ana.post(url, json={"disposition": disposition, "checklist": ticked})
        assert refused.status_code == 422
        error = refused.json()["error"]
        assert error["code"] == "unknown_disposition"
        assert error["allowed"] == ["sale", "resolved"]
        assert repr(disposition) in error["message"]
    assert ana.get(f"/api/v1/conversations/{conv_id}").json()["state"] == "assigned"
    assert _hub_facts(policy_hub, "conversation.closed") == []
    closed = ana.post(url, json={"disposition": "sale", "checklist": ticked})
    assert closed.status_code == 200, closed.text
    assert closed.json()["disposition"] == "sale"


def test_without_dispositions_configured_the_built_in_ones_are_served_and_enforced(
    hub: RunningHub,
) -> None:
    ana, conv_id = _claimed(hub)
    bundle = ana.get("/api/v1/policy").json()
    assert bundle["dispositions"] == [BUILT_IN_DISPOSITIONS.as_json()]
    url = f"/api/v1/conversations/{conv_id}/close"
    refused = ana.post(url, json={"disposition": "duplicate"})
    assert refused.status_code == 422
    assert refused.json()["error"]["allowed"] == [d.id for d in BUILT_IN_DISPOSITIONS.items]
    assert ana.post(url, json={"disposition": "no_response"}).status_code == 200
