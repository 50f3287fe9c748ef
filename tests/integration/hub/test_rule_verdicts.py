"""The desktop and the hub give the same verdict on the same text: the rules the hub
reads from its configuration reach the desktop in the policy bundle and judge alike,
whatever the text; and what the desktop would block, the hub refuses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import httpx
from hub_harness import RunningHub
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wa_desk.core.check_digits import cpf_check_digits, dni_letter, luhn_valid
from wa_desk.core.guidelines import guidelines_from_json
from wa_desk.core.text_rules import Rule, first_block, matching_rules
from wa_desk.hub.settings import load_settings

ENV = {"WA_APP_SECRET": "s", "WA_VERIFY_TOKEN": "v", "WA_ACCESS_TOKEN": "t"}
POLICY_TOML = """
[[policy.rules]]
id = "card"
detector = "payment_card"
severity = "block"
message = "Never send card numbers over WhatsApp."

[[policy.rules]]
id = "dni"
detector = "es_dni_nie"
severity = "block"
message = "Do not write identity numbers in a chat."

[[policy.rules]]
id = "cpf"
detector = "br_cpf"
action = "block"
message = "Não envie CPF pelo WhatsApp."

[[policy.rules]]
id = "shouting"
detector = "shouting"
severity = "warn"
message = "Capitals read as shouting."

[[policy.rules]]
id = "promise"
phrase = "te garantizo"
severity = "warn"
message = "Do not promise what the company cannot guarantee."

[[policy.rules]]
id = "nao_garantimos"
phrase = "não garantimos"
severity = "warn"
message = "Explique o que a empresa garante."

[[policy.rules]]
id = "refund"
pattern = '\\breembols\\w+ (total|completo)\\b'
action = "warn"
message = "Refunds are decided by the back office."
"""


def _digits(size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=size, max_size=size)


def _card(body: str) -> str:
    return body + next(d for d in "0123456789" if luhn_valid(body + d))


ACCENTED = {"a": "aáAÁã", "e": "eéEÉ", "i": "iíIÍ", "o": "oóOÓ", "u": "uúüUÚ"}


def _spelled(words: str) -> st.SearchStrategy[str]:
    letters = [st.sampled_from(ACCENTED.get(ch, ch + ch.upper())) for ch in words]
    return st.tuples(*letters).map("".join)


FRAGMENTS = st.one_of(
    st.text(max_size=30),
    _spelled("te garantizo"),
    _spelled("nao garantimos"),
    _spelled("reembolso total"),
    _digits(16),
    st.sampled_from("3456").flatmap(lambda first: _digits(14).map(lambda d: _card(first + d))),
    st.integers(0, 99_999_999).map(lambda n: f"{n:08d}{dni_letter(n)}"),
    _digits(9).map(lambda d: f"{d[:3]}.{d[3:6]}.{d[6:]}-{cpf_check_digits(d)}"),
    st.sampled_from(["POR FAVOR PAGUE YA", "URGENTE", "OK", "NO LO SÉ"]),
)
TEXTS = st.lists(FRAGMENTS, max_size=8).flatmap(
    lambda parts: st.sampled_from([" ", ", ", "\n", "-"]).map(lambda sep: sep.join(parts))
)


def _policy_hub(hub: RunningHub, tmp_path: Path) -> RunningHub:
    config = tmp_path / "hub.toml"
    config.write_text(POLICY_TOML, encoding="utf-8")
    guidelines = load_settings(config, env=ENV).guidelines
    hub.ctx.settings = dataclasses.replace(hub.ctx.settings, guidelines=guidelines)
    return hub


def _verdict(rules: tuple[Rule, ...], text: str) -> tuple[list[str], str | None]:
    matched = matching_rules(rules, text)
    blocked = first_block(matched)
    return [r.id for r in matched], blocked.id if blocked else None


def test_the_desktop_judges_any_text_as_the_hub_does(hub: RunningHub, tmp_path: Path) -> None:
    hub = _policy_hub(hub, tmp_path)
    hub.add_user("ana")
    bundle = hub.login("ana").get("/api/v1/policy").json()
    on_the_desktop = guidelines_from_json(bundle).rules  # as the desktop reads it
    on_the_hub = hub.ctx.settings.guidelines.rules
    assert [r.id for r in on_the_desktop] == [r.id for r in on_the_hub]

    @settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
    @given(TEXTS)
    def same_verdict(text: str) -> None:
        assert _verdict(on_the_desktop, text) == _verdict(on_the_hub, text)

    same_verdict()


def test_what_the_desktop_would_block_the_hub_refuses(hub: RunningHub, tmp_path: Path) -> None:
    hub = _policy_hub(hub, tmp_path)
    hub.add_user("ana")
    hub.customer_writes("wamid.v1", "34611100001", "hola, ¿mi pedido?")
    ana = hub.login("ana")
    conv_id = ana.get("/api/v1/conversations").json()["items"][0]["id"]
    assert ana.post(f"/api/v1/conversations/{conv_id}/claim").status_code == 200
    desktop = guidelines_from_json(ana.get("/api/v1/policy").json()).rules
    texts = [
        "Su pedido 4111 1111 1111 1112 sale hoy",  # sixteen digits, no card
        "Mi tarjeta: 4111-1111-1111-1111",
        "Mi DNI es 12345678-z",
        "Meu CPF: 529.982.247-25",
        "TE  GARANTÍZO que llega mañana",  # warned, not blocked: it goes out
    ]
    for i, text in enumerate(texts):
        sent = _send(ana, conv_id, text, f"k-{i}")
        blocked = first_block(matching_rules(desktop, text))
        if blocked is None:
            assert sent.status_code == 201, (text, sent.text)
        else:
            assert sent.status_code == 422, text
            assert sent.json()["error"]["rule"] == blocked.id
            assert sent.json()["error"]["message"] == blocked.message
    went_out = [s.body["text"]["body"] for s in hub.world.sent_to("34611100001")]
    assert went_out == [texts[0], texts[4]]


def _send(client: httpx.Client, conv_id: str, text: str, key: str) -> httpx.Response:
    return client.post(
        f"/api/v1/conversations/{conv_id}/messages",
        json={"type": "text", "text": text},
        headers={"Idempotency-Key": key},
    )
