"""An audit event's ``data``: how deeply it nests and how large it is, at intake and when
a stored one is read back.

A chain cannot be edited, so a row is read back whatever it holds: one stored before the
intake capped ``data`` (nested hundreds of levels, megabytes, or not JSON at all) is shown
as ``None`` with the problem named, never as a failure of the page or the export that
meets it. The stored text stays as it is; ``audit verify`` still checks its hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import orjson

# What a reader still parses and shows. orjson writes at most 254 levels, and a page
# nests an event's data a few levels down; legitimate data is a handful of levels and a
# few hundred bytes. The intake's caps (``[intake]``) may not exceed these.
READ_MAX_DEPTH = 64
READ_MAX_BYTES = 262_144


# The ``data`` column as readers select it: a row too large to show is not even loaded
# (NULL; the column itself is never NULL).
DATA_COLUMN = f"CASE WHEN LENGTH(data) > {READ_MAX_BYTES} THEN NULL ELSE data END AS data"


class DataProblem(StrEnum):
    NOT_JSON = "not_json"
    TOO_DEEP = "too_deep"
    TOO_LARGE = "too_large"


@dataclass(frozen=True, slots=True)
class StoredData:
    value: Any  # None when there is a problem
    problem: DataProblem | None


def depth(value: Any, stop_above: int) -> int:
    """How many containers deep ``value`` nests (a scalar 0, ``{}`` 1), counted no
    further than ``stop_above + 1``; iterative, so any depth is measured safely."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if not isinstance(item, dict | list):
            continue
        level += 1
        if level > deepest:
            deepest = level
            if deepest > stop_above:
                return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, level) for child in children)
    return deepest


def read_stored(text: str | None) -> StoredData:
    """A stored ``data`` column (as ``DATA_COLUMN`` selects it) as a value, or the reason
    it is not shown."""
    # A character is at least one byte: the cheap tests first.
    if text is None or len(text) > READ_MAX_BYTES or len(text.encode("utf-8")) > READ_MAX_BYTES:
        return StoredData(None, DataProblem.TOO_LARGE)
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:  # includes orjson's own 1024-level limit
        return StoredData(None, DataProblem.NOT_JSON)
    if depth(value, READ_MAX_DEPTH) > READ_MAX_DEPTH:
        return StoredData(None, DataProblem.TOO_DEEP)
    return StoredData(value, None)
