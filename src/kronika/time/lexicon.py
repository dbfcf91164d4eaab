"""Words of time: months, weekdays, seasons, parts of day, units and spelled-out numbers.

Kept as plain tables so the patterns (``patterns.py``) read as regexes over named word classes.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
MONTH_ABBR |= {"oct": 10, "nov": 11, "dec": 12}

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

# TIMEX3 season codes; "fall" is only a season next to a determiner or a year (it is mostly a verb).
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# Rough month of each season (northern hemisphere) to decide which year a bare season refers to.
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}

# Parts of day -> TIMEX3 suffix.
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "hours": "MO",  # "the early hours of ..." are the small hours before dawn
    "midday": "MI",
    "noon": "MI",
    "dawn": "MO",
    "dusk": "EV",
}

ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
FEW = {"a few", "few", "several", "some", "many", "a number of", "numerous", "a couple of", "couple of"}

# Duration units -> (TIMEX3 unit letter, is a time-of-day unit, granularity name).
UNITS = {
    "second": ("S", True, "second"),
    "minute": ("M", True, "minute"),
    "hour": ("H", True, "hour"),
    "day": ("D", False, "day"),
    "night": ("D", False, "day"),
    "week": ("W", False, "week"),
    "weekend": ("WE", False, "weekend"),
    "fortnight": ("W", False, "week"),  # two weeks, scaled in values.duration_value
    "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"),
    "year": ("Y", False, "year"),
    "decade": ("DE", False, "decade"),
    "century": ("CE", False, "century"),
    "season": ("SE", False, "season"),
}

_ONES_RE = "|".join(sorted(ONES, key=len, reverse=True))
_UNITS_1_9 = "|".join(k for k, v in ONES.items() if 1 <= v <= 9)
_TENS_RE = "|".join(TENS)
# "fourteen", "fifty", "twenty-one" / "twenty one" (a unit word only after a tens word)
NUMBER_WORD = rf"(?:(?:{_TENS_RE})(?:[-\s](?:{_UNITS_1_9}))?|{_ONES_RE})"
SEASON_RE = r"(?:spring|summer|autumn|fall|winter)"
UNIT_RE = r"(?:second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade|centur(?:y|ie)|season)s?"


# What a day's possessive names when it is that day: an occasion ("today's meeting", "yesterday's vote").
OCCASIONS = frozenset(
    [
        "meeting",
        "meetings",
        "talks",
        "session",
        "sessions",
        "summit",
        "conference",
        "briefing",
        "event",
        "events",
        "ceremony",
        "parade",
        "vote",
        "voting",
        "election",
        "elections",
        "match",
        "game",
        "games",
        "race",
        "hearing",
        "agenda",
        "discussion",
        "discussions",
        "debate",
        "speech",
        "address",
        "statement",
        "announcement",
        "visit",
        "launch",
        "report",
        "decision",
        "ruling",
        "attack",
        "attacks",
        "strike",
        "strikes",
        "rally",
        "protest",
        "protests",
        "edition",
        "issue",
        "episode",
        "broadcast",
        "programme",
        "program",
        "opening",
        "forum",
        "negotiations",
        "consultations",
        "trading",
        "sitting",
        "deadline",
        "news",
        "press",
        "interview",
        "call",
        "funeral",
        "service",
        "march",
        "match",
        "final",
        "round",
        "judgment",
        "judgement",
        "verdict",
        "conversation",
        "conversations",
        "calls",
        "work",
        "initiatives",
        "instructions",
        "remarks",
        "comments",
        "agreement",
        "agreements",
        "signing",
        "exchange",
        "celebration",
        "celebrations",
        "commemoration",
        "anniversary",
        "festival",
        "award",
        "awards",
        "results",
        "proceedings",
        "testimony",
        "sanctions",
        "talk",
    ]
)


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR.get(w) or next((n for k, n in MONTHS.items() if k.startswith(w)), None)


def weekday_number(word: str) -> int | None:
    w = word.lower()
    return next((n for k, n in WEEKDAYS.items() if k.startswith(w[:3])), None)


def unit_key(word: str) -> str:
    """'centuries' -> 'century', 'weeks' -> 'week'."""
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


_SPACE = re.compile(r"[\s-]+")


def parse_number(text: str) -> float | None:
    """A spelled-out or written quantity: '27', 'fifty', 'twenty-one', 'a', 'fourteen and a half'.

    Returns None for vague quantities ('several', 'a few'), which TIMEX3 writes as ``X``.
    """
    t = _SPACE.sub(" ", text.lower().strip())
    half = 0.0
    for suffix in (" and a half", " and one half"):
        if t.endswith(suffix):
            t, half = t[: -len(suffix)].strip(), 0.5
    if t in {"half a", "half an", "half"}:
        return 0.5
    if t in FEW:
        return None
    if t in {"a", "an", "one", "single", "a single"}:
        return 1 + half
    if t in {"a couple", "couple", "a pair of"}:
        return 2 + half
    if t == "a dozen" or t == "dozen":
        return 12 + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    total = 0
    for part in t.split(" "):
        if part in ONES:
            total += ONES[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    return total + half
