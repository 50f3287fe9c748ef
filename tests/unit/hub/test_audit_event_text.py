"""The fast canonical text of a stored audit event is exactly core.canonical_json's."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wa_desk.core.audit_chain import GENESIS, event_hash, seal
from wa_desk.core.canonical_json import canonical_json
from wa_desk.hub.audit_event_text import encode_basestring, event_text, text_hash

# Every code point but surrogates (UTF-8 cannot carry them): non-ASCII, control
# characters, quotes, backslashes, U+2028 and NUL included.
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def _from_columns(event: dict[str, Any]) -> str:
    return event_text(
        encode_basestring(event["device"]),
        event["seq"],
        event["id"],
        event["at"],
        event["actor"],
        event["kind"],
        event["conversation"],
        canonical_json(event["data"]),
        event["prev"],
    )


@settings(max_examples=400)
@given(
    device=texts,
    seq=st.integers(min_value=1, max_value=2**62),
    event_id=texts,
    at=texts,
    actor=texts,
    kind=texts,
    conversation=st.none() | texts,
    data=st.dictionaries(texts, json_values, max_size=5),
    prev=texts,
)
def test_event_text_is_the_canonical_json_of_the_event(
    device: str,
    seq: int,
    event_id: str,
    at: str,
    actor: str,
    kind: str,
    conversation: str | None,
    data: dict[str, Any],
    prev: str,
) -> None:
    event = {
        "id": event_id,
        "device": device,
        "seq": seq,
        "at": at,
        "actor": actor,
        "kind": kind,
        "conversation": conversation,
        "data": data,
        "prev": prev,
    }
    assert _from_columns(event) == canonical_json(event)


def test_text_hash_is_the_sealed_hash() -> None:
    event = seal(
        {
            "id": "0190f0e0-0000-7000-8000-000000000001",
            "device": "inst/ü\u2028",
            "seq": 7,
            "at": "2026-11-24T10:15:00.123Z",
            "actor": "u\x00\x1f",
            "kind": "note.added",
            "conversation": None,
            "data": {"text": 'línea\n"dos"\\', "n": [1, 2.5, None, True]},
        },
        GENESIS,
    )
    assert text_hash(_from_columns(event)) == event["hash"] == event_hash(event)
    tampered = {**event, "data": {**event["data"], "n": [1]}}
    assert text_hash(_from_columns(tampered)) != event["hash"]
