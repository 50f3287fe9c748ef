"""``wa-desk hub policy check FILE`` and ``wa-desk hub policy reload``.

``check`` reads a policy file as the hub would and says what is wrong with it (exit
status 2, the faulty key named) or prints its version (its SHA-256), without touching
any hub. ``reload`` checks the hub's policy file the same way, then sends ``SIGHUP`` to
the hub whose process id is in its pid file (``wa-desk hub serve --pid-file``, or ``[hub]
pid_file``), and waits until a hub chain records that version as applied: a reload
is done when an auditor can see it. On PostgreSQL with several replicas, the others
follow the first one (``hub.policy_reload``); signalling one replica is enough.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from wa_desk.hub.policy_file import read_policy_file
from wa_desk.hub.settings_values import SettingsError

WAIT_S = 10.0
POLL_S = 0.1


def add_parser(cmds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    policy = cmds.add_parser("policy", help="the hub's policy file: check it, reload it")
    pcmds = policy.add_subparsers(dest="policy_command", required=True)
    check = pcmds.add_parser(
        "check", help="validate a policy file without applying it; print its version"
    )
    check.add_argument("file", type=Path, help="the policy file (TOML with [policy] tables)")
    check.set_defaults(handler=_check)
    reload = pcmds.add_parser(
        "reload",
        help="check the hub's policy file, signal the running hub to apply it (SIGHUP), "
        "and wait until its chain records it",
    )
    reload.add_argument("--pid-file", type=Path, default=None, help="the hub's pid file")
    reload.add_argument(
        "--wait", type=float, default=WAIT_S, help=f"seconds to wait for the hub ({WAIT_S:g})"
    )
    reload.add_argument("--db", default=None, help="sqlite:///path or postgresql://... (WA_DB)")
    reload.add_argument("--config", type=Path, default=None, help="TOML settings file")
    reload.set_defaults(handler=_reload)


def _check(args: argparse.Namespace) -> int:
    version = read_policy_file(args.file)  # SettingsError: one line, status 2
    print(f"{args.file}: valid, version {version.digest}")
    return 0


def _reload(args: argparse.Namespace) -> int:
    from wa_desk.hub.db.database import Database
    from wa_desk.hub.policy_reload import last_applied
    from wa_desk.hub.settings import resolve_db_url, resolve_hub_path

    path = resolve_hub_path(args.config, "policy_file")
    if path is None:
        raise SettingsError("policy_file", "the hub has no policy file to reload")
    try:
        version = read_policy_file(path)
    except SettingsError as exc:
        print(
            f"wa-desk hub: policy not reloaded, the hub keeps its version: {exc}", file=sys.stderr
        )
        return 2
    pid = _hub_pid(args.pid_file or resolve_hub_path(args.config, "pid_file"))
    db = Database.open(resolve_db_url(args.config, os.environ, args.db), readers=1)
    try:
        if db.read_sync(last_applied) == version.digest:
            print(f"{path}: version {version.digest} is already in use")
            return 0
        sighup = getattr(signal, "SIGHUP", None)
        if sighup is None:
            raise SettingsError("policy reload", "needs SIGHUP: on Windows, restart the hub")
        try:
            os.kill(pid, sighup)
        except ProcessLookupError:
            raise SettingsError("--pid-file", f"no hub runs as process {pid}") from None
        deadline = time.monotonic() + args.wait
        while db.read_sync(last_applied) != version.digest:
            if time.monotonic() > deadline:
                print(
                    f"wa-desk hub: the hub (pid {pid}) did not record version "
                    f"{version.digest[:12]} within {args.wait:g} s: see its log",
                    file=sys.stderr,
                )
                return 1
            time.sleep(POLL_S)
    finally:
        db.close()
    print(f"{path}: version {version.digest} applied")
    return 0


def _hub_pid(pid_file: Path | None) -> int:
    if pid_file is None:
        raise SettingsError("--pid-file", "is needed (or [hub] pid_file in the configuration)")
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError) as exc:
        raise SettingsError("--pid-file", f"{pid_file} holds no hub's process id: {exc}") from exc
