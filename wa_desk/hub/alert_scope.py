"""Which alerts one write of an alert pass decides, and the writes a pass's changes take.

A pass that found many changes in its read snapshot writes them a few at a time. Each
write makes the pass again, but only for the alerts its share of the changes is about (a
:class:`Scope`): their kinds and subjects, read afresh in the write, so that a change made
between the read and the write is neither lost nor doubled, and a write costs what its few
alerts cost, not what a thousand waiting customers cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wa_desk.core.alert_kinds import AlertKind

AlertKey = tuple[str, str]  # (kind, subject): one unresolved alert at most per key

# Kinds whose subject is a conversation: decided by that conversation's wait alone.
CONVERSATION_KINDS = frozenset(
    {
        AlertKind.SLA_AT_RISK,
        AlertKind.SLA_BREACHED,
        AlertKind.UNANSWERED_STREAK,
        AlertKind.WINDOW_CLOSING,
        AlertKind.REPEAT_CONTACT,
    }
)
QUEUE_KINDS = frozenset({AlertKind.QUEUE_BACKLOG})  # every customer waiting in the queue
AGENT_KINDS = frozenset({AlertKind.AGENT_WAITING})  # every customer waiting on the agent


@dataclass(frozen=True, slots=True)
class Scope:
    """The alerts a write decides: these keys, and these groups of failed sends (by id)."""

    keys: frozenset[AlertKey]
    failure_groups: frozenset[int] = frozenset()

    def subjects(self, kinds: Iterable[str]) -> frozenset[str]:
        wanted = set(kinds)
        return frozenset(subject for kind, subject in self.keys if kind in wanted)

    def decides(self, kind: str) -> bool:
        return any(k == kind for k, _ in self.keys)

    @property
    def conversations(self) -> frozenset[str]:
        return self.subjects(CONVERSATION_KINDS)

    @property
    def queues(self) -> frozenset[str]:
        return self.subjects(QUEUE_KINDS)

    @property
    def agents(self) -> frozenset[str]:
        return self.subjects(AGENT_KINDS)


def _costly(key: AlertKey) -> bool:
    """A key whose write reads more than one conversation's wait (a queue's, an agent's)."""
    return key[0] not in CONVERSATION_KINDS


def writes(keys: Iterable[AlertKey], failure_groups: Iterable[int], size: int) -> list[Scope]:
    """The changes a read found, ``size`` to a write. Keys about a queue or an agent go
    first, together, so that one write of a pass reads their customers, not every one."""
    ordered = sorted(dict.fromkeys(keys), key=lambda k: not _costly(k))
    items: list[AlertKey | int] = [*ordered, *dict.fromkeys(failure_groups)]
    scopes = []
    for start in range(0, len(items), size):
        share = items[start : start + size]
        scopes.append(
            Scope(
                frozenset(k for k in share if isinstance(k, tuple)),
                frozenset(k for k in share if isinstance(k, int)),
            )
        )
    return scopes
