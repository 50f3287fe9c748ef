"""The results table: each figure next to its target or same-run baseline, and the ratio."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Better = Literal["higher", "lower", "equal", "info"]


@dataclass(frozen=True, slots=True)
class Figure:
    benchmark: str
    figure: str
    value: float
    unit: str
    reference: float | None = None  # a target, or a baseline measured in the same run
    reference_label: str = ""
    better: Better = "info"

    def value_text(self) -> str:
        return _num(self.value, self.unit)

    def reference_text(self) -> str:
        if self.reference is None:
            return "-"
        label = f" {self.reference_label}" if self.reference_label else ""
        sign = {"higher": "≥ ", "lower": "< ", "equal": "= "}.get(self.better, "")
        return f"{sign}{_num(self.reference, self.unit)}{label}"

    def met(self) -> bool | None:
        if self.reference is None or self.better == "info" or math.isnan(self.value):
            return None
        if self.better == "higher":
            return self.value >= self.reference
        if self.better == "lower":
            return self.value < self.reference
        return self.value == self.reference

    def ratio_text(self) -> str:
        if self.reference is None or self.reference == 0 or math.isnan(self.value):
            return "-"
        verdict = {True: " ok", False: " MISS", None: ""}[self.met()]
        return f"{self.value / self.reference:.2f}x{verdict}"


def _num(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if unit in ("msg/s", "events", "msgs", "") or abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".rstrip()


def render(figures: list[Figure]) -> str:
    header = ("benchmark", "figure", "value", "target/baseline", "ratio")
    rows = [header] + [
        (f.benchmark, f.figure, f.value_text(), f.reference_text(), f.ratio_text()) for f in figures
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(rows[0]), sep, *(line(r) for r in rows[1:])])


def print_table(title: str, figures: list[Figure]) -> None:
    print(f"\n## {title}\n", flush=True)
    print(render(figures), flush=True)
