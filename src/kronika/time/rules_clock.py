"""Clock times ("6:40 p.m.", "18:00 UTC", "9 p.m. (GMT+3)"), noon and midnight, on the day they belong to."""

from __future__ import annotations

import datetime as dt
import re

from kronika.time.resolution import (
    Anchors,
    Resolution,
)


def clock_time(m: re.Match[str], a: Anchors) -> Resolution | None:
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


def noon_or_midnight(m: re.Match[str], a: Anchors) -> Resolution | None:
    """'noon', 'midnight': a clock time on the day the sentence named (else the article date)."""
    clock = "T00:00" if m["w"].lower() == "midnight" else "T12:00"
    base = a.local
    if base is not None:
        return Resolution("TIME", base.date.isoformat() + clock, "minute", base.id, point=base.date)
    if a.dct is None:
        return Resolution("TIME", "XXXX-XX-XX" + clock, "minute", "DCT", anchor_missing=True)
    return Resolution("TIME", a.dct.isoformat() + clock, "minute", "DCT", point=a.dct)
