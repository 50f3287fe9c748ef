"""The simulated world: business numbers, templates, customers and everything sent.

Plain data plus a few rules; no HTTP and no asyncio, so tests can build and inspect it
directly. Time comes from ``SimClock``, which tests and demos can move forward.
"""

from __future__ import annotations

import base64
import random
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from wa_desk.core.clock import Millis, now_ms
from wa_desk.core.window import window_is_open

JsonObject = dict[str, Any]

_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class SimClock:
    """Wall-clock time plus an offset, so simulated days can pass in a second."""

    def __init__(self, offset_ms: Millis = 0) -> None:
        self._offset_ms = offset_ms
        self._lock = threading.Lock()

    def now_ms(self) -> Millis:
        with self._lock:
            return now_ms() + self._offset_ms

    def advance(self, ms: Millis) -> None:
        if ms < 0:
            raise ValueError("the simulated clock only moves forward")
        with self._lock:
            self._offset_ms += ms


@dataclass(frozen=True, slots=True)
class BusinessNumber:
    phone_number_id: str
    display_phone_number: str  # as Meta shows it: "+34 600 000 001"
    verified_name: str = "wa-desk demo"

    @property
    def digits(self) -> str:
        """The display number as webhooks carry it in ``metadata``: digits only."""
        return re.sub(r"\D", "", self.display_phone_number)


def _keys(text: str) -> list[str]:
    """A text's placeholders once each, in order (``{{1}}, {{2}}``… by number)."""
    keys = list(dict.fromkeys(_PLACEHOLDER.findall(text)))
    return sorted(keys, key=int) if all(k.isdigit() for k in keys) else keys


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: str
    language: str
    category: str  # UTILITY, MARKETING, AUTHENTICATION
    body: str
    header: str | None = None  # a TEXT header's text
    footer: str | None = None
    quick_replies: tuple[str, ...] = ()
    status: str = "APPROVED"
    # or IMAGE, VIDEO, DOCUMENT, LOCATION (then ``header`` is unused: the send carries the
    # file or the place)
    header_format: str = "TEXT"
    # (label, url) after the quick replies; a url ending in {{1}} takes a suffix per send
    url_buttons: tuple[tuple[str, str], ...] = ()
    # A copy-code button after the URL buttons, with its example code: each send carries
    # the code the customer copies (a coupon, at most 15 characters)
    copy_code_example: str | None = None
    reason: str | None = None  # why Meta rejected or paused it, when it says

    @property
    def named(self) -> bool:
        return any(not k.isdigit() for k in (*self.body_keys, *self.header_keys))

    @property
    def body_keys(self) -> list[str]:
        return _keys(self.body)

    @property
    def header_keys(self) -> list[str]:
        return _keys(self.header or "") if self.header_format == "TEXT" else []

    @property
    def body_param_count(self) -> int:
        return len(self.body_keys)

    @property
    def header_param_count(self) -> int:
        return len(self.header_keys)

    @property
    def media_header(self) -> str | None:
        """``image``, ``video``, ``document`` or ``location`` for a header whose send
        carries a file or a place."""
        return None if self.header_format == "TEXT" else self.header_format.lower()

    @property
    def copy_code_index(self) -> int | None:
        if self.copy_code_example is None:
            return None
        return len(self.quick_replies) + len(self.url_buttons)

    @property
    def dynamic_button_indexes(self) -> list[int]:
        """The indexes of URL buttons whose link takes a suffix per send, and of the
        copy-code button (its code comes with each send)."""
        first = len(self.quick_replies)
        urls = [first + i for i, (_, url) in enumerate(self.url_buttons) if _keys(url)]
        code = self.copy_code_index
        return urls if code is None else [*urls, code]

    def render(self, body_params: list[str], names: list[str | None] | None = None) -> str:
        """The body as the customer sees it."""
        values = dict(zip(names or self.body_keys, body_params, strict=False))
        if not self.named:
            values = {str(i + 1): v for i, v in enumerate(body_params)}
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or m.group(0), self.body)

    def _example(self, keys: list[str], kind: str) -> JsonObject:
        if self.named:
            named = [{"param_name": k, "example": f"ejemplo_{k}"} for k in keys]
            return {f"{kind}_text_named_params": named}
        values = [f"ejemplo{i + 1}" for i in range(len(keys))]
        return {f"{kind}_text": values if kind == "header" else [values]}

    def components(self) -> list[JsonObject]:
        """The ``components`` array as the message_templates listing returns it."""
        out: list[JsonObject] = []
        if self.header_format == "LOCATION":
            out.append({"type": "HEADER", "format": "LOCATION"})
        elif self.media_header is not None:
            out.append(
                {
                    "type": "HEADER",
                    "format": self.header_format,
                    "example": {"header_handle": ["https://scontent.whatsapp.net/ejemplo"]},
                }
            )
        elif self.header is not None:
            header: JsonObject = {"type": "HEADER", "format": "TEXT", "text": self.header}
            if self.header_param_count:
                header["example"] = self._example(self.header_keys, "header")
            out.append(header)
        body: JsonObject = {"type": "BODY", "text": self.body}
        if self.body_param_count:
            body["example"] = self._example(self.body_keys, "body")
        out.append(body)
        if self.footer is not None:
            out.append({"type": "FOOTER", "text": self.footer})
        buttons: list[JsonObject] = [
            {"type": "QUICK_REPLY", "text": text} for text in self.quick_replies
        ]
        for text, url in self.url_buttons:
            button: JsonObject = {"type": "URL", "text": text, "url": url}
            if _keys(url):
                button["example"] = [_PLACEHOLDER.sub("ejemplo", url)]
            buttons.append(button)
        if self.copy_code_example is not None:
            buttons.append(
                {"type": "COPY_CODE", "text": "Copy offer code", "example": self.copy_code_example}
            )
        if buttons:
            out.append({"type": "BUTTONS", "buttons": buttons})
        return out

    def to_graph(self) -> JsonObject:
        return {
            "name": self.name,
            "parameter_format": "NAMED" if self.named else "POSITIONAL",
            "components": self.components(),
            "language": self.language,
            "status": self.status,
            "category": self.category,
            "id": self.id,
        }


@dataclass(slots=True)
class Customer:
    wa_id: str
    name: str
    language: str = "es"
    # phone_number_id -> when the customer last wrote to that business number
    last_inbound_ms: dict[str, Millis] = field(default_factory=dict)
    # The business numbers whose marketing messages the customer stopped in WhatsApp:
    # a marketing template from one of them fails with 131050.
    marketing_stopped: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class SentRecord:
    """One request the Graph stand-in accepted (a message or a read receipt)."""

    wamid: str | None  # None for a read receipt
    phone_number_id: str
    to: str | None
    type: str  # text, template, ..., or "read" for a mark-as-read
    body: JsonObject
    at_ms: Millis

    def to_json(self) -> JsonObject:
        return {
            "wamid": self.wamid,
            "phone_number_id": self.phone_number_id,
            "to": self.to,
            "type": self.type,
            "body": self.body,
            "at_ms": self.at_ms,
        }


@dataclass(frozen=True, slots=True)
class InboundRecord:
    """A message a simulated customer sent to a business number."""

    wamid: str
    phone_number_id: str
    wa_id: str
    type: str
    text: str | None
    at_ms: Millis


class World:
    """Everything the simulator knows; thread-safe enough for one loop plus test threads."""

    def __init__(
        self,
        *,
        numbers: Iterable[BusinessNumber] | None = None,
        templates: Iterable[Template] | None = None,
        customers: Iterable[Customer] = (),
        waba_id: str = "200000000000001",
        clock: SimClock | None = None,
        seed: int | None = None,
    ) -> None:
        from wa_desk.sim import catalog  # the defaults live with the other demo content

        self.waba_id = waba_id
        self.clock = clock or SimClock()
        self.numbers: dict[str, BusinessNumber] = {
            n.phone_number_id: n for n in (catalog.DEFAULT_NUMBERS if numbers is None else numbers)
        }
        self.templates: list[Template] = list(
            catalog.DEFAULT_TEMPLATES if templates is None else templates
        )
        self.customers: dict[str, Customer] = {c.wa_id: c for c in customers}
        self.sent: list[SentRecord] = []
        self.inbound: list[InboundRecord] = []
        self.webhooks: list[JsonObject] = []  # every webhook body built, in order
        self._rng = random.Random(seed)
        self._id_counter = 0
        self._lock = threading.Lock()

    # -- lookups -------------------------------------------------------------------------

    def now_ms(self) -> Millis:
        return self.clock.now_ms()

    @property
    def default_number(self) -> BusinessNumber:
        return next(iter(self.numbers.values()))

    def find_template(self, name: str, language: str) -> Template | None:
        for template in self.templates:
            if template.name == name and template.language == language:
                return template
        return None

    def set_template_status(
        self, name: str, language: str, status: str, reason: str | None = None
    ) -> Template | None:
        """The template as it now is, with its new status (None: no such template)."""
        with self._lock:
            for i, template in enumerate(self.templates):
                if template.name == name and template.language == language:
                    changed = replace(template, status=status, reason=reason)
                    self.templates[i] = changed
                    return changed
        return None

    def template_exists(self, name: str) -> bool:
        return any(t.name == name for t in self.templates)

    def customer(self, wa_id: str, *, name: str | None = None, language: str = "es") -> Customer:
        """The customer with this wa_id, created on first sight."""
        with self._lock:
            found = self.customers.get(wa_id)
            if found is None:
                found = Customer(
                    wa_id=wa_id, name=name or f"Cliente {wa_id[-4:]}", language=language
                )
                self.customers[wa_id] = found
            return found

    # -- the 24 h window -------------------------------------------------------------------

    def note_inbound(self, phone_number_id: str, wa_id: str, at_ms: Millis) -> None:
        customer = self.customer(wa_id)
        with self._lock:
            customer.last_inbound_ms[phone_number_id] = at_ms

    def window_open(self, phone_number_id: str, wa_id: str) -> bool:
        customer = self.customers.get(wa_id)
        last = None if customer is None else customer.last_inbound_ms.get(phone_number_id)
        return window_is_open(last, self.now_ms())

    # -- records ---------------------------------------------------------------------------

    def record_sent(self, record: SentRecord) -> None:
        with self._lock:
            self.sent.append(record)

    def record_inbound(self, record: InboundRecord) -> None:
        with self._lock:
            self.inbound.append(record)

    def record_webhook(self, body: JsonObject) -> None:
        with self._lock:
            self.webhooks.append(body)

    def sent_to(self, wa_id: str) -> list[SentRecord]:
        with self._lock:
            return [r for r in self.sent if r.to == wa_id]

    # -- ids -------------------------------------------------------------------------------

    def new_wamid(self, wa_id: str) -> str:
        """An id shaped like Meta's: ``wamid.`` + base64 of a small binary record."""
        with self._lock:
            self._id_counter += 1
            noise = self._rng.getrandbits(64)
            counter = self._id_counter
        raw = (
            b"\x15\x02\x00\x11\x18\x12"
            + wa_id.encode("ascii", "replace")
            + f"{noise:016X}{counter:08X}".encode("ascii")
        )
        return "wamid." + base64.b64encode(raw).decode("ascii")

    def new_id(self, digits: int = 15) -> str:
        with self._lock:
            return str(self._rng.randrange(10 ** (digits - 1), 10**digits))

    def new_trace_id(self) -> str:
        with self._lock:
            raw = self._rng.getrandbits(96).to_bytes(12, "big")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
