"""``wa-desk demo``: a live contact center in one command, on a temporary SQLite store.

Starts the hub and the Cloud API simulator as child processes (so a heavy load never
stalls the caller), seeds queues, users and templates, and lets simulated customers
write in. The children stop with the demo, on Ctrl+C and on SIGTERM alike.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import httpx

from wa_desk.core.clock import now_ms
from wa_desk.core.conversation import Role

if TYPE_CHECKING:
    from wa_desk.ui.app.desktop_app import SignedIn

WABA_ID = "200000000000001"
QUEUES = {"ventas": "100000000000001", "soporte": "100000000000002"}
# What a newcomer sees in the composer and the customer panel: a closing checklist per
# queue, the text rules the hub enforces, canned replies and the service levels the inbox
# colours by.
DEMO_POLICY = """
[[policy.checklists]]
queue = "*"
items = [
  { id = "greeted", label = "Saludé al cliente por su nombre" },
  { id = "anything_else", label = "Pregunté si necesita algo más" },
]

[[policy.checklists]]
queue = "ventas"
items = [{ id = "order_checked", label = "Comprobé el número de pedido", required = true }]

[[policy.checklists]]
queue = "soporte"
items = [{ id = "ticket_opened", label = "Abrí o actualicé el ticket", required = true }]

[[policy.rules]]
id = "card_number"
detector = "payment_card"
severity = "block"
message = "Nunca envíes números de tarjeta por WhatsApp."

[[policy.rules]]
id = "identity_number"
detector = "es_dni_nie"
severity = "warn"
message = "Un DNI o NIE no debería ir en un chat: ¿hace falta?"

[[policy.rules]]
id = "promise"
phrase = "te lo garantizo"
severity = "warn"
message = "No prometas lo que la empresa no puede garantizar."

[[policy.rules]]
id = "shouting"
detector = "shouting"
severity = "warn"
message = "Varias palabras en mayúsculas se leen como gritos."

# Canned replies in both languages: "/" at the start of a draft opens them, "/hola",
# "/pedido" or "/hi" anywhere in it goes straight to one.
[[policy.canned_replies]]
queue = "*"
name = "Saludo"
language = "es"
text = "¡Hola, {{customer_name}}! Soy {{agent_name}}, de {{queue}}. ¿En qué puedo ayudarte?"
tags = ["saludo", "inicio"]
shortcut = "hola"

[[policy.canned_replies]]
queue = "*"
name = "Despedida"
language = "es"
text = "Gracias por escribirnos, {{customer_name}}. ¡Que tengas un buen día!"
tags = ["cierre", "gracias"]
shortcut = "adios"

[[policy.canned_replies]]
queue = "ventas"
name = "Estado del pedido"
language = "es"
text = "Tu pedido {{order_number}} sale hoy del almacén; te llegará el {{delivery_date}}."
tags = ["pedido", "envío"]
shortcut = "pedido"

[[policy.canned_replies]]
queue = "soporte"
name = "Reinicio del router"
language = "es"
text = "Prueba a apagar el router 30 segundos y volver a encenderlo. ¿Vuelve a funcionar?"
tags = ["router", "internet", "avería"]
shortcut = "router"

[[policy.canned_replies]]
queue = "*"
name = "Greeting"
language = "en"
text = "Hi {{customer_name}}! I'm {{agent_name}} from the {{queue}} team. How can I help you?"
tags = ["greeting", "start"]
shortcut = "hi"

[[policy.canned_replies]]
queue = "*"
name = "Goodbye"
language = "en"
text = "Thanks for writing to us, {{customer_name}}. Have a nice day!"
tags = ["closing", "thanks"]
shortcut = "bye"

# After a close, while the customer's 24 h window is open, ask for a rating of 1 to 5;
# a rating of 2 or less raises an alert naming the agent.
[[policy.csat]]
queue = "*"
enabled = true
question = "¡Gracias por escribirnos! ¿Cómo valorarías la atención que recibiste?"
button = "Valorar"
rows = ["1 – Muy mal", "2 – Mal", "3 – Regular", "4 – Bien", "5 – Excelente"]
alert_below = 2

# Promises: a reply that promises something ("te la envío mañana", "I'll call you at 5")
# is offered for recording, with what and by when read from it (docs/promises.md).
[[policy.promises]]
id = "send_es"
language = "es"
pattern = '\\b(te|se) (lo|la|los|las) (envio|mando|paso|reenvio)\\b'

[[policy.promises]]
id = "call_es"
language = "es"
pattern = '\\b(te|le) (llamo|llamamos|llamare|contacto|escribo|confirmo)\\b'

[[policy.promises]]
id = "send_en"
language = "en"
pattern = '\\b(I|we)(.ll| will) (send|email|forward|call|get back to|contact|confirm)\\b'

# Service levels: a first answer within 15 minutes (at risk from the fifth), around the
# clock so that the demo's waits change colour at any hour.
[[policy.sla]]
queue = "*"
first_response = 900
next_response = 900
resolution = 86400
at_risk = 0.33

# Automatic replies: the hub greets every new conversation (the demo is open around the
# clock, so the away reply goes only where a queue has hours of its own).
[[policy.auto_replies]]
queue = "*"
greeting = "¡Hola! Gracias por escribirnos. En un momento te atiende una persona del equipo."
away = "Ahora mismo estamos fuera de horario. Te responderemos en cuanto abramos."
away_template = { name = "bienvenida", language = "es" }
"""
DEMO_PASSWORD = "demo-wa-desk"  # noqa: S105 - a throwaway store's demo accounts
DEMO_USERS: tuple[tuple[str, Role, tuple[str, ...]], ...] = (
    ("ana", Role.AGENT, ("ventas",)),
    ("bruno", Role.AGENT, ("ventas", "soporte")),
    ("carla", Role.AGENT, ("soporte",)),
    ("lucia", Role.SUPERVISOR, ("ventas", "soporte")),
)
# Simulated colleagues sign in as these agents (the first answers fast, the second
# slowly, the third goes quiet now and then), so the people above are never answered for.
DEMO_COLLEAGUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("diego", ("ventas", "soporte")),
    ("elena", ("ventas",)),
    ("fabio", ("soporte",)),
)
DEMO_HISTORY_WEEKS = 8


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("demo", help="hub + simulator + seeded users on a temporary store")
    p.add_argument(
        "--role",
        choices=["agent", "supervisor"],
        default="agent",
        help="which demo user to present",
    )
    p.add_argument("--customers", type=int, default=12, help="simulated customers")
    p.add_argument("--rate", type=float, default=0.3, help="customer messages per second")
    p.add_argument(
        "--duration",
        type=float,
        default=None,
        help="stop after this many seconds (default: until Ctrl+C)",
    )
    p.add_argument(
        "--colleagues",
        type=int,
        default=len(DEMO_COLLEAGUES),
        choices=range(len(DEMO_COLLEAGUES) + 1),
        help=f"simulated colleagues who answer too (default {len(DEMO_COLLEAGUES)}; 0: none)",
    )
    p.add_argument(
        "--history-weeks",
        type=int,
        default=DEMO_HISTORY_WEEKS,
        choices=range(0, 53),
        metavar="WEEKS",
        help=f"weeks of past conversations seeded at start (default {DEMO_HISTORY_WEEKS}; 0: none)",
    )
    p.add_argument("--hub-port", type=int, default=0, help="hub port (default: a free one)")
    p.add_argument(
        "--headless",
        action="store_true",
        help="run the hub and the simulator only, without the desktop app",
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class DemoEnvironment:
    directory: Path
    hub_url: str
    graph_url: str
    app_secret: str
    access_token: str

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.directory / 'hub.sqlite3'}"


def write_hub_config(env: DemoEnvironment, verify_token: str) -> Path:
    def table(name: str, values: dict[str, str]) -> str:
        # JSON strings are valid TOML basic strings, escaping included.
        return f"[{name}]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items())

    whatsapp = {
        "app_secret": env.app_secret,
        "verify_token": verify_token,
        "access_token": env.access_token,
        "graph_url": env.graph_url,
        "waba_id": WABA_ID,
    }
    queues = "".join(
        f"\n[[queues]]\nname = {json.dumps(name)}\nphone_number_ids = [{json.dumps(pid)}]\n"
        for name, pid in QUEUES.items()
    )
    path = env.directory / "hub.toml"
    path.write_text(
        table("hub", {"db": env.db_url})
        + "\n"
        + table("whatsapp", whatsapp)
        + queues
        + DEMO_POLICY,
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


def seed_history(env: DemoEnvironment, config: Path, weeks: int) -> int:
    """``weeks`` of past conversations in the new store; how many."""
    from wa_desk.hub.db.database import Database
    from wa_desk.hub.history.seed import seed_history as seed
    from wa_desk.hub.settings import resolve_guidelines, resolve_queues

    db = Database.open(env.db_url, readers=1)
    try:
        queues, guidelines = resolve_queues(config), resolve_guidelines(config)
        return seed(db, queues, guidelines, weeks=weeks, seed=1, end=now_ms()).conversations
    finally:
        db.close()


def seed_users(db_url: str, colleagues: int = 0) -> None:
    from wa_desk.hub.db.database import Database
    from wa_desk.hub.passwords import hash_password
    from wa_desk.hub.queries import users

    db = Database.open(db_url, readers=1)
    try:
        hashed = hash_password(DEMO_PASSWORD)
        team = [(n, Role.AGENT, q) for n, q in DEMO_COLLEAGUES[:colleagues]]
        for name, role, queues in [*DEMO_USERS, *team]:
            add = functools.partial(
                users.add_user,
                name=name,
                role=role,
                queues=list(queues),
                password_hash=hashed,
                now=now_ms(),
            )
            db.write_sync(add)
    finally:
        db.close()


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with status {process.returncode} while starting")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def running_demo(
    customers: int,
    rate: float,
    hub_port: int = 0,
    *,
    colleagues: int = 0,
    history_weeks: int = 0,
) -> Iterator[DemoEnvironment]:
    """Hub and simulator running as children on a temporary store, with ``history_weeks``
    of past conversations and ``colleagues`` simulated agents; stopped on exit."""
    with tempfile.TemporaryDirectory(prefix="wa-desk-demo-") as tmp:
        env = DemoEnvironment(
            directory=Path(tmp),
            hub_url=f"http://127.0.0.1:{hub_port or _free_port()}",
            graph_url=f"http://127.0.0.1:{_free_port()}",
            app_secret=secrets.token_hex(16),
            access_token=secrets.token_hex(16),
        )
        config = write_hub_config(env, secrets.token_hex(8))
        seed_users(env.db_url, colleagues)
        if history_weeks:
            print(f"  seeding {history_weeks} weeks of past conversations...", flush=True)
            seeded = seed_history(env, config, history_weeks)
            print(f"  {seeded:,} past conversations seeded (--history-weeks 0 skips them)")
        python = [sys.executable, "-m", "wa_desk.cli"]
        children: list[subprocess.Popen[bytes]] = []
        log = (env.directory / "demo.log").open("ab")
        try:
            hub = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [
                    *python,
                    "hub",
                    "serve",
                    "--config",
                    str(config),
                    "--port",
                    env.hub_url.rsplit(":", 1)[1],
                    "--log-level",
                    "warning",
                ],
                stdout=log,
                stderr=log,
            )
            children.append(hub)
            _wait_healthy(f"{env.hub_url}/healthz", hub)
            # Secrets go through the environment, never the command line (ps shows that).
            child_env = {
                **os.environ,
                "WA_APP_SECRET": env.app_secret,
                "WA_ACCESS_TOKEN": env.access_token,
                "WA_AGENTS_PASSWORD": DEMO_PASSWORD,
            }
            names = ",".join(n for n, _ in DEMO_COLLEAGUES[:colleagues])
            sim = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [
                    *python,
                    "sim",
                    "--port",
                    env.graph_url.rsplit(":", 1)[1],
                    "--hub",
                    env.hub_url,
                    "--customers",
                    str(customers),
                    "--rate",
                    str(rate),
                    "--agents",
                    str(colleagues),
                    "--agent-names",
                    names or "-",
                ],
                stdout=log,
                stderr=log,
                env=child_env,
            )
            children.append(sim)
            _wait_healthy(f"{env.graph_url}/_sim/stats", sim)
            yield env
        finally:
            for child in reversed(children):
                _stop(child)
            log.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(stop: dict[str, bool], duration: float | None) -> None:
    deadline = None if duration is None else time.monotonic() + duration
    while not stop["now"] and (deadline is None or time.monotonic() < deadline):
        time.sleep(0.2)


def _signed_in(hub_url: str, user: str) -> SignedIn:
    from wa_desk.ui.app.desktop_app import SignedIn

    response = httpx.post(
        f"{hub_url}/api/v1/auth/login", json={"username": user, "password": DEMO_PASSWORD}
    )
    response.raise_for_status()
    body = response.json()
    return SignedIn(hub_url, body["token"], body["user"])


def run(args: argparse.Namespace) -> int:
    stop = {"now": False}

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        with running_demo(
            args.customers,
            args.rate,
            args.hub_port,
            colleagues=args.colleagues,
            history_weeks=args.history_weeks,
        ) as env:
            user = next(n for n, r, _ in DEMO_USERS if r.value == args.role)
            print(f"wa-desk demo: hub {env.hub_url}  (simulated WhatsApp: {env.graph_url})")
            print(
                f"  sign in as {user!r} with password {DEMO_PASSWORD!r}; other users: "
                + ", ".join(n for n, _, _ in DEMO_USERS if n != user)
            )
            print(f"  {args.customers} simulated customers write in Spanish; Ctrl+C stops.")
            if args.colleagues:
                team = ", ".join(n for n, _ in DEMO_COLLEAGUES[: args.colleagues])
                print(f"  simulated colleagues answer too: {team} (--colleagues 0 turns them off)")
            sys.stdout.flush()
            if args.headless:
                _wait(stop, args.duration)
                return 0
            from wa_desk.ui.app.entry import NO_DISPLAY, display_missing, run_desktop

            if display_missing():
                print(NO_DISPLAY, file=sys.stderr)
                print("  The hub and the simulator keep running; Ctrl+C stops them.")
                _wait(stop, args.duration)
                return 0
            return run_desktop(
                _signed_in(env.hub_url, user),
                duration=args.duration,
                supervisor_first=args.role != Role.AGENT.value,
            )
    except RuntimeError as exc:
        print(f"wa-desk demo: {exc}", file=sys.stderr)
        return 1
