"""Searching canned replies as an agent types in the picker: every key typed ranks the
queue's replies again (``core.canned_replies.search``, ``core/fuzzy.py``) on the UI
thread, so a search must stay well under the ~5 ms a frame can spare.

The replies are prepared once (``ReplySearch``), as the picker does when it gets the
queue's replies. They are a large policy's: names of two to four words, a text of about 40 words
with variables, three tags and a shortcut each, in Spanish. The queries are what an agent
types on the way to a reply: a letter, a prefix, two words, an abbreviation, and a word
found nowhere. Each search is timed on its own after a warm-up; the figures are the median
(target < 5 ms for 500 replies) and the worst of ``--calls`` calls per query.

    python -m benchmarks.canned_search [--calls 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from benchmarks.report import Figure, print_table
from wa_desk.core.canned_replies import CannedReply, ReplySearch

NAME = "canned_search"
TARGET_MS = 5.0
WARM_UP = 5
WORDS = tuple(
    word
    for line in (
        "hola pedido envío entrega mañana gracias factura devolución talla router reinicio",
        "cita horario tienda pago tarjeta cuenta reembolso garantía dirección cambio precio",
        "oferta contraseña correo teléfono transporte incidencia almacén seguimiento cliente",
    )
    for word in line.split()
)
QUERIES = ("p", "ped", "pedido env", "grcs", "dvlcn", "zzzz")


def replies(count: int, rng: random.Random) -> list[CannedReply]:
    out = []
    for i in range(count):
        name = " ".join(rng.sample(WORDS, rng.randint(2, 4))).capitalize()
        words = rng.choices(WORDS, k=40)
        words[5] = "{{customer_name}}"
        words[20] = "{{order_number}}"
        tags = tuple(rng.sample(WORDS, 3))
        out.append(CannedReply("*", f"{name} {i}", " ".join(words), "es", tags, f"r{i}"))
    return out


def run(calls: int = 200, sizes: tuple[int, ...] = (100, 500, 2000)) -> list[Figure]:
    rng = random.Random(7)
    figures: list[Figure] = []
    for size in sizes:
        policy = replies(size, rng)
        started = time.perf_counter()
        index = ReplySearch(policy)  # once, when the picker gets the queue's replies
        prepare_ms = (time.perf_counter() - started) * 1000
        samples: list[float] = []
        for query in QUERIES:
            for _ in range(WARM_UP):
                index.search(query)
            for _ in range(calls):
                started = time.perf_counter()
                index.search(query)
                samples.append((time.perf_counter() - started) * 1000)
        target = TARGET_MS if size == 500 else None
        better = "lower" if target else "info"
        figure = f"{size:,} replies, one key typed"
        figures += [
            Figure(NAME, f"{figure}: median", statistics.median(samples), "ms", target, "", better),
            Figure(NAME, f"{figure}: worst", max(samples), "ms"),
            Figure(NAME, f"{size:,} replies, prepared once", prepare_ms, "ms"),
        ]
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--calls", type=int, default=200, help="timed searches of each query (200)")
    args = p.parse_args()
    print_table("Canned-reply search", run(args.calls))
    return 0


if __name__ == "__main__":
    sys.exit(main())
