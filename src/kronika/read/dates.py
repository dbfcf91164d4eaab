"""Publication dates written in bylines, citation lines and URLs -> ISO ``YYYY-MM-DD``.

Our own regexes rather than dateparser: these few written forms cover bylines and citations, and a
regex costs microseconds where dateparser costs milliseconds per call (the reader runs on millions).
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"),
]
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")
_MONTH_YEAR = re.compile(rf"^\s*{_MONTH},?\s+{_YEAR}\s*$", re.I)


def _iso(year: str, month: int, day: str) -> str | None:
    try:
        return dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first full date in ``text`` as ``(iso, start, end)``, or None."""
    best: tuple[str, int, int] | None = None
    for pat in _PATTERNS:
        m = pat.search(text)
        if not m or (best and m.start() >= best[1]):
            continue
        g = m.groupdict()
        month = MONTHS[g["mon"].lower()] if g.get("mon") else int(g["month"])
        iso = _iso(g["year"], month, g["day"])
        if iso:
            best = (iso, m.start(), m.end())
    return best


def parse_date(text: str | None) -> str | None:
    """An ISO date from a short date string (``18 May 2023``, ``2023-05-18T10:00``...), or None."""
    if not text:
        return None
    found = find_date(text)
    if found:
        return found[0]
    m = _MONTH_YEAR.match(text)
    if m:
        return f"{m['year']}-{MONTHS[m['mon'].lower()]:02d}"
    return None


def date_from_url(url: str | None) -> str | None:
    """The date many sites put in article paths (``/2023/05/18/slug``)."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    return _iso(m[1], int(m[2]), m[3]) if m else None
