"""Helpers the views share: the store handle, filters parsed once, JSON-safe results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import Query, Request

from kronika.web.errors import ApiError

MAX_LIMIT = 1000
DEFAULT_EVENTS = 1000  # a bounded answer by default; narrow with since/until or raise limit
MAX_EVENTS = 20_000


def get_store(request: Request) -> Any:
    return request.app.state.config.get_store()


_DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}


def _iso(value: str | None, name: str) -> str | None:
    """A filter date at year, month or day granularity, checked (events carry dates at all three)."""
    if not value:
        return None
    try:
        dt.datetime.strptime(value, _DATE_FORMATS[len(value)])
    except (KeyError, ValueError):
        raise ApiError(
            422, f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", details=[{"field": name}]
        ) from None
    return value


@dataclass
class EventFilters:
    """The filters of the timeline, the events API and the timeline page, spelled once."""

    actor: str | None = None
    with_: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    place: str | None = None
    outlet: str | None = None
    limit: int | None = None

    def store_kwargs(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "with_": self.with_,
            "since": self.since,
            "until": self.until,
            "type": self.type,
            "place": self.place,
            "outlet": self.outlet,
            "limit": self.limit,
        }

    def query(self) -> dict[str, Any]:
        """The filters as URL parameters (``with`` spelled as users type it; the default limit left out)."""
        q = self.store_kwargs()
        q["with"] = q.pop("with_")
        if q["limit"] == DEFAULT_EVENTS:
            q["limit"] = None
        return {k: v for k, v in q.items() if v not in (None, "")}

    def fetch(self, find: Any) -> tuple[list[dict[str, Any]], bool]:
        """Events from ``find`` (``store.timeline`` or ``store.events``) and whether the limit cut them."""
        kwargs = self.store_kwargs()
        kwargs["limit"] = (self.limit or DEFAULT_EVENTS) + 1
        events = find(**kwargs)
        cut = len(events) > kwargs["limit"] - 1
        return events[: kwargs["limit"] - 1], cut


def event_filters(
    actor: str | None = Query(None, description="Actor: name, ISO3 country code or entity key (e.g. KAZ, Tokayev)."),
    with_: str | None = Query(None, alias="with", description="Second actor: events between actor and this one."),
    since: str | None = Query(None, description="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: str | None = Query(None, description="Up to this date."),
    type: str | None = Query(None, description="PLOVER event type, e.g. CONSULT, ASSAULT."),
    place: str | None = Query(None, description="Location name, e.g. Kyiv."),
    outlet: str | None = Query(None, description="Publication that reported it."),
    limit: int = Query(DEFAULT_EVENTS, ge=1, le=MAX_EVENTS, description="At most this many events (oldest first)."),
) -> EventFilters:
    def text(value: str | None) -> str | None:  # empty form fields mean "no filter"
        return (value or "").strip() or None

    return EventFilters(
        actor=text(actor),
        with_=text(with_),
        since=_iso(text(since), "since"),
        until=_iso(text(until), "until"),
        type=(text(type) or "").upper() or None,
        place=text(place),
        outlet=text(outlet),
        limit=limit,
    )


def actor_url(key: str | None) -> str | None:
    return f"/actors/{quote(key, safe='')}" if key else None
