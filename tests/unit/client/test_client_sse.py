"""The SSE parser: the WHATWG rules, and the same events however the bytes are chunked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wa_desk.client.sse import SseEvent, SseParser


def parse(*chunks: bytes) -> tuple[list[SseEvent], SseParser]:
    parser = SseParser()
    events = [e for c in chunks for e in parser.feed(c)]
    return events, parser


def test_fields_multi_line_data_comments_and_retry() -> None:
    events, parser = parse(
        b"retry: 2000\n\n"
        b": keep-alive\n\n"
        b'id: 7\nevent: message.created\ndata: {"a":\ndata: 1}\n\n'
        b"data:no space\n\n"
        b"id: 8\nevent: ready\ndata: {}\n\n"
    )
    assert parser.retry_ms == 2000
    assert parser.comments == 1
    assert events == [
        SseEvent("message.created", '{"a":\n1}', "7"),
        SseEvent("message", "no space", "7"),
        SseEvent("ready", "{}", "8"),
    ]


def test_edge_cases_of_the_spec() -> None:
    events, parser = parse(
        b"\xef\xbb\xbfdata: bom stripped\n\n"
        b"data\n\n"  # a field with no colon: empty data, still an event
        b"id: 3\n\n"  # no data: nothing dispatched, but the id sticks
        b"id: a\x00b\ndata: x\n\n"  # an id with NUL is ignored
        b"retry: soon\n"  # not digits: ignored
        b"unknown: field\ndata: y\r\n\r\n"
        b"data: z\r\rdata: incomplete"
    )
    assert events == [
        SseEvent("message", "bom stripped", None),
        SseEvent("message", "", None),
        SseEvent("message", "x", "3"),
        SseEvent("message", "y", "3"),
        SseEvent("message", "z", "3"),
    ]
    assert parser.retry_ms is None


def test_an_event_name_resets_after_each_dispatch() -> None:
    events, _ = parse(b"event: a\ndata: 1\n\ndata: 2\n\n")
    assert [e.event for e in events] == ["a", "message"]


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"),
    max_size=30,
)
_event = st.tuples(
    st.one_of(st.none(), st.integers(min_value=0, max_value=10**12).map(str)),
    st.one_of(st.none(), st.from_regex(r"[a-z.]{1,15}", fullmatch=True)),
    st.lists(_text, min_size=1, max_size=4),
    st.booleans(),  # a comment before it
)


def _serialise(events: list, newline: str) -> bytes:  # type: ignore[type-arg]
    out = []
    for event_id, name, lines, comment in events:
        if comment:
            out.append(": keep-alive" + newline)
        if event_id is not None:
            out.append(f"id: {event_id}{newline}")
        if name is not None:
            out.append(f"event: {name}{newline}")
        out.extend(f"data: {line}{newline}" for line in lines)
        out.append(newline)
    return "".join(out).encode("utf-8")


def _expected(events: list) -> list[SseEvent]:  # type: ignore[type-arg]
    expected = []
    last_id = None
    for event_id, name, lines, _ in events:
        if event_id is not None:
            last_id = event_id
        expected.append(SseEvent(name or "message", "\n".join(lines), last_id))
    return expected


@settings(max_examples=400, deadline=None)
@given(
    events=st.lists(_event, max_size=8),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=20),
)
def test_any_chunking_gives_the_same_events(events: list, newline: str, cuts: list[int]) -> None:  # type: ignore[type-arg]
    raw = _serialise(events, newline)
    points = sorted({c % (len(raw) + 1) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    parsed, _ = parse(*chunks)
    assert parsed == _expected(events)
    whole, _ = parse(raw)
    assert whole == parsed


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.lists(st.integers(min_value=0, max_value=300), max_size=10))
def test_garbage_never_crashes_and_chunking_never_matters(raw: bytes, cuts: list[int]) -> None:
    points = sorted({c % (len(raw) + 1) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    assert parse(*chunks)[0] == parse(raw)[0]
