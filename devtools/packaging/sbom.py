"""``make sbom``: a CycloneDX SBOM of what the desktop bundle ships.

``cyclonedx-py environment`` reads the installed distributions' metadata (names,
versions, purls, declared licences); this keeps the components the bundle ships
(``shipped.closure()``: wa-desk and its run-time requirements, no extras), rebuilds the
dependency graph from that closure, adds what no Python distribution names (Qt, Python,
PyInstaller's bootloader), and checks the result against the CycloneDX
schema before writing ``<out>/wa-desk-<version>.cdx.json``.

    python -m devtools.packaging.sbom [--out dist]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from packaging.utils import NormalizedName, canonicalize_name

from devtools.packaging import shipped

SPEC_VERSION = "1.6"
ROOT_REF = "root-component"

Json = dict[str, Any]


def _environment_sbom(work: Path) -> Json:
    """Everything installed in this interpreter's environment, as cyclonedx-py sees it."""
    raw = work / "environment.cdx.json"
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "cyclonedx_py",
            "environment",
            "--pyproject",
            str(shipped.REPO / "pyproject.toml"),
            "--spec-version",
            SPEC_VERSION,
            "--output-reproducible",
            "--output-format",
            "JSON",
            "--output-file",
            str(raw),
            sys.executable,
        ],
        check=True,
    )
    loaded: Json = json.loads(raw.read_text(encoding="utf-8"))
    return loaded


def _licenses(expression: str) -> list[Json]:
    if any(op in expression for op in (" OR ", " AND ", " WITH ")):
        return [{"expression": expression}]
    return [{"license": {"id": expression}}]


def _extra_component(extra: shipped.Extra) -> Json:
    ref = f"{extra.name}=={extra.version}" if extra.version else extra.name
    component: Json = {
        "bom-ref": ref,
        "type": extra.kind,
        "name": extra.name,
        "description": extra.description,
        "licenses": _licenses(extra.license_id),
    }
    if extra.version:
        component["version"] = extra.version
        component["purl"] = f"pkg:generic/{extra.name.lower()}@{extra.version}"
    return component


def build(environment: Json) -> Json:
    """The bundle's SBOM from cyclonedx-py's view of the whole environment."""
    closure = shipped.closure()
    version = shipped.version()
    root_key = canonicalize_name(shipped.ROOT)

    refs: dict[NormalizedName, str] = {root_key: ROOT_REF}
    components: list[Json] = []
    for component in environment.get("components", []):
        key = canonicalize_name(component["name"])
        if key in closure and key != root_key:
            refs[key] = component["bom-ref"]
            if not component.get("licenses"):
                declared = shipped.declared_license(closure[key].dist)
                component["licenses"] = [
                    {"license": {"name": declared, "acknowledgement": "declared"}}
                ]
            components.append(component)
    missing = sorted(set(closure) - set(refs))
    if missing:
        raise LookupError(f"cyclonedx-py did not report {', '.join(missing)}")

    extras = shipped.extras(closure)
    extra_components = [_extra_component(e) for e in extras]
    components.extend(extra_components)

    dependencies: list[Json] = []
    for key, item in sorted(closure.items()):
        needs = [refs[n] for n in shipped.direct_dependencies(item.dist, closure)]
        if key == root_key:
            needs += [c["bom-ref"] for c in extra_components if c["name"] != "Qt"]
        if key == canonicalize_name("PySide6-Essentials"):
            needs += [c["bom-ref"] for c in extra_components if c["name"] == "Qt"]
        entry: Json = {"ref": refs[key]}
        if needs:
            entry["dependsOn"] = sorted(needs)
        dependencies.append(entry)
    for component in extra_components:
        dependencies.append({"ref": component["bom-ref"]})

    metadata: Json = dict(environment["metadata"])
    root: Json = dict(metadata["component"])
    root.update(
        {
            "bom-ref": ROOT_REF,
            "version": version,
            "purl": f"pkg:pypi/{shipped.ROOT}@{version}",
        }
    )
    metadata["component"] = root
    metadata["properties"] = [
        *metadata.get("properties", []),
        {"name": "wa-desk:bundle-platform", "value": f"{sys.platform}-{platform.machine()}"},
    ]
    sbom = dict(environment)
    sbom.update(
        {
            "metadata": metadata,
            "components": sorted(components, key=lambda c: str(c["name"]).lower()),
            "dependencies": dependencies,
        }
    )
    return sbom


def validate(text: str) -> None:
    """Raise ValueError naming the first schema error, if any."""
    error = JsonStrictValidator(SchemaVersion.from_version(SPEC_VERSION)).validate_str(text)
    if error is not None:
        raise ValueError(f"not a valid CycloneDX {SPEC_VERSION} document: {error}")


def write(out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="wa-desk-sbom-") as work:
        sbom = build(_environment_sbom(Path(work)))
    text = json.dumps(sbom, indent=2, ensure_ascii=False) + "\n"
    validate(text)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"wa-desk-{shipped.version()}.cdx.json"
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("dist"), help="output folder")
    args = parser.parse_args(argv)
    path = write(args.out)
    count = len(json.loads(path.read_text(encoding="utf-8"))["components"])
    print(f"{path}: {count} components")
    return 0


if __name__ == "__main__":
    sys.exit(main())
