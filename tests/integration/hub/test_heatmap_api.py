"""``GET /api/v1/supervisor/heatmap`` and ``/supervisor/conversations``: cells worked out
by hand (docs/kpis.md, "Heat-maps") from conversations written through the hub's own
ingest, send and action paths at chosen instants; who sees which rows; the drill-down.
SQLite, then PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hub_harness import SUPPORT, RunningHub, running_hub

from wa_desk.core.clock import Millis, now_ms, to_rfc3339
from wa_desk.core.heatmap import WEEK_MS, weekday_hour_labels, whole_weeks
from wa_desk.hub import actions, sending
from wa_desk.hub.actions import Closing
from wa_desk.hub.queries import users
from wa_desk.hub.settings import policy_guidelines

# ventas: 5 min first response, 10 min next response, 1 h resolution, open around the
# clock in Bogotá (UTC-5 all year: a weekday × hour cell is 5 hours before UTC's).
POLICY = {
    "sla": [
        {
            "queue": "ventas",
            "first_response": 300,
            "next_response": 600,
            "resolution": 3600,
            "time_zone": "America/Bogota",
        }
    ]
}
GUIDELINES = policy_guidelines(POLICY)
MIN: Millis = 60_000


@pytest.fixture
def hub(db_url: str) -> Iterator[RunningHub]:
    with running_hub(db_url, hub_settings={"guidelines": GUIDELINES}) as running:
        yield running


def _day() -> Millis:
    """Monday 00:00 UTC of the last whole week: inside the 4 and 8 weeks' maps."""
    return whole_weeks(now_ms(), 4)[1] - WEEK_MS


def _at(hh: int, mm: int) -> Millis:
    return _day() + hh * 3_600_000 + mm * MIN


class Story:
    """Writes facts at chosen instants through the hub's own write paths."""

    def __init__(self, hub: RunningHub) -> None:
        self.hub = hub

    def customer(self, n: int, hh: int, mm: int, *, phone: str | None = None) -> None:
        wa_id = f"3460000000{n}"
        kw: dict[str, Any] = {"ts": _at(hh, mm) // 1000}
        if phone:
            kw["phone_number_id"] = phone
        self.hub.customer_writes(f"wamid.h{n}.{hh}{mm}", wa_id, "hola", **kw)

    def conversation(self, n: int) -> str:
        row = self.hub.ctx.db.read_sync(
            lambda c: c.one("SELECT id FROM conversations WHERE wa_id = ?", (f"3460000000{n}",))
        )
        assert row is not None
        return str(row["id"])

    def _user(self, name: str) -> users.User:
        user = self.hub.ctx.db.read_sync(lambda c: users.get_user(c, self.hub.user_ids[name]))
        assert user is not None
        return user

    def claim(self, name: str, n: int, hh: int, mm: int) -> None:
        user, cid, at = self._user(name), self.conversation(n), _at(hh, mm)
        self.hub.ctx.db.write_sync(lambda c: actions.claim(c, user, cid, at))

    def reply(self, name: str, n: int, hh: int, mm: int) -> None:
        user, cid, at = self._user(name), self.conversation(n), _at(hh, mm)
        send = sending.TextSend("Hola, dime")
        # The send's store half (what makes it a reply), at a chosen instant.
        self.hub.ctx.db.write_sync(
            lambda c: sending.prepare_send(c, user, cid, send, None, GUIDELINES, at)
        )

    def close(self, name: str, n: int, hh: int, mm: int) -> None:
        user, cid, at = self._user(name), self.conversation(n), _at(hh, mm)
        closing = Closing("resolved")
        self.hub.ctx.db.write_sync(lambda c: actions.close(c, user, cid, closing, GUIDELINES, at))


def _people(hub: RunningHub) -> None:
    hub.add_user("ana", "agent", ("ventas",))
    hub.add_user("bea", "agent", ("ventas",))
    hub.add_user("lead", "supervisor", ("ventas",))
    hub.add_user("root", "admin", ())


def _story(hub: RunningHub) -> Story:
    """docs/kpis.md, "Heat-maps", the worked example (times UTC on the day)."""
    s = Story(hub)
    s.customer(1, 10, 2)  # A opens
    s.customer(4, 10, 3, phone=SUPPORT)  # D, in soporte
    s.customer(1, 10, 5)
    s.claim("ana", 1, 10, 7)
    s.customer(2, 10, 10)  # B opens
    s.claim("bea", 2, 10, 16)
    s.reply("bea", 2, 10, 19)  # B: first response 9 min
    s.reply("ana", 1, 10, 20)  # A: first response 18 min
    s.customer(1, 10, 31)
    s.reply("ana", 1, 10, 33)  # A: next response 2 min
    s.customer(3, 10, 40)  # C opens
    s.claim("ana", 3, 10, 44)
    s.close("ana", 3, 10, 45)  # C: abandoned, waited 5 min
    s.close("ana", 1, 10, 50)  # A: resolution 48 min
    return s


def _map(client: httpx.Client, metric: str, rows: str = "queue", **kw: Any) -> dict[str, Any]:
    params = {"metric": metric, "rows": rows, "from": to_rfc3339(_at(10, 0)), **kw}
    params.setdefault("to", to_rfc3339(_at(11, 0)))
    response = client.get("/api/v1/supervisor/heatmap", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _cells(body: dict[str, Any]) -> dict[str, list[Any]]:
    return {r["id"]: cells for r, cells in zip(body["rows"], body["cells"], strict=True)}


def test_the_heatmap_gives_the_cells_worked_out_by_hand(hub: RunningHub) -> None:
    _people(hub)
    _story(hub)
    lead, root = hub.login("lead"), hub.login("root")
    ana_id, bea_id = hub.user_ids["ana"], hub.user_ids["bea"]

    volume = _map(lead, "volume")
    assert volume["unit"] == "messages"
    assert volume["columns"] == [to_rfc3339(_at(10, m)) for m in (0, 15, 30, 45)]
    # The lead of ventas sees no row of soporte.
    assert _cells(volume) == {"ventas": [3, 0, 2, 0]}
    assert _cells(_map(lead, "conversations")) == {"ventas": [2, 0, 1, 0]}
    assert _cells(_map(lead, "waiting")) == {"ventas": [2, 0, 1, 0]}
    assert _cells(_map(lead, "first_response")) == {"ventas": [None, 810_000, None, None]}
    assert _cells(_map(lead, "sla_breaches")) == {"ventas": [0, 2, 0, 1]}
    assert _cells(_map(lead, "abandoned")) == {"ventas": [0, 0, 0, 1]}
    assert _cells(_map(lead, "volume", bucket="3600")) == {"ventas": [5]}

    # By agent: the holder at the moment, a response its sender, an opening its first holder.
    assert _cells(_map(lead, "volume", "agent")) == {ana_id: [0, 0, 1, 0]}
    assert _cells(_map(lead, "conversations", "agent")) == {
        ana_id: [1, 0, 1, 0],
        bea_id: [1, 0, 0, 0],
    }
    assert _cells(_map(lead, "first_response", "agent")) == {
        ana_id: [None, 1_080_000, None, None],
        bea_id: [None, 540_000, None, None],
    }
    waiting = _map(lead, "waiting", "agent")
    assert _cells(waiting) == {ana_id: [1, 0, 1, 0], bea_id: [0, 0, 0, 0]}
    assert {r["id"]: r["name"] for r in waiting["rows"]} == {ana_id: "ana", bea_id: "bea"}

    # An administrator sees every queue.
    assert _cells(_map(root, "volume")) == {"soporte": [1, 0, 0, 0], "ventas": [3, 0, 2, 0]}

    # Weekday × hour in ventas' time zone: Monday 10:xx UTC is Monday 05:00 in Bogotá; a
    # count is the sum over the weeks ÷ weeks, a median is over every value of the cell.
    labels = weekday_hour_labels()
    cell = labels.index("mon 05:00")
    for weeks in (4, 8):
        body = _map(lead, "volume", layout="weekday_hour", weeks=str(weeks))
        assert body["columns"] == labels and body["weeks"] == weeks
        expected = [0.0] * 168
        expected[cell] = 5 / weeks
        assert _cells(body) == {"ventas": expected}
    median = _map(lead, "first_response", layout="weekday_hour", weeks="4")
    assert _cells(median) == {"ventas": [810_000 if i == cell else None for i in range(168)]}
    # soporte has no time zone: UTC. Its customer wrote on Monday at 10:03.
    admin = _map(root, "volume", layout="weekday_hour", weeks="4")
    assert _cells(admin)["soporte"][labels.index("mon 10:00")] == 0.25


def _drill(client: httpx.Client, metric: str, hh: int, mm: int, minutes: int, **kw: Any) -> Any:
    params = {
        "metric": metric,
        "from": to_rfc3339(_at(hh, mm)),
        "to": to_rfc3339(_at(hh, mm) + minutes * MIN),
        **kw,
    }
    return client.get("/api/v1/supervisor/conversations", params=params)


def test_the_drill_down_lists_the_conversations_behind_a_cell(hub: RunningHub) -> None:
    _people(hub)
    s = _story(hub)
    lead, root, ana = hub.login("lead"), hub.login("root"), hub.login("ana")
    a, b, c, d = (s.conversation(n) for n in (1, 2, 3, 4))

    first = _drill(lead, "volume", 10, 0, 15, queue="ventas", limit="1")
    assert first.status_code == 200, first.text
    page1 = first.json()
    assert len(page1["items"]) == 1 and page1["next"]
    page2 = _drill(lead, "volume", 10, 0, 15, queue="ventas", limit="1", cursor=page1["next"])
    items = page1["items"] + page2.json()["items"]
    assert page2.json()["next"] is None
    assert sorted(i["id"] for i in items) == sorted([a, b])
    figures = {i["id"]: i for i in items}
    assert figures[a]["first_response_ms"] == 18 * MIN
    assert figures[b]["first_response_ms"] == 9 * MIN

    def ids(response: httpx.Response) -> list[str]:
        assert response.status_code == 200, response.text
        return sorted(i["id"] for i in response.json()["items"])

    assert ids(_drill(lead, "volume", 10, 0, 15)) == sorted([a, b])  # never soporte's D
    assert ids(_drill(root, "volume", 10, 0, 15)) == sorted([a, b, d])
    assert ids(_drill(lead, "waiting", 10, 0, 15)) == sorted([a, b])
    assert ids(_drill(lead, "sla_breaches", 10, 45, 15)) == [c]
    assert ids(_drill(lead, "abandoned", 10, 45, 15)) == [c]
    assert ids(_drill(lead, "first_response", 10, 15, 15, agent=hub.user_ids["bea"])) == [b]
    assert ids(_drill(lead, "conversations", 10, 30, 15, agent=hub.user_ids["ana"])) == [c]

    hidden = _drill(lead, "volume", 10, 0, 15, queue="soporte")
    assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "not_found"
    assert _drill(ana, "volume", 10, 0, 15).status_code == 403


def test_agents_are_refused_and_bad_parameters_get_a_clear_error(hub: RunningHub) -> None:
    _people(hub)
    lead, ana = hub.login("lead"), hub.login("ana")
    refused = ana.get("/api/v1/supervisor/heatmap", params={"metric": "volume"})
    assert refused.status_code == 403

    start, end = to_rfc3339(_at(10, 0)), to_rfc3339(_at(11, 0))
    base = {"metric": "volume", "from": start, "to": end}
    cases = [
        ({**base, "metric": "mood"}, "bad_metric"),
        ({**base, "rows": "team"}, "bad_rows"),
        ({**base, "bucket": "60"}, "bad_bucket"),
        ({**base, "layout": "spiral"}, "bad_layout"),
        ({**base, "layout": "weekday_hour", "weeks": "5"}, "bad_weeks"),
        ({**base, "from": "yesterday"}, "bad_range"),
        ({**base, "to": start}, "bad_range"),
        ({"metric": "volume", "from": start}, "bad_range"),
        ({**base, "to": to_rfc3339(_at(10, 0) + 32 * 24 * 3_600_000)}, "range_too_large"),
    ]
    for params, code in cases:
        response = lead.get("/api/v1/supervisor/heatmap", params=params)
        assert response.status_code == 400, (params, response.text)
        error = response.json()["error"]
        assert error["code"] == code and error["message"], params
    # A range of hours is fine where 15-minute columns would be too many.
    wide = {**base, "to": to_rfc3339(_at(10, 0) + 32 * 24 * 3_600_000), "bucket": "3600"}
    assert lead.get("/api/v1/supervisor/heatmap", params=wide).status_code == 200
