"""How simulated colleagues work: how fast they pick up, read and type, how long they
talk before closing, how often they hand over, and whether they go quiet for a while.

Delays are seconds of real time (before the simulator's time scale). The three of a
demo team are made so that the supervisor's screens move on their own: one answers
fast, one slowly, and one goes quiet now and then, so waits grow, service levels come
under risk and alerts are raised without anyone staging them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

Span = tuple[float, float]  # seconds: drawn uniformly between the two


class Quiet(StrEnum):
    """How a colleague goes quiet: still shown available but answering nobody (what
    supervisors find hardest to see), or away."""

    SILENT = "silent"
    AWAY = "away"


@dataclass(frozen=True, slots=True)
class Personality:
    name: str
    pickup: Span  # from noticing a waiting conversation to claiming it
    reading: Span  # reading the customer before typing
    chars_per_second: float  # typing speed
    answers: tuple[int, int]  # how many answers before closing, at least and at most
    close_after: Span  # the customer's silence after the last answer before closing
    transfer_share: float  # chance of handing a conversation to a colleague
    quiet_every: Span | None = None  # works this long, then goes quiet
    quiet_for: Span = (0.0, 0.0)
    quiet_ways: tuple[Quiet, ...] = (Quiet.SILENT, Quiet.AWAY)  # in turn, spell by spell


FAST = Personality(
    "fast",
    pickup=(3, 12),
    reading=(2, 6),
    chars_per_second=9.0,
    answers=(1, 3),
    close_after=(20, 60),
    transfer_share=0.05,
)
SLOW = Personality(
    "slow",
    pickup=(40, 150),
    reading=(10, 30),
    chars_per_second=3.0,
    answers=(2, 4),
    close_after=(60, 180),
    transfer_share=0.12,
)
QUIET = Personality(
    "quiet",
    pickup=(10, 40),
    reading=(5, 15),
    chars_per_second=5.0,
    answers=(1, 3),
    close_after=(30, 120),
    transfer_share=0.05,
    quiet_every=(180, 420),
    quiet_for=(300, 900),
)
PERSONALITIES: dict[str, Personality] = {p.name: p for p in (FAST, SLOW, QUIET)}
TEAM_ORDER: tuple[Personality, ...] = (FAST, SLOW, QUIET)  # the n-th colleague's, in turn
