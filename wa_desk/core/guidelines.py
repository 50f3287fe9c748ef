"""Guidelines: text rules judged while typing and again by the hub (``core/text_rules.py``),
closing checklists, the closing reasons (dispositions) and the service levels
(``core/sla.py``) of each queue.

The hub reads them from its configuration and hands them to desktops in the policy
bundle (``GET /api/v1/policy``); both sides judge a text with
:func:`~wa_desk.core.text_rules.matching_rules`, so an agent is warned or blocked by
exactly what the hub would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wa_desk.core.agents import (
    QueueCapacity,
    capacities_from_json,
    default_capacity,
)
from wa_desk.core.alert_policy import AlertPolicy, alert_policy_from_json
from wa_desk.core.auto_replies import AutoReplies, auto_replies_for, auto_replies_from_json
from wa_desk.core.canned_replies import CannedReply, canned_replies_from_json, replies_for
from wa_desk.core.csat import CsatPolicy, csat_for, csat_policies_from_json
from wa_desk.core.opt_out import OptOutKeywords, opt_out_keywords_from_json
from wa_desk.core.policy_entries import ALL_QUEUES, InvalidPolicy
from wa_desk.core.promise_patterns import PromisePattern, promise_patterns_from_json
from wa_desk.core.routing import RoutingPolicy, routing_for, routing_from_json
from wa_desk.core.sla import SlaPolicy, sla_policies_from_json, sla_policy_for
from wa_desk.core.text_rules import Rule, rule_from_json

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


# A rule, checklist or any other part of the policy that cannot be used (the SLA's and
# the agents' errors are kinds of it); ``where`` names the faulty part.
InvalidGuideline = InvalidPolicy


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    label: str
    required: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "required": self.required}


@dataclass(frozen=True, slots=True)
class Checklist:
    queue: str  # a queue name, or ``*`` for every queue
    items: tuple[ChecklistItem, ...]

    def applies_to(self, queue: str) -> bool:
        return self.queue in (ALL_QUEUES, queue)

    def as_json(self) -> dict[str, Any]:
        return {"queue": self.queue, "items": [i.as_json() for i in self.items]}


@dataclass(frozen=True, slots=True)
class Disposition:
    """A closing reason: ``id`` is what a close sends and reports count, ``label`` what
    an agent reads."""

    id: str
    label: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label}


@dataclass(frozen=True, slots=True)
class DispositionList:
    queue: str  # a queue name, or ``*`` for every queue without a list of its own
    items: tuple[Disposition, ...]

    def as_json(self) -> dict[str, Any]:
        return {"queue": self.queue, "items": [i.as_json() for i in self.items]}


# What every queue offers when the policy names no every-queue list (the desktop may
# translate these labels by id).
BUILT_IN_DISPOSITIONS = DispositionList(
    ALL_QUEUES,
    (
        Disposition("resolved", "Resolved"),
        Disposition("no_response", "Customer stopped answering"),
        Disposition("escalated", "Escalated"),
        Disposition("sale", "Sale closed"),
        Disposition("spam", "Spam or wrong number"),
        Disposition("other", "Other"),
    ),
)


@dataclass(frozen=True, slots=True)
class Guidelines:
    checklists: tuple[Checklist, ...] = ()
    rules: tuple[Rule, ...] = ()
    dispositions: tuple[DispositionList, ...] = (BUILT_IN_DISPOSITIONS,)
    sla: tuple[SlaPolicy, ...] = ()
    # Agents' default capacities per queue: the hub's own business (it serves each
    # agent's capacity in ``GET /api/v1/agents``), so not part of ``as_json``.
    capacities: tuple[QueueCapacity, ...] = ()
    # The early alerts' thresholds (``[policy.alerts]``): the hub's own business too.
    alerts: AlertPolicy = field(default_factory=AlertPolicy)
    canned_replies: tuple[CannedReply, ...] = ()
    # The customers' words that stop or resume marketing (``[policy.opt_out]``): the
    # hub's own business too.
    opt_out: OptOutKeywords = field(default_factory=OptOutKeywords)
    # What in an agent's text is a promise the composer offers to record.
    promises: tuple[PromisePattern, ...] = ()
    # The satisfaction surveys after a close (``[[policy.csat]]``): the hub's own
    # business too.
    csat: tuple[CsatPolicy, ...] = ()
    # The greeting and away replies the hub sends on its own (``[[policy.auto_replies]]``,
    # ``core/auto_replies.py``): the hub's own business too.
    auto_replies: tuple[AutoReplies, ...] = ()
    # Who gets a waiting conversation without anyone asking (``[[policy.routing]]``,
    # ``core/routing.py``): the hub's own business too.
    routing: tuple[RoutingPolicy, ...] = ()

    def checklist_for(self, queue: str) -> tuple[ChecklistItem, ...]:
        """The items an agent works through in ``queue``: every-queue items first, then
        the queue's own (which replace an every-queue item of the same id)."""
        items: dict[str, ChecklistItem] = {}
        ordered = sorted(self.checklists, key=lambda c: c.queue != ALL_QUEUES)
        for checklist in ordered:
            if checklist.applies_to(queue):
                for item in checklist.items:
                    items[item.id] = item
        return tuple(items.values())

    def dispositions_for(self, queue: str) -> tuple[Disposition, ...]:
        """The closing reasons of ``queue``, in the order offered: its own list, which
        replaces the every-queue one, else the every-queue list, else the built-in one."""
        lists = {d.queue: d.items for d in self.dispositions}
        return lists.get(queue) or lists.get(ALL_QUEUES) or BUILT_IN_DISPOSITIONS.items

    def sla_for(self, queue: str) -> SlaPolicy | None:
        """The service levels of ``queue``: its own entry, else the every-queue one, else
        None (no targets)."""
        return sla_policy_for(self.sla, queue)

    def canned_replies_for(self, queue: str) -> tuple[CannedReply, ...]:
        """The canned replies offered in ``queue`` (``core/canned_replies.py``)."""
        return replies_for(self.canned_replies, queue)

    def csat_for(self, queue: str) -> CsatPolicy | None:
        """The survey sent after a close in ``queue``, None when it sends none."""
        return csat_for(self.csat, queue)

    def auto_replies_for(self, queue: str) -> AutoReplies | None:
        """The automatic replies of ``queue``: its own entry, else the every-queue one."""
        return auto_replies_for(self.auto_replies, queue)

    def routing_for(self, queue: str) -> RoutingPolicy:
        """How ``queue`` is routed: its own entry, else the every-queue one, else manual."""
        return routing_for(self.routing, queue)

    def capacity_for(self, queues: Iterable[str]) -> int:
        """The capacity of an agent of ``queues`` who has none of their own."""
        return default_capacity(self.capacities, queues)

    def for_queues(self, queues: Iterable[str] | None) -> Guidelines:
        """What one user needs: the checklists, dispositions and service levels of their
        queues (all when None)."""
        if queues is None:
            return self
        wanted = set(queues)
        kept = tuple(c for c in self.checklists if c.queue == ALL_QUEUES or c.queue in wanted)
        reasons = tuple(d for d in self.dispositions if d.queue == ALL_QUEUES or d.queue in wanted)
        levels = tuple(p for p in self.sla if p.queue == ALL_QUEUES or p.queue in wanted)
        canned = tuple(r for r in self.canned_replies if r.queue == ALL_QUEUES or r.queue in wanted)
        return Guidelines(
            kept,
            self.rules,
            reasons,
            levels,
            self.capacities,
            self.alerts,
            canned,
            self.opt_out,
            self.promises,
            self.csat,
            self.auto_replies,
            self.routing,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "checklists": [c.as_json() for c in self.checklists],
            "rules": [r.as_json() for r in self.rules],
            "dispositions": [d.as_json() for d in self.dispositions],
            "sla": [p.as_json() for p in self.sla],
            "canned_replies": [r.as_json() for r in self.canned_replies],
            "promises": [p.as_json() for p in self.promises],
        }


def make_checklist(queue: object, items: Iterable[object], where: str) -> Checklist:
    name = _queue_name(queue, where)
    out: list[ChecklistItem] = []
    for at, raw, item_id, label in _labelled_items(items, where):
        required = raw.get("required", False)
        if not isinstance(required, bool):
            raise InvalidGuideline(f"{at}.required", "must be true or false")
        out.append(ChecklistItem(item_id, label, required))
    return Checklist(name, tuple(out))


def make_dispositions(queue: object, items: Iterable[object], where: str) -> DispositionList:
    """A queue's closing reasons (``*``: every queue without its own), each an id and a
    label, ids unique, at least one."""
    name = _queue_name(queue, where)
    out = tuple(
        Disposition(item_id, label) for _, _, item_id, label in _labelled_items(items, where)
    )
    return DispositionList(name, out)


def _queue_name(queue: object, where: str) -> str:
    if not isinstance(queue, str) or not queue.strip():
        raise InvalidGuideline(f"{where}.queue", "must name a queue, or '*' for every queue")
    return queue.strip()


def _labelled_items(
    items: Iterable[object], where: str
) -> list[tuple[str, Mapping[str, Any], str, str]]:
    """Each item of a checklist or disposition list as (where it is, the item, its id, its
    label), checked: a usable id, unique in the list, a non-empty label, at least one item."""
    out: list[tuple[str, Mapping[str, Any], str, str]] = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        at = f"{where}.items[{i}]"
        if not isinstance(raw, Mapping):
            raise InvalidGuideline(at, "must be a table with id and label")
        item_id, label = raw.get("id"), raw.get("label")
        if not isinstance(item_id, str) or not _ID.match(item_id):
            raise InvalidGuideline(f"{at}.id", "must be letters, digits, '_', '-' or '.'")
        if item_id in seen:
            raise InvalidGuideline(f"{at}.id", f"{item_id!r} appears twice")
        if not isinstance(label, str) or not label.strip():
            raise InvalidGuideline(f"{at}.label", "must be a non-empty text")
        seen.add(item_id)
        out.append((at, raw, item_id, label.strip()))
    if not out:
        raise InvalidGuideline(f"{where}.items", "must list at least one item")
    return out


def guidelines_from_json(bundle: Mapping[str, Any]) -> Guidelines:
    """The checklists, rules, dispositions, service levels and canned replies of a policy
    bundle (the hub's JSON, or the desktop's cached copy of it). Without an every-queue disposition
    list (a policy that names none, or a bundle from a hub that served none) the built-in
    one is that list."""
    checklists = bundle.get("checklists") or []
    rules = bundle.get("rules") or []
    dispositions = bundle.get("dispositions") or []
    if not all(isinstance(x, list) for x in (checklists, rules, dispositions)):
        raise InvalidGuideline("policy", "checklists, rules and dispositions must be lists")
    parsed_rules: list[Rule] = []
    for i, r in enumerate(rules):
        if not isinstance(r, Mapping):
            raise InvalidGuideline(f"rules[{i}]", "must be an object")
        parsed_rules.append(rule_from_json(r, f"rules[{i}]"))
    parsed_lists: list[Checklist] = []
    for i, c in enumerate(checklists):
        if not isinstance(c, Mapping) or not isinstance(c.get("items"), list):
            raise InvalidGuideline(f"checklists[{i}]", "must have a queue and a list of items")
        parsed_lists.append(make_checklist(c.get("queue"), c["items"], f"checklists[{i}]"))
    sla = sla_policies_from_json(bundle.get("sla") or [])
    capacities = capacities_from_json(bundle.get("agents") or [])
    return Guidelines(
        tuple(parsed_lists),
        tuple(parsed_rules),
        _disposition_lists(dispositions),
        sla,
        capacities,
        alert_policy_from_json(bundle.get("alerts")),
        canned_replies_from_json(bundle.get("canned_replies") or []),
        opt_out_keywords_from_json(bundle.get("opt_out")),
        promise_patterns_from_json(bundle.get("promises") or []),
        csat_policies_from_json(bundle.get("csat") or []),
        auto_replies_from_json(bundle.get("auto_replies") or []),
        routing_from_json(bundle.get("routing") or []),
    )


def _disposition_lists(raw: list[Any]) -> tuple[DispositionList, ...]:
    lists: list[DispositionList] = []
    for i, d in enumerate(raw):
        where = f"dispositions[{i}]"
        if not isinstance(d, Mapping) or not isinstance(d.get("items"), list):
            raise InvalidGuideline(where, "must have a queue and a list of items")
        found = make_dispositions(d.get("queue"), d["items"], where)
        if any(other.queue == found.queue for other in lists):
            raise InvalidGuideline(f"{where}.queue", f"{found.queue!r} has a list already")
        lists.append(found)
    if not any(d.queue == ALL_QUEUES for d in lists):
        lists.append(BUILT_IN_DISPOSITIONS)
    return tuple(lists)


def missing_required(
    items: Iterable[ChecklistItem], ticked: Mapping[str, bool] | None
) -> tuple[ChecklistItem, ...]:
    """The required items not ticked in ``ticked``."""
    state = ticked or {}
    return tuple(i for i in items if i.required and state.get(i.id) is not True)


def draft_facts(text: str) -> dict[str, Any]:
    """What the action log keeps of a draft a rule judged: its length, never its text."""
    return {"length": len(text)}
