"""Search: full text over articles and event evidence, plus the event filters; twin ``/api/search``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from kronika.web.templating import query_string, render
from kronika.web.views.common import MAX_LIMIT, EventQuery, event_filters, get_store
from kronika.web.views.timeline import PLOVER_TYPES, _with_quad

router = APIRouter(tags=["search"])


def search(request: Request, q: str, limit: int, f: EventQuery) -> dict[str, Any]:
    store = get_store(request)
    hits = store.search(q, limit=limit) if q.strip() else []
    events, truncated = f.fetch(store.events) if f.filter else ([], False)
    return {
        "ok": True,
        "q": q,
        "filters": f.query(),
        "results": hits,
        "events": _with_quad(events),
        "events_truncated": truncated,
    }


@router.get("/api/search", summary="Full-text search (SQLite FTS5 / PostgreSQL) with optional event filters")
def api_search(
    request: Request,
    q: str = Query("", description="Words or a phrase in quotes."),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    f: EventQuery = Depends(event_filters),
) -> dict[str, Any]:
    return search(request, q, limit, f)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def page_search(
    request: Request,
    q: str = Query(""),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    f: EventQuery = Depends(event_filters),
) -> Response:
    data = search(request, q, limit, f)
    twin = "/api/search" + query_string({"q": q, **f.query()})
    return render(request, "search.html", {**data, "f": f.filter, "types": PLOVER_TYPES}, twin=twin)
