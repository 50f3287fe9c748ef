"""``wa-desk --smoke-test``: proof that an installed app starts, with no hub of its own.

The parts without Qt live here (a loopback stand-in for the hub, the checks' report);
the part that opens the window is ``wa_desk.ui.app.smoke``.
"""
