"""What simulated customers say, by language (es first) and by moment."""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("es", "en", "pt")

NAMES: Final[dict[str, tuple[str, ...]]] = {
    "es": (
        "María García",
        "José Martínez",
        "Lucía Fernández",
        "Antonio López",
        "Carmen Sánchez",
        "Manuel Pérez",
        "Laura Gómez",
        "Javier Ruiz",
        "Ana Díaz",
        "David Moreno",
        "Isabel Muñoz",
        "Francisco Álvarez",
        "Paula Romero",
        "Sergio Navarro",
        "Elena Torres",
        "Pablo Domínguez",
        "Marta Gil",
        "Raúl Vázquez",
    ),
    "en": (
        "Emma Johnson",
        "Oliver Smith",
        "Sophie Brown",
        "Jack Wilson",
        "Chloe Taylor",
        "Harry Davies",
    ),
    "pt": (
        "Ana Souza",
        "João Silva",
        "Beatriz Santos",
        "Pedro Oliveira",
        "Mariana Costa",
        "Lucas Pereira",
    ),
}

COUNTRY_PREFIX: Final[dict[str, str]] = {"es": "34", "en": "44", "pt": "55"}

TOPICS: Final = ("pedido", "cita", "factura", "devolucion", "informacion")

OPENINGS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "es": {
        "pedido": (
            "Hola, ¿dónde está mi pedido {ref}?",
            "Buenas, mi pedido {ref} no ha llegado todavía",
            "Hola! Quería saber cuándo llega el pedido {ref}",
        ),
        "cita": (
            "Hola, quiero cambiar mi cita del jueves",
            "Buenos días, ¿puedo pedir cita para la semana que viene?",
            "Hola, no podré ir a la cita de mañana",
        ),
        "factura": (
            "Hola, me habéis cobrado dos veces la factura {ref}",
            "Necesito una copia de la factura {ref}",
            "Buenas tardes, hay un error en mi factura",
        ),
        "devolucion": (
            "Quiero devolver un producto del pedido {ref}",
            "Hola, ¿cómo hago una devolución?",
            "El artículo llegó roto, quiero devolverlo",
        ),
        "informacion": (
            "Hola, ¿qué horario tenéis?",
            "¿Hacéis envíos a Canarias?",
            "Buenas, ¿tenéis esta camiseta en talla M?",
        ),
    },
    "en": {
        "pedido": ("Hi, where is my order {ref}?", "My order {ref} hasn't arrived yet"),
        "cita": ("Hi, I need to change my appointment", "Can I book an appointment?"),
        "factura": ("I was charged twice for invoice {ref}", "I need a copy of invoice {ref}"),
        "devolucion": ("I want to return an item from order {ref}", "How do I return this?"),
        "informacion": ("Hi, what are your opening hours?", "Do you ship to Ireland?"),
    },
    "pt": {
        "pedido": ("Olá, onde está o meu pedido {ref}?", "Meu pedido {ref} ainda não chegou"),
        "cita": ("Olá, preciso remarcar o meu horário", "Posso marcar um atendimento?"),
        "factura": (
            "Fui cobrado duas vezes na fatura {ref}",
            "Preciso da segunda via da fatura {ref}",
        ),
        "devolucion": ("Quero devolver um produto do pedido {ref}", "Como faço uma troca?"),
        "informacion": ("Olá, qual é o horário de atendimento?", "Vocês entregam em Lisboa?"),
    },
}

FOLLOW_UPS: Final[dict[str, tuple[str, ...]]] = {
    "es": (
        "Vale, ¿y cuánto tardará?",
        "Mi número de cliente es {ref}",
        "Ok, te mando una foto",
        "¿Me lo puedes confirmar por escrito?",
        "Perfecto",
        "No me queda claro",
        "Es urgente, por favor",
        "¿Y si no llega mañana?",
    ),
    "en": (
        "OK, how long will it take?",
        "My customer number is {ref}",
        "Can you confirm?",
        "That's not clear to me",
        "It's urgent, please",
    ),
    "pt": (
        "Ok, e quanto tempo demora?",
        "Meu número de cliente é {ref}",
        "Pode confirmar?",
        "Não entendi",
        "É urgente, por favor",
    ),
}

INSISTING: Final[dict[str, tuple[str, ...]]] = {
    "es": (
        "¿Hola?",
        "¿Hay alguien?",
        "Sigo esperando respuesta",
        "Por favor, necesito ayuda",
        "Llevo un rato esperando...",
    ),
    "en": ("Hello?", "Is anyone there?", "Still waiting for an answer"),
    "pt": ("Olá?", "Tem alguém aí?", "Continuo esperando resposta"),
}

CLOSINGS: Final[dict[str, tuple[str, ...]]] = {
    "es": ("Muchas gracias!", "Genial, gracias", "Perfecto, un saludo", "Gracias por la ayuda 😊"),
    "en": ("Thanks a lot!", "Great, thank you", "Perfect, bye"),
    "pt": ("Muito obrigado!", "Ótimo, obrigada", "Perfeito, até logo"),
}

CAPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "es": ("Así ha llegado", "Aquí está la factura", "Foto del producto", ""),
    "en": ("This is how it arrived", "Here is the invoice", ""),
    "pt": ("Chegou assim", "Segue a fatura", ""),
}

EMOJIS: Final = ("👍", "🙏", "😊", "❤️", "😮", "😡")
