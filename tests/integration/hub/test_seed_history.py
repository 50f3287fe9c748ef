"""``wa-desk hub seed-history``: weeks of past conversations played through the hub's own
intake and actions, which the report then sees like live data; the same seed gives the
same past; a store that holds conversations is refused unless forced. SQLite, then
PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hub_harness import SALES

from wa_desk.cli import main
from wa_desk.core.alert_policy import AlertPolicy
from wa_desk.core.clock import DAY_MS, from_rfc3339
from wa_desk.core.opt_out import OptOutKeywords
from wa_desk.hub import kpi_report
from wa_desk.hub.db.database import Database
from wa_desk.hub.history import deliveries
from wa_desk.hub.history.seed import StoreNotEmpty, seed_history
from wa_desk.hub.ingest import ingest
from wa_desk.hub.settings import resolve_guidelines, resolve_queues
from wa_desk.whatsapp.webhook_parser import parse_webhook

# A Monday noon, so that one week holds five weekdays, a Saturday and a Sunday.
END = from_rfc3339("2026-11-30T12:00:00Z")
CONFIG = """
[[queues]]
name = "ventas"
phone_number_ids = ["100000000000001"]

[[queues]]
name = "soporte"
phone_number_ids = ["100000000000002"]

[[policy.checklists]]
queue = "ventas"
items = [{ id = "order_checked", label = "Pedido comprobado", required = true }]

[[policy.sla]]
queue = "*"
first_response = 900
next_response = 900
resolution = 86400
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "hub.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def _seed(url: str, config: Path, seed: int, *, force: bool = False) -> None:
    db = Database.open(url, readers=1)
    try:
        queues, guidelines = resolve_queues(config), resolve_guidelines(config)
        seed_history(db, queues, guidelines, weeks=1, seed=seed, end=END, force=force)
    finally:
        db.close()


def _report(url: str, config: Path, group: str) -> list[dict[str, Any]]:
    guidelines = resolve_guidelines(config)
    db = Database.open(url, readers=1)
    try:
        return db.read_sync(
            lambda c: kpi_report.group_rows(
                c, END - 8 * DAY_MS, END, kpi_report.Group(group), None, guidelines, END
            )
        )
    finally:
        db.close()


def _without_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Agents' ids are new in each store; their names and figures are what must match."""
    return [{k: v for k, v in r.items() if k != "key" or r["name"] is None} for r in rows]


def _conversations(url: str) -> int:
    db = Database.open(url, readers=1)
    try:
        return int(db.read_sync(lambda c: c.scalar("SELECT COUNT(*) FROM conversations")))
    finally:
        db.close()


def _customer_writes(url: str) -> None:
    """One customer message, taken in as the webhook intake takes it."""
    body = deliveries.message_body(SALES, "34611111111", "Eva", "wamid.one", "Hola", END)
    db = Database.open(url, readers=1)
    try:
        db.write_sync(
            lambda c: ingest(
                c, parse_webhook(body), lambda _: "ventas", END, AlertPolicy(), OptOutKeywords()
            )
        )
    finally:
        db.close()


def test_a_seeded_week_is_in_the_report_by_queue_agent_and_day(
    db_url: str, config: Path, tmp_path: Path
) -> None:
    _seed(db_url, config, seed=5)

    by_queue = {r["key"]: r for r in _report(db_url, config, "queue")}
    assert set(by_queue) == {"ventas", "soporte"}
    for row in by_queue.values():
        assert row["conversations"] > 20
        assert row["closed"] > 0 and row["sla_met"] > 0 and row["transfers"] >= 0
        assert row["first_response_median_ms"] is not None
    agents = _report(db_url, config, "agent")
    assert len(agents) >= 4  # two agents created for each queue
    assert all(r["sends"] > 0 for r in agents)
    days = _report(db_url, config, "day")
    assert len(days) >= 7
    weekdays = [r["conversations"] for r in days if r["key"] in ("2026-11-24", "2026-11-25")]
    sunday = next(r["conversations"] for r in days if r["key"] == "2026-11-29")
    assert min(weekdays) > 2 * sunday  # busier weekdays, quiet weekends

    # The same seed on another store (SQLite after PostgreSQL, too) gives the same past.
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    _seed(other, config, seed=5)
    for group in ("queue", "agent", "day"):
        assert _without_ids(_report(other, config, group)) == _without_ids(
            _report(db_url, config, group)
        )
    different = f"sqlite:///{tmp_path / 'different.sqlite3'}"
    _seed(different, config, seed=6)
    assert _report(different, config, "day") != _report(db_url, config, "day")


def test_a_store_with_conversations_is_refused_unless_forced(db_url: str, config: Path) -> None:
    _customer_writes(db_url)
    before = _conversations(db_url)

    with pytest.raises(StoreNotEmpty):
        _seed(db_url, config, seed=2)
    args = ["hub", "seed-history", "--weeks", "1", "--db", db_url, "--config", str(config)]
    assert main(args) == 1
    assert _conversations(db_url) == before

    assert main([*args, "--force"]) == 0
    assert _conversations(db_url) > before


def test_without_queues_in_the_configuration_nothing_is_seeded(db_url: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    assert (
        main(["hub", "seed-history", "--weeks", "1", "--db", db_url, "--config", str(empty)]) == 2
    )
    assert _conversations(db_url) == 0
