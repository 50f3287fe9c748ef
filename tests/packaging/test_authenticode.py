"""Authenticode signatures on the MSI, made by installers/windows/sign.sh with
osslsigncode and checked with ``osslsigncode verify``: a throwaway root CA made here
issues a code-signing certificate (in a PKCS#12 file, as sign.sh takes it outside a
release) and a timestamping one, for a timestamp server on loopback that answers RFC 3161
queries with ``openssl ts -reply``. A good signature verifies, with its timestamp; a
changed package, an unsigned one and one checked against another CA do not.

The MSI is built by the real build script over a stand-in tree (see msi_build.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from msi_build import TOP, build, need_tools, stand_in_tree

SIGN = TOP / "installers" / "windows" / "sign.sh"
PASSWORD = os.urandom(12).hex()  # made for this run, never written anywhere else
EXTENSIONS = """\
[code]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""
TSA_CONFIG = """\
[tsa]
default_tsa = tsa_config
[tsa_config]
serial = {folder}/tsaserial
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ess_cert_id_alg = sha256
ess_cert_id_chain = no
"""


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _root_ca(folder: Path, name: str) -> None:
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-keyout", f"{name}.key", "-out", f"{name}.pem", "-subj", f"/CN=wa-desk test {name}",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=folder,
    )  # fmt: skip


def _issue(folder: Path, name: str) -> None:
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key",
        "-out", f"{name}.csr", "-subj", f"/CN=wa-desk test {name}",
        cwd=folder,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "1", "-extfile", "extensions.cnf", "-extensions", name,
        "-out", f"{name}.pem",
        cwd=folder,
    )  # fmt: skip


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_tools("openssl", "osslsigncode")
    folder = tmp_path_factory.mktemp("pki")
    (folder / "extensions.cnf").write_text(EXTENSIONS)
    _root_ca(folder, "ca")
    _root_ca(folder, "other-ca")
    _issue(folder, "code")
    _issue(folder, "tsa")
    subprocess.run(
        ["openssl", "pkcs12", "-export", "-inkey", "code.key", "-in", "code.pem",
         "-certfile", "ca.pem", "-out", "code.p12", "-passout", "env:P12_PASSWORD"],
        cwd=folder, check=True, capture_output=True, env={**os.environ, "P12_PASSWORD": PASSWORD},
    )  # fmt: skip
    (folder / "tsaserial").write_text("01\n")
    (folder / "tsa.cnf").write_text(TSA_CONFIG.format(folder=folder))
    return folder


@pytest.fixture(scope="module")
def timestamp_server(pki: Path) -> Iterator[str]:
    """An RFC 3161 server on loopback: each query answered by ``openssl ts -reply``."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = self.rfile.read(int(self.headers["Content-Length"]))
            reply = subprocess.run(
                ["openssl", "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "/dev/stdin",
                 "-signer", "tsa.pem", "-inkey", "tsa.key", "-chain", "ca.pem",
                 "-out", "/dev/stdout"],
                input=query, cwd=pki, capture_output=True, check=True,
            ).stdout  # fmt: skip
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def unsigned_msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("msi")
    msi = folder / "wa-desk-x64.msi"
    done = build(stand_in_tree(folder / "tree"), msi)
    assert done.returncode == 0, done.stderr
    return msi


@pytest.fixture(scope="module")
def signed_msi(
    pki: Path, timestamp_server: str, unsigned_msi: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    msi = tmp_path_factory.mktemp("signed") / unsigned_msi.name
    shutil.copyfile(unsigned_msi, msi)
    env = {
        **os.environ,
        "SIGN_PKCS12": str(pki / "code.p12"),
        "SIGN_PKCS12_PASSWORD": PASSWORD,
        "SIGN_TIMESTAMP_URL": timestamp_server,
        "SIGN_REQUIRED": "1",
    }
    done = subprocess.run(["bash", str(SIGN), str(msi)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    return msi


def _verify(msi: Path, pki: Path, ca: str = "ca.pem") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["osslsigncode", "verify", "-in", str(msi), "-CAfile", str(pki / ca),
         "-TSA-CAfile", str(pki / "ca.pem")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_a_signed_msi_verifies_with_its_timestamp(signed_msi: Path, pki: Path) -> None:
    done = _verify(signed_msi, pki)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Signature verification: ok" in done.stdout
    assert "Timestamp Server Signature verification: ok" in done.stdout
    assert "/CN=wa-desk test tsa" in done.stdout


def _tampered(signed: Path, folder: Path, offset: int) -> Path:
    data = bytearray(signed.read_bytes())
    for i in range(offset, offset + 16):
        data[i] ^= 0xFF
    out = folder / f"tampered-{offset}.msi"
    out.write_bytes(bytes(data))
    return out


def test_a_changed_file_inside_the_package_fails(
    signed_msi: Path, pki: Path, tmp_path: Path
) -> None:
    # The middle of the embedded cabinet (the app's files): an MSI's signature covers its
    # streams, not the container's unused sectors, so the bytes flipped are the files'.
    data = signed_msi.read_bytes()
    cabinet = data.index(b"MSCF")
    done = _verify(_tampered(signed_msi, tmp_path, cabinet + 256), pki)
    assert done.returncode != 0
    assert "MISMATCH" in done.stdout


def test_a_changed_version_fails(signed_msi: Path, pki: Path, tmp_path: Path) -> None:
    data = signed_msi.read_bytes()
    version = data.index(b"UpgradeCode")  # the string pool, with the Property table's text
    done = _verify(_tampered(signed_msi, tmp_path, version), pki)
    assert done.returncode != 0


def test_an_unsigned_msi_fails(unsigned_msi: Path, pki: Path) -> None:
    assert _verify(unsigned_msi, pki).returncode != 0


def test_a_signature_from_another_authority_fails(signed_msi: Path, pki: Path) -> None:
    assert _verify(signed_msi, pki, ca="other-ca.pem").returncode != 0


def test_without_a_key_nothing_is_signed_unless_a_signature_is_required(
    unsigned_msi: Path, tmp_path: Path
) -> None:
    msi = tmp_path / unsigned_msi.name
    shutil.copyfile(unsigned_msi, msi)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGN_")}
    relaxed = subprocess.run(["bash", str(SIGN), str(msi)], env=env, capture_output=True, text=True)
    assert relaxed.returncode == 0 and "left unsigned" in relaxed.stdout
    assert msi.read_bytes() == unsigned_msi.read_bytes()
    strict = subprocess.run(
        ["bash", str(SIGN), str(msi)],
        env={**env, "SIGN_REQUIRED": "1"},
        capture_output=True,
        text=True,
    )
    assert strict.returncode != 0 and "SIGN_REQUIRED" in strict.stderr
