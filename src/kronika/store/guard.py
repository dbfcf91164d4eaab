"""What may enter the store, checked at one place: every record passes :func:`storable` before a write.

Records reach the store from the reader, from ``kronika load`` (files written by any version, or
edited by hand) and from the web API, so the store cannot trust the reader's checks alone. A
publication or event date the store cannot hold -- not a date ("not a date"), no such day
("2023-02-30"), or so near the end of the calendar that the merge rule's few days of slack overflow
("9999-12-31") -- is set to null with a note in the record, and the document is stored; it never
fails the document, and it never reaches ``stats`` as ``published_to: "not a date"``.
"""

from __future__ import annotations

import re

from kronika.record import Article
from kronika.stories.dates import date_range

# Calendar dates at year, month or day granularity, optionally with a time (what `published` holds).
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T[0-9:.+\-Z]*)?$")
# TIMEX3 values: dates and times (digits, or X for unknown), durations (P...), and the *_REF words.
_TIMEX = re.compile(r"^(?:[0-9X]{2}|P|PRESENT_REF$|PAST_REF$|FUTURE_REF$)")
# Values that name a span of the calendar (a day, month, year, week, quarter, half or season).
_HAS_RANGE = re.compile(r"^\d{4}(?:$|T|-(?:\d{2}|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|AU|WI))")
MAX_LENGTH = 32  # the date columns' width
# The merge rule compares dates with a few days of slack either side; years 0001 and 9999 have no room.
MIN_DAY, MAX_DAY = "0002-01-01", "9998-12-31"


def date_ok(value: str, calendar_only: bool = False) -> bool:
    """A date value the store can hold and compute with.

    ``calendar_only`` (publication dates): YYYY, YYYY-MM or YYYY-MM-DD (optionally with a time).
    Otherwise (event dates) a TIMEX3 value; those with a calendar range (weeks, quarters...) must
    fall inside the calendar, and those without one ("PRESENT_REF", "P3D") are kept as they are.
    """
    if len(value) > MAX_LENGTH or not (_CALENDAR if calendar_only else _TIMEX).match(value):
        return False
    rng = date_range(value)
    if rng is None:  # fine for "PRESENT_REF" or "XXXX-05-03"; broken for "2023-02-30" or "9999-W52"
        return not calendar_only and not _HAS_RANGE.match(value)
    return rng[0] >= MIN_DAY and rng[1] <= MAX_DAY


def storable(article: Article) -> Article:
    """``article`` with every date the store cannot hold set to null, each with a note (in place)."""
    md = article.metadata
    if md.published is not None and not (isinstance(md.published, str) and date_ok(md.published, True)):
        article.notes.append(f"publication date {md.published!r} is not a valid date; not stored")
        md.published = None
    for ev in article.events:
        value = ev.date.value if ev.date is not None else None
        if value is not None and not (isinstance(value, str) and date_ok(value)):
            article.notes.append(f"event {ev.id}: date {value!r} is not a valid date; not stored")
            ev.date.value = ev.date.iso = ev.date.precision = None
    return article
