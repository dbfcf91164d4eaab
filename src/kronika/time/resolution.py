"""What a time rule works with: the anchors a phrase is resolved against, and the value it resolves to.

Every rule family (``rules_calendar``, ``rules_relative``, ``rules_clock``, ``rules_span``) takes a
regex match and :class:`Anchors` and returns a :class:`Resolution` (or ``None``: not a time after
all). The helpers here are the ways a value gets its anchor: absolute, from the article date (DCT),
or from the time the text named last.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kronika.time import lexicon as lx
from kronika.time.values import format_date, unknown_value


@dataclass(frozen=True)
class RefTime:
    """A time the text has already named, that later phrases can refer back to."""

    id: str
    date: dt.date
    granularity: str
    night: bool = False  # the time named was a night ("Monday night"): its small hours are the next day


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
    day_after: RefTime | None = None  # a day named right after the phrase ("7:45 p.m. on Friday")
    vague_day: str | None = None  # without an article date, the underspecified day last named ("XXXX-WXX-5")

    def ref_for(self, unit: str) -> RefTime | None:
        """What "N <unit>s later" counts from: "a year later" follows "in 1984", "a day later" a day."""
        if unit in ("year", "decade", "century"):
            return self.ref_year or self.ref_month or self.ref
        if unit in ("month", "quarter", "season"):
            return self.ref_month or self.ref
        return self.ref


@dataclass
class Resolution:
    """A phrase's TIMEX3 reading: type, value, granularity, anchor, and extras (mod, range ends...)."""

    type: str  # DATE | TIME | DURATION | SET
    value: str
    granularity: str | None
    anchor: str | None = None  # None (absolute) | "DCT" | a RefTime id
    anchor_missing: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    point: dt.date | None = None  # the (first) day the value denotes, for later anaphora and arithmetic


Handler = Callable[[re.Match[str], Anchors], "Resolution | None"]


def absolute(d: dt.date, gran: str, **extra: Any) -> Resolution:
    """A date the phrase fixes by itself ("May 9, 2023")."""
    return Resolution("DATE", format_date(d, gran), gran, None, point=d, extra=dict(extra))


def from_dct(a: Anchors, gran: str, fn: Callable[[dt.date], dt.date | None], typ: str = "DATE") -> Resolution | None:
    """A value computed from the article date, or a flagged X-value when there is none."""
    if a.dct is None:
        return Resolution(typ, unknown_value(gran), gran, "DCT", anchor_missing=True)
    d = fn(a.dct)
    if d is None:
        return None
    return Resolution(typ, format_date(d, gran), gran, "DCT", point=d)


def from_ref(
    a: Anchors, unit: str, gran: str, fn: Callable[[dt.date], dt.date], *, fallback_dct: bool = True
) -> Resolution | None:
    """A value computed from the time the text last named (or the article date if none)."""
    ref = a.ref_for(unit)
    if ref is not None:
        d = fn(ref.date)
        return Resolution("DATE", format_date(d, gran), gran, ref.id, point=d)
    if fallback_dct:
        return from_dct(a, gran, fn)
    return None


def mod_of(word: str | None) -> str | None:
    """TIMEX3 ``mod`` of a modifier word: early -> START, late/the end of -> END, mid -> MID."""
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


def with_part_of_day(res: Resolution | None, pod_word: str | None, adj: str | None = None) -> Resolution | None:
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


def number(text: str | None) -> float | None:
    """A spelled-out or written quantity ('fourteen and a half'), None when absent or vague."""
    return lx.parse_number(text) if text else None


def unit_granularity(unit: str) -> str:
    """The granularity a date counted in ``unit`` has ('night' counts days, 'fortnight' weeks)."""
    return {"night": "day", "fortnight": "week", "weekend": "weekend"}.get(unit, lx.UNITS[unit][2])
