"""How this computer names itself to the hub: its host name, as supervisors' alerts about
its action log show it ("Carla on CARLA-PC"). Nothing secret: the name the network
already sees."""

from __future__ import annotations

import socket

from wa_desk.core.alert_kinds import device_name_of


def this_computer() -> str | None:
    """This computer's host name as a device name, or None when it has none usable."""
    try:
        host = socket.gethostname()
    except OSError:
        return None
    return device_name_of(host)
