"""A message's text as WhatsApp shows it: formatting marks read, links found, blank runs
shortened; and always a way back to the text as written.

WhatsApp's formatting: ``*bold*``, ``_italic_``, ``~strikethrough~``, `````monospace`````
(three backticks, may span lines) and, since 2024, ```inline code``` (one backtick) and
quoted lines (``> `` at a line's start; lists need nothing: they read as typed). A
mark counts only when it hugs text: the opening one is at the start or after a character
that is not a letter or digit, and is followed by a non-space; the closing one follows a
non-space and is not followed by a letter or digit. So ``snake_case_name``, ``2*3*4``
and ``* not bold *`` stay as typed. Bold, italic and strikethrough end at the line's end
and nest (``*_both_*``); monospace and code show their content as typed.

What the agent copies is the text as written, marks included, as WhatsApp Web does:
``Rendered.source_index`` maps every shown character back to the written text.

Directional overrides (U+202D, U+202E) are not shown (see ``OVERRIDES``).

Links: ``http://``, ``https://`` and ``www.`` addresses, e-mail addresses and phone
numbers in international form (``+34 611 22 33 44``) or Spanish national form
(``611 22 33 44``). Any other scheme (``javascript:``, ``file:``, ``data:``...) is never
a link. Addresses are shown exactly as written: an internationalised domain stays in
the script the customer typed, a ``xn--`` one stays punycode, never converted (which
would let a look-alike domain pass for another).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import Flag, StrEnum, auto


class Style(Flag):
    NONE = 0
    BOLD = auto()
    ITALIC = auto()
    STRIKE = auto()
    MONO = auto()  # ```block``` and `inline code`
    QUOTE = auto()  # a line that starts with "> " (shown with a bar, without the "> ")


class LinkKind(StrEnum):
    WEB = "web"
    EMAIL = "email"
    PHONE = "phone"


# What a click may open, and nothing else.
OPENABLE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@dataclass(frozen=True, slots=True)
class Span:
    """Shown text ``[start, end)`` in ``style``."""

    start: int
    end: int
    style: Style


@dataclass(frozen=True, slots=True)
class Link:
    """Shown text ``[start, end)`` that opens ``url``."""

    start: int
    end: int
    url: str
    kind: LinkKind


@dataclass(frozen=True, slots=True)
class Rendered:
    written: str  # the text as written
    text: str  # what is shown
    spans: tuple[Span, ...]  # styled runs, in order, not overlapping
    links: tuple[Link, ...]  # in order, not overlapping
    # For each shown character, its position in the written text; one more entry (the
    # written text's length) so that a range's end maps too.
    source_index: tuple[int, ...]

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """The written text behind shown ``[start, end)``: what a copy copies. Marks
        that open right before the range or close right after it come along, so
        ``*Ana*`` copied from "Hola *Ana*" pastes bold again."""
        if start >= end:
            at = self.source_index[start]
            return at, at
        a, b = self.source_index[start], self.source_index[end - 1] + 1
        shown = set(self.source_index)
        while a > 0 and self.written[a - 1] in _ALL_MARKS and a - 1 not in shown:
            a -= 1
        while b < len(self.written) and self.written[b] in _ALL_MARKS and b not in shown:
            b += 1
        return a, b

    def link_at(self, position: int) -> Link | None:
        for link in self.links:
            if link.start <= position < link.end:
                return link
        return None


def scheme(url: str) -> str:
    head, colon, _ = url.partition(":")
    return head.lower() if colon else ""


def openable(url: str) -> bool:
    """Whether a click may open ``url``: only the schemes links are made with."""
    return scheme(url) in OPENABLE_SCHEMES


# -- links -----------------------------------------------------------------------------

_WEB = re.compile(r"(?<![^\W_])(?<![@./:-])(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+(?![\w@-])"
)
_PHONE = re.compile(
    r"(?<![\w+/.-])(?:\+\d[\d ().-]{6,20}\d|[6789]\d{2}(?:[ .-]?\d{2,3}){3})(?![\w/])"
)
_DIGITS = re.compile(r"\d{3}")
# Punctuation that ends a sentence or closes quotes, not part of a link; a formatting
# mark only when the same mark opens right before the link (``_https://a.es/x_``).
_TRAILING = ".,;:!?'\"»”’…"
_MARKS = "*_~`"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def _trim_web(url: str, before: str) -> str:
    while url:
        last = url[-1]
        wraps = last in _MARKS and last == before
        unbalanced = last in _PAIRS and url.count(_PAIRS[last]) < url.count(last)
        if last in _TRAILING or wraps or unbalanced:
            url = url[:-1]
        else:
            break
    return url


def find_links(text: str) -> list[Link]:
    """Web addresses, e-mail addresses and phone numbers in ``text``, in order."""
    links: list[Link] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    lowered = text.lower()
    web = _WEB.finditer(text) if "://" in text or "www." in lowered else ()
    for m in web:
        shown = _trim_web(m.group(), text[m.start() - 1] if m.start() else "")
        host = shown.split("//", 1)[-1]
        if "." not in host.split("/", 1)[0] or len(host) < 4:
            continue
        end = m.start() + len(shown)
        url = shown if "://" in shown[:8] else f"http://{shown}"
        links.append(Link(m.start(), end, url, LinkKind.WEB))
        taken.append((m.start(), end))
    for m in _EMAIL.finditer(text) if "@" in text else ():
        address = m.group().rstrip(".")
        end = m.start() + len(address)
        if "@" in address and free(m.start(), end):
            links.append(Link(m.start(), end, f"mailto:{address}", LinkKind.EMAIL))
            taken.append((m.start(), end))
    for m in _PHONE.finditer(text) if _DIGITS.search(text) else ():
        shown = m.group()
        digits = re.sub(r"\D", "", shown)
        if not 8 <= len(digits) <= 15 or not free(m.start(), m.end()):
            continue
        if shown.count("(") != shown.count(")"):
            continue
        number = f"+{digits}" if shown.startswith("+") else digits
        links.append(Link(m.start(), m.end(), f"tel:{number}", LinkKind.PHONE))
        taken.append((m.start(), m.end()))
    links.sort(key=lambda link: link.start)
    return links


# -- formatting ------------------------------------------------------------------------

_INLINE = {"*": Style.BOLD, "_": Style.ITALIC, "~": Style.STRIKE}
_ALL_MARKS = "*_~`"
_ANY_MARK = re.compile(r"[*_~`]")
_QUOTE_LINE = re.compile(r"^> ", re.MULTILINE)
_FENCE = "```"


def _opens(text: str, i: int, end: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isalnum() and before != mark and not after.isspace() and after != mark


def _closers(text: str, links: set[int]) -> dict[str, list[int]]:
    """Per mark, the positions where it may close (after a non-space, not before a letter
    or digit, outside links), in order: found once, so a line full of marks that never
    close is not searched again from each of them."""
    closers: dict[str, list[int]] = {mark: [] for mark in _INLINE}
    for j in range(1, len(text)):
        mark = text[j]
        if mark not in closers or j in links or text[j - 1].isspace():
            continue
        after = text[j + 1] if j + 1 < len(text) else " "
        if not after.isalnum() and after != mark:
            closers[mark].append(j)
    return closers


@dataclass(slots=True)
class _Out:
    chars: list[str]
    index: list[int]
    styles: list[Style]

    def add(self, text: str, start: int, end: int, style: Style) -> None:
        if start < end:
            self.chars.extend(text[start:end])
            self.index.extend(range(start, end))
            self.styles.extend([style] * (end - start))


def _parse(
    text: str,
    start: int,
    end: int,
    style: Style,
    links: set[int],
    closers: dict[str, list[int]],
    out: _Out,
) -> None:
    """Shown characters of ``text[start:end]`` into ``out``; ``links`` holds the written
    positions inside links, where no mark opens or closes."""
    i = plain = start
    while i < end:
        ch = text[i]
        if i in links:
            i += 1
            continue
        if text.startswith(_FENCE, i, end):
            close = text.find(_FENCE, i + 3, end)
            if close > i + 3 and text[i + 3 : close].strip():
                out.add(text, plain, i, style)
                out.add(text, i + 3, close, style | Style.MONO)
                i = plain = close + 3
                continue
        if ch == "`" and not text.startswith(_FENCE, i):
            close = text.find("`", i + 1, end)
            if close > i + 1 and "\n" not in text[i + 1 : close] and text[close - 1] != "`":
                out.add(text, plain, i, style)
                out.add(text, i + 1, close, style | Style.MONO)
                i = plain = close + 1
                continue
        mark_style = _INLINE.get(ch)
        if mark_style is not None and not style & mark_style and _opens(text, i, end, ch):
            line_end = text.find("\n", i, end)
            limit = end if line_end < 0 else line_end
            candidates = closers[ch]
            at = bisect.bisect_right(candidates, i + 1)
            if at < len(candidates) and candidates[at] < limit:
                j = candidates[at]
                out.add(text, plain, i, style)
                _parse(text, i + 1, j, style | mark_style, links, closers, out)
                i = plain = j + 1
                continue
        i += 1
    out.add(text, plain, end, style)


# Left-to-right and right-to-left overrides: shown, they would make "12345" read as
# "54321" while the text (and what the agent copies or types into another system) says
# 12345. Marks, embeddings and isolates stay: they order right-to-left text, but never
# reverse digits or letters of one direction.
OVERRIDES = "\u202d\u202e"

# Three or more blank lines in a row (whitespace-only lines count as blank).
_BLANK_RUN = re.compile(r"\n(?:[^\S\n]*\n){3,}")


def render(text: str) -> Rendered:
    """``text`` (as written) as it is shown: marks read, links found, runs of three or
    more blank lines shown as one."""
    found = find_links(text)
    out = _Out([], [], [])
    quoted = [m.start() for m in _QUOTE_LINE.finditer(text)]
    plain = _ANY_MARK.search(text) is None and not quoted
    if plain:  # most messages: nothing to read, one copy
        out.add(text, 0, len(text), Style.NONE)
    else:
        in_links = {k for link in found for k in range(link.start, link.end)}
        closers = _closers(text, in_links)
        at = 0
        for start in quoted:  # quoted lines apart: their "> " is not shown
            _parse(text, at, start, Style.NONE, in_links, closers, out)
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            _parse(text, start + 2, end, Style.QUOTE, in_links, closers, out)
            at = end
        _parse(text, at, len(text), Style.NONE, in_links, closers, out)
    chars, index, styles = out.chars, out.index, out.styles
    # Blank runs shrink, and directional overrides go, in what is shown only (the
    # written text keeps them).
    shown = "".join(chars)
    if _BLANK_RUN.search(shown) or any(ch in shown for ch in OVERRIDES):
        keep = [ch not in OVERRIDES for ch in chars]
        for m in _BLANK_RUN.finditer(shown):
            # The line break that ends the text above and the one before the text below.
            for k in range(m.start() + 1, m.end() - 1):
                keep[k] = False
        chars = [c for c, k in zip(chars, keep, strict=True) if k]
        index = [c for c, k in zip(index, keep, strict=True) if k]
        styles = [c for c, k in zip(styles, keep, strict=True) if k]
        shown = "".join(chars)
    spans: list[Span] = []
    run = 0
    for k in range(1, 0 if plain else len(styles) + 1):
        if k == len(styles) or styles[k] != styles[run]:
            if styles[run] != Style.NONE:
                spans.append(Span(run, k, styles[run]))
            run = k
    links = []
    for link in found:
        # ``index`` rises strictly: the shown characters of the link lie between these.
        a, b = bisect.bisect_left(index, link.start), bisect.bisect_left(index, link.end)
        if a < b:
            links.append(Link(a, b, link.url, link.kind))
    return Rendered(text, shown, tuple(spans), tuple(links), (*index, len(text)))
