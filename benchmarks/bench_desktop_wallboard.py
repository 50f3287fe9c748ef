"""The wallboard taking a push, as a supervisor sees it: 10 queues and 50 agents on the
supervisor's page of a shown main window, the agents sorted by the customer waiting on
them, and the stream's ``wallboard.changed`` rows applied as ``WallboardController`` does
(queue rows to the tiles, agent rows to the table), then laid out and painted: each
figure runs Qt's event loop until it is idle, and offscreen that paints what the push
changed (the visible cells and tiles; the sort may move every row). The last figure also
paints the whole window again (``desktop_window.timed`` with the window), which paints
the page twice: for comparison with the other desktop benchmarks, without a target.
As in the app, what exists once the board is shown is left out of Python's full
collections (``ui/app/long_lived.py``).

Figures: a burst of every row at once (what a reconnect or a busy second brings: the
worst case, target < 16 ms, one frame), one agent's row (it moves in the sort), and the
once-a-second tick that moves the running times (a second after a push: only the times
whose words changed are repainted). Each is the median and the worst of ``--repeat``
runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from typing import Any

from benchmarks.report import Figure, print_table

TARGET_MS = 16.0
QUEUES = 10
AGENTS = 50


def _board(now: int, rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from devtools.wallboard_rows import agent_row, queue_row

    names = [f"cola-{i:02d}" for i in range(QUEUES)]
    queues = [
        queue_row(
            q,
            now,
            waiting=rng.randrange(0, 12),
            waiting_since=now - rng.randrange(60, 2400) * 1000,
            at_risk=rng.randrange(0, 3),
            windows_closing=rng.randrange(0, 2),
            sla_percent_today=round(rng.uniform(60, 100), 1),
            first_response_median_today_ms=rng.randrange(30, 900) * 1000,
        )
        for q in names
    ]
    agents = []
    for i in range(AGENTS):
        capacity = rng.randrange(3, 8)
        held = rng.randrange(0, capacity + 2)
        # Times to the second, as they come: each running time turns its minute at its own
        # second, not all at once.
        waiting = now - rng.randrange(60, 1800) * 1000 if rng.random() < 0.4 else None
        agents.append(
            agent_row(
                f"agent-{i:03d}",
                f"Agente {i:03d}",
                now,
                tuple(rng.sample(names, 2)),
                status=rng.choice(("available", "busy", "away", "offline")),
                since=now - rng.randrange(60, 18000) * 1000,
                open=held,
                capacity=capacity,
                load=round(held / capacity, 2),
                handled_today=rng.randrange(0, 30),
                next_response_median_today_ms=rng.randrange(20, 600) * 1000,
                waiting_since=waiting,
            )
        )
    return queues, agents


def run(repeat: int = 30) -> list[Figure]:
    from PySide6.QtCore import QSettings, Qt

    from benchmarks.desktop_window import qapp, settle, timed
    from wa_desk.core.clock import now_ms
    from wa_desk.ui.app import long_lived
    from wa_desk.ui.settings.settings import Settings
    from wa_desk.ui.shell.main_window import MainWindow, WindowPage
    from wa_desk.ui.supervisor.agent_model import AgentColumn

    qapp()
    rng = random.Random(7)
    # A throwaway settings file: Qt saves settings by replacing the file, which must
    # never be a device such as /dev/null.
    scratch = tempfile.TemporaryDirectory(prefix="wadesk-bench-")
    settings = Settings(QSettings(f"{scratch.name}/settings.ini", QSettings.Format.IniFormat))
    clock = [now_ms()]  # the board's clock: a second passes between ticks
    window = MainWindow(settings, clock=lambda: clock[0])
    window.set_user({"id": "lead", "name": "Lucía", "role": "supervisor", "queues": []})
    window.show_work()
    window.show_page(WindowPage.SUPERVISOR)
    window.resize(1280, 800)
    window.show()
    board = window.supervisor_page.wallboard
    now = clock[0]
    queues, agents = _board(now, rng)
    board.show_board({"queues": queues, "agents": agents})
    board.table.sortByColumn(AgentColumn.WAITING, Qt.SortOrder.DescendingOrder)
    settle()
    window.repaint()
    # What the app holds once its first load is done is left out of Python's full
    # collections, as ``wa-desk`` leaves it (``ui/app/long_lived.py``).
    long_lived.enable()
    long_lived.freeze_long_lived("the board shown")

    def apply(rows_q: list[dict[str, Any]], rows_a: list[dict[str, Any]]) -> None:
        board.queues.apply(rows_q)
        board.agents.apply(rows_a)

    burst, one, tick, whole = [], [], [], []
    for step in range(repeat):
        later = clock[0] = now + (step + 1) * 1000
        queues, agents = _board(later, rng)
        burst.append(timed(lambda q=queues, a=agents: apply(q, a)))
        # One agent's customer waits longer: the table, sorted by that wait, moves the row.
        single = dict(agents[step % AGENTS], handled_today=step + 100, customer_waiting_ms=step)
        one.append(timed(lambda r=single: apply([], [r])))
        clock[0] += 1000
        tick.append(timed(board.tick))
        queues, agents = _board(later + 500, rng)
        whole.append(timed(lambda q=queues, a=agents: apply(q, a), window))
    window.close()

    name = f"wallboard ({QUEUES} queues, {AGENTS} agents)"
    figures: list[Figure] = []
    for label, samples in (
        (f"a push of every row ({QUEUES + AGENTS})", burst),
        ("a push of one agent's row", one),
        ("the running times' tick", tick),
    ):
        figures.append(
            Figure(name, f"{label}: median", statistics.median(samples), "ms", better="info")
        )
        figures.append(Figure(name, f"{label}: worst", max(samples), "ms", TARGET_MS, "", "lower"))
    label = "a push of every row, then the whole window painted again"
    figures.append(Figure(name, f"{label}: median", statistics.median(whole), "ms"))
    figures.append(Figure(name, f"{label}: worst", max(whole), "ms"))
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=30, help="runs of each step (30)")
    args = p.parse_args()
    print_table("Desktop wallboard", run(args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
