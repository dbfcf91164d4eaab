"""Ranges: two times joined by "to", "until" or a dash are linked as the two ends of one range
(``extra.range_start``/``range_end``), and a range written with "from ... to" or "between ... and"
is also given as a DURATION over the whole phrase (as MEANTIME annotates it), next to its two ends.
"2015-2016" or "11 am to 4 pm" stay two points: no duration is added for them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from kronika.record import Time

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*$", re.I)
_RANGE_LEAD = re.compile(r"(?:from|between)\s+$", re.I)


def range_spans(text: str, times: list[Time]) -> list[Time]:
    """'from 2009 to 2011', 'between May 7 and 9': the range itself, as a DURATION over both ends.

    Added next to (not instead of) the two end dates, which stay separate times.
    """
    out: list[Time] = []
    for a, b in itertools.pairwise(times):
        if a.type != "DATE" or b.type != "DATE" or a.granularity != b.granularity or a.anchor_missing:
            continue
        if a.granularity not in ("day", "month", "year") or not _RANGE_JOIN.fullmatch(text[a.end : b.start]):
            continue
        lead = _RANGE_LEAD.search(text, max(0, a.start - 16), a.start)
        between = text[a.end : b.start].strip().lower()
        if lead is None:
            continue  # "in 2009 and 2011" lists two dates, "2015-2016" names two years; "from ... to" spans
        if lead is not None and (between == "and") != lead.group(0).lower().startswith("between"):
            continue
        try:
            d1, d2 = (dt.date.fromisoformat(_pad(t.value)) for t in (a, b))
        except ValueError:
            continue
        if d2 <= d1:
            continue
        if a.granularity == "year":
            value = f"P{d2.year - d1.year}Y"
        elif a.granularity == "month":
            value = f"P{(d2.year - d1.year) * 12 + d2.month - d1.month}M"
        else:
            value = f"P{(d2 - d1).days + 1}D"  # "May 7 to 9" is three days: both ends count
        start = lead.start() if lead is not None else a.start
        out.append(
            Time(
                id=f"t{len(times) + len(out) + 1}",
                text=text[start : b.end],
                start=start,
                end=b.end,
                type="DURATION",
                value=value,
                anchor=a.id,
                granularity=a.granularity,
                extra={"range_start": a.id, "range_end": b.id},
            )
        )
    return out


def _pad(value: str) -> str:
    """A year or month value as a first day ('2009' -> '2009-01-01') for date arithmetic."""
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


_LINK_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through)\s*", re.I)
_BETWEEN = re.compile(r"between\s+$", re.I)


def link_ranges(text: str, times: list[Time]) -> None:
    """Mark two adjacent times of one kind joined by to/until/a dash as a range's ends (in place)."""
    ordered = sorted((t for t in times if t.type in ("DATE", "TIME")), key=lambda t: t.start)
    for a, b in itertools.pairwise(ordered):
        if "range_end" in a.extra or "range_start" in b.extra or a.granularity != b.granularity:
            continue
        gap = text[a.end : b.start]
        joined = _LINK_JOIN.fullmatch(gap) or (
            gap.strip().lower() == "and" and _BETWEEN.search(text, max(0, a.start - 16), a.start)
        )
        if joined:
            a.extra["range_end"] = b.id
            b.extra["range_start"] = a.id
