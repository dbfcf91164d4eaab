"""Coordinates of places named in events, for exports and the map (offline, from a table we ship).

``places.tsv`` holds the GeoNames cities of 100,000 people or more and every capital, with their
alternate names (built by ``tools/geo_places.py``; GeoNames data, CC BY 4.0 -- see ``README.md``
here). A name is looked up as written, in the event's country when it is known: "Kyiv" and
"Kiev" find the same city, "Paris" in USA finds nothing rather than France. A country or region
name has no point: the map shades countries instead. Why not a geocoder: geocoding services are
online, and the libraries that ship world data weigh tens of megabytes for what one table answers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

__all__ = ["Place", "locate"]


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO3
    lat: float
    lon: float
    population: int


def _norm(name: str) -> str:
    """Case, accents, a leading "the" and punctuation do not matter when matching a name."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold().strip()
    if s.startswith("the "):
        s = s[4:]
    return " ".join(s.replace("-", " ").replace(".", " ").replace("'", "").split())


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Place]]:
    """Normalized name -> places of that name (or alias), most populous first."""
    index: dict[str, list[Place]] = {}
    text = (files("kronika.geo") / "places.tsv").read_text(encoding="utf-8")
    for line in text.splitlines()[1:]:
        name, country, lat, lon, pop, aliases = line.split("\t")
        place = Place(name, country, float(lat), float(lon), int(pop))
        for n in {_norm(name), *(_norm(a) for a in aliases.split("|") if a)}:
            index.setdefault(n, []).append(place)
    for places in index.values():
        places.sort(key=lambda p: -p.population)
    return index


def locate(name: str | None, country: str | None = None) -> Place | None:
    """The city ``name`` names (in ``country``, an ISO3 code, when given), or None.

    Without a country the most populous city of that name is taken, as a reader would."""
    if not name:
        return None
    found = _index().get(_norm(name))
    if not found:
        return None
    if country:
        return next((p for p in found if p.country == country), None)
    return found[0]
