"""The hub's checks on a batch of action-log events, before the store is touched."""

from __future__ import annotations

from typing import Any

import pytest

from wa_desk.core.audit_chain import GENESIS, seal
from wa_desk.hub.audit_intake import (
    MAX_EVENTS,
    InvalidEvent,
    NotYourChain,
    check_owner,
    first_broken_link,
    is_users_device,
    parse_batch,
)

USER = "0190a5c4-user-ana"
DEVICE = f"0190a5c4-install-1/{USER}"


def chain(n: int, start: int = 1, prev: str = GENESIS, **over: Any) -> list[dict[str, Any]]:
    events = []
    for seq in range(start, start + n):
        event = {
            "id": f"ev-{seq}",
            "device": DEVICE,
            "seq": seq,
            "at": "2026-11-24T10:15:00.123Z",
            "actor": USER,
            "kind": "conversation.closed",
            "conversation": "conv-1",
            "data": {"disposition": "resolved", "nota": "señal ✓"},
            **over,
        }
        sealed = seal(event, prev)
        events.append(sealed)
        prev = sealed["hash"]
    return events


def test_a_well_formed_batch_is_accepted_with_its_times() -> None:
    batch = parse_batch({"events": chain(3)})
    assert batch.device == DEVICE
    assert (batch.first_seq, batch.last_seq) == (1, 3)
    assert batch.at_ms == [1795515300123] * 3
    assert first_broken_link(batch) is None


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"events": []},
        {"events": {}},
        {"events": chain(1), "more": 1},
        {"evts": chain(1)},
    ],
)
def test_a_body_that_is_not_a_batch_is_refused(body: Any) -> None:
    with pytest.raises(InvalidEvent):
        parse_batch(body)


def test_too_many_events_are_refused() -> None:
    with pytest.raises(InvalidEvent, match="At most 1000"):
        parse_batch({"events": [{}] * (MAX_EVENTS + 1)})


def _mutated(change: dict[str, Any], drop: str | None = None, reseal: bool = True) -> Any:
    event = {k: v for k, v in chain(1)[0].items() if k != drop}
    event.update(change)
    return seal(event, event.get("prev", GENESIS)) if reseal else event


@pytest.mark.parametrize(
    ("event", "problem"),
    [
        (_mutated({}, drop="kind"), "missing keys \\['kind'\\]"),
        (_mutated({"extra": 1}), "unexpected keys \\['extra'\\]"),
        (_mutated({"seq": "1"}), "seq"),
        (_mutated({"seq": True}), "seq"),
        (_mutated({"seq": 0}), "seq"),
        (_mutated({"actor": 7}), "actor"),
        (_mutated({"id": ""}), "id"),
        (_mutated({"kind": "a\x00b"}), "control characters"),
        (_mutated({"conversation": 5}), "conversation"),
        (_mutated({"data": [1]}), "data"),
        (_mutated({"at": "yesterday"}), "RFC 3339"),
        (_mutated({"at": "2026-11-24T10:15:00"}), "RFC 3339"),
        (_mutated({"prev": "ABC"}), "prev"),
        (_mutated({"prev": "A" * 64}), "prev"),
        (_mutated({"hash": "0" * 64}, reseal=False), "hash does not match"),
        (_mutated({"data": {"disposition": "spam"}}, reseal=False), "hash does not match"),
        ("not an object", "JSON object"),
    ],
)
def test_a_malformed_or_tampered_event_is_refused_with_where(event: Any, problem: str) -> None:
    with pytest.raises(InvalidEvent, match=problem) as caught:
        parse_batch({"events": [event]})
    assert "events[0]" in str(caught.value)


def test_other_rfc3339_forms_are_read_as_the_same_instant() -> None:
    event = chain(1, at="2026-11-24T11:15:00.123+01:00")[0]
    assert parse_batch({"events": [event]}).at_ms == [1795515300123]


def test_a_batch_holds_one_device_in_consecutive_order() -> None:
    mixed = [*chain(1), *chain(1, start=2, device=f"other/{USER}")]
    with pytest.raises(InvalidEvent, match="one device"):
        parse_batch({"events": mixed})
    events = chain(4)
    with pytest.raises(InvalidEvent, match="does not follow"):
        parse_batch({"events": [events[0], events[2]]})
    with pytest.raises(InvalidEvent, match="does not follow"):
        parse_batch({"events": [events[1], events[0]]})


def test_a_broken_link_inside_the_batch_is_found() -> None:
    events = chain(2) + chain(1, start=3, prev="f" * 64)
    assert first_broken_link(parse_batch({"events": events})) == 3


def test_devices_belong_to_the_user_named_after_the_slash() -> None:
    assert is_users_device(DEVICE, USER)
    assert not is_users_device(f"install/{USER}x", USER)
    assert not is_users_device(f"/{USER}", USER)
    assert not is_users_device(USER, USER)
    assert not is_users_device("hub", USER)
    # The hub's own chains (one per replica) are no desktop's, whoever's id ends them.
    assert not is_users_device(f"hub/{USER}", USER)
    assert not is_users_device(f"hub/east/{USER}", USER)
    assert is_users_device(f"hubert/{USER}", USER)


def test_nobody_sends_events_in_another_name_or_chain() -> None:
    check_owner(parse_batch({"events": chain(2)}), USER)
    with pytest.raises(NotYourChain, match="actor"):
        check_owner(parse_batch({"events": chain(2, actor="someone-else")}), USER)
    with pytest.raises(NotYourChain, match="not one of yours"):
        check_owner(parse_batch({"events": chain(2, device="install/someone-else")}), USER)
    with pytest.raises(NotYourChain, match="the hub's own chains"):
        check_owner(parse_batch({"events": chain(2, device=f"hub/{USER}")}), USER)
