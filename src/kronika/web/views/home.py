"""Home: the corpus at a glance and the box to paste or upload an article; twin ``/api/overview``."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kronika.web.templating import render

router = APIRouter(tags=["overview"])


def latest_events(store: Any, stats: dict[str, Any], n: int = 10) -> list[dict[str, Any]]:
    """The ``n`` most recent dated story events (one page read newest first off the date index)."""
    if not stats.get("events_to"):
        return []
    return [e for e in store.timeline(limit=n, newest=True) if e.get("date")]


def overview(request: Request) -> dict[str, Any]:
    config = request.app.state.config
    if config.db is None and config.store is None:
        return {"ok": True, "stats": None, "top_actors": [], "latest_events": [], "latest_articles": []}
    return copy.deepcopy(config.cached("overview", lambda: _overview(config.get_store())))


def _overview(store: Any) -> dict[str, Any]:
    stats = store.stats()
    return {
        "ok": True,
        "stats": stats,
        "top_actors": store.actors(top=12),
        "latest_events": latest_events(store, stats),
        "latest_articles": store.articles(limit=8, offset=0),
    }


@router.get("/api/overview", summary="The corpus at a glance: counts, date range, top actors, latest events")
def api_overview(request: Request) -> dict[str, Any]:
    return overview(request)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def page_home(request: Request) -> Response:
    return render(request, "home.html", overview(request), twin="/api/overview")


# A tiny icon drawn here, so browsers stop asking for /favicon.ico and getting a 404.
FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" '
    b'fill="#17202e"/><path d="M9 6v20M9 17l11-11M13 13l9 13" stroke="#fde2a7" stroke-width="4" fill="none"/></svg>'
)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(FAVICON, media_type="image/svg+xml", headers={"cache-control": "max-age=86400"})
