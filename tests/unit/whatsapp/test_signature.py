"""X-Hub-Signature-256: computed over the raw bytes, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac

from hypothesis import given
from hypothesis import strategies as st

from wa_desk.whatsapp.signature import HEADER, is_valid, sign

SECRET = "app-secret-for-tests"
BODY = b'{"object":"whatsapp_business_account","entry":[]}'


def test_header_name() -> None:
    assert HEADER == "X-Hub-Signature-256"


def test_sign_matches_meta_format() -> None:
    expected = hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()
    assert sign(BODY, SECRET) == "sha256=" + expected


def test_valid_signature() -> None:
    assert is_valid(BODY, sign(BODY, SECRET), SECRET)


def test_surrounding_whitespace_is_tolerated() -> None:
    assert is_valid(BODY, sign(BODY, SECRET) + " ", SECRET)


def test_invalid_signatures() -> None:
    good = sign(BODY, SECRET)
    assert not is_valid(BODY, None, SECRET)
    assert not is_valid(BODY, "", SECRET)
    assert not is_valid(BODY, good.removeprefix("sha256="), SECRET)
    assert not is_valid(BODY, "sha1=" + good.removeprefix("sha256="), SECRET)
    assert not is_valid(BODY, good.upper(), SECRET)
    assert not is_valid(BODY, sign(BODY, "other-secret"), SECRET)
    assert not is_valid(BODY + b" ", good, SECRET)


def test_reserialized_json_does_not_verify() -> None:
    # The hub must check the raw bytes: the same JSON with other spacing is another body.
    spaced = b'{"object": "whatsapp_business_account", "entry": []}'
    assert not is_valid(spaced, sign(BODY, SECRET), SECRET)


def test_non_ascii_secret() -> None:
    secret = "clave-ñandú"
    assert is_valid(BODY, sign(BODY, secret), secret)
    assert not is_valid(BODY, sign(BODY, secret), "clave-nandu")


@given(st.binary(max_size=256), st.binary(max_size=256))
def test_only_the_signed_body_verifies(body: bytes, other: bytes) -> None:
    header = sign(body, SECRET)
    assert is_valid(body, header, SECRET)
    assert is_valid(other, header, SECRET) == (other == body)
