"""`make sbom`'s module: a valid CycloneDX document of exactly what the desktop bundle ships."""

from __future__ import annotations

import importlib.metadata as metadata
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from packaging.utils import canonicalize_name

import wa_desk

REPO = Path(__file__).resolve().parents[2]

pytest.importorskip(
    "cyclonedx_py", reason="cyclonedx-bom is not installed (pip install -e '.[dev]')"
)


@pytest.fixture(scope="module")
def sbom_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "devtools.packaging.sbom", "--out", str(out)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
        capture_output=True,
    )
    return out / f"wa-desk-{wa_desk.__version__}.cdx.json"


@pytest.fixture(scope="module")
def sbom(sbom_path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(sbom_path.read_text(encoding="utf-8"))
    return loaded


def _by_name(sbom: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {canonicalize_name(c["name"]): c for c in sbom["components"]}


def test_the_file_is_valid_cyclonedx(sbom_path: Path, sbom: dict[str, Any]) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    assert sbom["bomFormat"] == "CycloneDX"
    assert sbom["specVersion"] == "1.6"
    validator = JsonStrictValidator(SchemaVersion.V1_6)
    assert validator.validate_str(sbom_path.read_text(encoding="utf-8")) is None


def test_the_root_is_the_product_at_its_version(sbom: dict[str, Any]) -> None:
    root = sbom["metadata"]["component"]
    assert root["name"] == "wa-desk"
    assert root["version"] == wa_desk.__version__
    assert root["purl"] == f"pkg:pypi/wa-desk@{wa_desk.__version__}"


@pytest.mark.parametrize(
    "name", ["PySide6-Essentials", "shiboken6", "httpx", "keyring", "qasync", "sqlite-utils"]
)
def test_the_desktop_dependencies_are_listed_at_their_installed_versions(
    sbom: dict[str, Any], name: str
) -> None:
    component = _by_name(sbom).get(canonicalize_name(name))
    assert component is not None, f"{name} is missing"
    installed = metadata.version(name)
    assert component["version"] == installed
    assert component["purl"] == f"pkg:pypi/{canonicalize_name(name)}@{installed}"
    assert component["licenses"], f"{name} has no licence"


@pytest.mark.parametrize(
    "name",
    ["fastapi", "uvicorn", "psycopg", "pytest", "mypy", "ruff", "hypothesis", "cyclonedx-bom"],
)
def test_hub_and_developer_packages_are_not_listed(sbom: dict[str, Any], name: str) -> None:
    assert canonicalize_name(name) not in _by_name(sbom)


def test_qt_itself_is_listed_under_the_lgpl(sbom: dict[str, Any]) -> None:
    qt = _by_name(sbom)["qt"]
    assert qt["version"].split(".")[:2] == metadata.version("PySide6-Essentials").split(".")[:2]
    assert qt["licenses"] == [{"license": {"id": "LGPL-3.0-only"}}]


def test_every_component_has_a_licence_and_the_graph_is_closed(sbom: dict[str, Any]) -> None:
    refs = {c["bom-ref"] for c in sbom["components"]} | {sbom["metadata"]["component"]["bom-ref"]}
    assert [c["name"] for c in sbom["components"] if not c.get("licenses")] == []
    for dependency in sbom["dependencies"]:
        assert dependency["ref"] in refs
        assert set(dependency.get("dependsOn", [])) <= refs, dependency["ref"]
    reached = {d["ref"] for d in sbom["dependencies"]}
    assert reached == refs, "every component appears in the dependency graph"


def test_the_closure_follows_markers_and_leaves_extras_out() -> None:
    from devtools.packaging import shipped

    closure = shipped.closure()
    assert "httpcore" in closure, "httpx's own requirement is followed"
    assert "fastapi" not in closure, "the hub extra is not followed"
    has_secretstorage = "secretstorage" in closure
    assert has_secretstorage == sys.platform.startswith("linux"), "keyring's markers apply"
