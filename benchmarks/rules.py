"""Text rules judging a draft: 4,096 characters against 500 rules, as the desktop does
on each pause in typing and the hub on each send (``core.text_rules.matching_rules``).

The rules are a large policy written the way the rules are meant to be used: 480
phrases (two to four words of Spanish, Portuguese and English), the four detectors and
16 regular expressions for what neither can say. The draft is an agent's long answer in
Spanish, with accents, an order number of sixteen digits, a phone number, a word in
capitals and one promise a phrase catches. Each call is timed on its own after a
warm-up; the figures are the median (target < 2 ms) and the worst of ``--calls`` calls.
Then, without a target, the same draft against 500 phrases alone and 500 patterns alone
(a twentieth of the calls: they are slow), and what one pattern costs: a pattern is
searched through the whole text on its own, so patterns, not phrases, decide the time.

    python -m benchmarks.rules [--calls 2000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence

from benchmarks import cpu
from benchmarks.report import Figure, print_table
from wa_desk.core.rule_detectors import Detector
from wa_desk.core.text_rules import Rule, matching_rules, rule_from_json

NAME = "rules"
DRAFT_CHARS = 4096
RULES = 500
PATTERNS = 16
TARGET_MS = 2.0
WARM_UP = 50
WORDS = tuple(
    word
    for line in (
        "pedido envío entrega mañana garantizo prometo reembolso devolución tarjeta cuenta",
        "factura cliente gratis descuento oferta promoción urgente cancelar contrato precio",
        "pagamento entrega garantia não prometemos reembolso cartão conta boleto grátis",
        "desconto cancelar contrato preço refund guarantee promise free discount cancel",
        "contract price invoice account card delivery tomorrow today always never nunca",
        "siempre hoy todo nada seguro segura responsable culpa error problema solución",
        "información datos contraseña clave número teléfono dirección correo señor señora",
    )
    for word in line.split()
)
FILLER = tuple(
    word
    for line in (
        "gracias por escribirnos hemos revisado su caso con atención y le explico los pasos",
        "que vamos a seguir para que el pedido llegue cuanto antes a la dirección indicada",
        "si necesita algo más puede responder a este mensaje y un compañero lo atenderá",
    )
    for word in line.split()
)


def phrase_rules(count: int, rng: random.Random) -> list[Rule]:
    rules = [_rule("promesa", phrase="te garantizo")]
    while len(rules) < count:
        words = " ".join(rng.sample(WORDS, rng.randint(2, 4)))
        rules.append(_rule(f"frase-{len(rules)}", phrase=words))
    return rules


def pattern_rules(count: int, rng: random.Random) -> list[Rule]:
    rules = []
    for i in range(count):
        a, b, c = rng.sample(WORDS, 3)
        pattern = rf"\b({a}|{b})\w* (de |la |el )?{c}\b" if i % 2 else rf"\b{a}\s+{b}\b"
        rules.append(_rule(f"patron-{i}", pattern=pattern))
    return rules


def mixed_rules(rng: random.Random) -> list[Rule]:
    detectors = [_rule(f"detector-{d.value}", detector=d.value) for d in Detector]
    phrases = phrase_rules(RULES - PATTERNS - len(detectors), rng)
    return detectors + pattern_rules(PATTERNS, rng) + phrases


def _rule(rule_id: str, **test: str) -> Rule:
    return rule_from_json({"id": rule_id, "severity": "warn", "message": "m", **test})


def draft(rng: random.Random) -> str:
    """An agent's long answer: filler and policy words, with the details agents write
    spread through it."""
    details = {
        3: "Su pedido 4111 1111 1111 1112 sale hoy.",  # sixteen digits that fail Luhn
        12: "Llámenos al 912 345 678.",
        20: "Es URGENTE.",
        30: "Te garantízo que llegará mañana.",
    }
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < DRAFT_CHARS:
        if len(parts) in details:
            parts.append(details[len(parts)])
        words = [rng.choice(FILLER if rng.random() < 0.95 else WORDS) for _ in range(12)]
        parts.append(" ".join(words).capitalize() + ".")
    return " ".join(parts)[:DRAFT_CHARS]


def timed(rules: Sequence[Rule], text: str, calls: int) -> tuple[list[float], int]:
    """Milliseconds of each call, and how many rules the draft breaks."""
    for _ in range(WARM_UP):
        matching_rules(rules, text)
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        matched = matching_rules(rules, text)
        samples.append((time.perf_counter() - started) * 1000)
    return samples, len(matched)


def run(calls: int = 2000) -> list[Figure]:
    rng = random.Random(15)
    text = draft(rng)
    assert len(text) == DRAFT_CHARS
    figures: list[Figure] = []
    phrases = RULES - PATTERNS - len(Detector)
    mixed = f"{phrases} phrases, {len(Detector)} detectors, {PATTERNS} patterns"
    for label, rules, target, runs in (
        (f"{RULES} rules ({mixed})", mixed_rules(rng), TARGET_MS, calls),
        (f"{RULES} phrases", phrase_rules(RULES, rng), None, calls),
        (f"{RULES} patterns", pattern_rules(RULES, rng), None, max(20, calls // 20)),
    ):
        before = cpu.sample()
        samples, matched = timed(rules, text, runs)
        use = cpu.sample().since(before)
        better = "lower" if target else "info"
        figure = f"{DRAFT_CHARS:,} chars vs {label}"
        figures += [
            Figure(NAME, f"{figure}: median", statistics.median(samples), "ms", target, "", better),
            Figure(NAME, f"{figure}: worst", max(samples), "ms"),
            Figure(NAME, f"{figure}: rules broken", matched, ""),
            Figure(NAME, f"{figure}: starved of CPU", use.starved, "threads"),
        ]
    per_pattern = figures[-4].value / RULES * 1000
    figures.append(Figure(NAME, f"one pattern over {DRAFT_CHARS:,} chars", per_pattern, "µs"))
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--calls", type=int, default=2000, help="timed calls of each rule set (2000)")
    args = p.parse_args()
    print_table("Text rules", run(args.calls))
    return 0


if __name__ == "__main__":
    sys.exit(main())
