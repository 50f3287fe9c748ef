"""What one source of managed settings says, and how several sources combine (no Qt).

Sources, from the strongest: the operating system's policy (Windows Group Policy in the
registry, macOS configuration profiles), then the ``managed.toml`` file. For each
setting, a locked value beats a default the user may change, wherever each comes from;
between two values of the same kind, the policy beats the file. So a Group Policy locks
over the file's lock, and the file's lock beats a value Group Policy only recommends.
What loses is logged (not a problem: moving from the file to Group Policy leaves both
for a while), and a source that cannot be used at all is ignored as a whole, with the
reason among the problems.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# The settings a policy (registry, configuration profile) can set, with the Python type
# each reads as: the names and meanings of managed.toml, and of the desktop's
# ``MANAGED_NAMES``, which also checks the values themselves (choices, ranges).
HUB_URL = "hub_url"
LANGUAGE = "language"
THEME = "theme"
NOTIFICATIONS = "notifications"
SOUND = "sound"
FONT_SIZE = "font_size"
POLICY_TYPES: Mapping[str, type[object]] = {
    HUB_URL: str,
    LANGUAGE: str,
    THEME: str,
    NOTIFICATIONS: bool,
    SOUND: bool,
    FONT_SIZE: int,
}


@dataclass(frozen=True)
class ManagedFile:
    """What a source says: where it came from, values by name, which names are locked,
    and any problem with it (plain English, for the log and for IT).

    After ``combine``, ``source`` names the sources the values came from and ``origins``
    says, per name, which one it was."""

    source: str = "managed settings"  # the file's path or the policy's place, in messages
    values: Mapping[str, object] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()
    origins: Mapping[str, str] = field(default_factory=dict)


def combine(sources: Sequence[ManagedFile]) -> ManagedFile:
    """One view of ``sources``, given strongest first (see the module's rule)."""
    if len(sources) == 1:
        return sources[0]
    values: dict[str, object] = {}
    locked: set[str] = set()
    origins: dict[str, str] = {}
    for want_locked in (True, False):
        for found in sources:
            for name, value in found.values.items():
                if (name in found.locked) != want_locked:
                    continue
                if name in values:
                    winner = "locks it" if name in locked else "sets it"
                    log.info(
                        "managed settings: %s from %s is ignored: %s %s",
                        name,
                        found.source,
                        origins[name],
                        winner,
                    )
                    continue
                values[name] = value
                origins[name] = found.source
                if want_locked:
                    locked.add(name)
    used = [s.source for s in sources if s.source in origins.values()]
    label = ", ".join(used) if used else (sources[-1].source if sources else "managed settings")
    problems = tuple(p for s in sources for p in s.problems)
    return ManagedFile(label, values, frozenset(locked), problems, origins)
