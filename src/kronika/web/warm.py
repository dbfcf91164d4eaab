"""The landing pages' aggregates computed before anyone asks, and again after every write.

The overview, the actor list, the whole-archive network and the pages of the most active actors
are what an analyst opens first, and the slowest answers to compute: the network of a 10k-article
archive reads every participant of every story event (1.7 s). They are cached per data version
(:meth:`kronika.web.config.WebConfig.cached`), but each ingest starts them cold again, and with
``kronika serve --workers N`` each server process has its own cache: the first reader of each
process after a write waited for them, and thirty readers at once queued behind them.

So ``kronika serve`` runs one background thread per server process that fills those entries at
start-up and whenever the store's data version moves on (checked every ``every`` seconds, one
primary-key read), through the same view functions and cache keys the requests use. It is a
daemon thread at low priority in effect (it only runs when the version changed) and never fails
the server: an error is logged and retried at the next change.
"""

from __future__ import annotations

import logging
import threading
from types import SimpleNamespace
from typing import Any, cast

from fastapi import Request

log = logging.getLogger("kronika.web")

ACTOR_PAGES = 8  # the most active actors' pages kept warm


def warm_once(app: Any) -> None:
    """Compute the warm entries now (each view puts its answer in the app's cache)."""
    from kronika.web.views.actors import actor, actors
    from kronika.web.views.home import overview
    from kronika.web.views.network import DEFAULT_TOP, network

    request = cast(Request, SimpleNamespace(app=app))  # the views read only request.app.state.config
    overview(request)
    listed = actors(request, 50, "only")["actors"]
    network(request, None, None, DEFAULT_TOP, "only")
    for row in listed[:ACTOR_PAGES]:
        if row.get("entity"):
            actor(request, row["entity"], None, "month", "only")


class Warmer:
    """The background thread (see the module); ``start()`` when serving, ``stop()`` at shutdown."""

    def __init__(self, app: Any, every: float = 2.0) -> None:
        self.app = app
        self.every = every
        self.warmed: Any = None  # the data version last warmed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kronika-warm", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        config = self.app.state.config
        wait = 0.0
        while not self._stop.wait(wait):
            wait = self.every
            try:
                version = config.data_version()
                if version is None or version == self.warmed:
                    continue
                self.warmed = version  # tried once per version, whatever happens
                warm_once(self.app)
            except Exception as exc:  # never fails the server; tried again at the next change
                log.warning("warming the landing pages failed: %s", exc)
