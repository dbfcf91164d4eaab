"""Dates counted from the article date or from the text: weekdays, "today", "last week", "two years ago",
"the following day", "four days prior to the big day", "the early hours of May 3".

Tense decides direction ("resigned on Monday" looks back, "will meet on Monday" ahead); anaphora
("that day", "a year later") count from the time the text named last, never from a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from kronika.time import lexicon as lx
from kronika.time.patterns import VAGUE
from kronika.time.resolution import (
    Anchors,
    Resolution,
    from_dct,
    from_ref,
    mod_of,
    number,
    unit_granularity,
    with_part_of_day,
)
from kronika.time.rules_calendar import half_of
from kronika.time.rules_span import DURATION_MODS, span_points
from kronika.time.values import duration_value, format_date, shift, unknown_value


def weekday_date(dct: dt.date, wd: int, tense: str | None, rel: str | None) -> dt.date:
    """The weekday meant relative to the article date: past tense looks back, future looks ahead."""
    back = (dct.weekday() - wd) % 7  # days since the last such weekday (0 = the article day itself)
    ahead = (wd - dct.weekday()) % 7
    if rel == "last":
        return dct - dt.timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return dct + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return dct + dt.timedelta(days=ahead) if tense == "future" else dct - dt.timedelta(days=back)
    if tense in ("past", "perfect"):
        return dct - dt.timedelta(days=back)
    if tense == "future":
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back) if back <= ahead else dct + dt.timedelta(days=ahead)


def weekday(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'on Wednesday', 'last Monday', 'Friday morning': past tense looks back, future ahead."""
    wd = lx.weekday_number(m["wd"])
    if wd is None:
        return None
    rel = (m["rel"] or "").lower() or None
    if a.dct is None:
        res = Resolution("DATE", f"XXXX-WXX-{wd + 1}", "day", "DCT", anchor_missing=True)
    else:
        d = weekday_date(a.dct, wd, a.tense, rel)
        res = Resolution("DATE", d.isoformat(), "day", "DCT", point=d)
    if (wmod := (m["wmod"] or "").lower()) in ("early", "late"):  # "late Monday": the day, and where in it
        res.extra["mod"] = "START" if wmod == "early" else "END"
    return with_part_of_day(res, m.groupdict().get("pod"))


def part_of_day_of(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'the early hours of May 3': the inner day with its part of day."""
    from kronika.time.rules import normalize  # the rule table imports this module: import when called

    inner = normalize(m["inner"], a)
    return with_part_of_day(inner, m["pod"], m["adj"])


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def day_word(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'today', 'yesterday', 'tonight', 'the day after tomorrow', 'yesterday afternoon'."""
    w = re.sub(r"\s+", " ", m["w"].lower())
    step = _DAY_WORDS.get(w, -2 if "yesterday" in w else 2)
    res = from_dct(a, "day", lambda d: d + dt.timedelta(days=step))
    if w == "tonight":
        return with_part_of_day(res, "night")
    return with_part_of_day(res, m.groupdict().get("pod"))


_NEXT_WORD = re.compile(r"['’]s\s+(?:\w+\s+)?(?P<noun>\w+)")


def day_possessive(m: re.Match[str], a: Anchors) -> Resolution | None:
    """ "today's meeting" is the article's day; "today's world", "today's circumstances" the present."""
    nxt = _NEXT_WORD.match(m.string, m.end())
    words = {w.lower() for w in (nxt.group(0).split()[1:] if nxt else [])}
    if m["w"].lower() == "today" and not words & lx.OCCASIONS:
        return Resolution("DATE", "PRESENT_REF", None, "DCT" if a.dct else None)
    return day_word(m, a)


def this_part_of_day(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'this morning', 'last night'."""
    step = -1 if m["rel"].lower() == "last" else 0
    return with_part_of_day(from_dct(a, "day", lambda d: d + dt.timedelta(days=step)), m["pod"])


def this_unit(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'last week', 'this month', 'next year', 'the weekend'; 'the past decade' is a length."""
    rel = re.sub(r"\s+", " ", (m["rel"] or m["the"]).lower())
    unit = lx.unit_key(m["u"] or m["u2"])
    gran = unit_granularity(unit)
    if rel in ("the past", "the last") and unit not in ("day", "weekend", "week"):
        # "the past decade" is a length that ends now; "the past week" is the week before (a date)
        extra = {"mod": "PAST", **span_points(a.dct, 1, unit, forward=False)}
        return Resolution("DURATION", duration_value(1, unit), unit, None, extra=extra)
    backward = ("last", "past", "the past", "the last", "this past")
    step = -1 if rel in backward else 1 if rel in ("next", "coming", "the coming") else 0
    if unit == "weekend" and rel in ("this", "the") and a.dct is not None:
        # "this weekend"/"the weekend": the one just gone in a past-tense sentence, else the coming one
        weekday = a.dct.weekday()
        step = (-1 if weekday < 5 else 0) if a.tense in ("past", "perfect") else 0
    res = from_dct(a, gran, lambda d: shift(d, step, unit))
    return res


def part_of_this_unit(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'earlier this month', 'the end of last year', 'the first half of the year'."""
    rel = m["rel"].lower()
    unit = lx.unit_key(m["u"])
    gran = unit_granularity(unit)
    step = {"last": -1, "next": 1}.get(rel, 0)
    half = half_of(m["mod"])
    if half and unit == "year":
        res = from_dct(a, "year", lambda d: shift(d, step, unit))
        if res is not None and res.point is not None:
            res.value, res.granularity = f"{res.point.year:04d}-H{half}", "half_year"
            res.point = dt.date(res.point.year, 1 if half == 1 else 7, 1)
        return res
    res = from_dct(a, gran, lambda d: shift(d, step, unit))
    if res is not None:
        word = m["mod"].lower()
        res.extra["mod"] = {"earlier": "START", "later": "END"}.get(word.split()[0], mod_of(word))
    return res


_BACKWARD = {"ago", "earlier", "before", "previously", "back", "prior", "since"}


_FROM_DCT = {"ago", "hence", "from now", "back"}


def counted_from_anchor(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'two years ago', 'three days later', 'ten years from now', with its mod ('almost')."""
    res = _counted(m, a)
    if res is not None and (mod := DURATION_MODS.get(re.sub(r"\s+", " ", (m["mod"] or "").lower()))):
        res.extra["mod"] = mod
    return res


def _counted(m: re.Match[str], a: Anchors) -> Resolution | None:
    """A date counted from the DCT (ago, hence) or from the last time named (later, earlier)."""
    word = re.sub(r"\s+", " ", m["dir"].lower())
    unit = lx.unit_key(m["u"])
    n = None if re.fullmatch(VAGUE, m["n"], re.I) else number(m["n"])
    if n is not None and m.groupdict().get("half"):
        n += 0.5  # "a year-and-a-half ago"
    if n is None and word == "ago":
        return Resolution("DATE", "PAST_REF", None, "DCT" if a.dct else None)  # "several months ago"
    if word in ("from now", "hence"):
        # "ten years from now" names a length (TIMEX3 P10Y); the point it reaches is kept beside it
        if n is None and not lx.UNITS[unit][1]:
            return Resolution("DURATION", duration_value(None, unit), unit, "DCT" if a.dct else None)
        extra = span_points(a.dct, n, unit, forward=True)
        return Resolution("DURATION", duration_value(n, unit), unit, "DCT" if extra else None, extra=extra)
    if n is None or lx.UNITS[unit][1]:
        return None  # hours are below a date's resolution
    sign = -1 if word in _BACKWARD else 1
    gran = unit_granularity(unit)
    if gran == "weekend":
        gran = "week"
    if gran == "year" and not float(n).is_integer():
        gran = "month"  # "a year and a half ago" names a month, not a year
    if word in _FROM_DCT:
        return from_dct(a, gran, lambda d: shift(d, sign * n, unit))
    return from_ref(a, unit, gran if gran != "week" else "day", lambda d: shift(d, sign * n, unit))


def offset_from_time(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'four days prior to the big day': the inner time, moved by the amount."""
    n = number(m["n"])
    unit = lx.unit_key(m["u"])
    if n is None or lx.UNITS[unit][1]:
        return None
    from kronika.time.rules import normalize  # the rule table imports this module: import when called

    inner = normalize(m["inner"], a)
    if inner is None:
        return None
    sign = -1 if m["dir"].lower().split()[0] in ("prior", "before", "ahead", "earlier") else 1
    if inner.point is None or inner.anchor_missing:
        return Resolution("DATE", unknown_value("day"), "day", inner.anchor, True)
    d = shift(inner.point, sign * n, unit)
    gran = "day" if inner.granularity in ("day", "part_of_day", "minute") else (inner.granularity or "day")
    return Resolution("DATE", format_date(d, gran), gran, inner.anchor, point=d, extra={"offset_of": inner.value})


def anaphor(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'the big day', 'that day', 'the following day': relative to the time the text last named."""
    w = re.sub(r"\s+", " ", m.group(0).lower())
    unit = next((u for u in ("week", "month", "year") if w.endswith(u)), "day")
    ref = a.ref_for(unit)
    if ref is None:
        return None  # nothing to refer back to: better no value than a guess
    step = 0
    if any(k in w for k in ("following", "next", "after", "later")):
        step = 1
    elif any(k in w for k in ("previous", "preceding", "before", "earlier")):
        step = -1
    gran = unit
    if ref.granularity != "day" and gran == "day":
        gran = ref.granularity
    d = shift(ref.date, step, unit)
    res = Resolution("DATE", format_date(d, gran), gran, ref.id, point=d)
    pod = next((p for p in ("morning", "afternoon", "evening", "night") if w.endswith(p)), None)
    return with_part_of_day(res, pod)


_SPAN_STEP = {"coming": 1, "next": 1, "following": 1, "past": -1, "last": -1, "previous": -1}


def anchored_span(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'(over) the coming decade', '(during) the past year': a length (P10Y, P1Y) with its two ends.

    The preposition before the phrase (matched outside it) is what makes it a length: without one,
    "the coming decade" and "the past week" are dates.
    """
    unit = lx.unit_key(m["u"] or m["u2"])
    forward = _SPAN_STEP[(m["rel"] or m["rel2"]).lower()] > 0
    extra = span_points(a.dct, 1, unit, forward)
    return Resolution("DURATION", duration_value(1, unit), unit, "DCT" if extra else None, extra=extra)
