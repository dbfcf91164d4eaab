"""Timeline: story events on a zoomable time axis with filters; twins ``/api/timeline``, ``/api/events``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from kronika.store.story_view import CONTESTED
from kronika.stories.quad import QUAD_NAMES, quad_of
from kronika.web.templating import query_string, render
from kronika.web.views.common import EventQuery, event_filters, get_store

router = APIRouter(tags=["events"])

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def _with_quad(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event with its PLOVER quad class, which the charts colour by."""
    for ev in events:
        if ev.get("quad") is None:
            ev["quad"] = quad_of(ev.get("type"))
        ev["quad_name"] = QUAD_NAMES.get(ev["quad"]) if ev.get("quad") else None
        # what the sources disagree on (a count, the date, who did it...): the timeline marks it
        ev.setdefault("contested", sorted(k for k in ev.get("conflicts") or {} if k in CONTESTED))
    return events


def _answer(find: Any, f: EventQuery) -> dict[str, Any]:
    events, truncated = f.fetch(find)
    return {
        "ok": True,
        "filters": f.query(),
        "count": len(events),
        "truncated": truncated,
        "next_offset": f.offset + len(events) if truncated else None,
        "events": _with_quad(events),
    }


@router.get("/api/timeline", summary="Story events in date order (merged across articles, with sources)")
def api_timeline(request: Request, f: EventQuery = Depends(event_filters)) -> dict[str, Any]:
    return _answer(get_store(request).timeline, f)


@router.get("/api/events", summary="Story events matching the filters")
def api_events(request: Request, f: EventQuery = Depends(event_filters)) -> dict[str, Any]:
    return _answer(get_store(request).events, f)


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def page_timeline(request: Request, f: EventQuery = Depends(event_filters)) -> Response:
    data = _answer(get_store(request).timeline, f)
    return render(
        request,
        "timeline.html",
        {**data, "f": f.filter, "types": PLOVER_TYPES, "quads": QUAD_NAMES},
        twin="/api/timeline" + query_string(f.query()),
    )
