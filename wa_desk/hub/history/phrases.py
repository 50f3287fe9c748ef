"""What customers and agents say in a seeded history (Spanish, like the demo's customers)."""

from __future__ import annotations

CUSTOMER_NAMES: tuple[str, ...] = (
    "María García", "José Martínez", "Carmen López", "Antonio Sánchez", "Laura Gómez",
    "Manuel Díaz", "Isabel Moreno", "Francisco Álvarez", "Pilar Romero", "David Navarro",
    "Elena Torres", "Javier Ruiz", "Marta Domínguez", "Pablo Vázquez", "Sofía Ramos",
)  # fmt: skip

OPENINGS: dict[str, tuple[str, ...]] = {
    "ventas": (
        "Hola, ¿tenéis este modelo en talla M?",
        "Buenas, quería saber el precio del envío a Sevilla.",
        "Hola! ¿Hacéis descuento por comprar dos?",
        "¿Cuándo vuelve a estar disponible la chaqueta azul?",
        "Quiero hacer un pedido pero no me deja pagar con tarjeta.",
    ),
    "soporte": (
        "Hola, mi pedido no ha llegado todavía.",
        "Me ha llegado el producto roto, ¿qué hago?",
        "No puedo entrar en mi cuenta, dice contraseña incorrecta.",
        "Quiero devolver un artículo, ¿cómo lo hago?",
        "El seguimiento del envío no se actualiza desde hace días.",
    ),
}
GENERIC_OPENINGS: tuple[str, ...] = (
    "Hola, tengo una consulta.",
    "Buenas tardes, ¿me podéis ayudar?",
    "Hola, necesito información por favor.",
)
DETAILS: tuple[str, ...] = (
    "El número de pedido es el 48213.",
    "Lo compré la semana pasada.",
    "Es urgente, gracias.",
    "Os adjunto los datos en cuanto pueda.",
)
FOLLOW_UPS: tuple[str, ...] = (
    "Vale, ¿y cuánto tardaría?",
    "Perfecto, ¿necesitáis algo más de mí?",
    "De acuerdo. ¿Me avisáis cuando esté?",
    "No me queda claro, ¿me lo explicas otra vez?",
    "Ok, lo pruebo y te digo.",
)
FIRST_REPLIES: tuple[str, ...] = (
    "¡Hola! Gracias por escribirnos. Ahora mismo lo reviso.",
    "Hola, buenas. Déjame comprobarlo y te cuento enseguida.",
    "¡Hola! Claro, te ayudo con eso. Dame un momento.",
)
REPLIES: tuple[str, ...] = (
    "Ya lo he comprobado: sale mañana y llega en 48 horas.",
    "Te he enviado un correo con los pasos, son solo dos minutos.",
    "Sí, queda disponible. Si quieres te lo reservo.",
    "Lo he escalado al almacén; en cuanto respondan te escribo.",
    "Perfecto, ya está solucionado. ¿Puedo ayudarte en algo más?",
)
# What an agent sends once the customer's 24 h window has closed (name, language).
WINDOW_TEMPLATE = ("bienvenida", "es")
TRANSFER_NOTES: tuple[str, ...] = (
    "Lo lleva mejor quien gestiona devoluciones.",
    "Necesita revisar un pago; te lo paso.",
)


def opening_for(queue: str) -> tuple[str, ...]:
    return OPENINGS.get(queue, GENERIC_OPENINGS)
