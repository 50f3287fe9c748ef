"""A throwaway PostgreSQL server for tests, started from the machine's own binaries.

PostgreSQL refuses to run as root, and CI runs as root: in that case initdb and the
server run as the unprivileged system user ``wadesk-pg`` (created on demand, falling
back to ``nobody``). The cluster lives in a private directory under /tmp, listens on
127.0.0.1 only, trusts every local connection and trades durability for speed.

    server = PgServer()
    server.start()
    url = server.new_database("test_something")  # empty database, ~0.1 s
    ...
    server.stop()  # also runs at interpreter exit
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

NO_BINARIES_REASON = (
    "PostgreSQL server binaries not found "
    "(install postgresql to run the PostgreSQL half of the storage tests)"
)

SUPERUSER = "wadesk"
DEFAULT_DB = "wadesk"
SERVICE_USER = "wadesk-pg"
_REQUIRED = ("initdb", "pg_ctl", "postgres")
_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": None,  # filled in with the private socket dir
    "max_connections": "200",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "'32MB'",
    "log_min_messages": "warning",
    "log_min_error_statement": "panic",
}


def _has_all(bin_dir: Path) -> bool:
    return all(os.access(bin_dir / name, os.X_OK) for name in _REQUIRED)


def _version_key(path: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/<version>/bin: compare numerically, "9.6" < "15".
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.name)) or (0,)


def find_pg_binaries() -> Path | None:
    """Directory holding initdb, pg_ctl and postgres, or None.

    Order: $WADESK_PG_BIN, then PATH (Debian does not put them there by default),
    then the highest version under /usr/lib/postgresql/*/bin.
    """
    override = os.environ.get("WADESK_PG_BIN")
    if override:
        return Path(override) if _has_all(Path(override)) else None
    found = shutil.which("pg_ctl")
    if found:
        bin_dir = Path(found).resolve().parent
        if _has_all(bin_dir):
            return bin_dir
    candidates = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if _has_all(p)]
    return max(candidates, key=_version_key) if candidates else None


def skip_reason() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    return None if find_pg_binaries() is not None else NO_BINARIES_REASON


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _service_account() -> pwd.struct_passwd | None:
    """The account to run PostgreSQL as: None means "as ourselves" (not root)."""
    if os.geteuid() != 0:
        return None
    with contextlib.suppress(KeyError):
        return pwd.getpwnam(SERVICE_USER)
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    subprocess.run(
        [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
        check=False,
        capture_output=True,
    )
    try:  # also covers a concurrent run having created it first
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        return pwd.getpwnam("nobody")


class PgServerError(RuntimeError):
    pass


class PgServer:
    """One private PostgreSQL cluster. Not safe to share across processes."""

    def __init__(self, bin_dir: Path | None = None) -> None:
        self.bin_dir = bin_dir or find_pg_binaries()
        self.port = 0
        self.base_dir: Path | None = None
        self._account: pwd.struct_passwd | None = None
        self._admin: Any = None  # psycopg.Connection to the "postgres" database
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._atexit_registered = False

    # -- paths ------------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        assert self.base_dir is not None, "server not started"
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.base_dir is not None, "server not started"
        return self.base_dir / "sock"

    @property
    def log_file(self) -> Path:
        assert self.base_dir is not None, "server not started"
        return self.base_dir / "server.log"

    @property
    def url(self) -> str:
        return self.url_for(DEFAULT_DB)

    def url_for(self, dbname: str) -> str:
        assert self.port, "server not started"
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    @property
    def running(self) -> bool:
        return self.postmaster_pid() is not None

    def postmaster_pid(self) -> int | None:
        if self.base_dir is None:
            return None
        try:
            pid = int((self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None
        return pid if Path(f"/proc/{pid}").exists() else None

    # -- lifecycle --------------------------------------------------------------------------

    def _run(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C", TZ="UTC")
        kwargs: dict[str, Any] = {}
        if self._account is not None:
            env.update(HOME=str(self.base_dir), USER=self._account.pw_name)
            env["LOGNAME"] = self._account.pw_name
            kwargs = {
                "user": self._account.pw_uid,
                "group": self._account.pw_gid,
                "extra_groups": [],
            }
        proc = subprocess.run(
            [str(a) for a in args],
            cwd=self.base_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            **kwargs,
        )
        if check and proc.returncode != 0:
            raise PgServerError(
                f"{Path(str(args[0])).name} failed ({proc.returncode}):\n"
                f"{proc.stdout}{proc.stderr}{self._log_tail()}"
            )
        return proc

    def _log_tail(self) -> str:
        try:
            return "\n--- server log ---\n" + "\n".join(
                self.log_file.read_text(errors="replace").splitlines()[-30:]
            )
        except (OSError, AssertionError):
            return ""

    def start(self) -> PgServer:
        if self.bin_dir is None:
            raise PgServerError(NO_BINARIES_REASON)
        if self.running:
            return self
        self._account = _service_account()
        tmp_root = "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()
        self.base_dir = Path(tempfile.mkdtemp(prefix="wadesk-pg-", dir=tmp_root))
        self.base_dir.chmod(0o755)
        self.socket_dir.mkdir(mode=0o700)
        if self._account is not None:
            for path in (self.base_dir, self.socket_dir):
                os.chown(path, self._account.pw_uid, self._account.pw_gid)
        if not self._atexit_registered:
            atexit.register(self.stop)
            self._atexit_registered = True
        try:
            self._run(
                self.bin_dir / "initdb",
                "-D", self.data_dir, "-U", SUPERUSER, "--auth=trust",
                "-E", "UTF8", "--locale=C", "--no-sync",
            )  # fmt: skip
            self._start_on_free_port()
            self._start_watchdog()
            self._connect_admin()
            with self._lock:
                self._admin.execute(f'CREATE DATABASE "{DEFAULT_DB}"')
        except BaseException:
            self.stop()
            raise
        return self

    def _start_on_free_port(self, attempts: int = 5) -> None:
        # A port picked by bind(0) can be taken by someone else before postgres binds it.
        error: PgServerError | None = None
        for _ in range(attempts):
            self.port = _free_port()
            settings = dict(_SETTINGS, port=str(self.port))
            settings["unix_socket_directories"] = f"'{self.socket_dir}'"
            # postgresql.auto.conf is read last, so it overrides postgresql.conf.
            auto_conf = self.data_dir / "postgresql.auto.conf"
            auto_conf.write_text("".join(f"{k} = {v}\n" for k, v in settings.items()))
            if self._account is not None:
                os.chown(auto_conf, self._account.pw_uid, self._account.pw_gid)
            try:
                self._run(
                    self.bin_dir / "pg_ctl",
                    "start", "-D", self.data_dir, "-l", self.log_file, "-w", "-t", "60",
                )  # fmt: skip
                return
            except PgServerError as exc:
                error = exc
                if "already in use" not in self._log_tail():
                    raise
        assert error is not None
        raise error

    def _start_watchdog(self) -> None:
        """Clean up even if this process dies without running atexit (SIGKILL, SIGTERM).

        SIGQUIT is PostgreSQL's immediate shutdown; it runs in its own session so that
        killing the test run's process group does not take it along.
        """
        pid = self.postmaster_pid()
        assert pid is not None and self.base_dir is not None
        script = (
            'while kill -0 "$1" 2>/dev/null; do sleep 1; done; [ -d "$3" ] || exit 0; '
            'kill -QUIT "$2" 2>/dev/null; sleep 2; kill -KILL "$2" 2>/dev/null; rm -rf "$3"'
        )
        self._watchdog = subprocess.Popen(
            ["/bin/sh", "-c", script, "pg-watchdog", str(os.getpid()), str(pid), self.base_dir],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def _connect_admin(self) -> None:
        import psycopg  # deferred: only the PostgreSQL tests need it

        deadline = time.monotonic() + 30
        while True:
            try:
                self._admin = psycopg.connect(self.url_for("postgres"), autocommit=True)
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        """Kill the server (no clean shutdown needed: the cluster is thrown away)."""
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
            self._admin = None
        if self._watchdog is not None:
            self._watchdog.kill()
            self._watchdog.wait()
            self._watchdog = None
        if self.base_dir is None:
            return
        pid = self.postmaster_pid()
        if pid is not None and self.bin_dir is not None:
            with contextlib.suppress(Exception):
                self._run(
                    self.bin_dir / "pg_ctl", "stop", "-D", self.data_dir, "-m", "immediate",
                    "-w", "-t", "10", check=False,
                )  # fmt: skip
            if Path(f"/proc/{pid}").exists():
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.base_dir, ignore_errors=True)
        self.base_dir = None
        self.port = 0

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- databases --------------------------------------------------------------------------

    def new_database(self, name: str, *, template: str | None = None) -> str:
        """(Re)create an empty database and return its URL.

        With ``template`` the new database is a copy of that one (schema and rows), which
        is the cheap way to hand many tests the same migrated schema. A template must
        have no open connections while it is copied.
        """
        from psycopg import sql

        if self._admin is None:
            raise PgServerError("server not started")
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template or "template0")
        )
        if self._admin.info.server_version >= 150000:
            # 15 defaults to WAL_LOG, which is slower for the small databases tests use.
            create += sql.SQL(" STRATEGY file_copy")
        with self._lock:
            self._admin.execute(drop)
            self._admin.execute(create)
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        from psycopg import sql

        if self._admin is None:
            return
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        with self._lock:
            self._admin.execute(drop)
