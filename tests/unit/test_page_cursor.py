"""Page cursors: what the hub writes reads back, and anything else is a BadCursor."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wa_desk.core.cursor import MAX_CURSOR_CHARS, MAX_MILLIS, BadCursor, decode, encode

STORABLE_IDS = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=60,
)


@given(millis=st.integers(0, MAX_MILLIS), item_id=STORABLE_IDS)
def test_what_encode_writes_decodes_back(millis: int, item_id: str) -> None:
    assert decode(encode(millis, item_id)) == (millis, item_id)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@settings(max_examples=500)
@given(
    cursor=st.one_of(
        st.text(max_size=80),
        st.binary(max_size=120).map(_b64),
        st.builds(lambda m, i: encode(m, i), st.integers(), st.text(max_size=20)),
        st.builds(lambda v: _b64(json.dumps(v).encode()), st.lists(st.integers(), max_size=3)),
    )
)
def test_decode_answers_or_refuses_never_anything_else(cursor: str) -> None:
    try:
        millis, item_id = decode(cursor)
    except BadCursor:
        return
    assert type(millis) is int and 0 <= millis <= MAX_MILLIS
    assert "\x00" not in item_id
    item_id.encode("utf-8")


@pytest.mark.parametrize(
    "cursor",
    [
        encode(2**63, "x"),
        encode(-1, "x"),
        encode(MAX_MILLIS + 1, "x"),
        _b64(b'[1,"\\ud800"]'),
        _b64(b'[1,"a\\u0000"]'),
        _b64(b"[" * 600 + b"]" * 600),
        "A" * (MAX_CURSOR_CHARS + 1),
        encode(1, "x") + "=",
        "ñ",
        "",
    ],
)
def test_forgeries_are_refused(cursor: str) -> None:
    with pytest.raises(BadCursor):
        decode(cursor)
