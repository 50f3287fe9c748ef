"""pywa 4.5, unchanged, works against the simulator: the wire formats match Meta's."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pywa import WhatsApp
from pywa.errors import ReEngagementMessage, TemplateNotExists
from pywa.types.others import Pagination
from pywa.types.templates import BodyText, TemplateLanguage

from wa_desk.sim.graph_api import create_graph_app
from wa_desk.sim.serving import RedirectTransport, serve_asgi
from wa_desk.sim.settings import SimSettings
from wa_desk.sim.state import World

TOKEN = "pywa-token"
NUMBER = "100000000000001"
CUSTOMER = "34677777777"


@pytest.fixture
def sim() -> Iterator[tuple[WhatsApp, World, str]]:
    world = World(seed=11)
    app = create_graph_app(world, SimSettings(access_token=TOKEN, time_scale=0.001))
    with serve_asgi(app) as url:
        session = httpx.Client(transport=RedirectTransport(url), timeout=5)
        wa = WhatsApp(
            phone_id=NUMBER, token=TOKEN, session=session, waba_id=world.waba_id, api_version="23.0"
        )
        try:
            yield wa, world, url
        finally:
            session.close()


def test_send_text_inside_the_window(sim: tuple[WhatsApp, World, str]) -> None:
    wa, world, url = sim
    with pytest.raises(ReEngagementMessage):
        wa.send_message(to=CUSTOMER, text="Hola")
    httpx.post(f"{url}/_sim/customers/{CUSTOMER}/messages", json={"text": "Hola"})
    sent = wa.send_message(to=CUSTOMER, text="¡Hola! ¿En qué podemos ayudarte?")
    assert sent.id.startswith("wamid.")
    assert world.sent[-1].body["text"]["body"] == "¡Hola! ¿En qué podemos ayudarte?"


def test_send_template_with_params(sim: tuple[WhatsApp, World, str]) -> None:
    wa, world, _ = sim
    sent = wa.send_template(
        to=CUSTOMER,
        name="seguimiento_pedido",
        language=TemplateLanguage.SPANISH,
        params=[BodyText.params("Ana", "A-1234")],
    )
    assert sent.id == world.sent[-1].wamid
    assert world.sent[-1].body["_rendered"] == "Hola Ana, tu pedido A-1234 ya está en camino."
    with pytest.raises(TemplateNotExists):
        wa.send_template(to=CUSTOMER, name="no_existe", language=TemplateLanguage.SPANISH)


def test_mark_as_read(sim: tuple[WhatsApp, World, str]) -> None:
    wa, world, url = sim
    wamid = httpx.post(f"{url}/_sim/customers/{CUSTOMER}/messages", json={"text": "Hola"}).json()[
        "wamid"
    ]
    assert wa.mark_message_as_read(message_id=wamid)
    assert world.sent[-1].type == "read"


def test_get_templates_pages_through_everything(sim: tuple[WhatsApp, World, str]) -> None:
    wa, _, _ = sim
    page = wa.get_templates(pagination=Pagination(limit=2))
    names = [t.name for t in page]
    assert page.total_count == 10
    while page.has_next:
        # TemplatesResult.next() is broken in pywa 4.5 (TypeError on item_factory), so
        # page the way it documents as the alternative: the ``after`` cursor.
        page = wa.get_templates(pagination=Pagination(limit=2, after=page.after))
        names += [t.name for t in page]
    assert names == [
        "bienvenida",
        "seguimiento_pedido",
        "recordatorio_cita",
        "encuesta_satisfaccion",
        "welcome",
        "envio_en_camino",
        "factura_disponible",
        "oferta_personal",
        "recogida_en_tienda",
        "codigo_descuento",
    ]
