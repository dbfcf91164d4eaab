"""Helpers the views share: the store handle, filters parsed once, JSON-safe results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from fastapi import Query, Request

from kronika.errors import ConfigError
from kronika.store.filters import MAX_PAGE, EventFilter
from kronika.web.errors import ApiError

MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1  # every database takes this; a bigger one is a typo or a probe, not a page
# One page of events by default: what a reader scans and what a request can build quickly while
# others wait; the next page is ``offset=200``, and ``limit`` goes up to MAX_EVENTS.
DEFAULT_EVENTS = 200
MAX_EVENTS = MAX_PAGE


def get_store(request: Request) -> Any:
    return request.app.state.config.get_store()


@dataclass
class EventQuery:
    """The store's :class:`~kronika.store.filters.EventFilter` (the fields, spelled once) plus the
    page a request asks for; ``f.filter`` is what templates and the store read."""

    filter: EventFilter = field(default_factory=EventFilter)
    limit: int = DEFAULT_EVENTS
    offset: int = 0

    def query(self) -> dict[str, Any]:
        """The request as URL parameters (the default page left out)."""
        q: dict[str, Any] = dict(self.filter.params())
        if self.limit != DEFAULT_EVENTS:
            q["limit"] = self.limit
        if self.offset:
            q["offset"] = self.offset
        return q

    def fetch(self, find: Any) -> tuple[list[dict[str, Any]], bool]:
        """One page from ``find`` (``store.timeline`` or ``store.events``) and whether more match."""
        events = find(self.filter, limit=self.limit + 1, offset=self.offset)
        return events[: self.limit], len(events) > self.limit


def event_filters(
    actor: str | None = Query(None, description=EventFilter.HELP["actor"]),
    with_: str | None = Query(None, alias="with", description=EventFilter.HELP["with_"]),
    since: str | None = Query(None, description=EventFilter.HELP["since"]),
    until: str | None = Query(None, description=EventFilter.HELP["until"]),
    type: str | None = Query(None, description=EventFilter.HELP["type"]),
    place: str | None = Query(None, description=EventFilter.HELP["place"]),
    outlet: str | None = Query(None, description=EventFilter.HELP["outlet"]),
    factual: str | None = Query(None, description=EventFilter.HELP["factual"]),
    limit: int = Query(DEFAULT_EVENTS, ge=1, le=MAX_EVENTS, description="At most this many events (oldest first)."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Skip this many events first (the next page)."),
) -> EventQuery:
    try:
        f = EventFilter.of(
            actor=actor,
            with_=with_,
            since=since,
            until=until,
            type=type,
            place=place,
            outlet=outlet,
            factual=factual,
        )
    except ConfigError as exc:  # a malformed date, type or choice: say which field, as FastAPI does for its own
        field_name = exc.message.split(" ", 1)[0].lstrip("-")  # each message starts with its option
        raise ApiError(422, f"{field_name}: {exc.message}", details=[{"field": field_name}]) from None
    return EventQuery(f, limit, offset)


FACTUAL_HELP = (
    "only (default): count the events told as having happened; all: also negated, denied, hypothetical "
    "and expected ones."
)


def factual_param(factual: str | None = Query(None, description=FACTUAL_HELP)) -> str:
    """``?factual=only|all`` for the aggregates (actors, network, balance), checked."""
    from kronika.store.filters import factual_choice

    try:
        choice = factual_choice(factual)
    except ConfigError as exc:
        raise ApiError(422, f"factual: {exc.message}", details=[{"field": "factual"}]) from None
    return choice


def iso_param(value: str | None, name: str) -> str | None:
    """A date parameter outside the event filters (the network's ``since``/``until``), checked."""
    if not value:
        return None
    try:
        EventFilter.of(**{name: value})
    except ConfigError:
        raise ApiError(
            422, f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", details=[{"field": name}]
        ) from None
    return value


def actor_url(key: str | None) -> str | None:
    return f"/actors/{quote(key, safe='')}" if key else None
