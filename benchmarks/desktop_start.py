"""Cold start of the desktop app from a large cache, in a fresh process, offline.

The child process runs the real entry point (``entry.run_desktop``: crash handler,
settings upgrade, translations, theme, ``DesktopApp``) with a preset session for a hub
that refuses connections, so the inbox comes from the local store alone: the start of
an agent whose network is down. ``DesktopApp.start`` is wrapped only to note the time
and, once the window is shown, to post a zero timer: when it fires, every event queued
by the start has been handled and the loop is idle. "Interactive" is the later of that
and the inbox list's first paint (an event filter on its viewport). The clock
is ``time.perf_counter`` (CLOCK_MONOTONIC, shared by all processes), read by the parent
just before it spawns the child, so interpreter start-up and imports are counted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.report import Figure, print_table

TARGET_S = 1.5
TARGET_RSS_MB = 300.0


def _child(spawned_at: float) -> None:
    """Runs in the fresh process; prints one JSON line with its timings."""
    top = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer

    from benchmarks.desktop_data import HUB_URL, USER
    from wa_desk.ui.app import entry
    from wa_desk.ui.app.desktop_app import DesktopApp, SignedIn

    imported = time.perf_counter()
    marks: dict[str, Any] = {"spawned": spawned_at, "python": top, "imported": imported}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in marks:
                marks["painted"] = time.perf_counter()
            return False

    class Probe(DesktopApp):
        async def start(self) -> bool:
            marks["start"] = time.perf_counter()
            ok = await super().start()
            marks["shown"] = time.perf_counter()
            assert self.window is not None
            marks["rows"] = self.window.inbox_view.model.rowCount()
            QTimer.singleShot(0, self._idle)
            return ok

        def _idle(self) -> None:
            marks.setdefault("idle", time.perf_counter())
            if "painted" not in marks:  # not drawn yet: wait for the paint, then idle again
                QTimer.singleShot(5, self._idle)
                return
            marks["interactive"] = max(marks["idle"], marks["painted"])
            marks["rss_kb"] = _rss_kb()
            self._finish()

    paint = FirstPaint()
    original_open = DesktopApp._open

    async def watched_open(self: DesktopApp, signed: SignedIn) -> None:
        await original_open(self, signed)
        if self.window is not None:
            self.window.inbox_view.list.viewport().installEventFilter(paint)

    Probe._open = watched_open  # type: ignore[method-assign]
    entry.DesktopApp = Probe  # type: ignore[misc]
    code = entry.run_desktop(SignedIn(HUB_URL, "offline-token", dict(USER)))
    marks["exit"] = code
    print(json.dumps(marks), flush=True)


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def one_start(data_home: Path, config_home: Path, pycache: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(data_home),
        "XDG_CONFIG_HOME": str(config_home),
        # An installed app starts from bytecode: let the warm-up start write it (outside
        # the tree) even where the environment asks Python not to.
        "PYTHONPYCACHEPREFIX": str(pycache),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    spawned = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.desktop_start", "--child", repr(spawned)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"the app did not start:\n{done.stdout}\n{done.stderr}")
    marks: dict[str, Any] = json.loads(lines[-1])
    return marks


def run(quick: bool = False, rounds: int = 5) -> list[Figure]:
    from benchmarks.desktop_data import CACHE_DIR, FULL, QUICK, install_copy

    sizes = QUICK if quick else FULL
    results = []
    with tempfile.TemporaryDirectory(prefix="wa-desk-start-") as tmp:
        data_home, config_home = Path(tmp) / "data", Path(tmp) / "config"
        for n in range(rounds + 1):
            install_copy(sizes, data_home)  # a fresh copy: every start sees the same file
            marks = one_start(data_home, config_home, CACHE_DIR / "pycache")
            if n > 0:  # the first start warms the OS file cache and writes bytecode
                results.append(marks)
            print(f"  start {n}: {_summary(marks)}", file=sys.stderr)
    results.sort(key=lambda m: m["interactive"] - m["spawned"])
    median = results[len(results) // 2]

    def since_spawn(mark: str) -> float:
        return (median[mark] - median["spawned"]) * 1000

    name = f"cold start ({sizes.conversations:,} conv, {sizes.messages:,} msgs)"
    return [
        Figure(name, "interpreter up", since_spawn("python"), "ms"),
        Figure(name, "imports done", since_spawn("imported"), "ms"),
        Figure(name, "window shown (inbox filled)", since_spawn("shown"), "ms"),
        Figure(name, "loop idle after show", since_spawn("idle"), "ms"),
        Figure(name, "first paint of the inbox", since_spawn("painted"), "ms"),
        Figure(
            name,
            f"to interactive, median of {len(results)}",
            since_spawn("interactive"),
            "ms",
            TARGET_S * 1000,
            better="lower",
        ),
        Figure(
            name,
            "to interactive, worst",
            max((m["interactive"] - m["spawned"]) * 1000 for m in results),
            "ms",
        ),
        Figure(name, "inbox rows shown", float(median["rows"]), ""),
        Figure(name, "resident memory", median["rss_kb"] / 1024, "MB", TARGET_RSS_MB, "", "lower"),
    ]


def _summary(marks: dict[str, Any]) -> str:
    return (
        ", ".join(
            f"{k} {(marks[k] - marks['spawned']) * 1000:.0f} ms"
            for k in ("python", "imported", "shown", "idle", "painted")
            if k in marks
        )
        + f", rss {marks.get('rss_kb', 0) / 1024:.0f} MB"
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a smaller cache")
    p.add_argument("--rounds", type=int, default=5, help="measured starts (5)")
    p.add_argument("--child", metavar="SPAWNED_AT", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        _child(float(args.child))
        return 0
    print_table("Desktop cold start", run(args.quick, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
