"""wa-desk: WhatsApp shared inbox and supervision for contact centers."""

__version__ = "0.1.0"
# Reverse-DNS identity: the desktop entry, the AppStream id, the macOS bundle and its
# managed preferences, and the window class Wayland compositors match them by.
APP_ID = "com.wadesk.desktop"
