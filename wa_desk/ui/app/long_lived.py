"""Python's full garbage collections kept off the event loop's back.

A full (generation 2) collection walks every object the process holds, with the event
loop stopped: once the app has loaded its modules, Qt's wrappers, the inbox and a
supervisor's board, one walk took 46.5 ms during a burst of 500 messages a second
(``benchmarks.desktop_stream``), three frames in which nothing is painted and no key
is answered. What exists once the app has started lives as long as the app does, so it
is moved out of the collector's sight (``gc.freeze``, which costs nothing): later full
collections walk only what came after. Objects moved there are still freed when nothing
refers to them; only a reference cycle among them would now stay until the app ends.

Only the app's own process does it (``wa-desk`` calls :func:`enable`): a process that
starts many apps one after another, as the tests do, would keep each one's cycles.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)


class _Switch:
    on = False


def enable() -> None:
    """This process runs one app until it ends: freeze at its milestones from now on."""
    _Switch.on = True


def freeze_long_lived(after: str) -> None:
    """Everything alive now is taken as long-lived (``after``: the milestone, logged)."""
    if not _Switch.on:
        return
    gc.freeze()
    log.debug("after %s, %d objects are left out of full collections", after, gc.get_freeze_count())
