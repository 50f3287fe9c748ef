"""Inbox search and view switches over a 10,000-row inbox, as the agent sees them.

Search is what ``DesktopApp`` does when the search box settles: the store's full-text
search (names, numbers, message text) for up to 500 conversation ids, then the inbox
proxy filtered by the text and those ids, laid out and painted. View switches change
the proxy's view (mine / queue / all) and repaint. Each figure is the median and the
worst of ``--repeat`` runs of each query or switch; the target is for the worst case.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from benchmarks.report import Figure, print_table

TARGET_MS = 50.0
BATCH = 250
QUERIES = {
    "a name": "lucía",
    "a common word": "factura",
    "two words": "pedido urgente",
    "a phone number": "600 004 321",
    "no match": "zzzzqq",
}


def run(quick: bool = False, repeat: int = 7, batched: bool = False) -> list[Figure]:
    from benchmarks.desktop_data import FULL, QUICK
    from benchmarks.desktop_window import desk, timed

    sizes = QUICK if quick else FULL
    name = f"inbox ({sizes.conversations:,} rows)"
    figures: list[Figure] = []
    with desk(sizes, inbox_rows=sizes.conversations) as d:
        store, window = d.store, d.window
        proxy = window.inbox_view.filter
        assert window.inbox_view.model.rowCount() == sizes.conversations
        if batched:
            from PySide6.QtWidgets import QListView

            window.inbox_view.list.setLayoutMode(QListView.LayoutMode.Batched)
            window.inbox_view.list.setBatchSize(BATCH)
            name += " batched layout"

        def worst(label: str, samples: list[float], extra: str = "") -> None:
            figures.append(
                Figure(name, f"{label}: median", statistics.median(samples), "ms", better="info")
            )
            figures.append(
                Figure(name, f"{label}: worst{extra}", max(samples), "ms", TARGET_MS, "", "lower")
            )

        for label, text in QUERIES.items():
            fts, ui, total = [], [], []
            found = 0
            for _ in range(repeat):
                started = time.perf_counter()
                ids = frozenset(store.search(text, 500))
                fts.append((time.perf_counter() - started) * 1000)
                ui.append(timed(lambda text=text, ids=ids: proxy.set_search(text, ids), window))
                total.append(fts[-1] + ui[-1])
                found = proxy.rowCount()
                timed(lambda: proxy.set_search("", frozenset()), window)
            figures.append(Figure(name, f"search {label} ({text!r}): rows shown", found, ""))
            figures.append(Figure(name, "  store search: median", statistics.median(fts), "ms"))
            figures.append(Figure(name, "  filter + paint: median", statistics.median(ui), "ms"))
            worst(f"  search {label}", total, " (store + filter + paint)")

        for view in ("mine", "queue", "all"):
            samples = []
            for _ in range(repeat):
                window.inbox_view.set_view("all" if view != "all" else "mine")
                timed(lambda: None, window)
                samples.append(timed(lambda view=view: window.inbox_view.set_view(view), window))
            figures.append(Figure(name, f"view {view}: rows shown", proxy.rowCount(), ""))
            worst(f"  switch to {view}", samples)
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a smaller cache")
    p.add_argument("--repeat", type=int, default=7, help="runs of each query and switch (7)")
    p.add_argument(
        "--batched-layout",
        action="store_true",
        help=f"lay the inbox list out {BATCH} rows per event-loop pass (a proposed change)",
    )
    args = p.parse_args()
    figures = run(args.quick, args.repeat, args.batched_layout)
    print_table("Desktop inbox search and views", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
