"""The release workflow (.github/workflows/release.yml): its shape, its secrets' path, and
that the Linux job builds with the Makefile's own targets.

The Makefile's targets are read from the Makefile; ``bundle``, ``package``, ``deb``,
``hub-deb``, ``sums`` and ``msi`` are also accepted from the release contract, since
those targets are written beside this workflow and may not be in this tree yet.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML comes with uvicorn[standard] (the hub extra)")

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
CONTRACT_TARGETS = {"bundle", "package", "deb", "hub-deb", "sums", "msi", "sbom", "licenses"}
# Files other parts of the release write; accepted by name until they are in this tree.
CONTRACT_FILES = {"installers/windows/build_msi.py", "installers/verify.sh", "build.spec"}
ACTIONS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/upload-artifact": "v4",
    "actions/download-artifact": "v4",
}


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def _steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return steps


def _runs(workflow: dict[Any, Any], job: str) -> list[str]:
    return [s["run"] for s in _steps(workflow, job) if "run" in s]


def makefile_targets() -> set[str]:
    targets: set[str] = set()
    for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+(?:[ \t]+[A-Za-z0-9_.-]+)*)[ \t]*:(?!=)", line)
        if match:
            targets.update(t for t in match.group(1).split() if not t.startswith("."))
    return targets


def _make_targets(script: str) -> list[str]:
    found: list[str] = []
    for line in script.replace("\\\n", " ").splitlines():
        if not re.match(r"\s*make\s", line):
            continue
        words = shlex.split(line, comments=True)
        if words[:1] == ["make"]:
            found.extend(w for w in words[1:] if not w.startswith("-") and "=" not in w)
    return found


def test_it_runs_on_version_tags_and_by_hand(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers


def test_three_builds_and_a_publish_job_that_needs_them(workflow: dict[Any, Any]) -> None:
    jobs = workflow["jobs"]
    assert set(jobs) == {"linux", "windows", "macos", "publish"}
    assert "windows" in jobs["windows"]["runs-on"]
    assert "macos" in jobs["macos"]["runs-on"]
    assert sorted(jobs["publish"]["needs"]) == ["linux", "macos", "windows"]
    assert jobs["publish"]["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["defaults"]["run"]["shell"] == "bash"  # -o pipefail in every job but one
    assert jobs["publish"]["permissions"] == {"contents": "write"}


def test_the_linux_job_builds_with_make_targets_that_exist(workflow: dict[Any, Any]) -> None:
    known = makefile_targets() | CONTRACT_TARGETS
    used = [t for script in _runs(workflow, "linux") for t in _make_targets(script)]
    assert "package" in used
    assert set(used) <= known, set(used) - known
    assert {"sbom", "licenses"} <= makefile_targets(), "this part's own targets are real"


def test_publish_makes_the_sums_with_make(workflow: dict[Any, Any]) -> None:
    used = {t for script in _runs(workflow, "publish") for t in _make_targets(script)}
    assert used == {"sums"}
    assert used <= makefile_targets() | CONTRACT_TARGETS


def test_the_macos_job_signs_notarizes_and_packages_in_order(workflow: dict[Any, Any]) -> None:
    runs = "\n".join(_runs(workflow, "macos"))
    order = [
        "make bundle",
        "installers/macos/sign.sh dist/wa-desk.app",
        "--smoke-test",
        "installers/macos/notarize.sh dist/wa-desk.app",
        "installers/macos/build_pkg.sh dist/wa-desk.app dist",
        "installers/macos/notarize.sh dist/wa-desk-*.pkg",
    ]
    positions = [runs.index(step) for step in order]
    assert positions == sorted(positions)


def test_the_windows_job_smoke_tests_before_it_builds_the_msi(workflow: dict[Any, Any]) -> None:
    runs = "\n".join(_runs(workflow, "windows"))
    assert runs.index("wa-desk.exe -ArgumentList '--smoke-test'") < runs.index("build_msi.py")
    assert "pyinstaller --noconfirm --clean" in runs and "build.spec" in runs


def test_secrets_reach_scripts_only_through_env(workflow: dict[Any, Any]) -> None:
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            assert "secrets." not in step.get("run", ""), f"{name}: {step.get('name')}"
            assert "secrets." not in str(step.get("with", {})), f"{name}: {step.get('name')}"
            for key, value in step.get("env", {}).items():
                if "secrets." in str(value):
                    assert value == f"${{{{ secrets.{key} }}}}", f"{name}: {key}"
        for key, value in job.get("env", {}).items():
            if "secrets." in str(value):
                assert re.fullmatch(r"\$\{\{ secrets\.\w+ != '' \}\}", value), f"{name}: {key}"


def test_actions_are_pinned(workflow: dict[Any, Any]) -> None:
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert ACTIONS.get(action) == version, step["uses"]


def test_the_files_it_runs_exist(workflow: dict[Any, Any]) -> None:
    runs = "\n".join(s for job in workflow["jobs"] for s in _runs(workflow, job))
    named = set(re.findall(r"(?:installers|\.ci)/[\w./-]+|build\.spec", runs))
    assert named, "the workflow runs the project's scripts"
    for path in named:
        assert (REPO / path).exists() or path in CONTRACT_FILES, path


def test_bash_steps_pass_shellcheck(workflow: dict[Any, Any], tmp_path: Path) -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck; .ci/run does)")
    scripts: list[Path] = []
    for name, job in workflow["jobs"].items():
        default = workflow.get("defaults", {}).get("run", {}).get("shell", "bash")
        shell = job.get("defaults", {}).get("run", {}).get("shell", default)
        for index, step in enumerate(job["steps"]):
            if "run" in step and step.get("shell", shell) == "bash":
                script = tmp_path / f"{name}-{index}.sh"
                script.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + step["run"])
                scripts.append(script)
    assert len(scripts) > 10
    result = subprocess.run([shellcheck, *map(str, scripts)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
