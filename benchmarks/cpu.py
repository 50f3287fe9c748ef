"""CPU accounting of a process from /proc: time on a CPU, and time runnable but waiting.

On a shared machine the second number says whether a figure was measured while the
process was starved of CPU by others (then it says more about the machine than the code).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CpuSample:
    at: float  # perf_counter
    run_s: float  # on a CPU, all threads
    wait_s: float  # runnable, waiting for a CPU, all threads

    def since(self, earlier: CpuSample) -> CpuUse:
        wall = self.at - earlier.at
        return CpuUse(wall, self.run_s - earlier.run_s, self.wait_s - earlier.wait_s)


@dataclass(frozen=True, slots=True)
class CpuUse:
    wall_s: float
    run_s: float
    wait_s: float

    @property
    def cores(self) -> float:
        """Average CPUs busy with this process."""
        return self.run_s / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def starved(self) -> float:
        """Average threads of this process ready to run but not running (0 = no contention)."""
        return self.wait_s / self.wall_s if self.wall_s > 0 else 0.0


def sample(pid: int | None = None) -> CpuSample:
    """Sum of ``/proc/<pid>/task/*/schedstat`` (this process when ``pid`` is None)."""
    base = Path(f"/proc/{pid or os.getpid()}/task")
    run_ns = wait_ns = 0
    for task in base.iterdir():
        try:
            fields = (task / "schedstat").read_text().split()
        except OSError:
            continue  # the thread ended meanwhile
        run_ns += int(fields[0])
        wait_ns += int(fields[1])
    return CpuSample(time.perf_counter(), run_ns / 1e9, wait_ns / 1e9)


@dataclass(frozen=True, slots=True)
class TreeSample:
    """CPU of a process and of its children, each counted on its own (a PostgreSQL
    server is a postmaster and one process per connection and per background job)."""

    at: float  # perf_counter
    per_pid: dict[int, tuple[float, float]]  # pid -> (run_s, wait_s)

    def since(self, earlier: TreeSample) -> CpuUse:
        """A child started in between counts whole; one ended in between is not seen."""
        run = wait = 0.0
        for pid, (run_s, wait_s) in self.per_pid.items():
            run0, wait0 = earlier.per_pid.get(pid, (0.0, 0.0))
            run += run_s - run0
            wait += wait_s - wait0
        return CpuUse(self.at - earlier.at, run, wait)


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from ``/proc/*/stat``)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        if int(text.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def tree_sample(pid: int) -> TreeSample:
    per_pid: dict[int, tuple[float, float]] = {}
    for each in [pid, *children(pid)]:
        try:
            s = sample(each)
        except OSError:
            continue  # ended meanwhile
        per_pid[each] = (s.run_s, s.wait_s)
    return TreeSample(time.perf_counter(), per_pid)
