from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.filenames import MAX_FILENAME_CHARS, safe_filename


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("factura.pdf", "factura.pdf"),
        ("../../x.exe", "x.exe"),
        ("..\\..\\Windows\\system32\\x.dll", "x.dll"),
        ("C:x.bat", "C_x.bat"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("lpt1.tar.gz", "_lpt1.tar.gz"),
        ("informe\u202egpj.exe", "informegpj.exe"),
        ("a\u200bb\x00c\x1f.txt", "abc.txt"),
        ("  .hidden. ", "hidden"),
        ("..", "file"),
        ("", "file"),
        (None, "file"),
        ("///", "file"),
        ("a<b>c|d?.txt", "a_b_c_d_.txt"),
        ("Presupuesto\tjunio.xlsx", "Presupuesto junio.xlsx"),
        ("año ñandú.pdf", "año ñandú.pdf"),
    ],
)
def test_known_names(raw: str | None, expected: str) -> None:
    assert safe_filename(raw) == expected


def test_long_names_keep_their_extension() -> None:
    name = safe_filename("x" * 5000 + ".pdf")
    assert len(name) == MAX_FILENAME_CHARS
    assert name.endswith(".pdf")


@given(st.text())
def test_any_name_is_one_safe_component(raw: str) -> None:
    name = safe_filename(raw)
    assert name
    assert len(name) <= MAX_FILENAME_CHARS
    assert "/" not in name and "\\" not in name
    assert name not in {".", ".."}
    assert not name.startswith((" ", ".")) and not name.endswith((" ", "."))
    assert all(ord(ch) >= 32 and ord(ch) != 127 for ch in name)
    assert safe_filename(name) == name
