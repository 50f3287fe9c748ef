"""``SHA256SUMS`` and its signature: ``make sums`` writes them, ``installers/verify.sh``
accepts an untouched release and refuses any changed file, checksum list or signature,
and any signature by another key. Keys are made for the test in a scratch GnuPG home."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VERIFY = REPO / "installers" / "verify.sh"

pytestmark = pytest.mark.skipif(
    shutil.which("gpg") is None or shutil.which("gpgv") is None, reason="gpg and gpgv needed"
)


def _gnupg_home(tmp: Path, name: str) -> tuple[dict[str, str], str]:
    """A scratch GnuPG home holding one new passphrase-less signing key; its environment
    and the key's fingerprint."""
    home = tmp / f"gnupg-{name}"
    home.mkdir(mode=0o700)
    env = {**os.environ, "GNUPGHOME": str(home)}
    uid = f"wa-desk test release {name} <{name}@release.invalid>"
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "1d"],
        env=env,
        check=True,
        capture_output=True,
    )
    listing = subprocess.run(
        ["gpg", "--batch", "--with-colons", "--list-secret-keys"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    fingerprint = next(line.split(":")[9] for line in listing.splitlines() if line[:3] == "fpr")
    return env, fingerprint


def _stop_agent(env: dict[str, str]) -> None:
    """gpg started an agent for the scratch home: it must not outlive the test."""
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, capture_output=True, check=False)


def _export(env: dict[str, str], fingerprint: str, dest: Path) -> Path:
    key = subprocess.run(
        ["gpg", "--batch", "--armor", "--export", fingerprint],
        env=env,
        check=True,
        capture_output=True,
    ).stdout
    dest.write_bytes(key)
    return dest


def _sums(dist: Path, env: dict[str, str], key: str | None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "devtools.packaging.sums", str(dist)]
    return subprocess.run(
        [*cmd, *(["--sign", key] if key else [])],
        cwd=REPO,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )


def _verify(target: Path, keyring: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(VERIFY), "--keyring", str(keyring), str(target)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def release(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, Path, dict[str, str], str]]:
    """A signed release folder, the release key's public half, its GnuPG environment and
    fingerprint."""
    tmp = tmp_path_factory.mktemp("release")
    env, fingerprint = _gnupg_home(tmp, "a")
    dist = tmp / "dist"
    (dist / "wa-desk").mkdir(parents=True)  # the frozen tree: not a release file
    (dist / "wa-desk" / "wa-desk").write_text("#!/bin/sh\n")
    (dist / "wa-desk_0.1.0_amd64.deb").write_bytes(b"deb" * 1000)
    (dist / "wa-desk-0.1.0-x64.msi").write_bytes(b"msi" * 1000)
    (dist / "wa-desk-0.1.0.cdx.json").write_text('{"bomFormat": "CycloneDX"}\n')
    try:
        made = _sums(dist, env, fingerprint)
        assert made.returncode == 0, made.stderr
        yield dist, _export(env, fingerprint, tmp / "release-key.asc"), env, fingerprint
    finally:
        _stop_agent(env)


def _copy(release_dir: Path, tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    shutil.copytree(release_dir, dist)
    return dist


def test_sums_list_every_release_file_and_no_folder(
    release: tuple[Path, Path, dict[str, str], str],
) -> None:
    dist = release[0]
    names = [line.split("  ")[1] for line in (dist / "SHA256SUMS").read_text().splitlines()]
    assert names == ["wa-desk-0.1.0-x64.msi", "wa-desk-0.1.0.cdx.json", "wa-desk_0.1.0_amd64.deb"]
    check = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=dist,
        capture_output=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout
    assert (dist / "SHA256SUMS.asc").read_text().startswith("-----BEGIN PGP SIGNATURE-----")


def test_an_untouched_release_verifies(release: tuple[Path, Path, dict[str, str], str]) -> None:
    dist, key = release[:2]
    result = _verify(dist, key)
    assert result.returncode == 0, result.stderr
    assert "good signature" in result.stdout
    by_file = _verify(dist / "SHA256SUMS", key)
    assert by_file.returncode == 0, by_file.stderr


def test_only_the_files_present_are_checked(
    release: tuple[Path, Path, dict[str, str], str], tmp_path: Path
) -> None:
    dist = _copy(release[0], tmp_path)
    (dist / "wa-desk-0.1.0-x64.msi").unlink()  # a Linux user downloads the .deb only
    assert _verify(dist, release[1]).returncode == 0
    for name in ("wa-desk_0.1.0_amd64.deb", "wa-desk-0.1.0.cdx.json"):
        (dist / name).unlink()
    nothing = _verify(dist, release[1])
    assert nothing.returncode != 0
    assert "FAILED" in nothing.stderr


def test_a_changed_file_fails(
    release: tuple[Path, Path, dict[str, str], str], tmp_path: Path
) -> None:
    dist = _copy(release[0], tmp_path)
    deb = dist / "wa-desk_0.1.0_amd64.deb"
    deb.write_bytes(deb.read_bytes()[:-1] + b"X")
    result = _verify(dist, release[1])
    assert result.returncode != 0
    assert "wa-desk_0.1.0_amd64.deb: FAILED" in result.stdout + result.stderr


def test_a_changed_checksum_list_fails(
    release: tuple[Path, Path, dict[str, str], str], tmp_path: Path
) -> None:
    """Someone who swaps a file and its line in SHA256SUMS is caught by the signature."""
    dist = _copy(release[0], tmp_path)
    deb = dist / "wa-desk_0.1.0_amd64.deb"
    deb.write_bytes(b"a different package")
    sums = dist / "SHA256SUMS"
    lines = [
        line if not line.endswith(deb.name) else f"{_sha256sum(deb)}  {deb.name}"
        for line in sums.read_text().splitlines()
    ]
    sums.write_text("\n".join(lines) + "\n")
    result = _verify(dist, release[1])
    assert result.returncode != 0
    assert "not a good signature" in result.stderr


def test_a_changed_or_missing_signature_fails(
    release: tuple[Path, Path, dict[str, str], str], tmp_path: Path
) -> None:
    dist = _copy(release[0], tmp_path)
    signature = dist / "SHA256SUMS.asc"
    text = signature.read_text().splitlines()
    body = next(i for i, line in enumerate(text) if line and i > 1 and not line.startswith("-"))
    flipped = text[body][:10] + ("A" if text[body][10] != "A" else "B") + text[body][11:]
    signature.write_text("\n".join([*text[:body], flipped, *text[body + 1 :]]) + "\n")
    assert _verify(dist, release[1]).returncode != 0
    signature.unlink()
    missing = _verify(dist, release[1])
    assert missing.returncode != 0
    assert "no signature" in missing.stderr


def test_a_signature_by_another_key_fails(
    release: tuple[Path, Path, dict[str, str], str], tmp_path: Path
) -> None:
    dist = _copy(release[0], tmp_path)
    env_b, fingerprint_b = _gnupg_home(tmp_path, "b")
    try:
        made = _sums(dist, env_b, fingerprint_b)
        assert made.returncode == 0, made.stderr
        key_b = _export(env_b, fingerprint_b, tmp_path / "b.asc")
    finally:
        _stop_agent(env_b)
    result = _verify(dist, release[1])  # checked against the real release key, a's
    assert result.returncode != 0
    assert "not a good signature" in result.stderr
    # The same release verifies against b's key: the failure was the key, nothing else.
    assert _verify(dist, key_b).returncode == 0


def test_sums_without_a_key_drop_a_stale_signature(
    release: tuple[Path, Path, dict[str, str], str], tmp_path: Path
) -> None:
    dist = _copy(release[0], tmp_path)
    made = _sums(dist, release[2], None)
    assert made.returncode == 0, made.stderr
    assert not (dist / "SHA256SUMS.asc").exists()


def test_a_checksum_line_naming_another_folder_is_refused(
    release: tuple[Path, Path, dict[str, str], str], tmp_path: Path
) -> None:
    dist = _copy(release[0], tmp_path)
    env, fingerprint = release[2:]
    sums = dist / "SHA256SUMS"
    sums.write_text(sums.read_text() + f"{'0' * 64}  ../outside\n")
    (dist / "SHA256SUMS.asc").unlink()
    sign = subprocess.run(
        ["gpg", "--batch", "--local-user", fingerprint, "--armor", "--detach-sign", str(sums)],
        env=env,
        capture_output=True,
        check=False,
    )
    assert sign.returncode == 0, sign.stderr
    result = _verify(dist, release[1])
    assert result.returncode != 0
    assert "not '<sha256>  <file name>'" in result.stderr


def _sha256sum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
