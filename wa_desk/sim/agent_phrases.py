"""What simulated colleagues write to customers (Spanish, like the demo's customers)."""

from __future__ import annotations

from typing import Final

GREETINGS: Final = (
    "¡Hola, {name}! Gracias por escribirnos. Ahora mismo lo reviso.",
    "Hola, {name}. Déjame comprobarlo y te cuento enseguida.",
    "¡Buenas, {name}! Claro que sí, te ayudo con eso.",
)
ANSWERS: Final = (
    "Ya lo he comprobado: sale mañana y llega en 48 horas.",
    "Te acabo de enviar un correo con los pasos; son dos minutos.",
    "Sí, está disponible. Si quieres, te lo reservo.",
    "Lo he pasado al almacén; en cuanto respondan te escribo.",
    "Perfecto, queda solucionado. ¿Puedo ayudarte en algo más?",
    "Entiendo. Lo dejo anotado para que no tengas que repetirlo.",
)
TRANSFER_NOTES: Final = (
    "Lo lleva mejor un compañero de esta cola.",
    "Necesita revisar un pago; te lo paso.",
)
