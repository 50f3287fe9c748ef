"""A throwaway system root that dpkg installs packages into, as it would on a machine.

dpkg runs with ``--root`` (its database and every file inside the root), its maintainer
scripts chroot-less (``DPKG_ROOT`` set: they must only touch the root), dependencies not
enforced (the root has no libraries; the tests check Depends separately) and triggers
off. The machine's own dpkg database is never read or written.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class ThrowawayRoot:
    def __init__(self, path: Path) -> None:
        self.path = path
        admin = path / "var/lib/dpkg"
        for sub in ("updates", "info", "triggers"):
            (admin / sub).mkdir(parents=True, exist_ok=True)
        (admin / "status").touch()
        (path / "var/log").mkdir(parents=True, exist_ok=True)

    def dpkg(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                "dpkg",
                f"--root={self.path}",
                f"--log={self.path / 'var/log/dpkg.log'}",
                "--force-not-root",
                "--force-script-chrootless",
                "--force-depends",
                "--no-triggers",
                *args,
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    def status(self, package: str) -> str:
        """The package's status in the root's database ("" when unknown)."""
        proc = subprocess.run(
            ["dpkg-query", f"--root={self.path}", "-W", "-f=${db:Status-Abbrev}", package],
            capture_output=True,
            text=True,
            check=False,
        )
        return proc.stdout.strip() if proc.returncode == 0 else ""

    def leftovers(self) -> list[str]:
        """What is in the root besides dpkg's own database and log."""
        ours = ("var/lib/dpkg", "var/log")
        return sorted(
            str(p.relative_to(self.path))
            for p in self.path.rglob("*")
            if not any(str(p.relative_to(self.path)).startswith(o) for o in ours)
            and str(p.relative_to(self.path)) not in ("var", "var/lib")
        )


def host_knows(package: str) -> bool:
    """Whether the machine's own dpkg database lists ``package`` (it must never)."""
    proc = subprocess.run(
        ["dpkg-query", "-W", package], capture_output=True, text=True, check=False
    )
    return proc.returncode == 0
