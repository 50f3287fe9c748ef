"""Opening a conversation with 10,000 cached messages, and living with it open.

"Open" is what ``DesktopApp`` does when the agent picks a conversation, on the UI
thread: the store's ``messages_page`` (the app asks for the newest 50; the figure is
also taken with the whole history, 10,000 rows in the model, as after scrolling all the
way up), ``conversation_view.show_conversation``, then Qt's layout and paint of the
visible rows (the view scrolls to the bottom in a zero timer, included). With the
whole history shown, one incoming message and one status update are timed too: they
are what the stream does to an open conversation. The whole history is opened twice:
the first time every row is measured (nothing of it was laid out before), the second
time the delegate knows the rows' sizes, as when the agent comes back to it. After
each open, an ``=`` row checks that the newest message is what the list shows at its
bottom (a view that has not finished laying out shows something else, or nothing).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

from PySide6.QtCore import QPoint

from benchmarks.report import Figure, print_table

TARGET_MS = 200.0
APP_PAGE = 50
STREAM_SAMPLES = 5


def run(quick: bool = False, repeat: int = 5) -> list[Figure]:
    from benchmarks.desktop_data import FULL, LONG_ID, QUICK
    from benchmarks.desktop_window import desk, timed

    sizes = QUICK if quick else FULL
    name = f"open conversation ({sizes.long_messages:,} msgs)"
    figures: list[Figure] = []
    with desk(sizes, inbox_rows=5000) as d:
        store, window = d.store, d.window
        view = window.conversation_view
        conversation = store.conversation(LONG_ID)
        assert conversation is not None
        other = store.conversation(window.inbox_view.model.ids()[1])
        assert other is not None

        newest_at_bottom: list[bool] = []

        def open_with(limit: int) -> tuple[float, float, int]:
            view.show_conversation(other, [])  # from another conversation, as in use
            timed(lambda: None, window)
            started = time.perf_counter()
            page = store.messages_page(LONG_ID, None, limit)
            fetched = (time.perf_counter() - started) * 1000
            shown = timed(
                lambda: view.show_conversation(conversation, page.items, page.before), window
            )
            rows = window.conversation_view.model.rowCount()
            viewport = view.list.viewport()
            bottom = view.list.indexAt(QPoint(viewport.width() // 2, viewport.height() - 2))
            newest_at_bottom.append(bottom.row() == rows - 1)
            return fetched, shown, rows

        for label, limit, times in (
            ("newest page (app)", APP_PAGE, repeat),
            ("whole history", 10**6, 2),
        ):
            runs = [open_with(limit) for _ in range(times)]
            if limit > APP_PAGE:
                figures += [
                    Figure(name, "  whole history, first open", runs[0][0] + runs[0][1], "ms"),
                    Figure(name, "  whole history, again", runs[-1][0] + runs[-1][1], "ms"),
                ]
            figures += [
                Figure(name, f"{label}: rows", float(runs[0][2]), ""),
                Figure(
                    name, "  messages_page: median", statistics.median(r[0] for r in runs), "ms"
                ),
                Figure(
                    name,
                    "  show + layout + paint: median",
                    statistics.median(r[1] for r in runs),
                    "ms",
                ),
                Figure(
                    name,
                    f"  {label}: worst",
                    max(r[0] + r[1] for r in runs),
                    "ms",
                    TARGET_MS,
                    "",
                    "lower",
                ),
            ]
        figures.append(
            Figure(
                name,
                "newest message at the bottom after every open",
                float(all(newest_at_bottom)),
                "",
                1.0,
                "",
                "equal",
            )
        )
        # The whole history is open: what one incoming message and one status cost.
        model = window.conversation_view.model
        last: dict[str, Any] = model.message(model.rowCount() - 1)
        incoming, statuses = [], []
        for n in range(STREAM_SAMPLES):
            message = {
                **last,
                "id": f"m-new-{n}",
                "wamid": f"wamid.new-{n}",
                "timestamp": last["timestamp"],
                "text": "¿Y el pedido?",
            }
            incoming.append(timed(lambda message=message: model.upsert([message]), window))
            status = {"id": None, "wamid": f"wamid.{model.message(n)['id']}", "status": "read"}
            statuses.append(
                timed(
                    lambda status=status: window.conversation_view.model.apply_status(status),
                    window,
                )
            )
        figures += [
            Figure(name, "incoming message while open: median", statistics.median(incoming), "ms"),
            Figure(
                name,
                "status of an old message while open: median",
                statistics.median(statuses),
                "ms",
            ),
        ]
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a smaller cache (same long conversation)")
    p.add_argument("--repeat", type=int, default=5, help="opens of each kind (5)")
    args = p.parse_args()
    print_table("Desktop conversation open", run(args.quick, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
