"""``SHA256SUMS`` over a release's files, and its detached OpenPGP signature.

    python -m devtools.packaging.sums dist [--sign KEY]

Every regular file directly in the folder is a release file (packages, installers, the
SBOM...); folders, such as the frozen app's tree, are not. With a key (``GPG_KEY`` in
the Makefile; ``GNUPGHOME`` names the keyring), ``gpg`` writes ``SHA256SUMS.asc``.
``installers/verify.sh`` checks both.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from devtools.packaging.debian import PackagingError, run

SUMS = "SHA256SUMS"
SIGNATURE = f"{SUMS}.asc"


def release_files(dist: Path) -> list[Path]:
    return sorted(
        p
        for p in dist.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name not in (SUMS, SIGNATURE)
    )


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_sums(dist: Path) -> Path:
    """``dist/SHA256SUMS`` in ``sha256sum`` format; any older signature is removed, since
    it no longer matches."""
    files = release_files(dist)
    if not files:
        raise PackagingError(f"no release files in {dist}: build the packages first")
    sums = dist / SUMS
    sums.write_text("".join(f"{sha256(p)}  {p.name}\n" for p in files), encoding="utf-8")
    (dist / SIGNATURE).unlink(missing_ok=True)
    return sums


def sign(sums: Path, key: str) -> Path:
    """The armored detached signature of ``sums`` by ``key``, beside it."""
    signature = sums.with_name(SIGNATURE)
    cmd = ["gpg", "--batch", "--yes", "--local-user", key, "--armor", "--detach-sign"]
    proc = run([*cmd, "--output", str(signature), str(sums)])
    if proc.returncode != 0:
        signature.unlink(missing_ok=True)
        raise PackagingError(f"gpg could not sign with {key!r}:\n{proc.stderr.strip()}")
    return signature


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, help="the folder of release files")
    parser.add_argument("--sign", metavar="KEY", default="", help="gpg key to sign with")
    args = parser.parse_args(argv)
    try:
        sums = write_sums(args.dist)
        print(sums)
        if args.sign:
            print(sign(sums, args.sign))
    except PackagingError as exc:
        print(f"sums: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
