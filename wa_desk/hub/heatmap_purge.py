"""What a retention purge removes of the heat-maps' aggregates (docs/kpis.md, "Heat-maps",
"Retention").

The aggregates go by the **edge**: the first whole UTC hour at or after the cutoff. A
15-minute or an hourly row is either wholly before it or wholly after, so every layout
(15 minutes, hours, weekday × hour) loses the same facts, and the conversations retention
purges (closed before the cutoff) have no fact at or after it. What is kept is exactly
what a map from the edge on reads, so such a map is the same before and after a purge:

- Counts, clocks and abandons of buckets before the edge go, and so do the waits that
  stopped before it. The ``waiting`` level at a column's end is the level now less the
  changes of the buckets from that end on (heat-maps never read an older change), so
  the changes before the edge go without moving the level at any end from the edge on;
  ``heatmap_waiting_now`` is untouched (a closed conversation waits on nobody).
- Every row of a purged conversation goes, whatever its bucket, with its standing.
- An abandon before the edge stays while it belongs to the unanswered period a
  conversation is still in: the upkeep reads it on the next reply, message or close
  (without it a late reply would be judged against the target, and a new message would
  start a second abandon of the same period).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from wa_desk.core.clock import Millis
from wa_desk.core.heatmap import HOUR_MS, ClockKind, HeatmapMetric


def edge_of(cutoff: Millis) -> Millis:
    """The first whole UTC hour at or after ``cutoff``: the aggregates before it go."""
    return -(-cutoff // HOUR_MS) * HOUR_MS


Bind = Literal["edge", "purged"]
Part = tuple[str, tuple[Bind, ...]]  # a condition, and what its placeholders are bound to


@dataclass(frozen=True, slots=True)
class Deletion:
    """The rows of ``table`` matching any of ``parts``: in each part's condition, each
    ``?`` is the edge and each ``{purged}`` the query of the purged conversations, in the
    order its binds name them. Deleted part by part, each through its own index (one
    condition joined with OR would read the whole table)."""

    table: str
    parts: tuple[Part, ...]

    def bound(
        self, cutoff: Millis, purged_sql: str, purged_params: tuple[object, ...]
    ) -> list[tuple[str, tuple[object, ...]]]:
        """Each part's condition as SQL, and its parameters."""
        out: list[tuple[str, tuple[object, ...]]] = []
        for where, binds in self.parts:
            params: list[object] = []
            for bind in binds:
                params += [edge_of(cutoff)] if bind == "edge" else purged_params
            out.append((where.format(purged=purged_sql), tuple(params)))
        return out


def _of_kinds(column: str, kinds: type[StrEnum]) -> str:
    """``column`` is one of ``kinds``: with it, ``bucket < ?`` reads a range of the index
    that leads with ``column`` (alone, it would read the whole table)."""
    return f"{column} IN ({', '.join(repr(k.value) for k in kinds)})"


_OF_PURGED: Part = ("conversation_id IN ({purged})", ("purged",))
_BEFORE_EDGE: Part = (f"{_of_kinds('metric', HeatmapMetric)} AND bucket < ?", ("edge",))
_CLOCK_BEFORE_EDGE: Part = (f"{_of_kinds('clock', ClockKind)} AND bucket < ?", ("edge",))
# An abandon whose period is the unanswered one its conversation is in.
_PENDING = (
    "EXISTS (SELECT 1 FROM heatmap_conversations h "
    "WHERE h.conversation_id = heatmap_abandons.conversation_id "
    "AND h.period_start = heatmap_abandons.period_start AND h.answered = 0)"
)

# In this order: an abandon's standing is read before the standings go.
DELETIONS: tuple[Deletion, ...] = (
    Deletion("heatmap_counts", (_BEFORE_EDGE,)),
    Deletion("heatmap_hourly_counts", (_BEFORE_EDGE,)),
    Deletion("heatmap_conversation_counts", (_BEFORE_EDGE, _OF_PURGED)),
    Deletion("heatmap_clocks", (_CLOCK_BEFORE_EDGE, _OF_PURGED)),
    Deletion("heatmap_waits", (("stopped_at < ?", ("edge",)), _OF_PURGED)),
    Deletion("heatmap_abandons", ((f"bucket < ? AND NOT {_PENDING}", ("edge",)), _OF_PURGED)),
    Deletion("heatmap_conversations", (_OF_PURGED,)),
)
