"""The smoke test's verdict: one line per check, passed or failed, and the exit status."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(frozen=True)
class Check:
    name: str  # what an operator greps for: "translations", "keyring", "main window"...
    ok: bool
    detail: str


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    def passed(self, name: str, detail: str) -> None:
        self.checks.append(Check(name, True, detail))

    def failed(self, name: str, detail: str) -> None:
        self.checks.append(Check(name, False, detail))

    def add(self, check: Check) -> None:
        self.checks.append(check)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def print(self, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
        """Every check on its own line (failures on ``err``); 0 when all passed, else 1."""
        for check in self.checks:
            if check.ok:
                print(f"smoke test: ok {check.name}: {check.detail}", file=out, flush=True)
            else:
                print(f"smoke test: FAILED {check.name}: {check.detail}", file=err, flush=True)
        failures = self.failures
        if failures:
            names = ", ".join(c.name for c in failures)
            print(f"smoke test: failed: {names}", file=err, flush=True)
            return 1
        print(f"smoke test: passed ({len(self.checks)} checks)", file=out, flush=True)
        return 0
