"""wa-desk: WhatsApp shared inbox and supervision for contact centers."""

__version__ = "0.1.0"
