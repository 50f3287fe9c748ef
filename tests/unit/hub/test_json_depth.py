"""The depth scan agrees with a parser on every JSON text, whatever its strings hold."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wa_desk.hub.json_depth import nests_deeper_than

# Strings full of what could fool a scan: quotes, backslashes, brackets.
TRICKY = st.text(alphabet='[]{}"\\\\,:ab \n\u00e9\u2028', max_size=12)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TRICKY,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TRICKY, inner, max_size=4),
    max_leaves=60,
)


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


def nested(levels: int, leaf: Any = 0) -> Any:
    value = leaf
    for level in range(levels):
        value = [value] if level % 2 else {"k": value}
    return value


@settings(max_examples=400)
@given(VALUES, st.booleans(), st.integers(min_value=0, max_value=8))
def test_agrees_with_the_parser(value: Any, ascii_only: bool, limit: int) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert nests_deeper_than(text, limit) == (depth(value) > limit)


@given(st.integers(min_value=0, max_value=80), st.integers(min_value=1, max_value=40), TRICKY)
def test_deep_and_wide_bodies(levels: int, limit: int, leaf: str) -> None:
    wide = [nested(levels, leaf), [nested(levels // 2, leaf)] * 3, {"x": leaf}]
    text = json.dumps(wide, indent=1).encode()
    assert nests_deeper_than(text, limit) == (depth(wide) > limit)


def test_a_300_deep_body_and_brackets_in_strings() -> None:
    assert nests_deeper_than(json.dumps(nested(300)).encode(), 32)
    assert not nests_deeper_than(json.dumps(nested(32)).encode(), 32)
    assert nests_deeper_than(json.dumps(nested(33)).encode(), 32)
    assert not nests_deeper_than(json.dumps({"t": "[{" * 500 + '\\"' * 9}).encode(), 32)
