"""Normalized time values (TIMEX3 style) as date ranges, so dates of different granularity compare.

"2022-01" and "2022-01-06" are compatible (one contains the other); "2022-01-06" and "2022-01-07"
are not the same day but close enough to be one event reported with a conflicting date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)")
_HALF = re.compile(r"^(\d{4})-H([12])")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 12)}

Relation = Literal["same", "compatible", "near", "unknown", "incompatible"]


def date_range(value: str | None) -> tuple[str, str, str] | None:
    """``(first day, last day, granularity)`` of a normalized value, or None when it is no calendar date.

    >>> date_range("2022-01")
    ('2022-01-01', '2022-01-31', 'month')
    """
    if not value:
        return None
    m = _DATE.match(value)
    try:
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
            if d:
                day = dt.date(int(y), int(mo), int(d)).isoformat()
                return day, day, "day"
            if mo:
                last = calendar.monthrange(int(y), int(mo))[1]
                return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}", "month"
            return f"{y}-01-01", f"{y}-12-31", "year"
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week"
        if m := _QUARTER.match(value):
            y, q = int(m.group(1)), int(m.group(2))
            last = calendar.monthrange(y, 3 * q)[1]
            return f"{y}-{3 * q - 2:02d}-01", f"{y}-{3 * q:02d}-{last:02d}", "quarter"
        if m := _HALF.match(value):
            y, h = int(m.group(1)), int(m.group(2))
            return (f"{y}-01-01", f"{y}-06-30", "half") if h == 1 else (f"{y}-07-01", f"{y}-12-31", "half")
        if m := _SEASON.match(value):
            y = int(m.group(1))
            a, b = _SEASON_MONTHS[m.group(2)]
            return f"{y}-{a:02d}-01", f"{y}-{b:02d}-{calendar.monthrange(y, b)[1]:02d}", "season"
    except (ValueError, OverflowError):  # "2022-02-30" and the like, or a week past year 9999: not a date
        return None
    return None


def date_relation(a: str | None, b: str | None, tolerance_days: int = 3) -> Relation:
    """How two reported dates of (maybe) one event relate, at their granularity.

    ``same``: equal ranges. ``compatible``: one range inside the other ("January 2022" vs "6 January
    2022"). ``near``: two days at most ``tolerance_days`` apart -- outlets often disagree by a day on
    when something happened, and that disagreement is a conflict to show, not two events.
    ``unknown``: at least one side has no calendar date. ``incompatible``: anything else.
    """
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return "unknown"
    if ra[:2] == rb[:2]:
        return "same"
    if (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1]):
        return "compatible"
    if ra[2] == rb[2] == "day":
        gap = abs((dt.date.fromisoformat(ra[0]) - dt.date.fromisoformat(rb[0])).days)
        if gap <= tolerance_days:
            return "near"
    return "incompatible"


def at_period(day: str, by: str) -> str:
    """The period label a day falls into: ``by`` is day, week, month, quarter or year."""
    d = dt.date.fromisoformat(day[:10])
    if by == "day":
        return d.isoformat()
    if by == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if by == "month":
        return d.strftime("%Y-%m")
    if by == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if by == "year":
        return str(d.year)
    raise ValueError(f"unknown period {by!r}; choose day, week, month, quarter or year")
