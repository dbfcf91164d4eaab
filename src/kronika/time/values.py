"""TIMEX3 values and calendar arithmetic.

Written here rather than taken from dateparser because dateparser returns a single datetime: it
has no notion of granularity ("2022-01" vs "2022-01-01"), of ISO weeks, seasons, quarters or
fractional units ("fourteen and a half months"), all of which TIMEX3 values need.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from kronika.time.lexicon import SEASON_MONTH, UNITS

# Granularities from finest to coarsest; TIMEX3 value shapes for each.
_UNKNOWN = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "season": "XXXX-XX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def unknown_value(granularity: str) -> str:
    """The TIMEX3 value for a date whose anchor is missing, at its granularity."""
    return _UNKNOWN.get(granularity, "XXXX-XX-XX")


def format_date(d: dt.date, granularity: str) -> str:
    """``d`` written at ``granularity`` as a TIMEX3 value ('2023-05-03', '2023-W11', '2022-01'...)."""
    if granularity == "day":
        return d.isoformat()
    if granularity in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if granularity == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if granularity == "year":
        return f"{d.year:04d}"
    if granularity == "decade":
        return f"{d.year // 10:03d}"
    if granularity == "century":
        return f"{d.year // 100:02d}"
    if granularity == "season":
        m = d.month
        code = "WI" if m in (12, 1, 2) else "SP" if m <= 5 else "SU" if m <= 8 else "FA"
        return f"{d.year + (1 if m == 12 else 0):04d}-{code}"
    raise ValueError(f"unknown granularity {granularity!r}")


def shift(d: dt.date, amount: float, unit: str) -> dt.date:
    """``d`` moved by ``amount`` units (negative = back); fractions of months/years become days."""
    whole = int(amount)
    frac = amount - whole
    if unit in ("day", "night"):
        return d + dt.timedelta(days=round(amount))
    if unit in ("week", "weekend"):
        return d + dt.timedelta(days=round(amount * 7))
    if unit == "fortnight":
        return d + dt.timedelta(days=round(amount * 14))
    if unit == "month":
        return d + relativedelta(months=whole) + dt.timedelta(days=round(frac * 30.44))
    if unit == "quarter":
        return shift(d, amount * 3, "month")
    if unit == "season":
        return shift(d, amount * 3, "month")
    if unit == "year":
        return d + relativedelta(years=whole) + dt.timedelta(days=round(frac * 365.25))
    if unit == "decade":
        return shift(d, amount * 10, "year")
    if unit == "century":
        return shift(d, amount * 100, "year")
    return d  # hours, minutes, seconds: below a day's resolution


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, P14.5M, PT12H, PXY (vague amount)."""
    letter, is_time, _ = UNITS[unit]
    if unit == "fortnight" and amount is not None:
        amount *= 2
    if unit == "decade" and amount is not None:
        letter, amount = "Y", amount * 10
    if unit == "century" and amount is not None:
        letter, amount = "Y", amount * 100
    if unit == "quarter" and amount is not None:
        letter, amount = "M", amount * 3
    if unit == "season" and amount is not None:
        letter, amount = "M", amount * 3
    if unit == "weekend":
        letter = "WE"
    if amount is None:
        n = "X"
    elif float(amount).is_integer():
        n = str(int(amount))
    else:
        n = f"{amount:g}"
    return f"PT{n}{letter}" if is_time else f"P{n}{letter}"


def season_date(year: int, code: str) -> dt.date:
    """A representative day of a season, to compare it with the article date."""
    return dt.date(year, SEASON_MONTH[code], 15)


# How strongly tense pushes a date to one side of the article date, in days of distance: enough to
# send "on August 1" (past tense, written in May) to last year, not enough to move "was postponed
# to November 11" (written November 5) away from this year.
_WRONG_SIDE_DAYS = 240


def nearest_year(candidates: dict[int, dt.date], dct: dt.date, tense: str | None) -> int:
    """Pick the year whose date best fits the article date and the tense of the sentence.

    News reports mostly talk about the recent past or near future: take the closest occurrence,
    but let the tense push away candidates on the wrong side of the article date (a past-tense
    "on November 11" written on November 5 is still this year's only if nothing else fits better).
    """

    def cost(item: tuple[int, dt.date]) -> float:
        _, d = item
        days = (d - dct).days
        wrong_side = (tense in ("past", "perfect") and days > 0) or (tense == "future" and days < 0)
        return abs(days) + (_WRONG_SIDE_DAYS if wrong_side else 0)

    return min(candidates.items(), key=cost)[0]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
