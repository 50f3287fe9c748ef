"""uvicorn's server for ``wa-desk hub serve``, stopping the way a replica behind a load
balancer should.

On SIGTERM (or Ctrl+C) the hub stops listening, so the balancer sends new connections to
the other replicas; its live streams end at once with a ``retry:`` hint
(:meth:`Broker.drain`), so their clients reconnect through the balancer and resume with
``Last-Event-ID`` instead of holding the process open until it is killed; requests under
way finish (a webhook is answered once committed), within :data:`GRACE_SECONDS`; then the
hub's background work stops and the store's writer commits what it was given. The
process is gone within 5 s.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import uvicorn

from wa_desk.hub.context import HubContext

# For requests under way; the rest of the 5 s is the hub's own shutdown.
GRACE_SECONDS = 3


class DrainingServer(uvicorn.Server):
    def __init__(
        self, config: uvicorn.Config, ctx: HubContext, pid_file: Path | None = None
    ) -> None:
        super().__init__(config)
        self._ctx = ctx
        self._pid_file = pid_file  # where ``wa-desk hub policy reload`` finds this process

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        if self._pid_file is not None:
            self._pid_file.write_text(f"{os.getpid()}\n")
        await super().startup(sockets)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._ctx.broker.drain()
        try:
            await super().shutdown(sockets)
        finally:
            # Here, not after run(): uvicorn raises the stopping signal again once it is
            # done, which ends the process before any code after it runs.
            if self._pid_file is not None:
                self._pid_file.unlink(missing_ok=True)
