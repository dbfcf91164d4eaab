"""Counts analysts compare across reports: killed, injured, arrested, troops, missiles and drones
launched or shot down, sums of aid -- each with its unit and how exact the source says it is.

"At least 20 people were killed", "2,030 troops", "shot down 18 of the 20 missiles", "$1.5 billion
in military aid": the story view sets the numbers outlets give side by side (7 dead in one report,
5 in another). Written as patterns over the evidence sentence rather than the parse because
the phrasings are few and fixed, the numbers need their own reading ("2,030", "five", "1.5
billion"), and a miss costs only a missing comparison. One count per (kind, span); the kind comes
from the word the number counts or the verb it is the object of.
"""

from __future__ import annotations

import re

from kronika.record import Count

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundred": 100,
    "a dozen": 12, "dozen": 12,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
_WORDS = "|".join(sorted((re.escape(w) for w in _UNITS), key=len, reverse=True))
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_QUAL = (
    r"(?P<qual>at least|more than|over|nearly|almost|about|around|some|up to|fewer than|less than|roughly"
    r"|approximately)"
)
_NUM = rf"(?:{_QUAL}\s+)?(?P<num>{NUMBER})(?:\s+(?P<scale>thousand|million|billion|trillion))?"

# The kinds, the nouns a count of that kind counts, and the verbs whose object or subject it is.
_PEOPLE = (
    r"(?:people|persons|civilians|children|soldiers|troops|servicemen|militants|protesters|passengers"
    r"|residents|police(?:men| officers)?|officers|members|fighters|others|bodies)"
)
_KILLED = r"(?:killed|dead|died|deaths|death toll|lives|perished|fatalities|were killed|have been killed|martyred)"
_INJURED = r"(?:injured|wounded|hurt|injuries|hospitali[sz]ed)"
_ARRESTED = r"(?:arrested|detained|arrests|detentions|taken into custody|held)"
_TROOPS = (
    r"(?:troops|soldiers|servicemen|service members|peacekeepers|paratroopers|military personnel|personnel"
    r"|marines|reservists)"
)
_WEAPONS = (
    r"(?P<weapon>(?:cruise |ballistic |hypersonic |anti-ship )?(?:missiles?|rockets?|drones?|UAVs?|shells|bombs))"
)
_MONEY = r"(?P<cur>US\$|\$|€|£|USD ?|EUR ?)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "killed",
        re.compile(
            rf"{_NUM}\s+(?:[\w-]+\s+){{0,4}}?(?:were |have been |had been |are |was )?(?:all )?(?:{_KILLED})\b", re.I
        ),
    ),
    (
        "killed",
        re.compile(
            rf"\b(?:killing|killed|kills|claimed the lives of|death toll (?:rose to|of|at|stands at))\s+{_NUM}\b", re.I
        ),
    ),
    (
        "injured",
        re.compile(
            rf"{_NUM}\s+(?:[\w-]+\s+){{0,4}}?(?:were |have been |had been |are |was )?(?:all )?(?:{_INJURED})\b", re.I
        ),
    ),
    ("injured", re.compile(rf"\b(?:injuring|wounding|injured|wounded)\s+{_NUM}\b", re.I)),
    (
        "arrested",
        re.compile(
            rf"{_NUM}\s+(?:[\w-]+\s+){{0,4}}?(?:were |have been |had been |are |was )?(?:all )?(?:{_ARRESTED})\b", re.I
        ),
    ),
    ("arrested", re.compile(rf"\b(?:arrested|detained|arresting|detaining)\s+{_NUM}\b", re.I)),
    (
        "shot_down",
        re.compile(
            rf"\b(?:shot down|intercepted|downed|destroyed|neutrali[sz]ed)\s+(?:all\s+)?{_NUM}"
            rf"(?:\s+of(?:\s+the)?\s+\d+)?\s+(?:\w+\s+)?{_WEAPONS}",
            re.I,
        ),
    ),
    (
        "shot_down",
        re.compile(
            rf"{_NUM}(?:\s+of(?: the| them| these)?(?:\s+\d+)?)?\s+(?:\w+\s+)?{_WEAPONS}?\s*"
            r"(?:were |had been |have been )?(?:shot down|intercepted|downed|destroyed by air defen[cs]e)",
            re.I,
        ),
    ),
    ("launched", re.compile(rf"\b(?:launched|fired|launching|firing|used)\s+{_NUM}\s+(?:\w+\s+)?{_WEAPONS}", re.I)),
    (
        "launched",
        re.compile(rf"{_NUM}\s+(?:\w+\s+)?{_WEAPONS}\s+(?:were |had been |have been )?(?:launched|fired)", re.I),
    ),
    ("launched", re.compile(rf"\b(?:launched|fired)\s+[^.;]*?\band\s+{_NUM}\s+(?:\w+\s+)?{_WEAPONS}", re.I)),
    ("hit", re.compile(rf"{_NUM}\s+(?:\w+\s+)?{_WEAPONS}\s+(?:struck|hit|landed|exploded)", re.I)),
    ("troops", re.compile(rf"{_NUM}(?:-strong|\s+{_TROOPS}\b)", re.I)),
    (
        "aid",
        re.compile(
            rf"{_MONEY}\s?(?P<num>\d+(?:[.,]\d+)*)\s*(?P<scale>thousand|million|billion|trillion|bn|m|k)?\b", re.I
        ),
    ),
    ("aid", re.compile(rf"{_NUM}\s+(?P<cur>dollars|euros|pounds|roubles|rubles|yuan|hryvnias?)\b", re.I)),
]
_AID_WORDS = re.compile(
    r"\b(?:aid|assistance|package|loan|grant|fund(?:s|ing)?|support|donat\w+|credit|tranche)\b", re.I
)
_CURRENCY = {"$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "dollars": "USD",
             "euros": "EUR", "pounds": "GBP", "roubles": "RUB", "rubles": "RUB", "yuan": "CNY",
             "hryvnia": "UAH", "hryvnias": "UAH"}  # fmt: skip
_EXACTNESS = {
    "at least": "at_least", "more than": "more_than", "over": "more_than", "nearly": "about", "almost": "about",
    "about": "about", "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "up to": "at_most", "fewer than": "less_than", "less than": "less_than",
}  # fmt: skip


def number(text: str) -> float | None:
    """``"2,030"`` -> 2030, ``"five"`` -> 5, ``"twenty-one"`` -> 21; None for anything else."""
    t = text.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    if t in _UNITS:
        return float(_UNITS[t])
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return float(_UNITS[parts[0]] + _UNITS[parts[1]])
    return None


def _unit(kind: str, m: re.Match[str]) -> str:
    if kind == "aid":
        cur = (m.groupdict().get("cur") or "").strip()
        return _CURRENCY.get(cur, _CURRENCY.get(cur.lower(), cur or "money"))
    if kind in ("launched", "shot_down", "hit"):
        weapon = (m.groupdict().get("weapon") or "missiles").lower()
        return "drones" if re.search(r"drone|uav", weapon) else ("rockets" if "rocket" in weapon else "missiles")
    return "troops" if kind == "troops" else "people"


def counts_in(sentence: str, offset: int = 0) -> list[Count]:
    """Every count in one sentence (offsets into the record's text when ``offset`` is the sentence's start)."""
    out: list[Count] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        if kind == "aid" and not _AID_WORDS.search(sentence):
            continue  # a sum of money is aid only when the sentence says so
        for m in pattern.finditer(sentence):
            value = number(m.group("num").replace(",", "") if kind == "aid" else m.group("num"))
            if value is None or (kind != "aid" and 1800 <= value <= 2100 and "," not in m.group("num")):
                continue  # "in 2022 killed" is a year, not a count
            scale = (m.groupdict().get("scale") or "").lower()
            value *= _SCALE.get(scale, 1)
            span = m.span("num")
            if any(a <= span[0] < b for a, b in taken if kind != "aid"):
                continue
            qual = (m.groupdict().get("qual") or "").lower()
            taken.append(span)
            out.append(
                Count(
                    kind=kind,
                    value=int(value) if value.is_integer() else value,
                    unit=_unit(kind, m),
                    text=m.group(0),
                    start=offset + m.start(),
                    end=offset + m.end(),
                    exactness=_EXACTNESS.get(qual, "exact"),
                )
            )
    return sorted(out, key=lambda c: c.start)
