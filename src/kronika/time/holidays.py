"""Named days with a date the calendar fixes: holidays and observances common in political news.

A short table of our own rather than the ``holidays`` package: that package lists public holidays
per country under their local official names ("Unity Day", "Day of Russia"), while news names
observances that are not public holidays ("Cosmonautics Day", "Africa Day") and uses the
international names. Movable feasts are computed (Easter with ``dateutil.easter``). Names whose
date differs between countries ("Remembrance Day", "Unity Day", "Mother's Day", "Independence
Day") are left out: a wrong date would also mislead every "the big day" counted from it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

# name (lower case, straight apostrophes) -> (month, day)
FIXED: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "orthodox christmas": (1, 7),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "may day": (5, 1),
    "valentine's day": (2, 14),
    "boxing day": (12, 26),
    "epiphany": (1, 6),
    "all saints' day": (11, 1),
    "st patrick's day": (3, 17),
    "st. patrick's day": (3, 17),
    "international women's day": (3, 8),
    "international workers' day": (5, 1),
    "defender of the fatherland day": (2, 23),
    "cosmonautics day": (4, 12),
    "victory day": (5, 9),
    "europe day": (5, 9),
    "africa day": (5, 25),
    "russia day": (6, 12),
    "national unity day": (11, 4),
    "bastille day": (7, 14),
    "canada day": (7, 1),
    "australia day": (1, 26),
    "armistice day": (11, 11),
    "veterans day": (11, 11),
    "earth day": (4, 22),
    "world aids day": (12, 1),
    "human rights day": (12, 10),
    "international holocaust remembrance day": (1, 27),
    "holocaust remembrance day": (1, 27),
}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


MOVABLE: dict[str, Callable[[int], dt.date]] = {
    "easter": lambda y: easter(y, EASTER_WESTERN),
    "easter sunday": lambda y: easter(y, EASTER_WESTERN),
    "easter monday": lambda y: easter(y, EASTER_WESTERN) + dt.timedelta(days=1),
    "good friday": lambda y: easter(y, EASTER_WESTERN) - dt.timedelta(days=2),
    "orthodox easter": lambda y: easter(y, EASTER_ORTHODOX),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
}


def holiday_date(name: str, year: int) -> dt.date | None:
    """The day ``name`` falls on in ``year`` (None for an unknown name)."""
    key = " ".join(name.lower().replace("’", "'").split())
    if key in FIXED:
        month, day = FIXED[key]
        return dt.date(year, month, day)
    fn = MOVABLE.get(key)
    return fn(year) if fn else None


def holiday_pattern() -> str:
    """The names as written in text ("Victory Day", "World AIDS Day"): capitalised, any case after that."""
    forms = {re.escape(name).replace("'", "['’]").replace(r"\ ", r"\s+") for name in (*FIXED, *MOVABLE)}
    return rf"(?-i:(?=[A-Z]))(?i:{'|'.join(sorted(forms, key=len, reverse=True))})(?!\w)"
