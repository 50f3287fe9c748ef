"""The action log's hash chain (DESIGN.md, "Action-log event").

Each event's ``hash`` is the lowercase hex SHA-256 of the canonical JSON of the event
without its ``hash`` field; ``prev`` is the hash of the device's previous event (64 zeros
for seq 1). Altering, dropping or reordering any event breaks the chain after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wa_desk.core.canonical_json import canonical_json, sha256_hex

GENESIS = "0" * 64


def event_hash(event: dict[str, Any]) -> str:
    return sha256_hex(canonical_json({k: v for k, v in event.items() if k != "hash"}))


def seal(event: dict[str, Any], prev: str) -> dict[str, Any]:
    """The event with its ``prev`` and ``hash`` set."""
    linked = {k: v for k, v in event.items() if k != "hash"}
    linked["prev"] = prev
    linked["hash"] = event_hash(linked)
    return linked


@dataclass(frozen=True, slots=True)
class ChainProblem:
    device: str
    seq: int
    problem: str  # "gap", "fork" (prev does not link), "altered" (hash does not match)


def verify(events: list[dict[str, Any]], prev: str = GENESIS, start: int = 1) -> list[ChainProblem]:
    """Problems in one device's events, given in seq order from ``start``."""
    problems: list[ChainProblem] = []
    expected_seq = start
    for event in events:
        device, seq = str(event.get("device")), int(event.get("seq", -1))
        if seq != expected_seq:
            problems.append(ChainProblem(device, seq, "gap"))
        if event.get("prev") != prev:
            problems.append(ChainProblem(device, seq, "fork"))
        if event.get("hash") != event_hash(event):
            problems.append(ChainProblem(device, seq, "altered"))
        prev, expected_seq = str(event.get("hash")), seq + 1
    return problems
