"""Regex fragments the rule families are written in: named word classes of time, and a trigger scan.

Months and weekdays are matched case-sensitively (capitalised or upper case): "may" and "march"
are verbs far more often than months. ``TRIGGER`` matches the words no time expression lacks (a
digit, a month, a unit, "today", "now"...): the detector runs the rules only around its hits.
"""

from __future__ import annotations

import re

from kronika.time import lexicon as lx
from kronika.time.holidays import holiday_pattern


def _cap(words: list[str]) -> str:
    """Case-sensitive alternation of capitalized words (months and weekdays are proper names)."""
    forms = sorted({w.capitalize() for w in words} | {w.upper() for w in words}, key=len, reverse=True)
    return rf"(?-i:(?:{'|'.join(forms)}))"


MONTH = rf"(?:{_cap(list(lx.MONTHS))}|{_cap(list(lx.MONTH_ABBR))}\.?)(?!\w)"
WEEKDAY = rf"{_cap(list(lx.WEEKDAYS))}(?!\w)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?<![\d$#£€])(?:1[0-9]{3}|20[0-9]{2})(?![\d])"
NUM = (
    rf"(?:(?:\d+(?:\.\d+)?|{lx.NUMBER_WORD}|a|an|half\s+an?|a\s+couple\s+of|a\s+dozen|a\s+single)"
    r"(?:[-\s]+and[-\s]+a[-\s]+half)?)"
)
VAGUE = r"(?:a\s+few|few|several|many|some|numerous|a\s+number\s+of|recent)"
UNIT = lx.UNIT_RE
UNIT1 = r"(?:second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade|century|season)"
POD = r"(?:morning|afternoon|evening|night)"
MOD = r"(?:early|mid|late|the\s+(?:beginning|start|end|middle|first\s+half|second\s+half)\s+of)"
ANAPH = (
    r"(?:the\s+(?:very\s+)?(?:big|same|fateful|very|following|next|previous|preceding)\s+day"
    r"|that\s+(?:very\s+|same\s+)?(?:day|date|morning|afternoon|evening|night|week|month|year)"
    r"|the\s+day\s+(?:before|after)(?=\s*(?:[,.;:)]|$|and\b|but\b))|the\s+day\s+(?:earlier|later)"
    r"|the\s+(?:next|following|previous|preceding)\s+(?:morning|evening|night|week|month|year)"
    r"|the\s+same\s+(?:week|month|year|time))"
)
NO_QUANT = r"(?!\s*(?:%|percent|per\s*cent|million|billion|thousand|hundred|[.,]\d))"
MDY = rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+(?:the\s+)?{DAY}(?:,?\s+{YEAR})?{NO_QUANT}"
DMY = rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"
HOLIDAY = holiday_pattern()
INNER = rf"(?:{MDY}|{DMY}|{WEEKDAY}|{ANAPH}|{HOLIDAY}|today|yesterday|tomorrow)"

_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|before|after|from|through|throughout|during|of|between|"
    r"early|late|mid|circa|around|year|end|start|beginning|fiscal|for|last|next|this|spring|summer|"
    r"autumn|fall|winter|back\s+in)\s*-?\s*(?:the\s+)?|\(\s*)$"
)
# "and"/"or"/"to" only continue a list or range that began with a date: "in 2014 and 2016".
_LIST_BEFORE = re.compile(r"(?:\b(?:1[0-9]{3}|20[0-9]{2})|\b[A-Z][a-z]+)\s*,?\s*(?:and|or|to|until|through|[-–—])\s*$")


def has_context(before: str) -> bool:
    """A bare year or month counts as a date after a preposition or a time word ("in 1945")."""
    return bool(_CONTEXT_BEFORE.search(before.lower()) or _LIST_BEFORE.search(before))


# Every rule's match contains one of these (checked over the whole corpus by the tests): a digit, a
# month or weekday, a unit, a part of day, or one of the few words that make a time by themselves.
_TRIGGER_WORDS = (
    rf"{lx.UNIT_RE}|{lx.SEASON_RE}|{POD}s?|today|tonight|tomorrow|yesterday|noon|midday|midnight|hours"
    r"|annual|annually|yearly|daily|nightly|weekly|monthly|quarterly|hourly|fiscal|FY|Q[1-4]"
    r"|nowadays|present|moment|recently|lately|past|future|decades?|centur(?:y|ies)"
    r"|date|time|now|currently|late|terms?|tenure|Christmas|Halloween|Valentine|Easter|Epiphany|Thanksgiving"
    r"|New\s+Year|year-end|twenty[-\s]first|nineteenth|twentieth|eighteenth|o['’]clock"
)
# (named days end in "Day" or a weekday, or are one of the feast names above)
TRIGGER = re.compile(rf"\d|{MONTH}|{WEEKDAY}|(?<!\w)(?:{_TRIGGER_WORDS})(?!\w)", re.IGNORECASE)
