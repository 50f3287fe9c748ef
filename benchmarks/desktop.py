"""``python -m benchmarks.desktop``: the desktop app's four benchmarks, then their tables.

Cold start from a 10,000-conversation / 100,000-message cache (fresh processes),
inbox search and view switches over 10,000 rows, opening a 10,000-message
conversation, and 500 incoming messages a second from the live stream. The cache is
built once (about 20 s) and kept in the temp dir. ``--quick`` uses a 2,000-conversation
cache, fewer rounds and a 3 s stream. The stream runs three times, each in its own
process: with the agent's inbox shown, then signed in as a supervisor with the
wallboard shown and with the alerts shown (``--view supervisor``: the board's rows and
alerts stream too), compared with the agent's. Each also runs alone:
``python -m benchmarks.desktop_start --help`` (and ``desktop_inbox``, ``desktop_open``,
``desktop_stream``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from benchmarks.report import Figure, print_table


def _in_own_process(module: str, quick: bool, *extra: str) -> int:
    """Each in-process benchmark gets a fresh interpreter: one QApplication each, and
    no benchmark inherits another's heap."""
    args = [sys.executable, "-m", module, *(["--quick"] if quick else []), *extra]
    return subprocess.run(args, check=False).returncode


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smaller cache, shorter runs")
    args = p.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    from benchmarks import desktop_start

    start: list[Figure] = desktop_start.run(args.quick, rounds=3 if args.quick else 5)
    print_table("Desktop cold start", start)
    codes = [
        _in_own_process(f"benchmarks.{m}", args.quick) for m in ("desktop_inbox", "desktop_open")
    ]
    codes.append(_in_own_process("benchmarks.desktop_stream", args.quick, "--view", "supervisor"))
    print(f"\n(all desktop benchmarks: {time.perf_counter() - started:.0f} s)")
    return max(codes, default=0)


if __name__ == "__main__":
    sys.exit(main())
