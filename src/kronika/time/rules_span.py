"""Lengths and recurrences of time, and the present/past/future references.

"fourteen and a half months" (P14.5M), "several years" (PXY), "every Monday" (XXXX-WXX-1), "twice a
year", "$5 billion a year", "annually"; "nowadays", "recently", "the future".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kronika.time import lexicon as lx
from kronika.time.patterns import VAGUE
from kronika.time.resolution import Anchors, Resolution, from_dct, number, unit_granularity
from kronika.time.values import duration_value, format_date, shift

_MONEY_BEFORE = re.compile(
    rf"(?:\d|\b(?:{lx.NUMBER_WORD}|million|billion|trillion|percent|dollars?|euros?|pounds?|times|once|twice))\s*$"
    r"|%\s*$"
)


_POINT_GRAN = {"decade": "year", "century": "year", "week": "day", "weekend": "day", "fortnight": "day", "night": "day"}


def span_points(dct: dt.date | None, n: float | None, unit: str, forward: bool) -> dict[str, str]:
    """The two ends of a length counted from the article date ("the past two years": 2020 and 2022).

    Ends are written at the unit's granularity (a decade's in years, a week's in days); nothing for
    lengths under a day, vague amounts or a missing article date.
    """
    if dct is None or n is None or unit not in lx.UNITS or lx.UNITS[unit][1]:
        return {}
    gran = _POINT_GRAN.get(unit, lx.UNITS[unit][2])
    other = shift(dct, n if forward else -n, unit)
    begin, end = (dct, other) if forward else (other, dct)
    return {"begin_point": format_date(begin, gran), "end_point": format_date(end, gran)}


DURATION_MODS = {
    "almost": "LESS_THAN",
    "nearly": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
}


def duration(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'fourteen and a half months' (P14.5M), '27-year', 'the past two years' (with its ends)."""
    unit = lx.unit_key(m["u"])
    quant = m["n"]
    n = number(quant) if quant and not re.fullmatch(VAGUE, quant, re.I) else None
    if quant and re.fullmatch(r"a\s+couple\s+of", quant, re.I):
        n = 2
    if n is not None and m.groupdict().get("half"):
        n += 0.5  # "a year and a half"
    pre = re.sub(r"\s+", " ", (m["mod"] or "").lower())
    if unit == "second" and quant and quant.lower() in ("a", "an") and not pre:
        return None  # "a second A380": the ordinal, not a second of time
    if unit == "day" and quant and quant.lower() == "one" and not pre and re.search(r"(?:^|[.!?\"“]\s*)$", a.before):
        return None  # "One day, historians will judge": an indefinite time, not a length
    if n == 1 and quant and quant.lower() in ("a", "an") and _MONEY_BEFORE.search(a.before) and not pre:
        # "$5 billion a year", "twice a week": a frequency, not a length of time
        return Resolution("SET", duration_value(1, unit), unit, None, extra={"quant": "EACH"})
    if unit == "weekend":
        return None
    # "in two weeks" said of the future is a date, not a length of time
    if re.search(r"\bin\s$", a.before) and a.tense == "future" and n is not None and not pre and not lx.UNITS[unit][1]:
        gran = unit_granularity(unit)
        return from_dct(a, gran if gran != "weekend" else "week", lambda d: shift(d, n, unit))
    extra: dict[str, Any] = {}
    if pre in DURATION_MODS:
        extra["mod"] = DURATION_MODS[pre]
    adjectival = "-" in m.string[m.end("n") : m.start("u")] and not m["u"].lower().endswith("s")
    if m["long"] or adjectival or pre.startswith("the past") or pre.startswith("the last") or a.before.endswith("for "):
        extra["ongoing_candidate"] = True
    if pre.startswith(("the past", "the last", "the previous")):
        extra.update(span_points(a.dct, n, unit, forward=False))  # "the past two years": 2020 to 2022
    elif pre.startswith(("the next", "the coming")):
        extra.update(span_points(a.dct, n, unit, forward=True))
    return Resolution("DURATION", duration_value(n, unit), unit, None, extra=extra)


def vague_duration(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'for years', 'in recent months': a length with no number (PXY, PXM)."""
    unit = lx.unit_key(m["u"])
    if unit == "weekend":
        return None
    return Resolution("DURATION", duration_value(None, unit), unit, None)


_ADVERB_SETS = {
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "daily": "day",
    "nightly": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "hourly": "hour",
}


def _recurring_unit(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'every Monday', 'each winter', 'every other week', 'annually'."""
    if m["adv"]:
        if m["adv"][0].isupper() and re.match(r"\s+[A-Z]", m.string[m.end() :]) and not _sentence_start(a.before):
            return None  # "The Daily Telegraph", "Weekly Standard": a name, not a recurrence
        unit = _ADVERB_SETS[m["adv"].lower()]
        return Resolution("SET", duration_value(1, unit), unit, None, extra={"quant": "EACH"})
    extra: dict[str, Any] = {"quant": (m["q"] or "each").upper()}
    word = m["u"]
    n = 2 if (m["n"] or "").lower() == "other" else (number(m["n"]) if m["n"] else 1)
    if word.lower() in lx.WEEKDAYS:
        return Resolution("SET", f"XXXX-WXX-{lx.WEEKDAYS[word.lower()] + 1}", "day", None, extra=extra)
    if word.lower() in lx.SEASONS:
        return Resolution("SET", f"XXXX-{lx.SEASONS[word.lower()]}", "season", None, extra=extra)
    if word.lower() in ("morning", "afternoon", "evening", "night"):
        return Resolution("SET", f"XXXX-XX-XXT{lx.PARTS_OF_DAY[word.lower()]}", "part_of_day", None, extra=extra)
    unit = lx.unit_key(word)
    if unit == "season":
        extra["unit"] = "season"
    if unit == "weekend":
        return Resolution("SET", "XXXX-WXX-WE", "weekend", None, extra=extra)
    return Resolution("SET", duration_value(n or 1, unit), unit, None, extra=extra)


def _sentence_start(before: str) -> bool:
    """True when the text before a word ends a sentence (or is empty)."""
    return not before.strip() or bool(re.search(r"[.!?\"“:]\s*$", before))


_TIMES = {"once": 1, "twice": 2, "thrice": 3}


def recurrence(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'every Monday', 'each quarter', 'twice a year' (freq 2X), 'annually', '$5 billion a year'."""
    if m["times"]:
        unit = lx.unit_key(m["u2"])
        word = re.sub(r"\s+times$", "", m["times"].lower())
        count = _TIMES.get(word) or number(word)
        extra: dict[str, Any] = {"quant": "EACH"}
        if count:
            extra["freq"] = f"{count:g}X"
        return Resolution("SET", duration_value(1, unit), unit, None, extra=extra)
    return _recurring_unit(m, a)


_REF_WORDS = {
    # TimeML annotates "now" and "currently" as the present wherever they stand, aspect or not
    "PRESENT_REF": {"now", "right now", "currently", "nowadays", "at present", "at the moment", "these days"},
    "PAST_REF": {
        "recently",
        "lately",
        "more recently",
        "the past",
        "in the past",
        "formerly",
        "once upon a time",
        "of late",
        "that time",
        "the time",
    },
    "FUTURE_REF": {"the future", "in the future", "in future", "the near future", "the distant future"},
}


_AFTER_LENGTH = re.compile(rf"\b(?:{lx.UNIT_RE})\s+$")


def reference_word(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'now', 'currently', 'recently', 'the future', 'at that time': PRESENT/PAST/FUTURE_REF."""
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if w == "now" and a.tense == "future":
        return None  # "will now receive": 'from this point on, instead', not the present moment
    if w == "now" and _AFTER_LENGTH.search(a.before):
        # "shipping for more than a week now": the end point of that length, the article's day
        return from_dct(a, "day", lambda d: d)
    for value, words in _REF_WORDS.items():
        if w in words:
            return Resolution("DATE", value, None, "DCT" if a.dct else None, point=None)
    return None


def tenure(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'his second term', 'her four-year term', 'his first of two terms': a length of office (PXY, P4Y)."""
    n_text = m["n"] or m["n2"]
    n = number(n_text) if n_text else None
    return Resolution("DURATION", duration_value(n, "year"), "year", None, extra={"tenure": True})
