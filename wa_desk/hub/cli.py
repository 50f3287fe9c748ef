"""``wa-desk hub ...``: serve the hub, manage users."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wa_desk.core.clock import now_ms, to_rfc3339
from wa_desk.core.conversation import Role
from wa_desk.hub import policy_cli
from wa_desk.hub.settings import (
    SettingsError,
    load_settings,
    resolve_db_url,
    resolve_hub_path,
    resolve_replica_id,
    resolve_retention_days,
    resolve_wallboard_retention_minutes,
)

MAX_SEED_WEEKS = 104

if TYPE_CHECKING:
    from collections.abc import Callable

    from wa_desk.hub.audit_export import ExportRange
    from wa_desk.hub.db.connection import Conn
    from wa_desk.hub.db.database import Database


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hub = subparsers.add_parser("hub", help="the WhatsApp gateway and central store")
    cmds = hub.add_subparsers(dest="hub_command", required=True)

    serve = cmds.add_parser("serve", help="run the hub (FastAPI on uvicorn)")
    serve.add_argument("--host", default=None, help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port to listen on (8700)")
    _store_args(serve)
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.add_argument(
        "--pid-file",
        type=Path,
        default=None,
        help="write the process id here, for `wa-desk hub policy reload` ([hub] pid_file)",
    )
    serve.set_defaults(handler=_serve)
    policy_cli.add_parser(cmds)

    user = cmds.add_parser("user", help="manage users")
    ucmds = user.add_subparsers(dest="user_command", required=True)
    add = ucmds.add_parser("add", help="create a user")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--queue", action="append", default=[], help="a queue (repeatable)")
    _password_stdin_arg(add)
    _store_args(add)
    add.set_defaults(handler=_user_add)
    lst = ucmds.add_parser("list", help="list users")
    _store_args(lst)
    lst.set_defaults(handler=_user_list)
    for verb, disabled in (("disable", True), ("enable", False)):
        p = ucmds.add_parser(verb, help=f"{verb} a user (disabling revokes their sessions)")
        p.add_argument("name")
        _store_args(p)
        p.set_defaults(handler=_user_toggle, disabled=disabled)
    unlock = ucmds.add_parser(
        "unlock", help="let a user locked by failed sign-ins sign in again (clears the count)"
    )
    unlock.add_argument("name")
    _store_args(unlock)
    unlock.set_defaults(handler=_user_unlock)
    passwd = ucmds.add_parser("passwd", help="set a user's password (ends their sessions)")
    passwd.add_argument("name")
    _password_stdin_arg(passwd)
    _store_args(passwd)
    passwd.set_defaults(handler=_user_passwd)

    audit = cmds.add_parser("audit", help="the central audit log: verify, export")
    acmds = audit.add_subparsers(dest="audit_command", required=True)
    verify = acmds.add_parser(
        "verify",
        help="check every device's chain and the hub's own; exit 1 when anything is wrong",
    )
    verify.add_argument(
        "--workers", type=int, default=None, help="processes to use (default: up to 2)"
    )
    _store_args(verify)
    verify.set_defaults(handler=_audit_verify)
    export = acmds.add_parser("export", help="audit events or conversation summaries for auditors")
    export.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD[THH:MM], UTC")
    export.add_argument(
        "--to", dest="end", required=True, help="YYYY-MM-DD (that whole day) or YYYY-MM-DDTHH:MM"
    )
    export.add_argument("--format", dest="fmt", choices=["jsonl", "csv"], default="jsonl")
    export.add_argument("--per", choices=["event", "conversation"], default="event")
    export.add_argument("--redact", action="store_true", help="mask phone numbers and message text")
    export.add_argument("--output", type=Path, default=None, help="a file (default: stdout)")
    _store_args(export)
    export.set_defaults(handler=_audit_export)

    report = cmds.add_parser(
        "report",
        help="the key performance figures (docs/kpis.md): per conversation, or per group",
    )
    report.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD[THH:MM], UTC")
    report.add_argument(
        "--to", dest="end", required=True, help="YYYY-MM-DD (that whole day) or YYYY-MM-DDTHH:MM"
    )
    report.add_argument(
        "--group",
        choices=["queue", "agent", "day"],
        default=None,
        help="one row per group (default: one row per conversation)",
    )
    report.add_argument("--format", dest="fmt", choices=["jsonl", "csv"], default="jsonl")
    _store_args(report)
    report.set_defaults(handler=_report)

    seed = cmds.add_parser(
        "seed-history",
        help="fill an empty store with weeks of realistic past conversations (demos, training)",
        description="Plays weeks of customers and agents through the hub's own intake and "
        "actions, at their past times: busy weekday office hours, quiet nights and weekends. "
        "Needs the configuration's [[queues]]; a queue without agents gets two (without a "
        "usable password).",
    )
    seed.add_argument("--weeks", type=int, default=8, help="how far back (default: 8)")
    seed.add_argument("--seed", type=int, default=1, help="the same seed gives the same past")
    seed.add_argument(
        "--force", action="store_true", help="seed even if the store holds conversations"
    )
    _store_args(seed)
    seed.set_defaults(handler=_seed_history)

    retention = cmds.add_parser(
        "retention", help="purge audit events and closed conversations past the retention period"
    )
    rcmds = retention.add_subparsers(dest="retention_command", required=True)
    purge = rcmds.add_parser(
        "purge",
        help="purge what is older than [audit] retention_days (WA_AUDIT_RETENTION_DAYS), and "
        "wallboard pushes older than [audit] wallboard_retention_minutes (60) that a newer "
        "push of their row replaced (run it hourly from cron)",
    )
    purge.add_argument("--dry-run", action="store_true", help="only say what would go")
    _store_args(purge)
    purge.set_defaults(handler=_retention_purge)


def _password_stdin_arg(parser: argparse.ArgumentParser) -> None:
    """Passwords come on standard input only: never in the arguments, which every user
    of the machine can read."""
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password from standard input",
    )


def _store_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="sqlite:///path or postgresql://... (WA_DB)")
    p.add_argument("--config", type=Path, default=None, help="TOML settings file")


def run(args: argparse.Namespace) -> int:
    """Run a hub command. A setting that is wrong, or a store that is unreachable, full
    or damaged (whichever command meets it, and wherever), is one line and status 2."""
    from wa_desk.hub.db.errors import as_storage_error

    try:
        code: int = args.handler(args)
    except SettingsError as exc:
        print(f"wa-desk hub: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        error = as_storage_error(exc, _store_name(args))
        if error is None:
            raise
        print(f"wa-desk hub: WA_DB: {error}", file=sys.stderr)
        return 2
    return code


def _store_name(args: argparse.Namespace) -> str:
    """The store a command uses, fit for a message (any password masked)."""
    from wa_desk.hub.db.database import DatabaseUrl

    try:
        url = resolve_db_url(getattr(args, "config", None), os.environ, getattr(args, "db", None))
        return DatabaseUrl.parse(url).redacted()
    except (SettingsError, ValueError):
        return "WA_DB"


def _serve(args: argparse.Namespace) -> int:
    import uvicorn
    from uvicorn.config import STARTUP_FAILURE

    from wa_desk.hub.app import create_app
    from wa_desk.hub.context import HubContext
    from wa_desk.hub.db.errors import StorageError
    from wa_desk.hub.draining_server import GRACE_SECONDS, DrainingServer
    from wa_desk.hub.server_config import server_options

    settings = load_settings(
        args.config, overrides={"db": args.db, "host": args.host, "port": args.port}
    )
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        ctx = HubContext.create(settings)
    except StorageError as exc:
        print(f"wa-desk hub: WA_DB: {exc}", file=sys.stderr)
        return 2
    app = create_app(ctx)
    logging.getLogger(__name__).info(
        "hub on http://%s:%d, store %s", settings.host, settings.port, ctx.db.url.redacted()
    )
    tune_process_for_serving()
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=args.log_level,
        timeout_graceful_shutdown=GRACE_SECONDS,
        **server_options(settings.http),
    )
    pid_file = args.pid_file or resolve_hub_path(args.config, "pid_file")
    server = DrainingServer(config, ctx, pid_file)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    return 0 if server.started else STARTUP_FAILURE


def tune_process_for_serving() -> None:
    """Process-wide settings for a dedicated hub process (not for hubs inside tests)."""
    # What exists now lives as long as the hub: keep it out of every future garbage
    # collection, whose full passes otherwise pause all deliveries for tens of ms.
    gc.collect()
    gc.freeze()
    # The store's writer thread holds the GIL while it runs a batch; hand it back to the
    # event loop more often than the default 5 ms so deliveries are not held up.
    sys.setswitchinterval(0.0005)


def _open_db(args: argparse.Namespace) -> Database:
    from wa_desk.hub.db.database import Database

    url = resolve_db_url(args.config, os.environ, args.db)
    # What a command records goes to this machine's hub chain, as the replica's would.
    replica = resolve_replica_id(args.config, os.environ, url)
    return Database.open(url, readers=1, replica_id=replica)


def _audit_verify(args: argparse.Namespace) -> int:
    from wa_desk.hub.audit_verify import verify_store

    url = resolve_db_url(args.config, os.environ, args.db)
    _open_db(args).close()  # the schema is brought up to date, as by any hub command
    if args.workers is not None and args.workers < 1:
        print("wa-desk hub: --workers: must be at least 1", file=sys.stderr)
        return 2
    report = verify_store(url, workers=args.workers)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def _audit_export(args: argparse.Namespace) -> int:
    from wa_desk.hub import audit_export
    from wa_desk.hub.queries.audit_log import HUB_ACTOR, append_hub_fact

    try:
        rng = audit_export.parse_range(args.start, args.end)
    except audit_export.InvalidRange as exc:
        print(f"wa-desk hub: {exc}", file=sys.stderr)
        return 2
    db = _open_db(args)
    try:
        if args.output is None:
            rows = db.read_sync(
                lambda c: audit_export.export(c, sys.stdout, rng, args.fmt, args.per, args.redact)
            )
            sys.stdout.flush()
        else:
            try:
                rows = _export_to_file(db, args.output, rng, args)
            except OSError as exc:
                print(f"wa-desk hub: --output: {exc}", file=sys.stderr)
                return 2
        data = audit_export.describe(rng, args.fmt, args.per, args.redact, rows)
        data["operator"] = operator_name()
        now = now_ms()
        db.write_sync(lambda c: append_hub_fact(c, "export.created", HUB_ACTOR, None, data, now))
    finally:
        db.close()
    print(f"exported {rows:,} rows", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    """Every queue's conversations (an operator on the hub's machine sees them all), with
    the SLA targets and business hours of the configuration's ``[policy]``."""
    from wa_desk.core.audit_kinds import AuditKind
    from wa_desk.hub import audit_export, kpi_report
    from wa_desk.hub.queries.audit_log import HUB_ACTOR, append_hub_fact
    from wa_desk.hub.settings import resolve_guidelines

    try:
        rng = audit_export.parse_range(args.start, args.end)
    except audit_export.InvalidRange as exc:
        print(f"wa-desk hub: {exc}", file=sys.stderr)
        return 2
    guidelines, now = resolve_guidelines(args.config), now_ms()
    db = _open_db(args)

    def write(conn: Conn) -> int:
        if args.group is None:
            rows = kpi_report.conversation_rows(conn, rng.start, rng.end, None, guidelines, now)
            fields = kpi_report.ROW_FIELDS
        else:
            group = kpi_report.Group(args.group)
            found = kpi_report.group_rows(conn, rng.start, rng.end, group, None, guidelines, now)
            rows, fields = iter(found), kpi_report.GROUP_FIELDS
        return audit_export.write_rows(sys.stdout, rows, args.fmt, fields)

    try:
        count = db.read_sync(write)
        sys.stdout.flush()
        if args.group is None:  # conversations taken out of the hub: who did, and which
            data = {
                **audit_export.describe(rng, args.fmt, "conversation", False, count),
                "report": "kpi",
                "operator": operator_name(),
            }
            db.write_sync(
                lambda c: append_hub_fact(c, AuditKind.EXPORT_CREATED, HUB_ACTOR, None, data, now)
            )
    finally:
        db.close()
    print(f"reported {count:,} rows", file=sys.stderr)
    return 0


def _export_to_file(db: Database, path: Path, rng: ExportRange, args: argparse.Namespace) -> int:
    """Written beside ``path`` and moved into place once complete: a failed export leaves
    any earlier file as it was."""
    from wa_desk.hub import audit_export

    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            rows = db.read_sync(
                lambda c: audit_export.export(c, out, rng, args.fmt, args.per, args.redact)
            )
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return rows


def operator_name() -> str:
    """Who runs a command, for the hub's record of it (the OS user)."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _seed_history(args: argparse.Namespace) -> int:
    from wa_desk.hub.history.seed import NoQueues, StoreNotEmpty, seed_history
    from wa_desk.hub.settings import resolve_guidelines, resolve_queues

    if not 1 <= args.weeks <= MAX_SEED_WEEKS:
        print(f"wa-desk hub: --weeks: between 1 and {MAX_SEED_WEEKS}", file=sys.stderr)
        return 2
    queues, guidelines = resolve_queues(args.config), resolve_guidelines(args.config)
    db = _open_db(args)
    try:
        seeded = seed_history(
            db, queues, guidelines, weeks=args.weeks, seed=args.seed, end=now_ms(), force=args.force
        )
    except StoreNotEmpty as exc:
        print(f"wa-desk hub: {exc}; --force seeds it all the same", file=sys.stderr)
        return 1
    except NoQueues as exc:
        print(f"wa-desk hub: {exc} (give --config)", file=sys.stderr)
        return 2
    finally:
        db.close()
    if seeded.created_agents:
        print(
            f"created agents {', '.join(seeded.created_agents)} (no password: set one with "
            "'wa-desk hub user passwd NAME --password-stdin')"
        )
    print(
        f"seeded {args.weeks} weeks: {seeded.conversations:,} conversations, "
        f"{seeded.steps:,} messages, statuses and actions"
        + (f" ({seeded.refused:,} refused by the hub)" if seeded.refused else "")
    )
    return 0


def _retention_purge(args: argparse.Namespace) -> int:
    from wa_desk.hub import retention, retention_steps, stream_purge
    from wa_desk.hub.media import resolve_media_dir

    days = resolve_retention_days(args.config, os.environ)
    minutes = resolve_wallboard_retention_minutes(args.config, os.environ)
    now = now_ms()
    wallboard = stream_purge.wallboard_cutoff(minutes, now)
    if days is None:
        return _wallboard_purge(args, wallboard)
    cutoff = retention.cutoff_for(days, now)
    media_dir = resolve_media_dir({}, os.environ, resolve_db_url(args.config, os.environ, args.db))
    db = _open_db(args)
    try:
        if args.dry_run:
            plan = db.read_sync(
                lambda c: retention.plan(c, cutoff, media_dir, wallboard_cutoff=wallboard)
            )
        else:
            order = retention_steps.PurgeOrder(
                cutoff, days, operator_name(), now, media_dir, wallboard
            )  # waits for a hub's purge under way, if any
            steps = asyncio.run(retention_steps.purge_in_steps(db, order))
            nothing = retention.PurgePlan(cutoff, wallboard)
            plan = retention_steps.merged(steps) if steps else nothing
    finally:
        db.close()
    print("\n".join(plan.lines(args.dry_run)))
    return 1 if plan.refused else 0


def _wallboard_purge(args: argparse.Namespace, wallboard: int) -> int:
    """Retention off: only the wallboard's superseded pushes go (they are no record)."""
    from wa_desk.hub import retention, stream_purge

    db = _open_db(args)
    try:
        if args.dry_run:
            n = db.read_sync(lambda c: stream_purge.count(c, None, wallboard))
        else:

            def purge(c: Conn) -> int:
                retention.take_turn(c, wait=True)  # after a hub's purge under way, if any
                return stream_purge.delete(c, None, wallboard)

            n = db.write_sync(purge)
    finally:
        db.close()
    verb = "would purge" if args.dry_run else "purged"
    print(
        "retention is off ([audit] retention_days or WA_AUDIT_RETENTION_DAYS): nothing "
        f"else purged; {verb} {n:,} wallboard pushes older than {to_rfc3339(wallboard)} "
        "that a newer push of their row replaced"
    )
    return 0


def _new_password(name: str) -> str | None:
    """The password on standard input, or None when it may not be used (said why)."""
    from wa_desk.hub.password_rules import password_problem

    password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password, name)
    if problem is not None:
        print(f"wa-desk hub: password: {problem}", file=sys.stderr)
        return None
    return password


def _user_add(args: argparse.Namespace) -> int:
    from wa_desk.hub.passwords import hash_password
    from wa_desk.hub.queries import users
    from wa_desk.hub.user_names import name_problem, printable_name

    problem = name_problem(args.name)
    if problem is not None:
        print(f"wa-desk hub: user name '{printable_name(args.name)}': {problem}", file=sys.stderr)
        return 2
    password = _new_password(args.name)
    if password is None:
        return 2
    db = _open_db(args)
    try:
        hashed = hash_password(password)
        now = now_ms()
        user = db.write_sync(
            lambda c: users.add_user(c, args.name, Role(args.role), args.queue, hashed, now)
        )
    except users.UserExists:
        print(f"wa-desk hub: user {args.name!r} already exists", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(
        f"created {user.role.value} {user.name} ({user.id}) queues: {', '.join(user.queues) or '-'}"
    )
    return 0


def _user_list(args: argparse.Namespace) -> int:
    from wa_desk.hub.queries import sign_in_failures, users
    from wa_desk.hub.user_names import printable_name

    db = _open_db(args)
    now = now_ms()
    try:
        found = db.read_sync(users.list_users)
        locked = db.read_sync(lambda c: sign_in_failures.locked_names(c, now))
    finally:
        db.close()
    for u in found:
        state = "disabled" if u.disabled else "locked" if u.name in locked else "active"
        queues = ",".join(printable_name(q) for q in u.queues) or "-"
        print(f"{printable_name(u.name)}\t{u.role.value}\t{state}\t{queues}\t{u.id}")
    return 0


def _user_unlock(args: argparse.Namespace) -> int:
    from wa_desk.hub import sign_in

    now = now_ms()
    operator = operator_name()
    return _change_user(
        args, lambda c: sign_in.unlock(c, args.name, operator, now), f"{args.name}: unlocked"
    )


def _user_passwd(args: argparse.Namespace) -> int:
    from wa_desk.core.audit_kinds import AuditKind
    from wa_desk.hub.passwords import hash_password
    from wa_desk.hub.queries import users
    from wa_desk.hub.queries.audit_log import HUB_ACTOR, append_hub_fact

    password = _new_password(args.name)
    if password is None:
        return 2
    hashed = hash_password(password)
    now = now_ms()
    operator = operator_name()

    def change(conn: Conn) -> bool:
        user = users.set_password(conn, args.name, hashed, now)
        if user is None:
            return False
        data = {"name": user.name, "user": user.id, "operator": operator}
        append_hub_fact(conn, AuditKind.AUTH_PASSWORD_CHANGED, HUB_ACTOR, None, data, now)
        return True

    return _change_user(args, change, f"{args.name}: password set; their sessions have ended")


def _user_toggle(args: argparse.Namespace) -> int:
    from wa_desk.hub.queries import users

    now = now_ms()
    return _change_user(
        args,
        lambda c: users.set_disabled(c, args.name, args.disabled, now),
        f"{args.name}: {'disabled' if args.disabled else 'enabled'}",
    )


def _change_user(args: argparse.Namespace, change: Callable[[Conn], bool], done: str) -> int:
    """One write about the user ``args.name``: ``done`` is printed, or exit 1 if no such user."""
    db = _open_db(args)
    try:
        found = db.write_sync(change)
    finally:
        db.close()
    if not found:
        print(f"wa-desk hub: no user {args.name!r}", file=sys.stderr)
        return 1
    print(done)
    return 0
