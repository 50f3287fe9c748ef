"""The hub's conversation search ignores characters a reader cannot see."""

from __future__ import annotations

from hub_harness import RunningHub


def test_a_zero_width_space_does_not_hide_a_message_or_a_name(hub: RunningHub) -> None:
    hub.add_user("ana")
    hub.customer_writes("wamid.zw1", "34650000001", "Hola\u200bmundo, ¿está mi pedido?")
    hub.customer_writes("wamid.zw2", "34650000002", "otra cosa", name="Mar\u00adta")
    hub.customer_writes("wamid.zw3", "34650000003", "nada que ver")
    ana = hub.login("ana")

    def found(q: str) -> list[str]:
        items = ana.get("/api/v1/conversations", params={"q": q}).json()["items"]
        return sorted(c["contact"]["wa_id"] for c in items)

    assert found("holamundo") == ["34650000001"]
    assert found("Hola\u2060Mundo") == ["34650000001"]  # in the query too
    assert found("marta") == ["34650000002"]
    assert found("100%") == []  # still a literal
