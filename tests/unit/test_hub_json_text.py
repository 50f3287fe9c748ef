"""Store-side JSON: anything a webhook may carry can be encoded."""

from __future__ import annotations

import orjson

from wa_desk.hub.db.json_text import CLIPPED, clip_depth, dumps


def _nested(depth: int) -> object:
    value: object = "bottom"
    for i in range(depth):
        value = {"k": value} if i % 2 else [value]
    return value


def test_ordinary_values_are_encoded_as_they_are() -> None:
    value = {"text": {"body": "¡Hola! 👋"}, "n": [1, 2.5, None, True]}
    assert orjson.loads(dumps(value)) == value


def test_values_deeper_than_orjson_writes_are_clipped_not_refused() -> None:
    for depth in (300, 1000, 5000):
        decoded = orjson.loads(dumps(_nested(depth)))
        level = 0
        while isinstance(decoded, dict | list):
            decoded = decoded["k"] if isinstance(decoded, dict) else decoded[0]
            level += 1
        assert decoded == CLIPPED
        assert level == 64


def test_clipping_keeps_shallow_parts_and_siblings() -> None:
    value = {"a": 1, "deep": _nested(10), "list": [1, {"b": 2}]}
    assert clip_depth(value, 3) == {"a": 1, "deep": {"k": [CLIPPED]}, "list": [1, {"b": 2}]}
