"""The layering of DESIGN.md, enforced: only ``wa_desk/ui`` (and the developer tools that
drive it) may import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "wa_desk"
QT_MODULES = ("PySide6", "shiboken6", "qasync", "PyQt5", "PyQt6")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_only_the_ui_package_imports_qt() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("ui", "devtools"):
            continue
        for module in _imported_modules(path):
            if module.split(".")[0] in QT_MODULES:
                offenders.append(f"{relative}: imports {module}")
    assert offenders == []


def test_core_imports_nothing_else_of_the_project() -> None:
    offenders = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for module in _imported_modules(path):
            if module.startswith("wa_desk.") and not module.startswith("wa_desk.core"):
                offenders.append(f"{path.name}: imports {module}")
    assert offenders == []


def test_the_rule_catches_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport qasync\n")
    assert {m.split(".")[0] for m in _imported_modules(bad)} == {"PySide6", "qasync"}
