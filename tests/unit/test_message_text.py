"""WhatsApp's formatting marks, links and blank runs, read as WhatsApp reads them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.message_text import (
    LinkKind,
    Rendered,
    Style,
    find_links,
    openable,
    render,
)

B, IT, S, M, Q = Style.BOLD, Style.ITALIC, Style.STRIKE, Style.MONO, Style.QUOTE


def styled(r: Rendered) -> list[tuple[str, Style]]:
    return [(r.text[s.start : s.end], s.style) for s in r.spans]


@pytest.mark.parametrize(
    ("written", "shown", "runs"),
    [
        ("*hola*", "hola", [("hola", B)]),
        ("_hola_", "hola", [("hola", IT)]),
        ("~hola~", "hola", [("hola", S)]),
        ("```hola```", "hola", [("hola", M)]),
        ("`hola`", "hola", [("hola", M)]),
        ("un *gran* día", "un gran día", [("gran", B)]),
        ("*dos palabras*", "dos palabras", [("dos palabras", B)]),
        ("*_ambas_*", "ambas", [("ambas", B | IT)]),
        ("_*ambas*_ y ~*x*~", "ambas y x", [("ambas", IT | B), ("x", S | B)]),
        ("*negrita* y _cursiva_", "negrita y cursiva", [("negrita", B), ("cursiva", IT)]),
        ("¡*hola*!", "¡hola!", [("hola", B)]),
        ("(*hola*)", "(hola)", [("hola", B)]),
        ("«_ojo_».", "«ojo».", [("ojo", IT)]),
        # Marks must hug text.
        ("* no *", "* no *", []),
        ("*no *", "*no *", []),
        ("* no*", "* no*", []),
        ("**", "**", []),
        ("****", "****", []),
        ("*", "*", []),
        # Not inside words.
        ("snake_case_name", "snake_case_name", []),
        ("2*3*4", "2*3*4", []),
        ("a_b_ c", "a_b_ c", []),
        ("x*y* z", "x*y* z", []),
        ("*y*z", "*y*z", []),
        # Bold and italic end at the line's end; monospace blocks may span lines.
        ("*uno\ndos*", "*uno\ndos*", []),
        ("```uno\ndos```", "uno\ndos", [("uno\ndos", M)]),
        ("```*no*```", "*no*", [("*no*", M)]),
        ("`*no*`", "*no*", [("*no*", M)]),
        ("``", "``", []),
        ("``````", "``````", []),
        # The first closing mark closes.
        ("*a* b*", "a b*", [("a", B)]),
        ("_a_b_", "a_b", [("a_b", IT)]),
        ("_https://x.com/a_", "https://x.com/a", [("https://x.com/a", IT)]),
        ("_a_ b_", "a b_", [("a", IT)]),
        # Marks inside links are part of the address.
        ("https://x.com/_a_/b_c_", "https://x.com/_a_/b_c_", []),
        ("*https://x.com/a_b*", "https://x.com/a_b", [("https://x.com/a_b", B)]),
        # Quoted lines (2024): "> " at a line's start; formatting inside them still reads.
        ("> cita\nrespuesta", "cita\nrespuesta", [("cita", Q)]),
        ("hola\n> *ojo*\n> dos", "hola\nojo\ndos", [("ojo", Q | B), ("dos", Q)]),
        ("a > b", "a > b", []),
        (">no", ">no", []),
    ],
)
def test_formatting(written: str, shown: str, runs: list[tuple[str, Style]]) -> None:
    r = render(written)
    assert r.text == shown
    assert styled(r) == runs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mira https://example.com.", [("https://example.com", "https://example.com")]),
        ("(https://example.com)", [("https://example.com", "https://example.com")]),
        (
            "https://es.wikipedia.org/wiki/Pan_(desambiguación)",
            [
                (
                    "https://es.wikipedia.org/wiki/Pan_(desambiguación)",
                    "https://es.wikipedia.org/wiki/Pan_(desambiguación)",
                )
            ],
        ),
        ("ver www.tienda.es, gracias", [("www.tienda.es", "http://www.tienda.es")]),
        ("¿http://a.io/x?q=1&b=2?", [("http://a.io/x?q=1&b=2", "http://a.io/x?q=1&b=2")]),
        ('"https://a.io/x"', [("https://a.io/x", "https://a.io/x")]),
        # Internationalised domains and punycode are shown, and opened, as written.
        ("https://bücher.de/x", [("https://bücher.de/x", "https://bücher.de/x")]),
        (
            "https://xn--pple-43d.com/login",
            [("https://xn--pple-43d.com/login", "https://xn--pple-43d.com/login")],
        ),
        # Other schemes are never links.
        ("javascript:alert(1)", []),
        ("JavaScript:alert(document.cookie)", []),
        ("file:///etc/passwd", []),
        ("data:text/html,<b>x</b>", []),
        ("ftp://files.example.com/a", []),
        ("intent://scan/#Intent;scheme=zxing;end", []),
        ("http://localhost", []),
        ("escribe a soporte@tienda.es.", [("soporte@tienda.es", "mailto:soporte@tienda.es")]),
        ("<ana.gil+pedidos@correo.com>", [("ana.gil+pedidos@correo.com", None)]),
        ("llama al +34 611 22 33 44 hoy", [("+34 611 22 33 44", "tel:+34611223344")]),
        ("o al 611 22 33 44.", [("611 22 33 44", "tel:611223344")]),
        ("(611 22 33 44)", [("611 22 33 44", "tel:611223344")]),
        ("+1 (415) 555-0100", [("+1 (415) 555-0100", "tel:+14155550100")]),
        ("pedido 2024-05-01 por 12.50", []),
        ("ref 12345", []),
    ],
)
def test_links(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = find_links(text)
    assert [text[link.start : link.end] for link in found] == [shown for shown, _ in expected]
    for link, (_, url) in zip(found, expected, strict=True):
        if url is not None:
            assert link.url == url


def test_link_kinds_and_what_may_be_opened() -> None:
    kinds = [link.kind for link in find_links("https://a.es a@b.es +34611223344")]
    assert kinds == [LinkKind.WEB, LinkKind.EMAIL, LinkKind.PHONE]
    for url in ("http://a.es", "HTTPS://a.es", "mailto:a@b.es", "tel:+34611"):
        assert openable(url)
    for url in ("javascript:alert(1)", "file:///x", "data:,x", "ftp://a.es", "a.es", ""):
        assert not openable(url)


def test_a_link_keeps_its_place_in_the_shown_text() -> None:
    r = render("*mira* https://a.es/_x_ ya")
    assert r.text == "mira https://a.es/_x_ ya"
    (link,) = r.links
    assert r.text[link.start : link.end] == "https://a.es/_x_"
    assert r.link_at(link.start) == link and r.link_at(link.end) is None


def test_a_copy_gives_the_text_as_written_with_its_marks() -> None:
    written = "Hola *Ana*, tu pedido _está_ listo"
    r = render(written)
    start = r.text.index("Ana")
    a, b = r.source_range(start, start + 3)
    assert written[a:b] == "*Ana*"  # pastes bold again
    a, b = r.source_range(start, len(r.text))
    assert written[a:b] == "*Ana*, tu pedido _está_ listo"
    a, b = r.source_range(r.text.index("pedido"), r.text.index("está") + 2)
    assert written[a:b] == "pedido _es"
    a, b = r.source_range(0, len(r.text))
    assert written[a:b] == written


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("a\n\nb", "a\n\nb"),
        ("a\n\n\nb", "a\n\n\nb"),  # two blank lines stay
        ("a\n\n\n\nb", "a\n\nb"),  # three become one
        ("a\n\n\n\n\n\n\nb", "a\n\nb"),
        ("a\n \n\t\n  \nb", "a\n\nb"),  # blank means whitespace only
        ("a\n\n\n\nb\n\n\n\n\nc", "a\n\nb\n\nc"),
    ],
)
def test_runs_of_blank_lines_are_shown_as_one(written: str, shown: str) -> None:
    r = render(written)
    assert r.text == shown
    a, b = r.source_range(0, len(r.text))
    assert written[a:b] == written  # a copy of everything copies every line


def test_an_override_cannot_reverse_an_order_number() -> None:
    written = "Tu pedido es el \u202e12345\u202c, gracias"
    r = render(written)
    assert r.text == "Tu pedido es el 12345\u202c, gracias"
    a, b = r.source_range(0, len(r.text))
    assert written[a:b] == written  # copied as written


_ALPHABET = st.sampled_from([*"ab _*~`\n.:/@+1 wh", "https://", "```", "é", "\u202e", "\n> "])


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_rendering_never_loses_or_reorders_what_is_shown(written: str) -> None:
    r = render(written)
    index = r.source_index
    assert len(index) == len(r.text) + 1 and index[-1] == len(written)
    assert all(a < b for a, b in itertools.pairwise(index))
    assert all(written[i] == ch for i, ch in zip(index, r.text, strict=False))
    # Only marks and blank lines are left out of what is shown.
    dropped = set(range(len(written))) - set(index)
    assert all(written[i] in "*_~`\n \t\u202e>" for i in dropped)
    # Spans and links lie inside the shown text, in order, without overlapping.
    for ranges in (r.spans, r.links):
        ends = [(x.start, x.end) for x in ranges]
        assert all(0 <= a < b <= len(r.text) for a, b in ends)
        assert all(b <= c for (_, b), (c, _) in itertools.pairwise(ends))
