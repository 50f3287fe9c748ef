"""``wa-desk sim``: serve the Graph API stand-in and drive simulated customers."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from types import FrameType

from wa_desk.sim.phrases import LANGUAGES
from wa_desk.sim.settings import DEFAULT_ACCESS_TOKEN, SimSettings

DEFAULT_AGENT_NAMES = ("ana", "bruno", "carla")


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "sim",
        help="run the WhatsApp Cloud API simulator and simulated customers",
        description="Serve a stand-in for Meta's Graph API and send the hub signed webhooks "
        "from simulated customers.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=8081, help="port to listen on")
    p.add_argument("--hub", help="hub base URL; webhooks go to HUB/webhooks/whatsapp")
    p.add_argument(
        "--app-secret",
        default=os.environ.get("WA_APP_SECRET"),
        help="app secret the webhooks are signed with (or WA_APP_SECRET)",
    )
    p.add_argument(
        "--access-token",
        default=os.environ.get("WA_ACCESS_TOKEN", DEFAULT_ACCESS_TOKEN),
        help="bearer token the hub must send (or WA_ACCESS_TOKEN)",
    )
    p.add_argument("--customers", type=int, default=20, help="simulated customers")
    p.add_argument(
        "--rate",
        type=float,
        default=0.5,
        help="new customer messages per second, all customers together",
    )
    p.add_argument("--seed", type=int, default=None, help="seed for reproducible traffic")
    p.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="multiplier for every simulated delay (0.1 = ten times faster)",
    )
    p.add_argument(
        "--languages",
        default="es",
        help=f"comma-separated customer languages among {','.join(LANGUAGES)}",
    )
    p.add_argument(
        "--agents",
        type=int,
        default=0,
        help="simulated colleagues who answer through the hub (existing agents; their "
        "shared password in WA_AGENTS_PASSWORD)",
    )
    p.add_argument(
        "--agent-names",
        default=",".join(DEFAULT_AGENT_NAMES),
        help="comma-separated user names the colleagues sign in as, the first --agents of them",
    )
    p.add_argument(
        "--failure-probability",
        type=float,
        default=0.0,
        help="chance that an accepted send fails with 131026",
    )


def _fail(message: str) -> int:
    print(f"wa-desk sim: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    # Imported here so that building wa-desk's parser does not need the server packages.
    from wa_desk.sim.runner import RunOptions, SimulatorRun

    if not args.hub or not args.app_secret:
        return _fail("--hub and --app-secret are required")
    if not args.hub.startswith(("http://", "https://")):
        return _fail(f"--hub must be an http(s) URL, got {args.hub!r}")
    languages = tuple(x.strip() for x in args.languages.split(",") if x.strip())
    unknown = [x for x in languages if x not in LANGUAGES]
    if unknown or not languages:
        return _fail(f"unknown language(s) {','.join(unknown)}; use {','.join(LANGUAGES)}")
    if args.customers < 0 or args.rate < 0 or args.time_scale < 0:
        return _fail("--customers, --rate and --time-scale must not be negative")
    names = tuple(x.strip() for x in args.agent_names.split(",") if x.strip())[: args.agents]
    password = os.environ.get("WA_AGENTS_PASSWORD", "")
    if args.agents < 0 or len(names) < args.agents:
        return _fail("--agents must not be negative nor exceed the --agent-names given")
    if names and not password:
        return _fail("--agents needs the agents' password in WA_AGENTS_PASSWORD")
    settings = SimSettings(
        access_token=args.access_token,
        app_secret=args.app_secret,
        hub_url=args.hub,
        time_scale=args.time_scale,
        seed=args.seed,
        failure_probability=args.failure_probability,
        read_probability=0.85,
    )
    options = RunOptions(
        host=args.host,
        port=args.port,
        customers=args.customers,
        rate=args.rate,
        languages=languages,
        agents=names,
        agents_password=password,
    )
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the colleagues' every request
    sim_run = SimulatorRun(settings, options)

    def stop(signum: int, frame: FrameType | None) -> None:
        sim_run.request_stop()

    # uvicorn captures these while serving and re-raises them afterwards; ours then
    # runs harmlessly instead of killing the process with a signal exit status.
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        asyncio.run(sim_run.run())
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``sim`` on its own (``python -m wa_desk.sim.cli``) until wa-desk's CLI wires it."""
    parser = argparse.ArgumentParser(prog="wa-desk")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
