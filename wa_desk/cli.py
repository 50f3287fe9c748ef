"""``wa-desk``: the desktop app, and the ``hub``, ``sim`` and ``demo`` subcommands."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import wa_desk

# What the hub, the simulator and the demo run on; the desktop installers leave them out.
HUB_MODULES = ("fastapi", "uvicorn")
NO_HUB = (
    "wa-desk: `wa-desk {command}` needs the hub's components ({missing} is not here): the "
    "desktop installer carries only the desktop app. Install the hub from its own package "
    "(wa-desk-hub), or from source with `pip install 'wa-desk[hub]'`."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wa-desk", description="WhatsApp shared inbox and supervision for contact centers."
    )
    parser.add_argument("--version", action="version", version=f"wa-desk {wa_desk.__version__}")
    smoke = parser.add_argument_group(
        "smoke test", "prove an installed app starts (for installers and IT), then exit"
    )
    smoke.add_argument(
        "--smoke-test",
        action="store_true",
        help="start offscreen against a stand-in hub on loopback, open the main window, load "
        "the translations and the keyring; exit 0, or 1 naming each check that failed",
    )
    smoke.add_argument(
        "--keyring",
        choices=["system", "memory"],
        default=None,
        help="system (default): the system keyring must work; memory: where none can "
        "exist (a build machine), the keyring backend must be in the app but tokens stay "
        "in memory",
    )
    smoke.add_argument(
        "--translations-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="check the compiled translations in DIR instead of the app's own",
    )
    smoke.add_argument(
        "--deadline",
        type=float,
        default=None,
        metavar="SECONDS",
        help="fail when the checks take longer (default 30)",
    )
    sub = parser.add_subparsers(dest="command")
    from wa_desk.demo import add_parser as add_demo
    from wa_desk.hub.cli import add_parser as add_hub
    from wa_desk.sim.cli import add_parser as add_sim

    add_hub(sub)
    add_sim(sub)
    add_demo(sub)
    return parser


def _hub_missing() -> str | None:
    """The first of the hub's components this installation lacks, if any."""
    return next((m for m in HUB_MODULES if importlib.util.find_spec(m) is None), None)


def _smoke_test(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from wa_desk.smoke.keyring_check import KeyringMode
    from wa_desk.ui.app.smoke import DEFAULT_DEADLINE_S, SmokeOptions, run_smoke_test

    if args.command is not None:
        parser.error("--smoke-test runs on its own, without a subcommand")
    options = SmokeOptions(
        keyring=KeyringMode(args.keyring or KeyringMode.SYSTEM),
        translations_dir=args.translations_dir,
        deadline_s=args.deadline if args.deadline is not None else DEFAULT_DEADLINE_S,
    )
    return run_smoke_test(options)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.smoke_test:
        return _smoke_test(parser, args)
    if (args.keyring, args.translations_dir, args.deadline) != (None, None, None):
        parser.error("--keyring, --translations-dir and --deadline go with --smoke-test")
    if args.command in ("hub", "sim", "demo") and (missing := _hub_missing()) is not None:
        print(NO_HUB.format(command=args.command, missing=missing), file=sys.stderr)
        return 2
    if args.command == "hub":
        from wa_desk.hub.cli import run as run_hub

        return run_hub(args)
    if args.command == "sim":
        from wa_desk.sim.cli import run as run_sim

        return run_sim(args)
    if args.command == "demo":
        from wa_desk.demo import run as run_demo

        return run_demo(args)
    from wa_desk.ui.app.entry import run_desktop

    return run_desktop()


if __name__ == "__main__":
    sys.exit(main())
