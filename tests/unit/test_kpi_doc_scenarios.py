"""Every worked scenario of docs/kpis.md has a test of the same name, and every scenario
test has its scenario in the doc: the definitions and the figures cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "kpis.md"
TESTS = Path(__file__).with_name("test_kpi_scenarios.py")
HEADING = re.compile(r"^### Scenario `([a-z0-9_]+)`$", re.MULTILINE)
TEST = re.compile(r"^def test_([a-z0-9_]+)\(", re.MULTILINE)


def test_every_scenario_in_the_doc_has_a_test_and_every_test_a_scenario() -> None:
    in_doc = HEADING.findall(DOC.read_text(encoding="utf-8"))
    tests = set(TEST.findall(TESTS.read_text(encoding="utf-8")))
    assert len(in_doc) >= 12
    assert len(in_doc) == len(set(in_doc)), "a scenario heading is repeated"
    assert set(in_doc) == tests
