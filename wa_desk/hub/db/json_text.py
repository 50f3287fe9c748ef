"""JSON as the store keeps it: encodable whatever a webhook delivered.

orjson reads up to 1024 levels of nesting but writes only 254, so a hostile but valid
body could be parsed and then fail to store (a 500, redelivered for days). Values nested
deeper than ``MAX_DEPTH`` keep their shallow part; deeper parts become a marker string.
"""

from __future__ import annotations

from typing import Any

import orjson

MAX_DEPTH = 64  # real Cloud API payloads are under 10 levels deep
CLIPPED = "[nested too deeply: not stored]"


def dumps(value: Any) -> str:
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return orjson.dumps(clip_depth(value)).decode()


def clip_depth(value: Any, max_depth: int = MAX_DEPTH) -> Any:
    """A copy of ``value`` with containers below ``max_depth`` replaced by ``CLIPPED``."""
    root: list[Any] = [None]
    # (source, parent container, key in parent, depth); iterative: no recursion limit.
    stack: list[tuple[Any, Any, Any, int]] = [(value, root, 0, 0)]
    while stack:
        source, parent, key, depth = stack.pop()
        if isinstance(source, dict | list):
            if depth >= max_depth:
                parent[key] = CLIPPED
                continue
            if isinstance(source, dict):
                copy: dict[Any, Any] | list[Any] = {}
                for k, v in source.items():
                    stack.append((v, copy, k, depth + 1))
            else:
                copy = [None] * len(source)
                for i, v in enumerate(source):
                    stack.append((v, copy, i, depth + 1))
            parent[key] = copy
        else:
            parent[key] = source
    return root[0]
