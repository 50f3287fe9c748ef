"""Start of the frozen desktop app: launch of the executable to its main window shown.

The parent reads ``time.perf_counter`` (CLOCK_MONOTONIC) just before it spawns
``wa-desk --smoke-test`` of a built tree and again when the child prints "main window
shown": the bootloader, the unpacked libraries, the interpreter, the imports, the
stand-in hub on loopback, the sign-in and the window are all counted. One warm-up start
fills the OS file cache; the next ``--rounds`` are measured. Also printed: the tree's
size on disk against its budget, and the Qt libraries it ships.

    make bundle && python -m benchmarks.frozen_start dist/wa-desk
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.report import Figure, print_table
from benchmarks.stats import percentile

TARGET_S = 1.0
BUDGET_MB = 120.0  # decimal megabytes, as a download page counts them
SHOWN = "smoke test: main window shown"


def one_start(executable: Path) -> float:
    """Seconds from spawning the app to its "main window shown" line."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    spawned = time.perf_counter()
    child = subprocess.Popen(
        [str(executable), "--smoke-test", "--keyring", "memory"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    shown = None
    for line in child.stdout:
        if line.startswith(SHOWN) and shown is None:
            shown = time.perf_counter()
    _out, err = child.communicate(timeout=60)
    if child.returncode != 0 or shown is None:
        raise RuntimeError(f"the frozen app's smoke test failed ({child.returncode}):\n{err}")
    return shown - spawned


def tree_size(tree: Path) -> int:
    return sum(p.stat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink())


def qt_libraries(tree: Path) -> list[str]:
    pattern = re.compile(
        r"^(?:lib)?Qt6([A-Za-z0-9]+)(?:\.so.*|\.dll|\.dylib)$|^Qt(\w+)\.framework$"
    )
    found = set()
    for path in tree.rglob("*"):
        if match := pattern.match(path.name):
            found.add(match.group(1) or match.group(2))
    return sorted(found)


def run(tree: Path, rounds: int = 5) -> list[Figure]:
    executable = tree / ("wa-desk.exe" if sys.platform == "win32" else "wa-desk")
    times = []
    for n in range(rounds + 1):
        seconds = one_start(executable)
        print(f"  start {n}: {seconds * 1000:.0f} ms" + (" (warm-up)" if n == 0 else ""))
        if n > 0:
            times.append(seconds)
    times.sort()
    name = "frozen start to main window"
    size = tree_size(tree)
    libraries = qt_libraries(tree)
    print(f"  Qt libraries shipped ({len(libraries)}): {', '.join(libraries)}")
    return [
        Figure(
            name,
            f"median of {len(times)}",
            percentile(times, 50) * 1000,
            "ms",
            TARGET_S * 1000,
            better="lower",
        ),
        Figure(name, "worst", times[-1] * 1000, "ms", TARGET_S * 1000, better="lower"),
        Figure(name, "best", times[0] * 1000, "ms"),
        Figure("frozen tree", "size on disk", size / 1e6, "MB", BUDGET_MB, better="lower"),
        Figure("frozen tree", "Qt libraries shipped", float(len(libraries)), ""),
    ]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("tree", type=Path, nargs="?", default=Path("dist/wa-desk"))
    p.add_argument("--rounds", type=int, default=5, help="measured starts (5)")
    args = p.parse_args()
    print_table("Frozen desktop app", run(args.tree, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
