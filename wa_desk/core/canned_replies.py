"""Canned replies: answers the policy writes once (``[[policy.canned_replies]]``) so that
every agent of a queue says the same thing the same way.

A reply has a name, a text with variables (``{{customer_name}}``, ``{{agent_name}}``,
``{{queue}}``, filled in by the desktop, and any other, such as ``{{order_number}}``,
that the agent fills in), a language, tags, an optional shortcut, and the queue it
belongs to (``"*"``: every queue). A queue's own reply replaces an every-queue reply of
the same name and language.

The desktop searches them with :mod:`wa_desk.core.fuzzy`; what the agent sends is the
text with every variable filled in, and a text that still holds one cannot be sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wa_desk.core import fuzzy
from wa_desk.core.policy_entries import ALL_QUEUES, InvalidPolicy

MAX_TEXT_CHARS = 4096  # what WhatsApp takes in one text message

# The variables the desktop knows the value of.
CUSTOMER_NAME = "customer_name"
AGENT_NAME = "agent_name"
QUEUE = "queue"
KNOWN_VARIABLES = (CUSTOMER_NAME, AGENT_NAME, QUEUE)

_KEYS = {"queue", "name", "text", "language", "tags", "shortcut"}
VARIABLE = re.compile(r"\{\{\s*([a-z][a-z0-9_]{0,39})\s*\}\}")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
_SHORTCUT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


@dataclass(frozen=True, slots=True)
class CannedReply:
    queue: str  # a queue name, or ``*`` for every queue
    name: str
    text: str
    language: str  # as WhatsApp names languages: ``es``, ``en_US``
    tags: tuple[str, ...] = ()
    shortcut: str | None = None  # typed as ``/shortcut`` in the draft

    def variables(self) -> tuple[str, ...]:
        """The variables of the text, each once, in the order they first appear."""
        return tuple(dict.fromkeys(VARIABLE.findall(self.text)))

    def search_fields(self) -> tuple[str, ...]:
        """What the fuzzy search looks in, most telling first (the text without its
        variables' names, which the agent never reads)."""
        text = VARIABLE.sub(" ", self.text)
        return (self.name, self.shortcut or "", " ".join(self.tags), text)

    def as_json(self) -> dict[str, Any]:
        return {
            "queue": self.queue,
            "name": self.name,
            "text": self.text,
            "language": self.language,
            "tags": list(self.tags),
            "shortcut": self.shortcut,
        }


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each variable that has a non-blank value in ``values`` replaced by
    it; the others stay as they are written (``{{order_number}}``), to be completed."""

    def one(m: re.Match[str]) -> str:
        value = values.get(m.group(1), "")
        return value if value.strip() else m.group(0)

    return VARIABLE.sub(one, text)


def unfilled(text: str) -> tuple[str, ...]:
    """The variables still in a draft, each once, in order (empty: it can be sent)."""
    return tuple(dict.fromkeys(VARIABLE.findall(text)))


def variable_spans(text: str) -> list[tuple[int, int]]:
    """Where the variables still to complete are in ``text``: (start, end) offsets."""
    return [m.span() for m in VARIABLE.finditer(text)]


def replies_for(replies: Iterable[CannedReply], queue: str) -> tuple[CannedReply, ...]:
    """The replies offered in ``queue``: the every-queue ones, then the queue's own; a
    queue's own reply replaces an every-queue reply of the same name and language."""
    chosen: dict[tuple[str, str], CannedReply] = {}
    ordered = sorted(replies, key=lambda r: r.queue != ALL_QUEUES)
    for reply in ordered:
        if reply.queue in (ALL_QUEUES, queue):
            chosen[(reply.name.casefold(), reply.language)] = reply
    return tuple(chosen.values())


class ReplySearch:
    """A queue's replies prepared once for the searches a picker makes as the agent types."""

    def __init__(self, replies: Sequence[CannedReply]) -> None:
        self._prepared = [(r, fuzzy.prepare(r.search_fields())) for r in replies]

    def search(self, query: str) -> list[CannedReply]:
        """The replies that match ``query``, best first: a reply whose shortcut is exactly
        the query comes first, then the fuzzy ranking over name, shortcut, tags and text."""
        typed = query.strip().casefold()
        exact = [r for r, _ in self._prepared if typed and r.shortcut == typed]
        rest = fuzzy.rank_prepared(query, [p for p in self._prepared if p[0] not in exact])
        return exact + rest


def search(replies: Sequence[CannedReply], query: str) -> list[CannedReply]:
    """``ReplySearch(replies).search(query)``, for a search made once."""
    return ReplySearch(replies).search(query)


def by_shortcut(replies: Iterable[CannedReply], shortcut: str) -> CannedReply | None:
    typed = shortcut.casefold()
    return next((r for r in replies if r.shortcut == typed), None)


def canned_replies_from_json(raw: Any) -> tuple[CannedReply, ...]:
    """``[[policy.canned_replies]]`` (or the bundle's ``canned_replies``), checked; an
    unusable entry is an error naming its key (``canned_replies[2].shortcut``)."""
    if not isinstance(raw, list):
        raise InvalidPolicy("canned_replies", "must be a list of tables")
    out: list[CannedReply] = []
    names: set[tuple[str, str, str]] = set()
    shortcuts: set[tuple[str, str]] = set()
    for i, entry in enumerate(raw):
        at = f"canned_replies[{i}]"
        reply = _reply(entry, at)
        key = (reply.queue, reply.name.casefold(), reply.language)
        if key in names:
            raise InvalidPolicy(
                f"{at}.name",
                f"{reply.name!r} in {reply.language} is already a reply of {reply.queue!r}",
            )
        names.add(key)
        if reply.shortcut is not None:
            if (reply.queue, reply.shortcut) in shortcuts:
                raise InvalidPolicy(
                    f"{at}.shortcut", f"{reply.shortcut!r} is already a shortcut of {reply.queue!r}"
                )
            shortcuts.add((reply.queue, reply.shortcut))
        out.append(reply)
    return tuple(out)


def _reply(entry: Any, at: str) -> CannedReply:
    if not isinstance(entry, Mapping):
        raise InvalidPolicy(at, "must be a table with queue, name, text and language")
    unknown = set(entry) - _KEYS
    if unknown:
        raise InvalidPolicy(at, f"unknown keys: {', '.join(sorted(unknown))}")
    queue = entry.get("queue")
    if not isinstance(queue, str) or not queue.strip():
        raise InvalidPolicy(f"{at}.queue", "must name a queue, or '*' for every queue")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        raise InvalidPolicy(f"{at}.name", "must be a non-empty text of up to 100 characters")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidPolicy(f"{at}.text", "must be a non-empty text")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidPolicy(f"{at}.text", f"must be at most {MAX_TEXT_CHARS} characters")
    leftover = VARIABLE.sub("", text)
    if "{{" in leftover or "}}" in leftover:
        raise InvalidPolicy(
            f"{at}.text",
            "variables are written {{name}}: lowercase letters, digits and '_', "
            "starting with a letter",
        )
    language = entry.get("language")
    if not isinstance(language, str) or not _LANGUAGE.match(language):
        raise InvalidPolicy(f"{at}.language", "must be a language code such as 'es' or 'en_US'")
    return CannedReply(
        queue.strip(), name.strip(), text, language, _tags(entry.get("tags", []), at),
        _shortcut(entry.get("shortcut"), at),
    )  # fmt: skip


def _tags(raw: Any, at: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(t, str) and t.strip() for t in raw):
        raise InvalidPolicy(f"{at}.tags", "must be a list of non-empty texts")
    return tuple(dict.fromkeys(t.strip() for t in raw))


def _shortcut(raw: Any, at: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not _SHORTCUT.match(raw.removeprefix("/")):
        raise InvalidPolicy(
            f"{at}.shortcut",
            "must be lowercase letters, digits, '_' or '-' (up to 32), typed as /shortcut",
        )
    return raw.removeprefix("/")
