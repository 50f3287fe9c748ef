"""What a supervisor's desktop gets from the hub besides the customers' messages, for the
desktop stream benchmark's supervisor views (``desktop_stream --view supervisor``).

The answers to what the supervisor's page asks when it loads, in the hub's formats: the
wallboard (``GET /api/v1/supervisor/wallboard``, 10 queues and 50 agents, rows as
``devtools.wallboard_rows`` makes them), the open and snoozed alerts (``GET
/api/v1/supervisor/alerts?state=``, alerts as ``hub.alert_store.view`` lists them) and
the chosen agent's status today (``.../agents/{id}/status-history``).

And the stream's extra events while the messages flow, as the hub pushes them: every
second, one pass of the wallboard's pusher (``hub/wallboard_push.py``) appending every
row, whose figures all moved (the busiest second: a row is pushed at most once a second,
and under 500 msg/s every queue and agent is touched each second), one ``alert.raised``
and two ``alert.updated`` (an alert counted again).
"""

from __future__ import annotations

import random
from typing import Any

from wa_desk.core.alert_kinds import AlertKind, AlertSeverity, AlertState
from wa_desk.core.clock import Millis, to_rfc3339
from wa_desk.core.stream_protocol import StreamEventKind

QUEUES = 10
AGENTS = 50
OPEN_ALERTS = 20  # open when the page loads
CHOSEN_AGENT = "agent-000"  # the wallboard's chosen agent: their timeline is loaded
PUSH_OFFSET_S = 0.3  # the pusher's second is not the messages' second

Frame = tuple[str, dict[str, Any], float]  # kind, data, due seconds after the stream opens


def board(now: Millis) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The board as the page loads it: queue rows and agent rows."""
    from benchmarks.bench_desktop_wallboard import _board

    return _board(now, random.Random(7))


def _pushed(
    base: tuple[list[dict[str, Any]], list[dict[str, Any]]], at: Millis, rng: random.Random
) -> list[dict[str, Any]]:
    """Every row again, its figures moved, as of ``at``; who is in which queue, and each
    agent's status, as they were."""
    from benchmarks.bench_desktop_wallboard import _board

    queues, agents = _board(at, rng)
    for row, before in zip(agents, base[1], strict=True):
        for field in ("queues", "status", "since"):
            row[field] = before[field]
    return queues + agents


def _alert(
    alert_id: int, kind: AlertKind, at: Millis, conversation: dict[str, Any], rng: random.Random
) -> dict[str, Any]:
    queue = str(conversation.get("queue") or "ventas")
    if kind is AlertKind.QUEUE_BACKLOG:
        subject = queue
        details: dict[str, Any] = {
            "queue": queue,
            "waiting": rng.randrange(10, 40),
            "threshold": 10,
            "oldest_waiting_since": to_rfc3339(at - 900_000),
        }
    elif kind is AlertKind.AGENT_WAITING:
        n = rng.randrange(AGENTS)
        subject = f"agent-{n:03d}"
        details = {
            "user": subject,
            "user_name": f"Agente {n:03d}",
            "waiting": rng.randrange(2, 6),
            "longest_minutes": rng.randrange(10, 40),
            "conversation_id": conversation["id"],
        }
    else:
        subject = str(conversation["id"])
        details = {
            "conversation_id": subject,
            "queue": queue,
            "clock": "first_response",
            "waiting_since": to_rfc3339(at - 600_000),
            "deadline": to_rfc3339(at + 300_000),
            "assignee": conversation.get("assignee"),
        }
    return {
        "id": alert_id,
        "kind": kind.value,
        "subject": subject,
        "severity": (AlertSeverity.CRITICAL if alert_id % 7 == 0 else AlertSeverity.WARNING).value,
        "state": AlertState.OPEN.value,
        "count": 1,
        "at": to_rfc3339(at),
        "last_at": to_rfc3339(at),
        "resolved_at": None,
        "message": f"{kind.value} for {subject}",
        "queues": [queue],
        "acknowledged": None,
        "snoozed": None,
        "details": details,
    }


_KINDS = (AlertKind.SLA_AT_RISK, AlertKind.QUEUE_BACKLOG, AlertKind.AGENT_WAITING)


def feed(
    conversations: list[dict[str, Any]], base: Millis, seconds: float
) -> tuple[dict[str, Any], list[Frame]]:
    """The load answers (path, or path and ``?state=``, to body) and the stream's extra
    events, each due so many seconds after the stream opens (the first at 0.5 s + the
    pusher's offset, as the messages start at 0.5 s)."""
    rng = random.Random(11)
    loaded = board(base)
    alerts = [
        _alert(i, _KINDS[i % 3], base - 60_000 * i, rng.choice(conversations), rng)
        for i in range(1, OPEN_ALERTS + 1)
    ]
    history = {
        "agent": CHOSEN_AGENT,
        "items": [
            {
                "status": status,
                "start": to_rfc3339(base - (4 - i) * 3_600_000),
                "end": to_rfc3339(base - (3 - i) * 3_600_000 if i < 3 else base),
                "lasts": i == 3,
                "set_by": CHOSEN_AGENT,
            }
            for i, status in enumerate(("available", "busy", "away", "available"))
        ],
        "next": None,
    }
    answers = {
        "/api/v1/supervisor/wallboard": {
            "taken_at": to_rfc3339(base),
            "queues": loaded[0],
            "agents": loaded[1],
        },
        "/api/v1/supervisor/alerts?state=open": {"items": alerts[::-1], "next": None},
        "/api/v1/supervisor/alerts?state=snoozed": {"items": [], "next": None},
        f"/api/v1/supervisor/agents/{CHOSEN_AGENT}/status-history": history,
    }
    out: list[Frame] = []
    live = list(alerts)
    for second in range(int(seconds)):
        due = 0.5 + PUSH_OFFSET_S + second
        at = base + int(due * 1000)
        out += [(StreamEventKind.WALLBOARD_CHANGED, r, due) for r in _pushed(loaded, at, rng)]
        raised = _alert(len(live) + 1, _KINDS[second % 3], at, rng.choice(conversations), rng)
        live.append(raised)
        out.append((StreamEventKind.ALERT_RAISED, raised, due + 0.25))
        for _ in range(2):
            again = rng.choice(live)
            again.update(count=int(again["count"]) + 1, last_at=to_rfc3339(at))
            updated = {**again, "previous_severity": again["severity"]}
            out.append((StreamEventKind.ALERT_UPDATED, updated, due + 0.5))
    return answers, out
