"""Calendar dates: days, months, years and their spans, decades, centuries, quarters, seasons, holidays.

Explicit dates with a year go to dateparser first (:func:`~kronika.time.absolute.parse_absolute`);
the rest is ours because it needs the article date and the tense: a date without a year takes the
year (article year ±1) that best fits both (:func:`~kronika.time.values.nearest_year`).
"""

from __future__ import annotations

import datetime as dt
import re

from kronika.time import lexicon as lx
from kronika.time.absolute import parse_absolute
from kronika.time.holidays import FIXED, holiday_date
from kronika.time.resolution import Anchors, Resolution, absolute, from_dct, mod_of, number, unit_granularity
from kronika.time.values import format_date, nearest_year, safe_date, season_date, shift


def month_day_year(
    month: int, day: int, year_text: str | None, a: Anchors, *, gran: str = "day", weekday: int | None = None
) -> Resolution | None:
    """A calendar date with or without its year; a missing year comes from the article date and tense."""
    if year_text:
        d = safe_date(int(year_text), month, day)
        return absolute(d, gran) if d else None
    if a.dct is None:
        if safe_date(2000, month, day) is None:  # 2000 is a leap year: only rejects impossible days
            return None
        return Resolution("DATE", f"XXXX-{month:02d}-{day:02d}", gran, "DCT", anchor_missing=True)
    cands = {y: d for y in (a.dct.year - 1, a.dct.year, a.dct.year + 1) if (d := safe_date(y, month, day))}
    if weekday is not None:  # "Tuesday, June 14": the year in which June 14 is a Tuesday, if one is near
        cands = {y: d for y, d in cands.items() if d.weekday() == weekday} or cands
    if not cands:
        return None
    y = nearest_year(cands, a.dct, a.tense)
    return Resolution("DATE", cands[y].isoformat(), gran, "DCT", point=cands[y])


def _month_only(month: int, a: Anchors, rel: str | None = None) -> Resolution | None:
    """A month without a year: the one before/after the article month for last/next, else the nearest."""
    if a.dct is None:
        return Resolution("DATE", f"XXXX-{month:02d}", "month", "DCT", anchor_missing=True)
    cands = {y: dt.date(y, month, 15) for y in (a.dct.year - 1, a.dct.year, a.dct.year + 1)}
    if rel in ("last", "past"):
        y = max(y for y, d in cands.items() if (d.year, d.month) < (a.dct.year, a.dct.month))
    elif rel in ("next", "coming"):
        y = min(y for y, d in cands.items() if (d.year, d.month) > (a.dct.year, a.dct.month))
    elif rel == "this":
        y = a.dct.year
    else:
        y = nearest_year(cands, a.dct, a.tense)
    d = dt.date(y, month, 1)
    return Resolution("DATE", format_date(d, "month"), "month", "DCT", point=d)


def iso_date(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'2023-05-09'."""
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return absolute(d, "day") if d else None


def numeric_date(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'5/9/2023', '12/25/22': month first, read by dateparser."""
    got = parse_absolute(m.group(0))
    if got is None:
        return None
    d, gran = got
    return absolute(d, gran)


def calendar_day(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'May 9, 2023', '9 May', 'Tuesday, June 14': explicit years through dateparser, others fitted to the DCT."""
    month = lx.month_number(m["mon"])
    day = int(re.match(r"\d+", m["d"]).group(0))  # type: ignore[union-attr]
    if month is None:
        return None
    if m["y"]:
        # An explicit date is the library's job (dateparser); ours is the fallback if it declines.
        got = parse_absolute(f"{m['mon']} {day} {m['y']}")
        if got is not None:
            return absolute(got[0], "day")
    weekday = lx.weekday_number(m["wd"]) if m["wd"] else None
    if (rely := _relative_year(m, a)) is not None:  # "May 8 of this year"
        return month_day_year(month, day, str(rely), a)
    return month_day_year(month, day, m["y"], a, weekday=weekday)


_YEAR_STEP = {"this": 0, "the": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}


def _relative_year(m: re.Match[str], a: Anchors) -> int | None:
    """The year of "... of this/last/next year" when the article date gives it."""
    rel = (m.groupdict().get("rely") or "").lower()
    if not rel or a.dct is None:
        return None
    return a.dct.year + _YEAR_STEP.get(rel, 0)


def month_of_year(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'January 2022', 'late March 2020', 'March of 2020'."""
    month = lx.month_number(m["mon"])
    if month is None:
        return None
    d = dt.date(int(m["y"]), month, 1)
    res = absolute(d, "month")
    if mod := mod_of(m["mod"]):
        res.extra["mod"] = mod
    return res


def month_alone(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'in May', 'last March', 'early June': the nearest such month that fits the tense."""
    month = lx.month_number(m["mon"])
    if month is None:
        return None
    rel = (m["rel"] or "").lower() or None
    if (rely := _relative_year(m, a)) is not None:  # "March of this year"
        d = dt.date(rely, month, 1)
        res: Resolution | None = Resolution("DATE", format_date(d, "month"), "month", "DCT", point=d)
    else:
        res = _month_only(month, a, rel)
    if res and (mod := mod_of(m["mod"])):
        res.extra["mod"] = mod
    return res


def half_of(mod_text: str | None) -> int | None:
    """'the first half of' -> 1, 'the second half of' -> 2 (TIMEX3 writes halves as 2008-H2)."""
    w = re.sub(r"\s+", " ", (mod_text or "").lower())
    return 1 if "first half" in w else 2 if "second half" in w else None


def year_with_modifier(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'early 2009', 'mid-2011', 'the second half of 2008' (2008-H2)."""
    d = dt.date(int(m["y"]), 1, 1)
    if half := half_of(m["mod"]):
        d = dt.date(d.year, 1 if half == 1 else 7, 1)
        return Resolution("DATE", f"{d.year:04d}-H{half}", "half_year", None, point=d)
    return absolute(d, "year", mod=mod_of(m["mod"]))


def year_span_ends(m: re.Match[str]) -> tuple[int, int] | None:
    """The two years of '2022-23', '1955–2011', '2022/23'; None when it reads as a month ('2010-05')."""
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
    if (len(m["y2"]) == 2 and y2 != y1 + 1) or y2 <= y1:
        return None
    return y1, y2


def year_span(m: re.Match[str], a: Anchors) -> Resolution | None:
    """A span of years as one phrase (normalize("2022-23")); in running text the detector splits it
    into its two years. A '2010-05' that reads as a month stays one."""
    ends = year_span_ends(m)
    if ends is None:
        if len(m["y2"]) == 2 and m["sep"] == "-" and 1 <= int(m["y2"]) <= 12:
            return absolute(dt.date(int(m["y1"]), int(m["y2"]), 1), "month")  # ISO year-month
        return None
    y1, y2 = ends
    return Resolution("DURATION", f"P{y2 - y1}Y", "year", None, extra={"range_start": str(y1), "range_end": str(y2)})


def year_alone(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'in 1945': a bare year, only where the context makes it one (see patterns.has_context)."""
    return absolute(dt.date(int(m["y"]), 1, 1), "year")


def decade(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'the 1990s' (199), 'the early 2000s', "the '90s" (the latest such decade begun by the DCT)."""
    if m["dec"]:
        start = int(m["dec"]) * 10
    else:  # "the '90s": the latest such decade that has begun by the article date
        if a.dct is None:
            return Resolution("DATE", f"XX{m['d2']}", "decade", "DCT", anchor_missing=True)
        start = 2000 + int(m["d2"]) * 10
        if start > a.dct.year:
            start -= 100
        res = absolute(dt.date(start, 1, 1), "decade")
        res.anchor = "DCT"
        return res
    res = absolute(dt.date(start, 1, 1), "decade")
    if mod := mod_of(m["mod"]):
        res.extra["mod"] = mod
    return res


CENTURY_ORDINALS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21, "eighteenth": 18}


def century(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'the 20th century' (19), 'the twenty-first century' (20)."""
    n = int(m["n"]) if m["n"] else CENTURY_ORDINALS.get(re.sub(r"\s+", " ", m["w"].lower()), 0)
    if not 1 <= n <= 21:
        return None
    return absolute(dt.date((n - 1) * 100 or 1, 1, 1), "century")


def fiscal_year(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'fiscal 2007', 'FY2010', "FY'09"."""
    y = m["y"].lstrip("'")
    year = int(y) if len(y) == 4 else 2000 + int(y)
    return Resolution("DATE", f"FY{year}", "year", None, point=dt.date(year, 1, 1))


QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def quarter_of_year(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'Q3 2021', 'the first quarter of 2022', 'third-quarter' (the nearest that fits the tense)."""
    q = QUARTER_ORDINALS.get((m["q"] or "").lower()) or (int(m["qn"]) if m["qn"] else None)
    rel = (m["rel"] or "").lower()
    if q is None:
        return None
    if year_text := m["y"] or m["y2"]:
        d = dt.date(int(year_text), 3 * q - 2, 1)
        return Resolution("DATE", f"{d.year:04d}-Q{q}", "quarter", None, point=d)
    if a.dct is None:
        return Resolution("DATE", f"XXXX-Q{q}", "quarter", "DCT", anchor_missing=True)
    year = a.dct.year + {"last": -1, "next": 1}.get(rel, 0)
    if not rel:
        cands = {y: dt.date(y, 3 * q - 1, 15) for y in (a.dct.year - 1, a.dct.year, a.dct.year + 1)}
        year = nearest_year(cands, a.dct, a.tense)
    d = dt.date(year, 3 * q - 2, 1)
    return Resolution("DATE", f"{year:04d}-Q{q}", "quarter", "DCT", point=d)


def relative_quarter(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'last quarter', 'the current quarter'."""
    rel = m["rel"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "latest": -1, "next": 1, "coming": 1}.get(rel, 0)
    return from_dct(a, "quarter", lambda d: shift(d, step, "quarter"))


def season(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'summer 2021', 'last winter', 'the winter of 1941'."""
    code = lx.SEASONS[m["s"].lower()]
    rel = re.sub(r"^the\s+", "", (m["rel"] or "").lower())
    mod = mod_of(rel) if rel in ("early", "late", "mid") else None
    if m["y"]:
        res = Resolution("DATE", f"{m['y']}-{code}", "season", None, point=season_date(int(m["y"]), code))
    elif a.dct is None:
        res = Resolution("DATE", f"XXXX-{code}", "season", "DCT", anchor_missing=True)
    else:
        cands = {y: season_date(y, code) for y in (a.dct.year - 1, a.dct.year, a.dct.year + 1)}
        if rel in ("last", "past"):
            y = max(y for y, d in cands.items() if d < a.dct - dt.timedelta(days=45))
        elif rel in ("next", "coming"):
            y = min(y for y, d in cands.items() if d > a.dct + dt.timedelta(days=45))
        elif rel == "this":
            y = a.dct.year
        else:
            y = nearest_year(cands, a.dct, a.tense)
        res = Resolution("DATE", f"{y:04d}-{code}", "season", "DCT", point=cands[y])
    if mod:
        res.extra["mod"] = mod
    return res


def holiday(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'Victory Day', 'Easter 2023', 'Christmas Eve': the day in the year written, or the one that fits."""
    name = m["h"]
    if m["y"]:
        d = holiday_date(name, int(m["y"]))
        return absolute(d, "day") if d else None
    if a.dct is None:
        fixed = FIXED.get(" ".join(name.lower().replace("’", "'").split()))
        value = f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else "XXXX-XX-XX"
        return Resolution("DATE", value, "day", "DCT", anchor_missing=True)
    cands = {y: d for y in (a.dct.year - 1, a.dct.year, a.dct.year + 1) if (d := holiday_date(name, y))}
    if not cands:
        return None
    y = nearest_year(cands, a.dct, a.tense)
    return Resolution("DATE", cands[y].isoformat(), "day", "DCT", point=cands[y])


def year_end(m: re.Match[str], a: Anchors) -> Resolution | None:
    """ "year's end", 'the end of the year': the article's year, mod END."""
    res = from_dct(a, "year", lambda d: d)
    if res is not None:
        res.extra["mod"] = "END"
    return res


def fiscal_relative(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'the current fiscal year', 'next financial year': FY of the article's year (calendar-year FY)."""
    step = _YEAR_STEP.get(m["rel"].lower(), 0)
    if a.dct is None:
        return Resolution("DATE", "FYXXXX", "year", "DCT", anchor_missing=True)
    year = a.dct.year + step
    return Resolution("DATE", f"FY{year:04d}", "year", "DCT", point=dt.date(year, 1, 1))


def _container_year(m: re.Match[str], a: Anchors) -> tuple[int | None, str | None]:
    """The year an ordinal period is part of ('of 2021', 'of this year'; none written: the article's)."""
    if m["cy"]:
        return int(m["cy"]), None
    if a.dct is None:
        return None, "DCT"
    return a.dct.year + _YEAR_STEP.get((m["crel"] or "this").lower(), 0), "DCT"


def ordinal_part(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'the first three months of this year' (Q1), 'the first six months' (H1), 'the first months of 2021'
    (the year, mod START), 'the last weeks of 2019' (mod END)."""
    first = (m["which"] or m["which2"]).lower() in ("first", "opening")
    year, anchor = _container_year(m, a)
    if year is None:
        return Resolution("DATE", "XXXX", "year", anchor, anchor_missing=True)
    n_text = m["n"] or m["n2"]
    n = number(n_text) if n_text else None
    unit = lx.unit_key(m["u"] or m["u2"])
    if unit == "month" and n in (3, 6):
        if n == 3:
            q = 1 if first else 4
            return Resolution("DATE", f"{year:04d}-Q{q}", "quarter", anchor, point=dt.date(year, 3 * q - 2, 1))
        h = 1 if first else 2
        return Resolution("DATE", f"{year:04d}-H{h}", "half_year", anchor, point=dt.date(year, 1 if first else 7, 1))
    res = Resolution("DATE", f"{year:04d}", "year", anchor, point=dt.date(year, 1, 1))
    res.extra["mod"] = "START" if first else "END"
    return res


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "final": -1}


def ordinal_unit_of(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'the 100th day of 2022' -> 2022-04-10; 'the second week of this year' -> its ISO week."""
    word = m["ord"].lower()
    digits = re.match(r"\d+", word)
    n = int(digits.group(0)) if digits else _ORDINAL_WORDS.get(word, 0)
    if n == 0 or n < -1:
        return None
    year, anchor = _container_year(m, a)
    if year is None:
        return None
    unit = lx.unit_key(m["u"])
    if n == -1:  # "the last day/week/month of 2022"
        d = {"day": dt.date(year, 12, 31), "week": dt.date(year, 12, 28), "month": dt.date(year, 12, 1)}[unit]
    else:
        d = shift(dt.date(year, 1, 1), n - 1, unit)
    if d.year != year:
        return None
    gran = unit_granularity(unit)
    return Resolution("DATE", format_date(d, gran), gran, anchor, point=d)
