"""``wa-desk --smoke-test`` from the source checkout: it passes, and a broken check fails
it by name (the same code the frozen app runs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def smoke(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "wa_desk", "--smoke-test", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )


def test_the_smoke_test_passes_from_source() -> None:
    done = smoke("--keyring", "memory")
    assert done.returncode == 0, done.stderr
    assert "smoke test: passed" in done.stdout
    assert "smoke test: ok main window:" in done.stdout


def test_missing_translations_fail_the_smoke_test_by_name(tmp_path: Path) -> None:
    done = smoke("--keyring", "memory", "--translations-dir", str(tmp_path / "nowhere"))
    assert done.returncode == 1
    failed = [line for line in done.stderr.splitlines() if "FAILED" in line]
    assert len(failed) == 1 and failed[0].startswith("smoke test: FAILED translations:")
    assert "wa_desk_es.qm does not load" in failed[0]
    assert "smoke test: ok main window:" in done.stdout  # the rest still ran


def test_without_a_system_keyring_the_smoke_test_fails_unless_told() -> None:
    """No Secret Service (no D-Bus session): the default wants the system keyring."""
    env_has_bus = bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
    if env_has_bus:
        return  # a desktop session: the system keyring may well work here
    done = smoke()
    assert done.returncode == 1
    assert "smoke test: FAILED keyring: no usable system keyring" in done.stderr


def test_a_deadline_too_short_fails_the_smoke_test() -> None:
    done = smoke("--keyring", "memory", "--deadline", "0.001")
    assert done.returncode != 0
    assert "deadline" in done.stderr
