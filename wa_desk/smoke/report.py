"""The smoke test's verdict: one line per check, passed or failed, and the exit status."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO


def say(text: str, stream: TextIO | None) -> None:
    """A line on ``stream``; a windowed app on Windows may have none (the status says it)."""
    if stream is not None:
        print(text, file=stream, flush=True)


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

    def print(self) -> int:
        """Every check on its own line (failures on stderr); 0 when all passed, else 1."""
        out, err = sys.stdout, sys.stderr
        for check in self.checks:
            if check.ok:
                say(f"smoke test: ok {check.name}: {check.detail}", out)
            else:
                say(f"smoke test: FAILED {check.name}: {check.detail}", err)
        failures = self.failures
        if failures:
            say(f"smoke test: failed: {', '.join(c.name for c in failures)}", err)
            return 1
        say(f"smoke test: passed ({len(self.checks)} checks)", out)
        return 0
