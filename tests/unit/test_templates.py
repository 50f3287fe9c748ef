"""Templates as Meta syncs them: placeholders, what each value is called, what the
customer reads, the Cloud API components of a send, and what the hub refuses."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wa_desk.core.templates import (
    FieldKind,
    HeaderFormat,
    Part,
    TemplateParams,
    bad_coordinates,
    bad_links,
    check_params,
    cloud_components,
    context_label,
    fields,
    fill,
    is_https_url,
    matches,
    missing,
    ordered_keys,
    params_from_values,
    placeholders,
    rank,
    render,
    spec_from,
    url_label,
)

SHIPPING: dict[str, Any] = {
    "name": "envio_en_camino",
    "language": "es",
    "status": "APPROVED",
    "category": "UTILITY",
    "parameter_format": "POSITIONAL",
    "components": [
        {"type": "HEADER", "format": "TEXT", "text": "Pedido {{1}}"},
        {"type": "BODY", "text": "Hola {{1}}, tu pedido sale hoy y llegará el {{2}}."},
        {"type": "FOOTER", "text": "wa-desk"},
        {
            "type": "BUTTONS",
            "buttons": [
                {"type": "QUICK_REPLY", "text": "Gracias"},
                {
                    "type": "URL",
                    "text": "Seguir el envío",
                    "url": "https://envios.ejemplo.es/seguimiento/{{1}}",
                },
                {"type": "PHONE_NUMBER", "text": "Llamar", "phone_number": "+34600000001"},
            ],
        },
    ],
}

OFFER: dict[str, Any] = {
    "name": "oferta_personal",
    "language": "es",
    "status": "APPROVED",
    "category": "MARKETING",
    "parameter_format": "NAMED",
    "components": [
        {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["https://x"]}},
        {"type": "BODY", "text": "¡Hola {{nombre}}! Tienes un {{descuento}} de descuento."},
        {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "VERANO"}]},
    ],
}


def test_placeholders_are_listed_once_in_the_order_a_send_gives_them() -> None:
    assert placeholders("{{2}} y {{1}} y {{ 2 }}") == ("2", "1")
    assert ordered_keys("{{2}} y {{1}} y {{10}}") == ("1", "2", "10")
    assert ordered_keys("{{nombre}} {{descuento}} {{nombre}}") == ("nombre", "descuento")
    assert placeholders("sin valores {1} {{}}") == ()


def test_a_value_is_named_by_the_words_around_it() -> None:
    text = "Hola {{1}}, tu pedido {{2}} ha salido del almacén. ¿Algo más?"
    assert context_label(text, "1") == "Hola ___, tu pedido…"
    assert context_label(text, "2") == "…tu pedido ___ ha salido del…"
    assert context_label("Te recordamos tu cita el {{1}} a las {{2}}.", "2") == "…a las ___."
    assert context_label("{{1}}", "1") == "___"
    assert context_label("Línea\n\n{{1}}\tfin", "1") == "Línea ___ fin"
    assert url_label("https://envios.ejemplo.es/seguimiento/{{1}}", "1") == "…/seguimiento/___"
    assert url_label("https://e.es/{{1}}", "1") == "https://e.es/___"


def test_fields_follow_the_template_header_body_then_buttons_at_their_index() -> None:
    spec = spec_from(SHIPPING)
    assert spec.header_format is HeaderFormat.TEXT and not spec.named
    got = [(f.id, f.part, f.context) for f in fields(spec)]
    assert got == [
        ("header:1", Part.HEADER, "Pedido ___"),
        ("body:1", Part.BODY, "Hola ___, tu pedido sale…"),
        ("body:2", Part.BODY, "…y llegará el ___."),
        ("button1:1", Part.BUTTON, "…/seguimiento/___"),
    ]
    button = fields(spec)[-1]
    assert button.button_index == 1 and button.button_text == "Seguir el envío"


def test_named_fields_and_media_headers() -> None:
    spec = spec_from(OFFER)
    assert spec.named
    got = [(f.id, f.kind, f.named) for f in fields(spec)]
    assert got == [
        ("header:image", FieldKind.MEDIA_LINK, False),
        ("body:nombre", FieldKind.TEXT, True),
        ("body:descuento", FieldKind.TEXT, True),
        ("button0:code", FieldKind.COUPON_CODE, False),
    ]


def test_the_cloud_api_components_of_a_positional_send() -> None:
    spec = spec_from(SHIPPING)
    values = {"header:1": " A-1042 ", "body:1": "Lucía", "body:2": "martes", "button1:1": "A1042"}
    params = params_from_values(spec, values)
    assert params == TemplateParams(("A-1042",), None, ("Lucía", "martes"), ((1, "A1042"),))
    assert check_params(spec, params) is None
    assert cloud_components(spec, params) == [
        {"type": "header", "parameters": [{"type": "text", "text": "A-1042"}]},
        {
            "type": "body",
            "parameters": [{"type": "text", "text": "Lucía"}, {"type": "text", "text": "martes"}],
        },
        {
            "type": "button",
            "sub_type": "url",
            "index": "1",
            "parameters": [{"type": "text", "text": "A1042"}],
        },
    ]
    assert TemplateParams.from_json(params.to_json()) == params


def test_the_cloud_api_components_of_a_named_send_with_an_image_header() -> None:
    spec = spec_from(OFFER)
    values = {
        "header:image": "https://cdn.ejemplo.es/oferta.jpg",
        "body:nombre": "Lucía",
        "body:descuento": "20 %",
        "button0:code": "VERANO20",
    }
    params = params_from_values(spec, values)
    assert check_params(spec, params) is None
    assert cloud_components(spec, params) == [
        {
            "type": "header",
            "parameters": [
                {"type": "image", "image": {"link": "https://cdn.ejemplo.es/oferta.jpg"}}
            ],
        },
        {
            "type": "body",
            "parameters": [
                {"type": "text", "parameter_name": "nombre", "text": "Lucía"},
                {"type": "text", "parameter_name": "descuento", "text": "20 %"},
            ],
        },
        {
            "type": "button",
            "sub_type": "copy_code",
            "index": "0",
            "parameters": [{"type": "coupon_code", "coupon_code": "VERANO20"}],
        },
    ]


@pytest.mark.parametrize(
    ("params", "says"),
    [
        (TemplateParams((), None, ("a", "b"), ((1, "x"),)), "header needs 1"),
        (TemplateParams(("a", "b"), None, ("a", "b"), ((1, "x"),)), "header needs 1"),
        (TemplateParams(("a",), None, ("a",), ((1, "x"),)), "body needs 2"),
        (TemplateParams(("a",), None, ("a", "b"), ()), "buttons need values at [1]"),
        (TemplateParams(("a",), None, ("a", "b"), ((0, "x"),)), "buttons need"),
        (TemplateParams(("a",), None, ("a", "b"), ((1, "x"), (1, "y"))), "buttons need"),
        (TemplateParams(("a",), "https://e.es/a.png", ("a", "b"), ((1, "x"),)), "no media"),
        (TemplateParams(("a",), None, ("a", " "), ((1, "x"),)), "empty"),
    ],
)
def test_params_that_do_not_fit_are_refused_with_a_reason(
    params: TemplateParams, says: str
) -> None:
    problem = check_params(spec_from(SHIPPING), params)
    assert problem is not None and says in problem


def test_a_media_header_needs_an_https_link() -> None:
    spec = spec_from(OFFER)
    base = {"body:nombre": "a", "body:descuento": "b", "button0:code": "c"}
    for link, ok in [
        ("https://cdn.ejemplo.es/a.jpg", True),
        ("http://cdn.ejemplo.es/a.jpg", False),
        ("https://", False),
        ("https://localhost/a.jpg", False),
        ("ftp://x.es/a", False),
        ("https://cdn.ejemplo.es/a b.jpg", False),
    ]:
        assert is_https_url(link) is ok, link
        values = {**base, "header:image": link}
        assert bool(bad_links(spec, values)) is not ok
        assert (check_params(spec, params_from_values(spec, values)) is None) is ok
    assert [f.id for f in missing(spec, base)] == ["header:image"]


def test_the_preview_is_the_template_filled_in_where_values_are() -> None:
    spec = spec_from(SHIPPING)
    half = params_from_values(spec, {"body:1": "Lucía"})
    shown = render(spec, half)
    assert shown.header == "Pedido {{1}}"
    assert shown.body == "Hola Lucía, tu pedido sale hoy y llegará el {{2}}."
    assert shown.footer == "wa-desk"
    assert shown.buttons == ("Gracias", "Seguir el envío", "Llamar")
    assert fill("{{1}}<b>{{2}}</b>", {"1": "<i>x</i>"}) == "<i>x</i><b>{{2}}</b>"


def test_typing_filters_by_text_name_language_or_category_ignoring_accents() -> None:
    spec = spec_from(SHIPPING)
    for query in ("", "llegara", "PEDIDO envío", "envio_en", "utility", "seguir"):
        assert matches(spec, query), query
    assert not matches(spec, "factura")


def test_a_hub_listing_without_components_still_reads_its_body() -> None:
    spec = spec_from({"name": "t", "language": "es", "body": "Hola {{1}}", "components": []})
    assert [f.id for f in fields(spec)] == ["body:1"]


@given(st.lists(st.text(min_size=1, max_size=20).filter(str.strip), min_size=2, max_size=2))
def test_filled_values_come_back_exactly_as_typed(values: list[str]) -> None:
    spec = spec_from(SHIPPING)
    params = params_from_values(
        spec, {"header:1": "x", "body:1": values[0], "body:2": values[1], "button1:1": "y"}
    )
    body = cloud_components(spec, params)[1]["parameters"]
    assert [p["text"] for p in body] == [v.strip() for v in values]


PICKUP: dict[str, Any] = {
    "name": "recogida_en_tienda",
    "language": "es",
    "status": "APPROVED",
    "category": "UTILITY",
    "components": [
        {"type": "HEADER", "format": "LOCATION"},
        {"type": "BODY", "text": "Hola {{1}}, tu pedido te espera en esta tienda."},
        {
            "type": "BUTTONS",
            "buttons": [
                {"type": "QUICK_REPLY", "text": "Gracias"},
                {"type": "COPY_CODE", "text": "Copy offer code", "example": "VERANO25"},
            ],
        },
    ],
}
PLACE_VALUES = {
    "header:latitude": "40,4168",  # a decimal comma, as a Spanish keyboard types it
    "header:longitude": "-3.7038",
    "header:name": "Tienda Sol",
    "header:address": "Puerta del Sol 1, Madrid",
    "body:1": "Lucía",
    "button1:code": "VERANO25",
}


def test_a_location_header_is_four_values_and_goes_as_metas_location_parameter() -> None:
    spec = spec_from(PICKUP)
    assert [(f.id, f.kind) for f in fields(spec)] == [
        ("header:latitude", FieldKind.LATITUDE),
        ("header:longitude", FieldKind.LONGITUDE),
        ("header:name", FieldKind.PLACE_NAME),
        ("header:address", FieldKind.ADDRESS),
        ("body:1", FieldKind.TEXT),
        ("button1:code", FieldKind.COUPON_CODE),
    ]
    params = params_from_values(spec, PLACE_VALUES)
    assert check_params(spec, params) is None
    assert TemplateParams.from_json(params.to_json()) == params
    assert cloud_components(spec, params) == [
        {
            "type": "header",
            "parameters": [
                {
                    "type": "location",
                    "location": {
                        "latitude": 40.4168,
                        "longitude": -3.7038,
                        "name": "Tienda Sol",
                        "address": "Puerta del Sol 1, Madrid",
                    },
                }
            ],
        },
        {"type": "body", "parameters": [{"type": "text", "text": "Lucía"}]},
        {
            "type": "button",
            "sub_type": "copy_code",
            "index": "1",
            "parameters": [{"type": "coupon_code", "coupon_code": "VERANO25"}],
        },
    ]
    assert render(spec, params).header_location == params.header_location


@pytest.mark.parametrize(
    ("field_id", "value"),
    [
        ("header:latitude", "90.5"),
        ("header:latitude", "norte"),
        ("header:longitude", "-180.01"),
        ("header:longitude", "1e3"),
        ("header:longitude", "nan"),
    ],
)
def test_coordinates_out_of_range_or_not_numbers_are_named(field_id: str, value: str) -> None:
    spec = spec_from(PICKUP)
    values = PLACE_VALUES | {field_id: value}
    assert [f.id for f in bad_coordinates(spec, values)] == [field_id]
    assert check_params(spec, params_from_values(spec, values)) is not None


def test_the_hub_refuses_a_place_that_does_not_fit() -> None:
    spec = spec_from(PICKUP)
    good = params_from_values(spec, PLACE_VALUES)
    assert good.header_location is not None
    for wrong in (
        replace(good, header_location=None),
        replace(good, header_location=replace(good.header_location, latitude=-91.0)),
        replace(good, header_location=replace(good.header_location, longitude=181.0)),
        replace(good, header_location=replace(good.header_location, name=" ")),
        replace(good, header_location=replace(good.header_location, address="")),
        replace(good, buttons=((1, "X" * 16),)),  # a copy code is at most 15 characters
    ):
        assert check_params(spec, wrong) is not None, wrong
    assert check_params(spec_from(SHIPPING), replace(good, body=("a", "b"), header=("c",)))


def test_templates_are_ranked_as_the_canned_replies_are() -> None:
    """``core/fuzzy.py``: a word that starts the name (3, field 0) beats one that starts a
    word of the body (3, field 1), which beats one inside a word (2)."""
    by_name = spec_from({"name": "pago_pendiente", "language": "es", "body": "Hola"})
    by_body = spec_from({"name": "aviso", "language": "es", "body": "Tu pago llega hoy"})
    inside = spec_from({"name": "repagos", "language": "es", "body": "Hola"})
    unrelated = spec_from({"name": "saludo", "language": "es", "body": "Buenos días"})
    assert rank([inside, unrelated, by_body, by_name], "PAGO") == [by_name, by_body, inside]
    assert rank([unrelated, by_name], "") == [unrelated, by_name]
