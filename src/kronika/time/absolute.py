"""Absolute dates in any common format, through dateparser (cached), and the fallback for odd phrasings.

dateparser parses explicit dates well ("Sept. 11, 2001", "12/25/22", "2 March 2020"); kronika uses
it for those and for phrases spaCy calls a date that no rule of ours knows. It is slow and
over-eager on words without a date in them, so it only sees phrases with a digit and a year.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from kronika.time.patterns import MONTH
from kronika.time.resolution import Anchors, Resolution, absolute

_HAS_DATE_WORD = re.compile(r"\d|" + MONTH)


def dateparser_fallback(phrase: str, a: Anchors) -> Resolution | None:
    """A phrase no rule knows, if it holds a year: dateparser reads it as an absolute date."""
    if not _HAS_DATE_WORD.search(phrase) or len(phrase) > 40:
        return None  # pre-filter: dateparser is slow and over-eager on words without a date in them
    if not re.search(r"\d{4}", phrase) or re.search(r"\b(?:and|or|to)$|[-–]$", phrase):
        return None  # only absolute dates (relative ones are ours to anchor), and no dangling list
    got = parse_absolute(phrase)
    if got is None or not 1000 <= got[0].year <= 2199:
        return None
    d, gran = got
    return absolute(d, gran)


@lru_cache(maxsize=4096)
def parse_absolute(phrase: str) -> tuple[dt.date, str] | None:
    """An absolute date written in any common format, with its granularity (via dateparser).

    Cached because news repeats the same dates; the parser object is built once.
    """
    parser = _date_data_parser()
    try:
        data = parser.get_date_data(phrase)
    except Exception:  # dateparser raises assorted errors on odd input; a miss is a miss
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    gran = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}.get(period, "day")
    return data.date_obj.date(), gran


@lru_cache(maxsize=1)
def _date_data_parser() -> Any:
    """One dateparser parser for the process: month first, a year required, no relative base."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": "MDY",
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["year"],
            "RETURN_TIME_AS_PERIOD": True,
            "RELATIVE_BASE": dt.datetime(2000, 1, 1),
        },
    )
