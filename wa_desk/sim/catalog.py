"""The demo business: its two numbers and its approved templates (Spanish first)."""

from __future__ import annotations

from wa_desk.sim.state import BusinessNumber, Template

DEFAULT_NUMBERS: tuple[BusinessNumber, ...] = (
    BusinessNumber("100000000000001", "+34 600 000 001", "wa-desk Atención al cliente"),
    BusinessNumber("100000000000002", "+34 600 000 002", "wa-desk Ventas"),
)

DEFAULT_TEMPLATES: tuple[Template, ...] = (
    Template(
        id="300000000000001",
        name="bienvenida",
        language="es",
        category="UTILITY",
        header="¡Hola!",
        body="Gracias por escribirnos. Un agente te atenderá en breve.",
        footer="wa-desk",
    ),
    Template(
        id="300000000000002",
        name="seguimiento_pedido",
        language="es",
        category="UTILITY",
        body="Hola {{1}}, tu pedido {{2}} ya está en camino.",
        quick_replies=("Gracias", "Tengo un problema"),
    ),
    Template(
        id="300000000000003",
        name="recordatorio_cita",
        language="es",
        category="UTILITY",
        body="Te recordamos tu cita el {{1}} a las {{2}}. ¿La confirmas?",
        quick_replies=("Confirmo", "Cambiar cita"),
    ),
    Template(
        id="300000000000004",
        name="encuesta_satisfaccion",
        language="es",
        category="MARKETING",
        body="¿Cómo valorarías la atención recibida? Responde del 1 al 5.",
    ),
    Template(
        id="300000000000005",
        name="welcome",
        language="en_US",
        category="UTILITY",
        body="Thanks for contacting us. An agent will be with you shortly.",
    ),
    # Values in every part: the header, the body and a URL button's suffix.
    Template(
        id="300000000000006",
        name="envio_en_camino",
        language="es",
        category="UTILITY",
        header="Pedido {{1}}",
        body="Hola {{1}}, tu pedido sale hoy y llegará el {{2}}.",
        footer="wa-desk",
        quick_replies=("Gracias",),
        url_buttons=(("Seguir el envío", "https://envios.ejemplo.es/seguimiento/{{1}}"),),
    ),
    # A document header: the send carries a link to the file.
    Template(
        id="300000000000007",
        name="factura_disponible",
        language="es",
        category="UTILITY",
        header_format="DOCUMENT",
        body="Hola {{1}}, te enviamos la factura {{2}}.",
    ),
    # Named parameters and an image header.
    Template(
        id="300000000000008",
        name="oferta_personal",
        language="es",
        category="MARKETING",
        header_format="IMAGE",
        body="¡Hola {{nombre}}! Tienes un {{descuento}} de descuento hasta el domingo.",
        footer="Responde BAJA para no recibir ofertas",
        url_buttons=(("Ver ofertas", "https://tienda.ejemplo.es/ofertas"),),
    ),
    # A location header (the place is chosen per send) and a copy-code button.
    Template(
        id="300000000000009",
        name="recogida_en_tienda",
        language="es",
        category="UTILITY",
        header_format="LOCATION",
        body="Hola {{1}}, tu pedido {{2}} te espera en esta tienda.",
        footer="wa-desk",
    ),
    Template(
        id="300000000000010",
        name="codigo_descuento",
        language="es",
        category="MARKETING",
        body="{{1}}, aquí tienes tu código de descuento para la próxima compra.",
        quick_replies=("No me interesa",),
        copy_code_example="VERANO25",
    ),
)
