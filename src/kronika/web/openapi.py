"""What the API promises, and holding requests to it: unknown query parameters are refused, and the
OpenAPI document describes the error shape actually sent and typed answers.

- :func:`reject_unknown_params` (an app-wide dependency): ``/api/timeline?actr=KAZ`` gets a 400
  naming ``actr`` and the parameters the route knows, as the CLI does for an unknown option --
  instead of silently answering the unfiltered timeline.
- :func:`install_openapi`: every operation documents the one error object of
  :mod:`kronika.web.errors` (FastAPI's default 422 schema is not what kronika sends), and the main
  JSON twins their 200 shapes (:data:`ANSWERS`, pydantic models used for the schema only).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field

from kronika.web.errors import ApiError

# -- unknown parameters -----------------------------------------------------------------------------


def _query_names(dependant: Any) -> frozenset[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return frozenset(names)


_KNOWN: dict[int, frozenset[str]] = {}  # id(route) -> its query parameters (routes live as long as the app)


def _known(route: Any) -> frozenset[str]:
    found = _KNOWN.get(id(route))
    if found is None:
        found = _KNOWN[id(route)] = _query_names(route.dependant)
    return found


def reject_unknown_params(request: Request) -> None:
    """400 for a query parameter the matched route does not take (the message names it)."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant") or not request.query_params:
        return
    known = _known(route)
    unknown = [k for k in dict.fromkeys(request.query_params.keys()) if k not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "none"
        raise ApiError(
            400,
            f"unknown query parameter {unknown[0]!r}"
            + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else "")
            + f"; this address takes: {listed}",
            details=[{"field": k} for k in unknown],
        )


# -- the documented shapes ----------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    field: str | None = None
    message: str | None = None
    type: str | None = None


class ErrorAnswer(BaseModel):
    """The one error object every 4xx/5xx answer has (JSON; pages render the same facts)."""

    ok: bool = Field(False, description="always false")
    status: int = Field(..., description="the HTTP status, repeated")
    error: str = Field(..., description="machine-readable: not_found, invalid_request, bad_request, busy ...")
    message: str = Field(..., description="what went wrong, for a person")
    details: list[ErrorDetail] | None = Field(None, description="per field, when one is at fault")


class Participant(BaseModel):
    name: str
    country: str | None = None
    entity: str | None = None
    type: str | None = None
    sector: str | None = None


class Source(BaseModel):
    model_config = ConfigDict(extra="allow")
    article_id: str
    event: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    evidence: str
    date: str | None = None
    modality: str | None = None
    negated: bool = False
    factual: bool = True
    claim_source: str | None = None
    stance: str | None = None


class StoryEvent(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    type: str
    mode: str | None = None
    quad: int | None = None
    quad_class: str | None = None
    date: str | None = None
    granularity: str | None = None
    factual: bool = Field(True, description="some source tells it as having happened")
    actors: list[Participant] = []
    recipients: list[Participant] = []
    location: str | None = None
    evidence: str | None = None
    n_articles: int = 0
    sources: list[Source] = []
    conflicts: dict[str, Any] = {}


class EventsAnswer(BaseModel):
    ok: bool = True
    filters: dict[str, Any] = Field(..., description="the filters applied, as URL parameters")
    count: int
    truncated: bool = Field(..., description="more events match: ask for next_offset")
    next_offset: int | None = None
    events: list[StoryEvent]


class ActorRow(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    country: str | None = None
    entity: str
    type: str | None = None
    sector: str | None = None
    articles: int
    mentions: int
    events: int = Field(..., description="story events it takes part in (factual ones unless factual=all)")


class ActorsAnswer(BaseModel):
    ok: bool = True
    factual: str
    actors: list[ActorRow]


class NetworkAnswer(BaseModel):
    model_config = ConfigDict(extra="allow")
    ok: bool = True
    factual: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class DyadMonth(BaseModel):
    month: str
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    events: int


class DyadAnswer(BaseModel):
    ok: bool = True
    actor: str
    with_: str = Field(..., alias="with")
    factual: str
    months: list[DyadMonth]


class LocatedEvent(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    type: str
    date: str | None = None
    location: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    quad: int | None = None


class MapAnswer(BaseModel):
    ok: bool = True
    count: int
    located: int = Field(..., description="events with coordinates (a known city)")
    by_country: dict[str, int] = Field(..., description="ISO 3166 numeric code -> events located in that country")
    events: list[LocatedEvent]


ANSWERS: dict[str, type[BaseModel]] = {
    "/api/timeline": EventsAnswer,
    "/api/events": EventsAnswer,
    "/api/actors": ActorsAnswer,
    "/api/network": NetworkAnswer,
    "/api/dyad": DyadAnswer,
    "/api/map": MapAnswer,
}


def install_openapi(app: FastAPI) -> None:
    """Replace the app's OpenAPI document with one that tells the truth about answers and errors."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        models: list[type[BaseModel]] = [ErrorAnswer, *ANSWERS.values()]
        for model in models:
            found = model.model_json_schema(ref_template="#/components/schemas/{model}", by_alias=True)
            schemas.update(found.pop("$defs", {}))
            schemas[model.__name__] = found
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        error = {
            "description": "the error object",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorAnswer"}}},
        }
        for path, ops in spec.get("paths", {}).items():
            for op in ops.values():
                responses = op.setdefault("responses", {})
                for code in ("400", "404", "422", "429", "500"):
                    responses[code] = {**error, "description": _WHY[code]}
                if path in ANSWERS and "200" in responses:
                    ref = {"$ref": f"#/components/schemas/{ANSWERS[path].__name__}"}
                    responses["200"]["content"] = {"application/json": {"schema": ref}}
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


_WHY = {
    "400": "a bad request: an unknown query parameter (named in the message), a bad Host",
    "404": "no such article, event or actor",
    "422": "a parameter with a wrong value (details name it)",
    "429": "the analyzer is busy: try again after Retry-After seconds",
    "500": "a bug: the message says so, the log has the rest",
}
