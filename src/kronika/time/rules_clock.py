"""Clock times on the day they belong to: "6:40 p.m.", "18:00 UTC", "1800 GMT", "10:30 BST Tuesday",
"9 p.m. (GMT+3)", "a quarter before 11 a.m.", "half past ten", noon and midnight.

Which day: one named with the time ("09:30 GMT Tuesday"), one named right after it ("7:45 p.m. on
Friday", found by the resolver and passed as ``Anchors.day_after``), one named earlier in its
sentence, else the day the narrative is on (the last day the text named, if within a week of the
article date), else the article date. The small hours after a night ("Monday
night, at 2 a.m.", "overnight into Tuesday ... 2 a.m.") fall on the next calendar day. A time with
a zone (an abbreviation or a UTC offset) is written in UTC with ``Z``; "local time" stays local.
Zone abbreviations and their offsets come from dateparser's table rather than a list of our own.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from kronika.time import lexicon as lx
from kronika.time.resolution import Anchors, RefTime, Resolution
from kronika.time.rules_calendar import month_day_year
from kronika.time.rules_relative import weekday_date
from kronika.time.values import format_date


@lru_cache(maxsize=1)
def zone_offsets() -> dict[str, int]:
    """Zone abbreviation -> offset from UTC in seconds (dateparser's table; UTC, GMT and Z are 0)."""
    from dateparser.timezones import timezone_info_list

    out: dict[str, int] = {}
    for group in timezone_info_list:
        for entry in group["timezones"]:
            name, seconds = str(entry[0]), int(entry[1])
            if re.fullmatch(r"[A-Z]{2,5}", name):
                out.setdefault(name, seconds)
    return out | {"UTC": 0, "GMT": 0, "Z": 0}


def zone_pattern() -> str:
    """Case-sensitive alternation of the zone abbreviations, longest first."""
    names = sorted(zone_offsets(), key=len, reverse=True)
    return rf"(?-i:{'|'.join(names)})(?![\w])"


_APPROX = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "circa": "APPROX"}
_SMALL_HOURS = 6  # a time before 6 a.m. after a named night falls on the next day


def _hour_24(hour: int, ampm: str | None) -> int | None:
    """The hour on a 24-hour clock, or None for one that does not exist."""
    ampm = (ampm or "").lower().replace(".", "").strip()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour if 0 <= hour <= 23 else None


def _offset(m: re.Match[str]) -> tuple[dt.timedelta, bool]:
    """The zone's offset from UTC, and whether the time had a zone at all."""
    tz = m["tz"]
    if not tz:
        return dt.timedelta(), False
    seconds = zone_offsets().get(tz.upper(), 0)
    if m["off"]:
        sign = -1 if "-" in m["off"] else 1
        seconds += sign * (int(m["off"].strip("+- ")) * 3600 + int(m["offm"] or 0) * 60)
    return dt.timedelta(seconds=seconds), True


def _named_day(m: re.Match[str], a: Anchors) -> tuple[dt.date | None, str | None]:
    """A weekday written with the time ("09:30 GMT Tuesday"), resolved like any weekday."""
    if not m.groupdict().get("wd2"):
        return None, None
    wd = lx.weekday_number(m["wd2"])
    if wd is None or a.dct is None:
        return None, f"XXXX-WXX-{wd + 1}" if wd is not None else None
    return weekday_date(a.dct, wd, a.tense, None), None


# How far the day the narrative is on may lie from the article date for a clock time to take it.
_NARRATIVE_DAYS = 7


def _narrative_day(a: Anchors) -> RefTime | None:
    """The last day the text named, if it is near the article date (a news story's day, not history)."""
    if a.ref is None or a.dct is None:
        return a.ref
    return a.ref if abs((a.dct - a.ref.date).days) <= _NARRATIVE_DAYS else None


def clock_at(hour: int, minute: int, m: re.Match[str], a: Anchors, mod: str | None = None) -> Resolution:
    """A clock time on its day (see the module docstring), written in UTC when a zone was given."""
    offset, zoned = _offset(m)
    named, vague_named = _named_day(m, a)
    base: RefTime | None = a.day_after or a.local or _narrative_day(a)
    extra = {"mod": mod} if mod else {}
    if named is not None:
        day, anchor = named, "DCT"
    elif base is not None:
        day, anchor = base.date, base.id
        if base.night and hour < _SMALL_HOURS:
            day += dt.timedelta(days=1)
    elif a.dct is not None:
        day, anchor = a.dct, "DCT"
    else:
        prefix = vague_named or a.vague_day or "XXXX-XX-XX"
        zone = "Z" if zoned and not offset else ""
        return Resolution("TIME", f"{prefix}T{hour:02d}:{minute:02d}{zone}", "minute", "DCT", True, extra)
    stamp = dt.datetime.combine(day, dt.time(hour, minute)) - offset
    # strftime("%Y") does not zero-pad years before 1000 on glibc; isoformat does
    value = stamp.isoformat(timespec="minutes") + ("Z" if zoned else "")
    return Resolution("TIME", value, "minute", anchor, extra=extra, point=stamp.date())


def clock_time(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'6:40 p.m.', '18:00 UTC', '1800 GMT', 'about 9 p.m. (GMT+3) Friday'."""
    hour = _hour_24(int(m["h"]), m["ampm"])
    if hour is None:
        return None
    mod = _APPROX.get((m.groupdict().get("approx") or "").lower())
    return clock_at(hour, int(m["mi"] or 0), m, a, mod)


_FRACTIONS = {"quarter": 15, "a quarter": 15, "half": 30}


def clock_words(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'a quarter before 11 a.m.', 'half past ten', 'twenty minutes to nine', "ten o'clock"."""
    h = (m["h"] or m["h2"]).lower()
    hour24 = _hour_24(int(h) if h.isdigit() else lx.ONES.get(h, 99), m["ampm"] or m["ampm2"])
    if hour24 is None:
        return None
    frac = re.sub(r"\s+", " ", (m["frac"] or "").lower())
    minutes = _FRACTIONS.get(frac) or int(lx.parse_number(re.sub(r"\s*minutes?$", "", frac)) or 0) if frac else 0
    if not 0 <= minutes < 60:
        return None
    total = hour24 * 60 + (-minutes if (m["rel"] or "").lower() in ("before", "to") else minutes)
    total %= 24 * 60
    return clock_at(total // 60, total % 60, m, a)


def noon_or_midnight(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'noon', 'midnight': a clock time on the day the sentence named (else the article date)."""
    clock = "T00:00" if m["w"].lower() == "midnight" else "T12:00"
    base = a.local
    if base is not None:
        return Resolution("TIME", base.date.isoformat() + clock, "minute", base.id, point=base.date)
    if a.dct is None:
        return Resolution("TIME", "XXXX-XX-XX" + clock, "minute", "DCT", anchor_missing=True)
    return Resolution("TIME", a.dct.isoformat() + clock, "minute", "DCT", point=a.dct)


def night_into(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'overnight into Tuesday', 'the night of Monday to Tuesday': the night that ends on that day."""
    wd = lx.weekday_number(m["wd"])
    if wd is None:
        return None
    extra = {"part_of_day": "night"}
    month_word, day_text = m["mon"] or m["mon2"], m["d"] or m["d2"]
    if month_word and day_text and (month := lx.month_number(month_word)):
        digits = re.match(r"\d+", day_text)
        date = month_day_year(month, int(digits.group(0)), m["y"], a, weekday=wd) if digits else None
        if date is None or date.point is None:
            return None
        day = date.point - dt.timedelta(days=1)
        return Resolution("TIME", f"{format_date(day, 'day')}TNI", "part_of_day", date.anchor, extra=extra, point=day)
    if a.dct is None:
        return Resolution("TIME", f"XXXX-WXX-{(wd - 1) % 7 + 1}TNI", "part_of_day", "DCT", anchor_missing=True)
    day = weekday_date(a.dct, wd, a.tense, None) - dt.timedelta(days=1)
    return Resolution("TIME", f"{format_date(day, 'day')}TNI", "part_of_day", "DCT", extra=extra, point=day)
