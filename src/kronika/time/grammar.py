"""The grammar of temporal expressions: patterns that find them and rules that normalize them.

Each :class:`Rule` pairs a regular expression with a handler that turns a match into a TIMEX3
:class:`Resolution`, given the :class:`Anchors` (article date, tense, the time the text last
talked about). The same rules serve detection in running text (``finditer``) and normalization of
a given phrase (:func:`normalize`, ``fullmatch``), so the two never disagree.

Why our own layer on top of dateparser: dateparser parses absolute dates well (and we use it for
those, see :func:`parse_absolute`), but it returns nothing for "four days prior to the big day" or
"fourteen and a half months ago", knows no tense, no granularity, no ISO weeks or seasons, and no
anaphora; anchoring and calendar arithmetic therefore live here, deterministic and testable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kronika.time import lexicon as lx
from kronika.time.values import (
    duration_value,
    format_date,
    nearest_year,
    safe_date,
    season_date,
    shift,
    unknown_value,
)


@dataclass(frozen=True)
class RefTime:
    """A time the text has already named, that later phrases can refer back to."""

    id: str
    date: dt.date
    granularity: str


@dataclass(frozen=True)
class Anchors:
    """What a phrase is resolved against."""

    dct: dt.date | None  # document creation time (the article date)
    tense: str | None = None  # past | present | perfect | future | None
    ref: RefTime | None = None  # the most recent day-level time named earlier in the text
    local: RefTime | None = None  # the most recent day-level time earlier in the same sentence
    before: str = ""  # lower-cased text just before the phrase
    ref_month: RefTime | None = None  # the most recent time named to the month or finer
    ref_year: RefTime | None = None  # the most recent time named at all (day, month or year)

    def ref_for(self, unit: str) -> RefTime | None:
        """What "N <unit>s later" counts from: "a year later" follows "in 1984", "a day later" a day."""
        if unit in ("year", "decade", "century"):
            return self.ref_year or self.ref_month or self.ref
        if unit in ("month", "quarter", "season"):
            return self.ref_month or self.ref
        return self.ref


@dataclass
class Resolution:
    type: str  # DATE | TIME | DURATION | SET
    value: str
    granularity: str | None
    anchor: str | None = None  # None (absolute) | "DCT" | a RefTime id
    anchor_missing: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    point: dt.date | None = None  # the (first) day the value denotes, for later anaphora and arithmetic


Handler = Callable[[re.Match[str], Anchors], "Resolution | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    needs_context: bool = False  # bare years and months: only after a preposition or when spaCy agrees


# ---------------------------------------------------------------- pattern fragments
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
VAGUE = r"(?:a\s+few|few|several|many|some|numerous|a\s+number\s+of|recent|the\s+coming|coming)"
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
_NO_QUANT = r"(?!\s*(?:%|percent|per\s*cent|million|billion|thousand|hundred|[.,]\d))"
MDY = rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+(?:the\s+)?{DAY}(?:,?\s+{YEAR})?{_NO_QUANT}"
DMY = rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"
HOLIDAY = r"(?-i:Christmas(?:\s+(?:Eve|Day))?|May\s+Day|New\s+Year['’]s\s+(?:Day|Eve)|Halloween|Valentine['’]s\s+Day)"
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


# ---------------------------------------------------------------- helpers
def _absolute(d: dt.date, gran: str, **extra: Any) -> Resolution:
    return Resolution("DATE", format_date(d, gran), gran, None, point=d, extra=dict(extra))


def _from_dct(a: Anchors, gran: str, fn: Callable[[dt.date], dt.date | None], typ: str = "DATE") -> Resolution | None:
    """A value computed from the article date, or a flagged X-value when there is none."""
    if a.dct is None:
        return Resolution(typ, unknown_value(gran), gran, "DCT", anchor_missing=True)
    d = fn(a.dct)
    if d is None:
        return None
    return Resolution(typ, format_date(d, gran), gran, "DCT", point=d)


def _from_ref(
    a: Anchors, unit: str, gran: str, fn: Callable[[dt.date], dt.date], *, fallback_dct: bool = True
) -> Resolution | None:
    """A value computed from the time the text last named (or the article date if none)."""
    ref = a.ref_for(unit)
    if ref is not None:
        d = fn(ref.date)
        return Resolution("DATE", format_date(d, gran), gran, ref.id, point=d)
    if fallback_dct:
        return _from_dct(a, gran, fn)
    return None


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w.startswith(("early", "the beginning", "the start", "the first half")):
        return "START"
    if w.startswith(("late", "the end", "the second half")):
        return "END"
    if w.startswith(("mid", "the middle")):
        return "MID"
    return None


def _year(text: str) -> int:
    return int(text)


def _month_day_year(
    month: int, day: int, year_text: str | None, a: Anchors, *, gran: str = "day", weekday: int | None = None
) -> Resolution | None:
    """A calendar date with or without its year; a missing year comes from the article date and tense."""
    if year_text:
        d = safe_date(int(year_text), month, day)
        return _absolute(d, gran) if d else None
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


def _weekday_date(dct: dt.date, wd: int, tense: str | None, rel: str | None) -> dt.date:
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


def _with_pod(res: Resolution | None, pod_word: str | None, adj: str | None = None) -> Resolution | None:
    """Add a part of day to a day-level value: 2023-05-03 -> 2023-05-03TMO (the day stays a prefix)."""
    if res is None or not pod_word:
        return res
    code = lx.PARTS_OF_DAY.get(pod_word.lower())
    if code is None or res.granularity != "day":
        return res
    label = f"{adj.lower()} {pod_word.lower()}" if adj else pod_word.lower()
    extra = {**res.extra, "part_of_day": label}
    if adj and adj.lower() in ("early", "small", "wee"):
        extra["mod"] = "START"
    elif adj and adj.lower() == "late":
        extra["mod"] = "END"
    return Resolution("TIME", f"{res.value}T{code}", "part_of_day", res.anchor, res.anchor_missing, extra, res.point)


def _num(text: str | None) -> float | None:
    return lx.parse_number(text) if text else None


# ---------------------------------------------------------------- handlers
def h_iso(m: re.Match[str], a: Anchors) -> Resolution | None:
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _absolute(d, "day") if d else None


def h_numeric(m: re.Match[str], a: Anchors) -> Resolution | None:
    got = parse_absolute(m.group(0))
    if got is None:
        return None
    d, gran = got
    return _absolute(d, gran)


def h_mdy(m: re.Match[str], a: Anchors) -> Resolution | None:
    month = lx.month_number(m["mon"])
    day = int(re.match(r"\d+", m["d"]).group(0))  # type: ignore[union-attr]
    if month is None:
        return None
    if m["y"]:
        # An explicit date is the library's job (dateparser); ours is the fallback if it declines.
        got = parse_absolute(f"{m['mon']} {day} {m['y']}")
        if got is not None:
            return _absolute(got[0], "day")
    weekday = lx.weekday_number(m["wd"]) if m["wd"] else None
    return _month_day_year(month, day, m["y"], a, weekday=weekday)


def h_month_year(m: re.Match[str], a: Anchors) -> Resolution | None:
    month = lx.month_number(m["mon"])
    if month is None:
        return None
    d = dt.date(int(m["y"]), month, 1)
    res = _absolute(d, "month")
    if mod := _mod(m["mod"]):
        res.extra["mod"] = mod
    return res


def h_month(m: re.Match[str], a: Anchors) -> Resolution | None:
    month = lx.month_number(m["mon"])
    if month is None:
        return None
    rel = (m["rel"] or "").lower() or None
    res = _month_only(month, a, rel)
    if res and (mod := _mod(m["mod"])):
        res.extra["mod"] = mod
    return res


def _half(mod_text: str | None) -> int | None:
    """'the first half of' -> 1, 'the second half of' -> 2 (TIMEX3 writes halves as 2008-H2)."""
    w = re.sub(r"\s+", " ", (mod_text or "").lower())
    return 1 if "first half" in w else 2 if "second half" in w else None


def h_mod_year(m: re.Match[str], a: Anchors) -> Resolution | None:
    d = dt.date(int(m["y"]), 1, 1)
    if half := _half(m["mod"]):
        d = dt.date(d.year, 1 if half == 1 else 7, 1)
        return Resolution("DATE", f"{d.year:04d}-H{half}", "half_year", None, point=d)
    return _absolute(d, "year", mod=_mod(m["mod"]))


def h_year_span(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'2022-23', '1955–2011', '2022/23': a span of years (a '2010-11' that reads as a month stays one)."""
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
    if len(m["y2"]) == 2 and y2 != y1 + 1:
        if m["sep"] == "-" and 1 <= int(m["y2"]) <= 12:
            return _absolute(dt.date(y1, int(m["y2"]), 1), "month")  # ISO year-month
        return None
    if y2 <= y1:
        return None
    return Resolution("DURATION", f"P{y2 - y1}Y", "year", None, extra={"range_start": str(y1), "range_end": str(y2)})


def h_year(m: re.Match[str], a: Anchors) -> Resolution | None:
    return _absolute(dt.date(int(m["y"]), 1, 1), "year")


def h_decade(m: re.Match[str], a: Anchors) -> Resolution | None:
    if m["dec"]:
        start = int(m["dec"]) * 10
    else:  # "the '90s": the latest such decade that has begun by the article date
        if a.dct is None:
            return Resolution("DATE", f"XX{m['d2']}", "decade", "DCT", anchor_missing=True)
        start = 2000 + int(m["d2"]) * 10
        if start > a.dct.year:
            start -= 100
        res = _absolute(dt.date(start, 1, 1), "decade")
        res.anchor = "DCT"
        return res
    res = _absolute(dt.date(start, 1, 1), "decade")
    if mod := _mod(m["mod"]):
        res.extra["mod"] = mod
    return res


_ORDINAL_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21, "eighteenth": 18}


def h_century(m: re.Match[str], a: Anchors) -> Resolution | None:
    n = int(m["n"]) if m["n"] else _ORDINAL_WORDS.get(re.sub(r"\s+", " ", m["w"].lower()), 0)
    if not 1 <= n <= 21:
        return None
    return _absolute(dt.date((n - 1) * 100 or 1, 1, 1), "century")


def h_fiscal(m: re.Match[str], a: Anchors) -> Resolution | None:
    y = m["y"].lstrip("'")
    year = int(y) if len(y) == 4 else 2000 + int(y)
    return Resolution("DATE", f"FY{year}", "year", None, point=dt.date(year, 1, 1))


_QN = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def h_quarter(m: re.Match[str], a: Anchors) -> Resolution | None:
    q = _QN.get((m["q"] or "").lower()) or (int(m["qn"]) if m["qn"] else None)
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


def h_rel_quarter(m: re.Match[str], a: Anchors) -> Resolution | None:
    rel = m["rel"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "latest": -1, "next": 1, "coming": 1}.get(rel, 0)
    return _from_dct(a, "quarter", lambda d: shift(d, step, "quarter"))


def h_season(m: re.Match[str], a: Anchors) -> Resolution | None:
    code = lx.SEASONS[m["s"].lower()]
    rel = re.sub(r"^the\s+", "", (m["rel"] or "").lower())
    mod = _mod(rel) if rel in ("early", "late", "mid") else None
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


def h_weekday(m: re.Match[str], a: Anchors) -> Resolution | None:
    wd = lx.weekday_number(m["wd"])
    if wd is None:
        return None
    rel = (m["rel"] or "").lower() or None
    if a.dct is None:
        res = Resolution("DATE", f"XXXX-WXX-{wd + 1}", "day", "DCT", anchor_missing=True)
    else:
        d = _weekday_date(a.dct, wd, a.tense, rel)
        res = Resolution("DATE", d.isoformat(), "day", "DCT", point=d)
    if (wmod := (m["wmod"] or "").lower()) in ("early", "late"):  # "late Monday": the day, and where in it
        res.extra["mod"] = "START" if wmod == "early" else "END"
    return _with_pod(res, m["pod"])


def h_pod_of(m: re.Match[str], a: Anchors) -> Resolution | None:
    inner = normalize(m["inner"], a)
    return _with_pod(inner, m["pod"], m["adj"])


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def h_relday(m: re.Match[str], a: Anchors) -> Resolution | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    step = _DAY_WORDS.get(w, -2 if "yesterday" in w else 2)
    res = _from_dct(a, "day", lambda d: d + dt.timedelta(days=step))
    if w == "tonight":
        return _with_pod(res, "night")
    return _with_pod(res, m["pod"])


def h_this_pod(m: re.Match[str], a: Anchors) -> Resolution | None:
    step = -1 if m["rel"].lower() == "last" else 0
    return _with_pod(_from_dct(a, "day", lambda d: d + dt.timedelta(days=step)), m["pod"])


def h_clock(m: re.Match[str], a: Anchors) -> Resolution | None:
    hour = int(m["h"])
    minute = int(m["mi"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    utc = (m["tz"] or "").upper() in ("UTC", "GMT", "Z")
    offset = dt.timedelta()
    if utc and m["off"]:
        sign = -1 if "-" in m["off"] else 1
        offset = sign * dt.timedelta(hours=int(m["off"].strip("+- ")), minutes=int(m["offm"] or 0))
    base = a.local or None
    if base is None and a.dct is None:
        return Resolution(
            "TIME",
            f"XXXX-XX-XXT{hour:02d}:{minute:02d}" + ("Z" if utc and not m["off"] else ""),
            "minute",
            "DCT",
            anchor_missing=True,
        )
    day = base.date if base is not None else a.dct
    assert day is not None
    # a local time with a stated UTC offset is written in UTC (the day may change)
    stamp = dt.datetime.combine(day, dt.time(hour, minute)) - offset
    # strftime("%Y") does not zero-pad years before 1000 on glibc; isoformat does
    value = stamp.isoformat(timespec="minutes") + ("Z" if utc else "")
    return Resolution("TIME", value, "minute", base.id if base is not None else "DCT", point=stamp.date())


_REF_WORDS = {
    # "now" and "currently" are left out: in news they mark aspect ("is now being made") far more
    # often than a time worth a value, and annotated corpora disagree on them.
    "PRESENT_REF": {"nowadays", "at present", "at the moment", "these days"},
    "PAST_REF": {"recently", "lately", "more recently", "the past", "in the past", "formerly", "once upon a time"},
    "FUTURE_REF": {"the future", "in the future", "in future", "the near future", "the distant future"},
}


def h_refword(m: re.Match[str], a: Anchors) -> Resolution | None:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    for value, words in _REF_WORDS.items():
        if w in words:
            return Resolution("DATE", value, None, "DCT" if a.dct else None, point=None)
    return None


def _unit_gran(unit: str) -> str:
    return {"night": "day", "fortnight": "week", "weekend": "weekend"}.get(unit, lx.UNITS[unit][2])


def h_this_unit(m: re.Match[str], a: Anchors) -> Resolution | None:
    rel = re.sub(r"\s+", " ", (m["rel"] or m["the"]).lower())
    unit = lx.unit_key(m["u"] or m["u2"])
    gran = _unit_gran(unit)
    if rel in ("the past", "the last") and unit not in ("day", "weekend"):
        return Resolution("DURATION", duration_value(1, unit), unit, None, extra={"mod": "PAST"})
    backward = ("last", "past", "the past", "the last", "this past")
    step = -1 if rel in backward else 1 if rel in ("next", "coming", "the coming") else 0
    if unit == "weekend" and rel in ("this", "the") and a.dct is not None:
        # "this weekend"/"the weekend": the one just gone in a past-tense sentence, else the coming one
        weekday = a.dct.weekday()
        step = (-1 if weekday < 5 else 0) if a.tense in ("past", "perfect") else 0
    res = _from_dct(a, gran, lambda d: shift(d, step, unit))
    return res


def h_mod_this(m: re.Match[str], a: Anchors) -> Resolution | None:
    rel = m["rel"].lower()
    unit = lx.unit_key(m["u"])
    gran = _unit_gran(unit)
    step = {"last": -1, "next": 1}.get(rel, 0)
    half = _half(m["mod"])
    if half and unit == "year":
        res = _from_dct(a, "year", lambda d: shift(d, step, unit))
        if res is not None and res.point is not None:
            res.value, res.granularity = f"{res.point.year:04d}-H{half}", "half_year"
            res.point = dt.date(res.point.year, 1 if half == 1 else 7, 1)
        return res
    res = _from_dct(a, gran, lambda d: shift(d, step, unit))
    if res is not None:
        word = m["mod"].lower()
        res.extra["mod"] = {"earlier": "START", "later": "END"}.get(word.split()[0], _mod(word))
    return res


_BACKWARD = {"ago", "earlier", "before", "previously", "back", "prior", "since"}
_FROM_DCT = {"ago", "hence", "from now", "back"}


def h_ago(m: re.Match[str], a: Anchors) -> Resolution | None:
    res = _ago(m, a)
    if res is not None and (mod := _DURATION_MODS.get(re.sub(r"\s+", " ", (m["mod"] or "").lower()))):
        res.extra["mod"] = mod
    return res


def _ago(m: re.Match[str], a: Anchors) -> Resolution | None:
    word = re.sub(r"\s+", " ", m["dir"].lower())
    unit = lx.unit_key(m["u"])
    n = None if re.fullmatch(VAGUE, m["n"], re.I) else _num(m["n"])
    if n is None and word == "ago":
        return Resolution("DATE", "PAST_REF", None, "DCT" if a.dct else None)  # "several months ago"
    if n is None or lx.UNITS[unit][1]:
        return None  # hours are below a date's resolution
    sign = -1 if word in _BACKWARD else 1
    gran = _unit_gran(unit)
    if gran == "weekend":
        gran = "week"
    if word in _FROM_DCT:
        return _from_dct(a, gran, lambda d: shift(d, sign * n, unit))
    return _from_ref(a, unit, gran if gran != "week" else "day", lambda d: shift(d, sign * n, unit))


def h_offset_anchored(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'four days prior to the big day': the inner time, moved by the amount."""
    n = _num(m["n"])
    unit = lx.unit_key(m["u"])
    if n is None or lx.UNITS[unit][1]:
        return None
    inner = normalize(m["inner"], a)
    if inner is None:
        return None
    sign = -1 if m["dir"].lower().split()[0] in ("prior", "before", "ahead", "earlier") else 1
    if inner.point is None or inner.anchor_missing:
        return Resolution("DATE", unknown_value("day"), "day", inner.anchor, True)
    d = shift(inner.point, sign * n, unit)
    gran = "day" if inner.granularity in ("day", "part_of_day", "minute") else (inner.granularity or "day")
    return Resolution("DATE", format_date(d, gran), gran, inner.anchor, point=d, extra={"offset_of": inner.value})


def h_anaphor(m: re.Match[str], a: Anchors) -> Resolution | None:
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
    return _with_pod(res, pod)


_MONEY_BEFORE = re.compile(
    rf"(?:\d|\b(?:{lx.NUMBER_WORD}|million|billion|trillion|percent|dollars?|euros?|pounds?|times|once|twice))\s*$"
    r"|%\s*$"
)
_DURATION_MODS = {
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


def h_duration(m: re.Match[str], a: Anchors) -> Resolution | None:
    unit = lx.unit_key(m["u"])
    quant = m["n"]
    n = _num(quant) if quant and not re.fullmatch(VAGUE, quant, re.I) else None
    if quant and re.fullmatch(r"a\s+couple\s+of", quant, re.I):
        n = 2
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
        gran = _unit_gran(unit)
        return _from_dct(a, gran if gran != "weekend" else "week", lambda d: shift(d, n, unit))
    extra: dict[str, Any] = {}
    if pre in _DURATION_MODS:
        extra["mod"] = _DURATION_MODS[pre]
    adjectival = "-" in m.string[m.end("n") : m.start("u")] and not m["u"].lower().endswith("s")
    if m["long"] or adjectival or pre.startswith("the past") or pre.startswith("the last") or a.before.endswith("for "):
        extra["ongoing_candidate"] = True
    return Resolution("DURATION", duration_value(n, unit), unit, None, extra=extra)


def h_vague_duration(m: re.Match[str], a: Anchors) -> Resolution | None:
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


def h_set(m: re.Match[str], a: Anchors) -> Resolution | None:
    if m["adv"]:
        unit = _ADVERB_SETS[m["adv"].lower()]
        return Resolution("SET", duration_value(1, unit), unit, None, extra={"quant": "EACH"})
    extra: dict[str, Any] = {"quant": (m["q"] or "each").upper()}
    word = m["u"]
    n = 2 if (m["n"] or "").lower() == "other" else (_num(m["n"]) if m["n"] else 1)
    if m["times"]:
        extra["freq"] = m["times"].lower()
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


_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "may day": (5, 1),
    "valentine's day": (2, 14),
}


def h_holiday(m: re.Match[str], a: Anchors) -> Resolution | None:
    key = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    month, day = _HOLIDAYS[key]
    return _month_day_year(month, day, m["y"], a)


# ---------------------------------------------------------------- the rule table (order = priority on ties)
_F = re.IGNORECASE


def _r(name: str, pattern: str, handler: Handler, needs_context: bool = False) -> Rule:
    # Anchored at a word start: the engine then skips most positions at once (5x faster scans).
    return Rule(name, re.compile(rf"(?<!\w)(?:{pattern})", _F), handler, needs_context)


RULES: list[Rule] = [
    _r(
        "offset_anchored",
        rf"(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?P<dir>prior\s+to|before|after|following|ahead\s+of|earlier\s+than"
        rf"|later\s+than)\s+(?P<inner>{INNER})",
        h_offset_anchored,
    ),
    _r(
        "pod_of",
        rf"(?:the\s+)?(?:(?P<adj>early|late|small|wee)\s+)?(?P<pod>hours|{POD})\s+of\s+(?P<inner>{INNER})",
        h_pod_of,
    ),
    _r("iso", r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])", h_iso),
    _r("numeric", r"(?<![\d/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])", h_numeric),
    _r(
        "mdy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?:the\s+)?(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?{_NO_QUANT}",
        h_mdy,
    ),
    _r(
        "dmy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
        h_mdy,
    ),
    _r("month_year", rf"(?:(?P<mod>{MOD})[-\s]+)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})", h_month_year),
    _r(
        "holiday",
        rf"(?P<h>{HOLIDAY})"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
        h_holiday,
    ),
    _r("year_span", rf"(?P<y1>{YEAR})\s*(?P<sep>[-–/])\s*(?P<y2>\d{{2}}|{YEAR})(?![\d-])", h_year_span),
    _r("mod_year", rf"(?P<mod>{MOD})[-\s]+(?P<y>{YEAR})", h_mod_year),
    _r(
        "decade",
        r"(?:the\s+)?(?:(?P<mod>early|mid|late)[-\s]+)?(?:(?P<dec>(?:1[0-9]|20)[0-9])0['’]?s|['’](?P<d2>\d)0s)(?!\w)",
        h_decade,
    ),
    _r(
        "century",
        r"(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>nineteenth|twentieth|twenty[-\s]first|eighteenth))"
        r"[-\s]+century",
        h_century,
    ),
    _r("fiscal", rf"(?:fiscal(?:\s+year)?|(?-i:FY))\s*(?P<y>{YEAR}|'\d{{2}})", h_fiscal),
    _r(
        "quarter",
        r"(?:the\s+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?:fiscal[-\s]+)?quarter"
        rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{YEAR})|(?P<rel>this|last|next|the)\s+year))?"
        rf"|(?-i:Q)(?P<qn>[1-4])\s*(?P<y2>{YEAR}))",
        h_quarter,
    ),
    _r(
        "rel_quarter",
        r"(?:the\s+)?(?P<rel>last|past|previous|latest|next|coming|this|current)\s+quarter(?!s)",
        h_rel_quarter,
    ),
    _r(
        "season",
        rf"(?:(?P<rel>this|last|next|the\s+coming|the\s+past|past|coming|early|late|mid)[-\s]+)?"
        rf"(?P<s>{lx.SEASON_RE})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?(?!\w)",
        h_season,
        needs_context=True,
    ),
    _r(
        "weekday",
        rf"(?:(?P<wmod>early|late|earlier|later)\s+)?(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?P<pod>{POD}))?",
        h_weekday,
    ),
    _r(
        "relday",
        r"(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
        rf"(?:\s+(?P<pod>{POD}))?(?!['’]s)",
        h_relday,
    ),
    _r("this_pod", rf"(?P<rel>this|last)\s+(?P<pod>{POD})", h_this_pod),
    _r(
        "clock",
        r"(?<![\d:.$])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)"
        r"(?:\s*\(?(?P<tz>UTC|GMT)(?:\s*(?P<off>[+-]\s*\d{1,2})(?::?(?P<offm>\d{2}))?)?\)?)?",
        h_clock,
    ),
    _r(
        "clock24",
        r"(?<![\d:.$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s*(?P<tz>UTC|GMT|Z)\b)?(?P<ampm>)(?P<off>)(?P<offm>)",
        h_clock,
    ),
    _r("noon", r"(?P<w>noon|midday|midnight)(?!\w)", lambda m, a: h_noon(m, a)),
    _r(
        "year_end",
        r"(?:year['’]s\s+end|(?-i:year-end)|the\s+end\s+of\s+the\s+year)(?!\w)",
        lambda m, a: h_year_end(m, a),
    ),
    _r(
        "ago",
        r"(?:(?P<mod>less\s+than|more\s+than|almost|nearly|about|around|over|some|just|only|roughly|approximately)\s+)?"
        rf"(?P<n>{NUM}|{VAGUE})\s+(?P<u>{UNIT})\s+(?P<dir>ago|hence|from\s+now|earlier|later|afterwards?|back|previously"
        # "before"/"after" followed by a clause ("two days before the launch") make a duration, not a date
        r"|(?:before|after)(?=\s*(?:[,.;:)]|$|and\b|but\b)))(?!\s+(?:than|to|of)\b)",
        h_ago,
    ),
    _r("anaphor", ANAPH, h_anaphor),
    _r(
        "mod_this",
        r"(?P<mod>earlier|later|early|late|the\s+(?:beginning|start|end|middle|rest|remainder|first\s+half|"
        r"second\s+half)\s+of)[-\s]+(?P<rel>this|last|next|the)\s+(?P<u>week|month|year|decade|century)",
        h_mod_this,
    ),
    _r(
        "this_unit",
        r"(?P<rel>this\s+past|this|last|next|coming|the\s+coming|past|the\s+past|the\s+last|current|the\s+current)\s+"
        r"(?P<u>week|weekend|month|year|decade|century)(?![-\w])|(?P<the>the)\s+(?P<u2>weekend)(?![-\w])",
        h_this_unit,
    ),
    _r(
        "month",
        rf"(?:(?P<mod>{MOD})[-\s]+|(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>{MONTH})",
        h_month,
        needs_context=True,
    ),
    _r(
        "set",
        rf"(?:(?P<times>once|twice|thrice|(?:\d+|{lx.NUMBER_WORD})\s+times)\s+(?:a|an|per|each|every)\s+"
        rf"(?P<u2>{UNIT1}))|(?P<q>every|each|per)\s+(?:(?P<n>{NUM}|other)\s+)?(?P<u>{UNIT}|{WEEKDAY}|"
        rf"{lx.SEASON_RE}|{POD})(?!\w)|(?P<adv>(?-i:[Aa]nnual|[Aa]nnually|[Yy]early|[Dd]aily|[Nn]ightly|[Ww]eekly|[Mm]onthly|[Qq]uarterly"
        r"|hourly))(?!\w)",
        lambda m, a: h_set_dispatch(m, a),
    ),
    _r(
        "duration",
        r"(?:(?P<mod>almost|nearly|about|around|approximately|roughly|some|over|under|more\s+than|less\s+than|"
        r"at\s+least|at\s+most|up\s+to|the\s+(?:past|last|next|first|coming|previous|following|final|remaining))\s+)?"
        rf"(?P<n>{NUM}|{VAGUE})[-\s]+(?P<u>{UNIT})(?P<long>[-\s]+long)?(?![-\w]*-old)(?!\w)",
        h_duration,
    ),
    _r(
        "vague_duration",
        r"(?:(?:over|for|in)\s+)?(?:the\s+)?(?:(?:past|last|coming|recent)\s+)?"
        r"(?P<u>minutes|hours|days|weeks|months|years|decades|centuries)(?:-long)?(?=\s|[,.;:)]|$)",
        h_vague_duration,
        needs_context=True,
    ),
    _r(
        "refword",
        r"(?:nowadays|at\s+present|at\s+the\s+moment|these\s+days|more\s+recently|"
        r"recently(?!\s+as\b)|lately|the\s+past|the\s+(?:near\s+|distant\s+)?future|in\s+future)(?!\w)",
        h_refword,
    ),
    _r("year", rf"(?P<y>{YEAR})(?!\s*(?:%|percent|per\s*cent)|[-–/.]\d|,\d)", h_year, needs_context=True),
]


def h_noon(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'noon', 'midnight': a clock time on the day the sentence named (else the article date)."""
    clock = "T00:00" if m["w"].lower() == "midnight" else "T12:00"
    base = a.local
    if base is not None:
        return Resolution("TIME", base.date.isoformat() + clock, "minute", base.id, point=base.date)
    if a.dct is None:
        return Resolution("TIME", "XXXX-XX-XX" + clock, "minute", "DCT", anchor_missing=True)
    return Resolution("TIME", a.dct.isoformat() + clock, "minute", "DCT", point=a.dct)


def h_year_end(m: re.Match[str], a: Anchors) -> Resolution | None:
    res = _from_dct(a, "year", lambda d: d)
    if res is not None:
        res.extra["mod"] = "END"
    return res


def h_set_dispatch(m: re.Match[str], a: Anchors) -> Resolution | None:
    if m["times"]:
        unit = lx.unit_key(m["u2"])
        return Resolution(
            "SET", duration_value(1, unit), unit, None, extra={"quant": "EACH", "freq": m["times"].lower()}
        )
    return h_set(m, a)


RULES_BY_NAME = {r.name: r for r in RULES}

# "the" and prepositions a caller may leave on a phrase ("on May 3", "back in 1945").
_LEADING = re.compile(
    r"^(?:(?:back|as\s+(?:recently|early|late)\s+as|since|in|on|at|by|until|till|from|during|of|for|"
    r"before|after|around|circa)\s+)+",
    re.I,
)


def normalize(text: str, anchors: Anchors) -> Resolution | None:
    """Normalize one phrase (e.g. an expression spaCy found, or a test-table entry).

    The whole phrase must match a rule; otherwise dateparser gets a chance at absolute dates.
    Never raises: unparsable input gives None.
    """
    phrase = re.sub(r"\s+", " ", text).strip().strip(",.;:")
    phrase = _LEADING.sub("", phrase)
    if not phrase:
        return None
    for rule in RULES:
        m = rule.regex.fullmatch(phrase)
        if m is None:
            continue
        try:
            res = rule.handler(m, anchors)
        except (ValueError, OverflowError, KeyError):
            res = None
        if res is not None:
            return res
    if phrase.lower().startswith("the ") and len(phrase) > 4:
        return normalize(phrase[4:], anchors)
    return _dateparser_fallback(phrase, anchors)


# ---------------------------------------------------------------- dateparser: absolute dates
_HAS_DATE_WORD = re.compile(r"\d|" + MONTH)


def _dateparser_fallback(phrase: str, a: Anchors) -> Resolution | None:
    if not _HAS_DATE_WORD.search(phrase) or len(phrase) > 40:
        return None  # pre-filter: dateparser is slow and over-eager on words without a date in them
    if not re.search(r"\d{4}", phrase) or re.search(r"\b(?:and|or|to)$|[-–]$", phrase):
        return None  # only absolute dates (relative ones are ours to anchor), and no dangling list
    got = parse_absolute(phrase)
    if got is None or not 1000 <= got[0].year <= 2199:
        return None
    d, gran = got
    return _absolute(d, gran)


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
