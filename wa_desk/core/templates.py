"""WhatsApp message templates as Meta syncs them: what an agent fills in, what the
customer reads, and the ``components`` of the Cloud API send.

A template (``GET /{waba}/message_templates``) has components ``HEADER`` (``format``
TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION), ``BODY``, ``FOOTER`` and ``BUTTONS``
(QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, ...). Text may hold positional
placeholders (``{{1}}``) or named ones (``{{first_name}}``, ``parameter_format``
NAMED). A send fills them::

    {"type": "header", "parameters": [{"type": "text", "text": "A-1042"}]}
    {"type": "body", "parameters": [{"type": "text", "parameter_name": "first_name", ...}]}
    {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", ...}]}

The desktop (the form) and the hub (the authoritative check and the Graph body) use the
same code here, so what the agent saw filled is what is sent, or refused for a reason
both sides share.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wa_desk.core import fuzzy

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
BLANK = "___"  # where a value goes, in a field's label
MAX_HEADER_TEXT = 60  # Meta: a text header is at most 60 characters, filled in
MAX_BODY_PARAM = 1024
MAX_URL_SUFFIX = 2000
MAX_COUPON_CODE = 15  # Meta: a copy-code button's code is at most 15 characters
MAX_LOCATION_TEXT = 1000  # a location header's place name or address
_CONTEXT_WORDS = 3  # words either side of a placeholder in its field's label


class Part(StrEnum):
    """Where a value goes in the template."""

    HEADER = "header"
    BODY = "body"
    BUTTON = "button"


class HeaderFormat(StrEnum):
    TEXT = "TEXT"
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"
    DOCUMENT = "DOCUMENT"
    LOCATION = "LOCATION"


MEDIA_HEADERS = frozenset({HeaderFormat.IMAGE, HeaderFormat.VIDEO, HeaderFormat.DOCUMENT})


class FieldKind(StrEnum):
    TEXT = "text"  # a placeholder's text
    MEDIA_LINK = "media_link"  # an https link to a media header's file
    COUPON_CODE = "coupon_code"  # a copy-code button's code
    LATITUDE = "latitude"  # a location header's: degrees, -90 to 90
    LONGITUDE = "longitude"  # degrees, -180 to 180
    PLACE_NAME = "name"  # the place's name, as the customer's map shows it
    ADDRESS = "address"


LOCATION_KINDS = (FieldKind.LATITUDE, FieldKind.LONGITUDE, FieldKind.PLACE_NAME, FieldKind.ADDRESS)
COORDINATE_LIMITS = {FieldKind.LATITUDE: 90.0, FieldKind.LONGITUDE: 180.0}


@dataclass(frozen=True, slots=True)
class Button:
    type: str  # QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, ... (upper case)
    text: str
    url: str | None = None  # URL buttons: may end in a placeholder (the dynamic suffix)
    phone_number: str | None = None

    @property
    def url_key(self) -> str | None:
        """The placeholder of a URL button's dynamic suffix, if it has one."""
        if self.type != "URL" or not self.url:
            return None
        keys = placeholders(self.url)
        return keys[0] if keys else None


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    name: str
    language: str
    category: str = ""
    status: str = "APPROVED"
    header_format: HeaderFormat | None = None
    header_text: str | None = None  # a TEXT header's text
    body: str = ""
    footer: str | None = None
    buttons: tuple[Button, ...] = ()

    @property
    def named(self) -> bool:
        """Whether its placeholders are named (``parameter_format`` NAMED): Meta allows
        one format per template, and names are never all digits."""
        keys = (*placeholders(self.header_text or ""), *placeholders(self.body))
        return any(not k.isdigit() for k in keys)

    @property
    def header_keys(self) -> tuple[str, ...]:
        if self.header_format is not HeaderFormat.TEXT:
            return ()
        return ordered_keys(self.header_text or "")

    @property
    def body_keys(self) -> tuple[str, ...]:
        return ordered_keys(self.body)


@dataclass(frozen=True, slots=True)
class Field:
    """One value the agent fills in, named by where it goes."""

    part: Part
    kind: FieldKind
    key: str  # the placeholder ("1", "first_name"), or the media header's format
    context: str  # the words around it: "Hola ___, tu pedido…"
    max_length: int
    button_index: int | None = None
    button_text: str | None = None
    named: bool = False

    @property
    def id(self) -> str:
        where = f"{self.part}{'' if self.button_index is None else self.button_index}"
        return f"{where}:{self.key}"


@dataclass(frozen=True, slots=True)
class Place:
    """A location header's place: the pin on the customer's map, its name and address."""

    latitude: float
    longitude: float
    name: str
    address: str

    def to_json(self) -> dict[str, Any]:
        return {
            "latitude": self.latitude,
            "longitude": self.longitude,
            "name": self.name,
            "address": self.address,
        }

    @classmethod
    def from_json(cls, data: object) -> Place | None:
        if not isinstance(data, Mapping):
            return None
        try:
            latitude, longitude = float(data["latitude"]), float(data["longitude"])
        except (KeyError, TypeError, ValueError):
            return None
        return cls(latitude, longitude, str(data.get("name") or ""), str(data.get("address") or ""))


@dataclass(frozen=True, slots=True)
class TemplateParams:
    """The values of one send, as the hub's API carries them: text values in the order
    of the template's placeholders, the media header's link or the location header's
    place, and per button index the value of a URL suffix or a copy code."""

    header: tuple[str, ...] = ()
    header_link: str | None = None
    body: tuple[str, ...] = ()
    buttons: tuple[tuple[int, str], ...] = ()
    header_location: Place | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "header_params": list(self.header),
            "header_link": self.header_link,
            "header_location": None
            if self.header_location is None
            else self.header_location.to_json(),
            "body_params": list(self.body),
            "button_params": [{"index": i, "text": v} for i, v in self.buttons],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TemplateParams:
        buttons = data.get("button_params") or []
        return cls(
            header=tuple(str(v) for v in data.get("header_params") or []),
            header_link=str(data["header_link"]) if data.get("header_link") else None,
            body=tuple(str(v) for v in data.get("body_params") or []),
            buttons=tuple(
                (int(b["index"]), str(b["text"]))
                for b in buttons
                if isinstance(b, Mapping) and "index" in b and "text" in b
            ),
            header_location=Place.from_json(data.get("header_location")),
        )


@dataclass(frozen=True, slots=True)
class Rendered:
    """The template as the customer will see it (placeholders left where no value is)."""

    header: str | None  # a TEXT header's text
    header_format: HeaderFormat | None
    header_link: str | None
    header_location: Place | None
    body: str
    footer: str | None
    buttons: tuple[str, ...] = field(default=())


# -- reading templates -------------------------------------------------------------------


def placeholders(text: str) -> tuple[str, ...]:
    """Each placeholder's key once, in order of first appearance."""
    seen: dict[str, None] = {}
    for match in PLACEHOLDER.finditer(text):
        seen.setdefault(match.group(1), None)
    return tuple(seen)


def ordered_keys(text: str) -> tuple[str, ...]:
    """The keys in the order a send gives their values: ``{{1}}, {{2}}…`` by number
    (Meta maps the n-th value to ``{{n}}``), named ones as they appear."""
    keys = placeholders(text)
    if keys and all(k.isdigit() for k in keys):
        return tuple(sorted(keys, key=int))
    return keys


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def spec_from(template: Mapping[str, Any]) -> TemplateSpec:
    """A template as the hub lists it (or as Meta's listing has it): name, language,
    status, category and ``components``; unknown parts are left out."""
    components = template.get("components")
    header_format: HeaderFormat | None = None
    header_text = footer = None
    body = ""
    buttons: list[Button] = []
    for c in components if isinstance(components, list) else []:
        if not isinstance(c, Mapping):
            continue
        kind = str(c.get("type", "")).upper()
        if kind == "HEADER":
            try:
                header_format = HeaderFormat(str(c.get("format", "TEXT")).upper())
            except ValueError:
                header_format = None
            header_text = _text(c.get("text")) if header_format is HeaderFormat.TEXT else None
        elif kind == "BODY":
            body = _text(c.get("text")) or ""
        elif kind == "FOOTER":
            footer = _text(c.get("text"))
        elif kind == "BUTTONS":
            for b in c.get("buttons") or []:
                if isinstance(b, Mapping):
                    buttons.append(
                        Button(
                            type=str(b.get("type", "")).upper(),
                            text=_text(b.get("text")) or "",
                            url=_text(b.get("url")),
                            phone_number=_text(b.get("phone_number")),
                        )
                    )
    if not body and isinstance(template.get("body"), str):
        body = str(template["body"])  # an older hub's listing without components
    return TemplateSpec(
        name=str(template.get("name") or ""),
        language=str(template.get("language") or ""),
        category=str(template.get("category") or ""),
        status=str(template.get("status") or "APPROVED"),
        header_format=header_format,
        header_text=header_text,
        body=body,
        footer=footer,
        buttons=tuple(buttons),
    )


# -- what the agent fills in ---------------------------------------------------------------


def context_label(text: str, key: str, *, words: int = _CONTEXT_WORDS) -> str:
    """The words around ``{{key}}`` with a blank where the value goes:
    ``'Hola {{1}}, tu pedido {{2}} ha salido'`` → ``'Hola ___, tu pedido…'``.
    Other placeholders read as ``…``; whitespace is collapsed to single spaces."""
    flat = " ".join(text.split())
    for match in PLACEHOLDER.finditer(flat):
        if match.group(1) == key:
            break
    else:
        return BLANK
    before, after = flat[: match.start()], flat[match.end() :]
    # Another placeholder ends the context: its own field says what it is.
    others = list(PLACEHOLDER.finditer(before))
    near_before = before[others[-1].end() :] if others else before
    following = PLACEHOLDER.search(after)
    near_after = after[: following.start()] if following else after
    head = re.search(rf"(?:\S+\s+){{0,{words}}}\S*$", near_before)
    tail = re.match(rf"\S*(?:\s+\S+){{0,{words}}}", near_after)
    left = (head.group(0) if head else "").lstrip(" ,.;:")
    right = (tail.group(0) if tail else "").rstrip(" ,;:")
    label = left + BLANK + right
    if len(left) < len(before.strip()):
        label = "…" + label
    if len(right) < len(after.strip()):
        label = label + "…"
    return label


def url_label(url: str, key: str) -> str:
    """A URL button's link with a blank for its suffix, its host left out when the
    path says enough: ``https://envios.ejemplo.es/seguimiento/{{1}}`` →
    ``…/seguimiento/___``."""
    before = url.split("{{", 1)[0]
    segments = before.split("/")
    if len(segments) > 4:  # scheme, "", host, then at least two path segments
        return "…/" + "/".join(segments[-2:]) + BLANK
    return before + BLANK


def fields(spec: TemplateSpec) -> tuple[Field, ...]:
    """What the agent must fill in, in the order the customer reads it."""
    out: list[Field] = []
    named = spec.named
    if spec.header_format is HeaderFormat.TEXT:
        for key in spec.header_keys:
            out.append(
                Field(
                    Part.HEADER,
                    FieldKind.TEXT,
                    key,
                    context_label(spec.header_text or "", key),
                    MAX_HEADER_TEXT,
                    named=named,
                )
            )
    elif spec.header_format in MEDIA_HEADERS:
        assert spec.header_format is not None
        out.append(
            Field(
                Part.HEADER,
                FieldKind.MEDIA_LINK,
                spec.header_format.value.lower(),
                "https://…",
                MAX_URL_SUFFIX,
            )
        )
    elif spec.header_format is HeaderFormat.LOCATION:
        for kind in LOCATION_KINDS:
            limit = 32 if kind in COORDINATE_LIMITS else MAX_LOCATION_TEXT
            out.append(Field(Part.HEADER, kind, kind.value, BLANK, limit))
    for key in spec.body_keys:
        out.append(
            Field(
                Part.BODY,
                FieldKind.TEXT,
                key,
                context_label(spec.body, key),
                MAX_BODY_PARAM,
                named=named,
            )
        )
    for index, button in enumerate(spec.buttons):
        url_key = button.url_key
        if url_key is not None:
            out.append(
                Field(
                    Part.BUTTON,
                    FieldKind.TEXT,
                    url_key,
                    url_label(button.url or "", url_key),
                    MAX_URL_SUFFIX,
                    button_index=index,
                    button_text=button.text,
                )
            )
        elif button.type == "COPY_CODE":
            out.append(
                Field(
                    Part.BUTTON,
                    FieldKind.COUPON_CODE,
                    "code",
                    BLANK,
                    MAX_COUPON_CODE,
                    button_index=index,
                    button_text=button.text,
                )
            )
    return tuple(out)


def is_https_url(value: str) -> bool:
    """A link WhatsApp can fetch a header's file from: https, a host, no spaces."""
    return bool(re.fullmatch(r"https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", value.strip()))


def coordinate(value: str) -> float | None:
    """Degrees as an agent types them: ``40.4168``, or ``40,4168`` with a decimal comma;
    None when it is not a finite number."""
    text = value.strip().replace("\u2212", "-")
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", text):
        return None
    return float(text)


def coordinate_ok(kind: FieldKind, value: float) -> bool:
    """Latitude within -90..90, longitude within -180..180."""
    limit = COORDINATE_LIMITS[kind]
    return -limit <= value <= limit


def bad_coordinates(spec: TemplateSpec, values: Mapping[str, str]) -> tuple[Field, ...]:
    """Filled latitude or longitude fields that are not a number in their range."""
    out = []
    for f in fields(spec):
        text = values.get(f.id, "").strip()
        if f.kind in COORDINATE_LIMITS and text:
            number = coordinate(text)
            if number is None or not coordinate_ok(f.kind, number):
                out.append(f)
    return tuple(out)


def missing(spec: TemplateSpec, values: Mapping[str, str]) -> tuple[Field, ...]:
    """The fields still empty."""
    return tuple(f for f in fields(spec) if not values.get(f.id, "").strip())


def bad_links(spec: TemplateSpec, values: Mapping[str, str]) -> tuple[Field, ...]:
    """Filled media links that are not https URLs."""
    return tuple(
        f
        for f in fields(spec)
        if f.kind is FieldKind.MEDIA_LINK
        and values.get(f.id, "").strip()
        and not is_https_url(values[f.id])
    )


def params_from_values(spec: TemplateSpec, values: Mapping[str, str]) -> TemplateParams:
    """The send's values from the form's, by field id (trimmed)."""
    header: list[str] = []
    body: list[str] = []
    buttons: list[tuple[int, str]] = []
    link: str | None = None
    place: dict[FieldKind, str] = {}
    for f in fields(spec):
        value = values.get(f.id, "").strip()
        if f.part is Part.HEADER and f.kind is FieldKind.MEDIA_LINK:
            link = value or None
        elif f.kind in LOCATION_KINDS:
            place[f.kind] = value
        elif f.part is Part.HEADER:
            header.append(value)
        elif f.part is Part.BODY:
            body.append(value)
        elif f.button_index is not None:
            buttons.append((f.button_index, value))
    location = None
    if place:
        latitude = coordinate(place[FieldKind.LATITUDE])
        longitude = coordinate(place[FieldKind.LONGITUDE])
        if latitude is not None and longitude is not None:
            location = Place(
                latitude, longitude, place[FieldKind.PLACE_NAME], place[FieldKind.ADDRESS]
            )
    return TemplateParams(tuple(header), link, tuple(body), tuple(buttons), location)


def check_params(spec: TemplateSpec, params: TemplateParams) -> str | None:
    """Why ``params`` do not fit the template (for logs and the API's message), or
    None. Counts must match exactly; no value may be blank; a media link must be https."""
    header_keys = spec.header_keys
    if len(params.header) != len(header_keys):
        return f"the header needs {len(header_keys)} parameters, not {len(params.header)}"
    if spec.header_format in MEDIA_HEADERS:
        if not params.header_link:
            return "the header needs a link to its file"
        if not is_https_url(params.header_link):
            return "the header's link must be an https URL"
    elif params.header_link:
        return "the template has no media header"
    place = params.header_location
    if spec.header_format is HeaderFormat.LOCATION:
        if place is None:
            return "the header needs a location"
        if not coordinate_ok(FieldKind.LATITUDE, place.latitude):
            return "the location's latitude must be from -90 to 90"
        if not coordinate_ok(FieldKind.LONGITUDE, place.longitude):
            return "the location's longitude must be from -180 to 180"
        if not place.name.strip() or not place.address.strip():
            return "the location needs a name and an address"
        if max(len(place.name), len(place.address)) > MAX_LOCATION_TEXT:
            return f"the location's name and address are at most {MAX_LOCATION_TEXT} characters"
    elif place is not None:
        return "the template has no location header"
    if len(params.body) != len(spec.body_keys):
        return f"the body needs {len(spec.body_keys)} parameters, not {len(params.body)}"
    wanted = {
        i for i, b in enumerate(spec.buttons) if b.url_key is not None or b.type == "COPY_CODE"
    }
    given = [i for i, _ in params.buttons]
    if sorted(given) != sorted(wanted) or len(set(given)) != len(given):
        return (
            f"the buttons need values at {sorted(wanted) or 'no index'}, "
            f"not at {sorted(given) or 'none'}"
        )
    if any(not v.strip() for v in (*params.header, *params.body)) or any(
        not v.strip() for _, v in params.buttons
    ):
        return "a parameter is empty"
    for index, value in params.buttons:
        if spec.buttons[index].type == "COPY_CODE" and len(value) > MAX_COUPON_CODE:
            return f"a copy code is at most {MAX_COUPON_CODE} characters"
    return None


def _text_param(value: str, name: str | None) -> dict[str, Any]:
    param: dict[str, Any] = {"type": "text", "text": value}
    if name is not None:
        param["parameter_name"] = name
    return param


def cloud_components(spec: TemplateSpec, params: TemplateParams) -> list[dict[str, Any]]:
    """The Cloud API ``template.components`` of a send; ``params`` must have passed
    ``check_params``."""
    named = spec.named
    out: list[dict[str, Any]] = []
    if spec.header_format in MEDIA_HEADERS and params.header_link:
        assert spec.header_format is not None
        media = spec.header_format.value.lower()
        out.append(
            {
                "type": "header",
                "parameters": [{"type": media, media: {"link": params.header_link}}],
            }
        )
    elif spec.header_format is HeaderFormat.LOCATION and params.header_location is not None:
        place = params.header_location
        out.append(
            {
                "type": "header",
                "parameters": [{"type": "location", "location": place.to_json()}],
            }
        )
    elif params.header:
        out.append(
            {
                "type": "header",
                "parameters": [
                    _text_param(v, k if named else None)
                    for k, v in zip(spec.header_keys, params.header, strict=True)
                ],
            }
        )
    if params.body:
        out.append(
            {
                "type": "body",
                "parameters": [
                    _text_param(v, k if named else None)
                    for k, v in zip(spec.body_keys, params.body, strict=True)
                ],
            }
        )
    for index, value in sorted(params.buttons):
        button = spec.buttons[index]
        if button.type == "COPY_CODE":
            out.append(
                {
                    "type": "button",
                    "sub_type": "copy_code",
                    "index": str(index),
                    "parameters": [{"type": "coupon_code", "coupon_code": value}],
                }
            )
        else:
            out.append(
                {
                    "type": "button",
                    "sub_type": "url",
                    "index": str(index),
                    "parameters": [{"type": "text", "text": value}],
                }
            )
    return out


# -- what the customer reads -------------------------------------------------------------


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each placeholder replaced by its value, when it has one."""

    def sub(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "")
        return value if value.strip() else match.group(0)

    return PLACEHOLDER.sub(sub, text)


def _by_key(keys: Sequence[str], values: Sequence[str]) -> dict[str, str]:
    return {k: v for k, v in zip(keys, values, strict=False)}


def render(spec: TemplateSpec, params: TemplateParams) -> Rendered:
    """The template with ``params`` filled in, as the customer's WhatsApp shows it: a
    URL button shows its label (the filled link is where it leads, not what it says)."""
    header = None
    if spec.header_format is HeaderFormat.TEXT and spec.header_text is not None:
        header = fill(spec.header_text, _by_key(spec.header_keys, params.header))
    return Rendered(
        header=header,
        header_format=spec.header_format,
        header_link=params.header_link,
        header_location=params.header_location,
        body=fill(spec.body, _by_key(spec.body_keys, params.body)),
        footer=spec.footer,
        buttons=tuple(b.text for b in spec.buttons),
    )


def button_link(spec: TemplateSpec, index: int, params: TemplateParams) -> str | None:
    """Where URL button ``index`` leads with its suffix filled in."""
    button = spec.buttons[index]
    if button.type != "URL" or button.url is None:
        return None
    key = button.url_key
    value = dict(params.buttons).get(index, "")
    return fill(button.url, {key: value}) if key else button.url


def search_fields(spec: TemplateSpec) -> tuple[str, ...]:
    """What typing in the picker searches (``core/fuzzy.py``), most telling first: the
    name, the texts the customer reads, then language and category."""
    buttons = " ".join(b.text for b in spec.buttons)
    return (
        spec.name, spec.body, spec.header_text or "", spec.footer or "", buttons,
        spec.language, spec.category,
    )  # fmt: skip


def matches(spec: TemplateSpec, query: str) -> bool:
    """Whether every word typed is found in the template (``core/fuzzy.py``)."""
    return fuzzy.score(query, search_fields(spec)) is not None


def prepared(specs: Sequence[TemplateSpec]) -> list[tuple[TemplateSpec, fuzzy.Prepared]]:
    """``specs`` ready for the searches a picker makes as the agent types."""
    return [(s, fuzzy.prepare(search_fields(s))) for s in specs]


def rank(specs: Sequence[TemplateSpec], query: str) -> list[TemplateSpec]:
    """The templates that match ``query``, best first (``core/fuzzy.py``)."""
    return fuzzy.rank_prepared(query, prepared(specs))
