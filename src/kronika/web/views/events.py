"""One story event: every article that reports it, side by side, and what they disagree on;
twin ``/api/events/{id}``. This is where a fact-checker compares how outlets tell the same event."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from kronika.web.errors import ApiError
from kronika.web.templating import render
from kronika.web.views.common import get_store
from kronika.web.views.timeline import _with_quad

router = APIRouter(tags=["events"])


def story_event(request: Request, event_id: str) -> dict[str, Any]:
    # The store's story: the same dict as in every list, plus sources by outlet and the claims table.
    found = get_store(request).story(event_id)
    if found is None:
        raise ApiError(404, f"no story event with id {event_id!r}")
    return _with_quad([found])[0]


@router.get("/api/events/{event_id}", summary="One story event: every source by outlet and the claims table")
def api_event(request: Request, event_id: str) -> dict[str, Any]:
    return {"ok": True, "event": story_event(request, event_id)}


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def page_event(request: Request, event_id: str) -> Response:
    return render(request, "event.html", {"ev": story_event(request, event_id)}, twin=f"/api/events/{event_id}")
