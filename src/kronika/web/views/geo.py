"""Two pictures an analyst asks for: a dyad over time and a map of where events happened.

``/dyad?actor=KAZ&with=RUS`` (twin ``/api/dyad``): the events between two actors per month,
stacked by PLOVER quad class -- cooperation above the axis, conflict below. ``/map`` (twin
``/api/map``, the event filters apply): events placed on an offline basemap (Natural Earth
country outlines, vendored with Leaflet: no tile server, no CDN), each country shaded by the
events located in it, a dot for each event located in a known city (:mod:`kronika.geo`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from kronika.stories.dates import date_range
from kronika.stories.quad import QUAD_NAMES
from kronika.web.templating import query_string, render
from kronika.web.views.common import MAX_EVENTS, EventQuery, event_filters, factual_param, get_store

router = APIRouter(tags=["events"])

MAP_EVENTS = 5000  # events placed on one map (the newest first beyond that)


def dyad(request: Request, actor: str, with_: str, factual: str) -> dict[str, Any]:
    if not actor.strip() or not with_.strip():  # nothing asked yet: an empty chart, not an error
        return {"ok": True, "actor": actor, "with": with_, "factual": factual, "months": []}
    events = get_store(request).timeline(actor=actor, with_=with_, factual=factual, limit=MAX_EVENTS)
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for ev in events:
        rng = date_range(ev.get("date"))
        if rng and ev.get("quad"):
            months[rng[0][:7]][QUAD_NAMES[ev["quad"]]] += 1
    rows = []
    for month in sorted(months):
        c = months[month]
        rows.append({"month": month, **{q: c.get(q, 0) for q in QUAD_NAMES.values()}, "events": sum(c.values())})
    return {"ok": True, "actor": actor, "with": with_, "factual": factual, "months": rows}


@router.get("/api/dyad", summary="Events between two actors per month, by quad class (cooperation vs conflict)")
def api_dyad(
    request: Request,
    actor: str = Query("", description="One side: a name, ISO3 code or entity key (e.g. KAZ)."),
    with_: str = Query("", alias="with", description="The other side (e.g. RUS)."),
    factual: str = Depends(factual_param),
) -> dict[str, Any]:
    return dyad(request, actor, with_, factual)


@router.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
def page_dyad(
    request: Request,
    actor: str = Query(""),
    with_: str = Query("", alias="with"),
    factual: str = Depends(factual_param),
) -> Any:
    data = dyad(request, actor, with_, factual)
    params = {"actor": actor or None, "with": with_ or None, "factual": None if factual == "only" else factual}
    ctx = {**data, "factual": factual, "quads": QUAD_NAMES}
    return render(request, "dyad.html", ctx, twin="/api/dyad" + query_string(params))


def _country_numeric(name: str | None) -> tuple[str | None, str | None]:
    """(ISO3, ISO numeric) of a country name or code, else (None, None)."""
    import pycountry

    if not name:
        return None, None
    try:
        c = pycountry.countries.lookup(name)
    except LookupError:
        return None, None
    return c.alpha_3, c.numeric


def _numeric(iso3: str | None) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return c.numeric if c else None


def located(request: Request, f: EventQuery) -> dict[str, Any]:
    from kronika.geo import locate

    events = get_store(request).timeline(f.filter, limit=MAP_EVENTS, newest=True)
    out = []
    by_country: Counter[str] = Counter()
    for ev in events:
        name = ev.get("location")
        place = locate(name)
        iso3, numeric = (place.country, _numeric(place.country)) if place else _country_numeric(name)
        if numeric:
            by_country[numeric] += 1
        out.append(
            {
                "id": ev["id"],
                "type": ev["type"],
                "date": ev.get("date"),
                "location": name,
                "country": iso3,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "quad": ev.get("quad"),
                "evidence": ev.get("evidence"),
            }
        )
    points = [e for e in out if e["lat"] is not None]
    return {
        "ok": True,
        "count": len(out),
        "located": len(points),
        "by_country": dict(by_country),
        "events": points,
    }


@router.get("/api/map", summary="Located story events (the event filters apply): points and counts per country")
def api_map(request: Request, f: EventQuery = Depends(event_filters)) -> dict[str, Any]:
    return located(request, f)


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def page_map(request: Request, f: EventQuery = Depends(event_filters)) -> Any:
    from kronika.web.views.timeline import PLOVER_TYPES

    data = located(request, f)
    return render(
        request,
        "map.html",
        {**data, "f": f.filter, "types": PLOVER_TYPES, "quads": QUAD_NAMES},
        twin="/api/map" + query_string(f.query()),
    )
