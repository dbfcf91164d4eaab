"""Publication dates written in bylines, citation lines and URLs -> ISO ``YYYY-MM-DD``.

Our own regexes rather than dateparser: these few written forms cover bylines and citations, and a
regex costs microseconds where dateparser costs milliseconds per call (the reader runs on millions).
"""

from __future__ import annotations

import datetime as dt
import re

from kronika.record import ArticleDate

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


# Publication dates outside these years are typos or placeholders ("9999-12-31"), not dates.
FIRST_YEAR = 1800


def _ymd(year: str, month: int, day: str) -> str | None:
    date = ArticleDate.parse(f"{int(year):04d}-{month:02d}-{int(day):02d}")
    return date.value if date else None


def normalize_published(value: str | None) -> tuple[str | None, str | None]:
    """``(ISO date at its precision, None)`` for a publication date given in any form we read
    (``2023-05-18``, ``18 May 2023``, ``May 2023``...), else ``(None, a note saying it was dropped)``.

    The one place the article date is parsed: stages read the typed
    :attr:`~kronika.record.Metadata.published_date` of what this returns.
    """
    if not value or not value.strip():
        return None, None
    date = ArticleDate.parse(value) or ArticleDate.parse(parse_date(value))
    if date is not None and FIRST_YEAR <= date.first.year <= dt.date.today().year + 1:
        return date.value, None
    why = "is not a date" if date is None else "is not a plausible publication date"
    return None, (
        f"publication date {value.strip()[:60]!r} {why} and was dropped: relative times cannot be anchored "
        "(give one with --published YYYY-MM-DD)"
    )


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first full date in ``text`` as ``(iso, start, end)``, or None."""
    best: tuple[str, int, int] | None = None
    for pat in _PATTERNS:
        m = pat.search(text)
        if not m or (best and m.start() >= best[1]):
            continue
        g = m.groupdict()
        month = MONTHS[g["mon"].lower()] if g.get("mon") else int(g["month"])
        iso = _ymd(g["year"], month, g["day"])
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
    return _ymd(m[1], int(m[2]), m[3]) if m else None
