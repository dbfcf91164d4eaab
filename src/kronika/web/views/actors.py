"""Actors: the most active actors, and one actor's page (offices, mentions over time, events by type,
balance toward chosen counterparts); twins ``/api/actors`` and ``/api/actors/{key}``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from kronika.web.errors import ApiError
from kronika.web.templating import query_string, render
from kronika.web.views.common import MAX_LIMIT, actor_url, factual_param, get_store

router = APIRouter(tags=["actors"])

BY = ("month", "quarter", "year")
EVENTS_SHOWN = 200


def actors(request: Request, top: int, factual: str = "only") -> dict[str, Any]:
    # Counting each listed actor's events that happened grows with the archive (123 ms for the top
    # 50 at 10k articles against 18 ms at 1k, benchmarks/scaling.py): reuse the list until the data
    # changes, like the actor page and the network (shared between requests: read-only).
    return request.app.state.config.cached(("actors", top, factual), lambda: _actors(request, top, factual))


def _actors(request: Request, top: int, factual: str) -> dict[str, Any]:
    rows = get_store(request).actors(top=top, factual=factual)
    for r in rows:
        r["url"] = actor_url(r.get("entity"))
    return {"ok": True, "factual": factual, "actors": rows}


def actor(request: Request, key: str, between: str | None, by: str, factual: str = "only") -> dict[str, Any]:
    if by not in BY:
        raise ApiError(422, f"by: choose one of {', '.join(BY)}", details=[{"field": "by"}])
    config = request.app.state.config
    # Profile, balance and events together are the heaviest read: reuse them until the data changes
    # (shared between requests, so read-only: the API serializes it and the page only renders it).
    return config.cached(
        ("actor", key, between, by, factual), lambda: _actor(get_store(request), key, between, by, factual)
    )


def _actor(store: Any, key: str, between: str | None, by: str, factual: str = "only") -> dict[str, Any]:
    info = store.actor(key, factual=factual)
    if not info:
        raise ApiError(404, f"no actor {key!r}; see /api/actors for the keys")
    sides = [s.strip() for s in (between or "").split(",") if s.strip()]
    if not sides:
        sides = [c["entity"] for c in info.get("counterparts", [])[:3] if c.get("entity")]
    balance = store.balance(info["entity"], between=sides, by=by, factual=factual) if sides else []
    events = store.timeline(actor=info["entity"], factual=factual, limit=EVENTS_SHOWN)
    names = {c["entity"]: c["name"] for c in info.get("counterparts", [])}
    return {
        "ok": True,
        "actor": info,
        "between": sides,
        "between_names": [names.get(s, s) for s in sides],
        "by": by,
        "factual": factual,
        "balance": balance,
        "events": events,
    }


@router.get("/api/actors", summary="The most active actors")
def api_actors(
    request: Request, top: int = Query(50, ge=1, le=MAX_LIMIT), factual: str = Depends(factual_param)
) -> dict[str, Any]:
    return actors(request, top, factual)


@router.get("/api/actors/{key:path}", summary="One actor: offices, mentions over time, events by type, balance")
def api_actor(
    request: Request,
    key: str,
    between: str | None = Query(None, description="Counterparts, comma-separated (e.g. RUS,EU)."),
    by: str = Query("month", description="month, quarter or year"),
    factual: str = Depends(factual_param),
) -> dict[str, Any]:
    return actor(request, key, between, by, factual)


def _factual_q(factual: str) -> str | None:
    return None if factual == "only" else factual


@router.get("/actors", response_class=HTMLResponse, include_in_schema=False)
def page_actors(
    request: Request, top: int = Query(50, ge=1, le=MAX_LIMIT), factual: str = Depends(factual_param)
) -> Response:
    twin = "/api/actors" + query_string({"top": top, "factual": _factual_q(factual)})
    return render(request, "actors.html", actors(request, top, factual), twin=twin)


@router.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
def page_actor(
    request: Request,
    key: str,
    between: str | None = Query(None),
    by: str = Query("month"),
    factual: str = Depends(factual_param),
) -> Response:
    data = actor(request, key, between, by, factual)
    params = {"between": between, "by": by, "factual": _factual_q(factual)}
    twin = (actor_url(key) or "").replace("/actors/", "/api/actors/", 1) + query_string(params)
    return render(request, "actor.html", data, twin=twin)
