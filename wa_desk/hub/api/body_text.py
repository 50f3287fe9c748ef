"""Text fields of request bodies: text that can be stored and sent on.

FastAPI reads JSON bodies with ``json.loads``, which accepts the escape ``"\\ud800"``: a
lone surrogate, a ``str`` that is not Unicode text. Neither store can write it nor can
it be sent to WhatsApp, so without this check it surfaced as a 500 deep in a write.
Every string field of a body carries ``Utf8`` (after its length bound).
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import AfterValidator

T = TypeVar("T")


def _must_be_utf8(value: T) -> T:
    """``value`` when it is text that encodes (or no text: optional fields pass None)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("text must be valid Unicode (a lone surrogate is not)") from None
    return value


Utf8 = AfterValidator(_must_be_utf8)
