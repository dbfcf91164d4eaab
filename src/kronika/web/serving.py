"""``kronika serve --workers N``: the app in several server processes on one port.

One Python process answers one request at a time on one core (the GIL), whatever its thread pool:
on a read-heavy archive with many users, the throughput of the read API is the number of server
processes. uvicorn's own supervisor starts them (it restarts one that dies, and each accepts on the
shared socket); it needs the app as an import string, so the options travel in an environment
variable and :func:`app_from_env` builds the app in each process.

The analysis pool is split between the processes (each gets its share of ``--analysis-workers``
and of the queue, at least one of each when there are any), so the machine runs as many models as
asked for, not that many per process. Answer caches are per process (see :mod:`kronika.web.answers`).
"""

from __future__ import annotations

import json
import math
import os
import socket
from typing import Any

from fastapi import FastAPI

ENV = "KRONIKA_SERVE_OPTIONS"


def share(total: int, processes: int) -> int:
    """Each process's part of ``total`` (rounded up, so a total above 0 never becomes 0)."""
    return math.ceil(total / max(processes, 1)) if total > 0 else 0


def options_for_workers(options: dict[str, Any], processes: int) -> dict[str, Any]:
    """``create_app`` options for one of ``processes`` server processes."""
    return {
        **options,
        "analysis_workers": share(options.get("analysis_workers", 0), processes),
        "analysis_queue": share(options.get("analysis_queue", 0), processes),
    }


def app_from_env() -> FastAPI:
    """The app of one server process (uvicorn calls this in each; the options are in :data:`ENV`)."""
    from kronika.web import create_app

    options = json.loads(os.environ[ENV])
    app = create_app(**options)
    app.state.config.get_pool().start()  # this process's analysis workers load the model now
    return app


def run_workers(options: dict[str, Any], processes: int, host: str, port: int) -> None:
    """Serve with ``processes`` server processes under uvicorn's supervisor (what ``uvicorn.run``
    does with ``workers``, plus one socket option).

    uvicorn binds the shared socket with protocol 0, so asyncio does not switch Nagle's algorithm
    off on the connections it accepts (it checks for ``IPPROTO_TCP``): every small answer then
    waited ~40 ms for the client's delayed ACK (1 ms -> 44 ms per API read). Set on the listening
    socket, ``TCP_NODELAY`` is inherited by every accepted connection (Linux, BSD).
    """
    from uvicorn import Config
    from uvicorn.supervisors import Multiprocess

    os.environ[ENV] = json.dumps(options_for_workers(options, processes))
    config = Config(
        "kronika.web.serving:app_from_env",
        factory=True,
        workers=processes,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
    )
    sock = config.bind_socket()
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()
