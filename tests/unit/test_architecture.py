"""The layering of DESIGN.md, enforced: only ``wa_desk/ui`` may import Qt (the developer
tools that drive it live outside the package, in ``devtools/``, and never ship)."""

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
        if relative.parts[0] == "ui":
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


UI = PACKAGE / "ui"
# Folders of ui/ that are features: each imports only ui/app, ui/common and itself.
# ui/app (the composition root) and ui/shell (the window around the panes) join them.
FEATURES = ("inbox", "conversation", "customer", "media", "settings", "supervisor")


def _feature_offenders(root: Path) -> list[str]:
    offenders = []
    for feature in FEATURES:
        for path in sorted((root / feature).rglob("*.py")) if (root / feature).is_dir() else []:
            for module in _imported_modules(path):
                parts = module.split(".")
                if parts[:2] != ["wa_desk", "ui"] or len(parts) < 3:
                    continue
                if parts[2] not in ("app", "common", feature):
                    offenders.append(f"ui/{feature}/{path.name}: imports {module}")
    return offenders


def test_a_feature_imports_only_app_common_and_itself() -> None:
    assert sorted(p.name for p in UI.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(
        (*FEATURES, "app", "common", "shell")
    ), "a new folder in ui/ must be placed in the rules of this test"
    assert _feature_offenders(UI) == []


def test_the_feature_rule_catches_an_offender(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "controller.py").write_text(
        "from wa_desk.ui.conversation.view import ConversationView\n"
        "from wa_desk.ui.common.theme import colors\n"
        "from wa_desk.ui.media.viewer import MediaImageDialog\n"
    )
    assert _feature_offenders(tmp_path) == [
        "ui/media/controller.py: imports wa_desk.ui.conversation.view"
    ]


def _layer_offenders(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for module in _imported_modules(path):
            if any(
                module == f"wa_desk.{f}" or module.startswith(f"wa_desk.{f}.") for f in forbidden
            ):
                offenders.append(f"{layer}/{path.relative_to(PACKAGE / layer)}: imports {module}")
    return offenders


def test_the_desktop_side_imports_nothing_of_the_hub() -> None:
    assert _layer_offenders("client", ("hub",)) == []
    assert _layer_offenders("store", ("hub",)) == []


def test_the_hub_imports_nothing_of_the_desktop() -> None:
    assert _layer_offenders("hub", ("client", "store", "ui")) == []
