"""The FastAPI app factory: one app serving the pages and their JSON twins.

Views live in :mod:`kronika.web.views`, one module per page and its API (datasette's lesson: no
3,000-line ``app.py``). This module only assembles them with the middleware and error handlers.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from kronika.settings import Settings
from kronika.version import __version__
from kronika.web.answers import AnswerCacheMiddleware
from kronika.web.config import DEFAULT_MAX_ANALYZE_CHARS, DEFAULT_MAX_REQUEST_BYTES, WebConfig
from kronika.web.defaults import DEFAULT_ANSWER_CACHE_MB, DEFAULT_QUEUE
from kronika.web.errors import CatchAllMiddleware, install_error_handlers
from kronika.web.openapi import install_openapi, reject_unknown_params
from kronika.web.security import BodyLimitMiddleware, HostCheckMiddleware, SecurityHeadersMiddleware, allowed_hosts
from kronika.web.templating import STATIC_DIR

# One module per page (and its JSON twin); each has ``router``.
VIEW_MODULES = (
    "kronika.web.views.home",
    "kronika.web.views.analyze",
    "kronika.web.views.articles",
    "kronika.web.views.timeline",
    "kronika.web.views.events",
    "kronika.web.views.network",
    "kronika.web.views.actors",
    "kronika.web.views.search",
    "kronika.web.views.geo",
    "kronika.web.views.docs",
)


def create_app(
    db: str | None = None,
    *,
    read_only: bool = False,
    token: str | None = None,
    settings: Settings | None = None,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    store: Any = None,
    hosts: Sequence[str] = (),
    analysis_workers: int = 0,
    analysis_queue: int = DEFAULT_QUEUE,
    max_analyze_chars: int = DEFAULT_MAX_ANALYZE_CHARS,
    answer_cache_mb: float = DEFAULT_ANSWER_CACHE_MB,
    warm: bool = False,
) -> FastAPI:
    """Build the kronika web app over the store at ``db`` (a path or SQLAlchemy URL).

    ``read_only`` refuses every write; ``token`` makes writes require ``Authorization: Bearer``.
    ``store`` passes an already open :class:`kronika.store.Store` instead of ``db``.
    Without ``db`` or ``store`` the app still analyzes pasted articles but has no corpus pages.
    Requests must name this server in their ``Host`` header: a localhost name, or one of ``hosts``
    (the bound address and ``--allowed-host`` values; ``"*"`` turns the check off).
    Analyses run in ``analysis_workers`` processes (0: one thread) with ``analysis_queue`` places.
    Read API answers are reused while the store is unchanged, in up to ``answer_cache_mb`` MiB
    (0: never; see :mod:`kronika.web.answers`). ``warm``: compute the landing pages' aggregates
    while serving, at start-up and after each write (:mod:`kronika.web.warm`; ``kronika serve``).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warmer = None
        if warm and (db is not None or store is not None):
            from kronika.web.warm import Warmer

            warmer = Warmer(app)
            warmer.start()
        yield
        if warmer is not None:
            warmer.stop()
        if app.state.config.pool is not None:
            app.state.config.pool.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        title="kronika",
        version=__version__,
        description="Sourced chronicle of events from news and commentary: articles, actors, times, "
        "PLOVER events, timelines and networks. Every page has a JSON twin under /api/.",
        docs_url=None,  # served by kronika.web.views.docs from bundled assets (no CDN)
        redoc_url=None,
        dependencies=[Depends(reject_unknown_params)],  # ?actr=KAZ is a 400 naming actr, not all events
    )
    install_openapi(app)
    app.state.config = WebConfig(
        db=db,
        read_only=read_only,
        token=token or None,
        settings=settings or Settings(),
        max_request_bytes=max_request_bytes,
        store=store,
        analysis_workers=analysis_workers,
        analysis_queue=analysis_queue,
        max_analyze_chars=max_analyze_chars,
    )
    install_error_handlers(app)
    # Added last = runs first: the catch-all wraps everything, then headers, Host check, body limit,
    # and the answer cache last, so a kept answer still passes the Host check and gets the headers.
    app.add_middleware(
        AnswerCacheMiddleware, version=app.state.config.data_version, max_bytes=int(answer_cache_mb * 1024 * 1024)
    )
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_request_bytes)
    app.add_middleware(HostCheckMiddleware, allowed_hosts=allowed_hosts(hosts))
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(CatchAllMiddleware)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for name in VIEW_MODULES:
        app.include_router(importlib.import_module(name).router)
    return app
