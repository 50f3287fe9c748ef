"""``wa-desk``: the desktop app, and the ``hub``, ``sim`` and ``demo`` subcommands."""

from __future__ import annotations

import argparse
import sys

import wa_desk


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wa-desk", description="WhatsApp shared inbox and supervision for contact centers."
    )
    parser.add_argument("--version", action="version", version=f"wa-desk {wa_desk.__version__}")
    sub = parser.add_subparsers(dest="command")
    from wa_desk.demo import add_parser as add_demo
    from wa_desk.hub.cli import add_parser as add_hub
    from wa_desk.sim.cli import add_parser as add_sim

    add_hub(sub)
    add_sim(sub)
    add_demo(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
