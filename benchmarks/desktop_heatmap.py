"""The supervisor's heat-map tab on the UI thread (offscreen, in this process).

- repaint: the map of 50 rows × 96 quarter-hour columns (a day by agent), painted
  synchronously (``repaint``) at the size that holds every row; also the paint after a
  refresh that changed every figure (the model's update, the colours worked out again,
  and the paint). Target: under 8 ms.
- drill-down: the conversations behind a cell, 500 of them (the figures of a report
  row each, as the hub answers), put in the drill-down's model and laid out by its
  table (columns sized to their contents) and painted. Target: under 200 ms.

Each several times: median and worst.

    python -m benchmarks.desktop_heatmap            # 20 repaints, 7 drill-downs
    python -m benchmarks.desktop_heatmap --quick
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from typing import Any

from benchmarks.report import Figure, print_table

PAINT_TARGET_MS = 8.0
DRILL_TARGET_MS = 200.0
ROWS, COLUMNS, CONVERSATIONS = 50, 96, 500


def _map(rng: random.Random, start: int) -> dict[str, Any]:
    from wa_desk.core.clock import to_rfc3339

    return {
        "metric": "volume",
        "unit": "messages",
        "rows": [{"id": f"u{i}", "name": f"Agente {i:02d} Pérez"} for i in range(ROWS)],
        "columns": [to_rfc3339(start + c * 900_000) for c in range(COLUMNS)],
        "cells": [
            [None if rng.random() < 0.05 else rng.randint(0, 40) for _ in range(COLUMNS)]
            for _ in range(ROWS)
        ],
    }


def _conversation(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "id": f"c{n:06d}",
        "queue": rng.choice(["ventas", "soporte", "facturación"]),
        "state": rng.choice(["queued", "assigned", "closed"]),
        "opened_at": "2026-12-05T09:15:00.000Z",
        "closed_at": None,
        "agents": [f"Agente {rng.randint(0, 49):02d}"],
        "first_response_ms": rng.randint(10_000, 900_000),
        "resolution_ms": rng.choice([None, rng.randint(60_000, 9_000_000)]),
        "handle_ms": rng.randint(0, 3_000_000),
        "sla_breached": rng.randint(0, 2),
        "abandoned": rng.randint(0, 1),
        "transfers": rng.randint(0, 2),
    }


def _summary(name: str, values: list[float], target: float) -> list[Figure]:
    return [
        Figure(name, "median", statistics.median(values), "ms", target, "target", "lower"),
        Figure(name, "worst", max(values), "ms", target, "target", "lower"),
    ]


def run(repaints: int, drills: int) -> list[Figure]:
    from benchmarks.desktop_window import qapp, settle
    from wa_desk.core.clock import now_ms
    from wa_desk.core.heatmap import HeatmapRows
    from wa_desk.ui.supervisor.heatmap_panel import HeatmapPanel
    from wa_desk.ui.supervisor.heatmap_range import HeatmapRange, request_for

    qapp()
    rng = random.Random(7)
    request = request_for(HeatmapRange.DAY, now_ms())
    panel = HeatmapPanel()
    panel.resize(1600, 1000)
    panel.show()
    settle()
    view = panel.map_view
    panel.show_map(_map(rng, request.start), HeatmapRows.AGENT, request)
    view.setFixedHeight(view.minimumSizeHint().height())  # every row on screen
    settle()
    figures: list[Figure] = []

    paints = []
    for _ in range(repaints):
        started = time.perf_counter()
        view.repaint()
        paints.append((time.perf_counter() - started) * 1000)
    figures += _summary(f"heat-map repaint ({ROWS}×{COLUMNS})", paints, PAINT_TARGET_MS)

    refreshes = []
    for _ in range(repaints):
        answer = _map(rng, request.start)
        started = time.perf_counter()
        panel.show_map(answer, HeatmapRows.AGENT, request)
        view.repaint()
        refreshes.append((time.perf_counter() - started) * 1000)
    figures += _summary("heat-map refresh + repaint", refreshes, PAINT_TARGET_MS)

    opens = []
    for _ in range(drills):
        items = [_conversation(rng, n) for n in range(CONVERSATIONS)]
        panel.drilldown_model.clear()
        settle()
        started = time.perf_counter()
        panel.drilldown_model.show_first(items, None)
        settle()
        panel.conversations.repaint()
        opens.append((time.perf_counter() - started) * 1000)
    figures += _summary(f"drill-down ({CONVERSATIONS} conversations)", opens, DRILL_TARGET_MS)
    shown = panel.drilldown_model.rowCount()
    figures.append(Figure("drill-down", "rows in the model", shown, "", CONVERSATIONS, "", "equal"))
    panel.close()
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer rounds")
    args = p.parse_args()
    figures = run(5 if args.quick else 20, 3 if args.quick else 7)
    print_table("Supervisor heat-map (desktop)", figures)
    return 0 if all(f.met() is not False for f in figures if f.better == "equal") else 1


if __name__ == "__main__":
    sys.exit(main())
