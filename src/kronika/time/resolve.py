"""From text to resolved times: detection, then normalization in reading order with anchoring.

Reading order matters: "the big day" and "four days prior to ..." refer back to the time the text
named last, and a clock time takes the day named earlier in its sentence. Durations of something
still going on ("the fourteen-and-a-half-month war ... is not going well") get the start they
imply, counted back from the narrative present (the last day named, if recent, else the article
date).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kronika.record import Time
from kronika.time.absolute import parse_absolute
from kronika.time.detect import Candidate, find_candidates
from kronika.time.lexicon import UNITS, unit_key
from kronika.time.resolution import Anchors, RefTime, Resolution
from kronika.time.rules import normalize
from kronika.time.tense import tense_at
from kronika.time.values import shift

if TYPE_CHECKING:
    from spacy.tokens import Doc

_DURATION = re.compile(r"^PT?(?P<n>[\d.]+)(?P<u>[A-Z]+)$")
_DAYLIKE = ("day", "part_of_day", "minute")
# How far back the last named day may lie and still be "now" for an ongoing duration.
_NARRATIVE_WINDOW = dt.timedelta(days=31)


@dataclass
class TimeResult:
    times: list[Time]
    dct: dt.date | None
    unresolved: int  # relative expressions left without a value for lack of an article date


def parse_dct(published: str | None) -> dt.date | None:
    """The article date as a day, from ISO (``2023-05-18``, ``2023-05-18T10:00``) or a written date."""
    if not published:
        return None
    text = str(published).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    got = parse_absolute(text) if len(text) <= 40 else None
    if got is not None and got[1] == "day":
        return got[0]
    return None


def extract_times(text: str, dct: dt.date | None, doc: Doc | None = None) -> TimeResult:
    """Every temporal expression of ``text`` as a :class:`~kronika.record.Time`, resolved against ``dct``.

    ``doc`` (the spaCy parse of ``text``) adds tense, sentence boundaries and spaCy's DATE/TIME
    entities; without it the grammar runs alone and tense is unknown.
    """
    spacy_spans: list[tuple[int, int]] = []
    sent_starts: list[int] = [0]
    if doc is not None:
        spacy_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
        sent_starts = [s.start_char for s in doc.sents] or [0]
    cands = find_candidates(text, spacy_spans)

    times: list[Time] = []
    results: list[Resolution | None] = []
    time_of: dict[int, Time] = {}  # candidate index -> the Time made from it
    ref: RefTime | None = None  # the last day named
    ref_month: RefTime | None = None  # the last time named to the month or finer
    ref_year: RefTime | None = None  # the last time named at all
    ref_sent = -1
    unresolved = 0
    for cand in cands:
        sent = bisect.bisect_right(sent_starts, cand.start) - 1
        tense = tense_at(doc, cand.start, cand.end) if doc is not None else None
        anchors = Anchors(
            dct=dct,
            tense=tense,
            ref=ref,
            local=ref if ref_sent == sent else None,
            before=text[max(0, cand.start - 30) : cand.start].lower(),
            ref_month=ref_month,
            ref_year=ref_year,
        )
        res = _resolve(cand, anchors, text, time_of, results, cands)
        results.append(res)
        if res is None:
            continue
        tid = f"t{len(times) + 1}"
        if res.type == "DURATION":
            _implied_start(res, anchors)
        else:
            res.extra.pop("ongoing_candidate", None)
        if cand.range_of is not None:
            start_time = time_of.get(cand.range_of)
            if start_time is not None:
                res.extra["range_start"] = start_time.id
                start_time.extra["range_end"] = tid
        index = len(results) - 1
        if index > 0 and cands[index - 1].range_head_of == index and (head := time_of.get(index - 1)):
            res.extra["range_start"] = head.id
            head.extra["range_end"] = tid
        if res.anchor_missing:
            unresolved += 1
        time_of[len(results) - 1] = Time(
            id=tid,
            text=text[cand.start : cand.end],
            start=cand.start,
            end=cand.end,
            type=res.type,  # type: ignore[arg-type]
            value=res.value,
            anchor=res.anchor,
            granularity=res.granularity,
            anchor_missing=res.anchor_missing,
            extra=res.extra,
        )
        times.append(time_of[len(results) - 1])
        if res.type in ("DATE", "TIME") and res.point is not None and not res.anchor_missing:
            if res.granularity in _DAYLIKE:
                ref = ref_month = ref_year = RefTime(tid, res.point, "day")
                ref_sent = sent
            elif res.granularity == "month":
                ref_month = ref_year = RefTime(tid, res.point, "month")
            elif res.granularity == "year":
                ref_year = RefTime(tid, res.point, "year")
    times.extend(_range_spans(text, times))
    times.sort(key=lambda t: (t.start, -t.end))
    return TimeResult(times, dct, unresolved)


_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*$", re.I)
_RANGE_LEAD = re.compile(r"(?:from|between)\s+$", re.I)


def _range_spans(text: str, times: list[Time]) -> list[Time]:
    """'from 2009 to 2011', 'between May 7 and 9': the range itself, as a DURATION over both ends.

    Added next to (not instead of) the two end dates, which stay separate times.
    """
    out: list[Time] = []
    for a, b in itertools.pairwise(times):
        if a.type != "DATE" or b.type != "DATE" or a.granularity != b.granularity or a.anchor_missing:
            continue
        if a.granularity not in ("day", "month", "year") or not _RANGE_JOIN.fullmatch(text[a.end : b.start]):
            continue
        lead = _RANGE_LEAD.search(text, 0, a.start)
        between = text[a.end : b.start].strip().lower()
        if lead is None and between not in ("-", "–", "—"):
            continue  # "in 2009 and 2011" lists two dates; only from/between ... makes a range
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
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def _range_head(cand: Candidate, anchors: Anchors, cands: list[Candidate]) -> Resolution | None:
    """'5' in '5-6 June': the day of the month the range's end names."""
    end = cands[cand.range_head_of]  # type: ignore[index]
    if end.rule is None or end.match is None:
        return None
    try:
        res = end.rule.handler(end.match, anchors)
    except (ValueError, OverflowError, KeyError):
        return None
    day = int(re.match(r"\d+", cand.match["d"]).group(0))  # type: ignore[index, union-attr]
    if res is None or res.point is None or res.anchor_missing or day >= res.point.day:
        return None
    d = res.point.replace(day=day)
    return Resolution("DATE", d.isoformat(), "day", res.anchor, point=d)


def _resolve(
    cand: Candidate,
    anchors: Anchors,
    text: str,
    time_of: dict[int, Time],
    results: list[Resolution | None],
    cands: list[Candidate],
) -> Resolution | None:
    if cand.range_of is not None and cand.match is not None:
        start = results[cand.range_of]
        day = int(re.match(r"\d+", cand.match["d"]).group(0))  # type: ignore[union-attr]
        if start is None or start.point is None or start.anchor_missing:
            return None
        try:
            d = start.point.replace(day=day)
        except ValueError:
            return None
        if d < start.point:
            return None
        start_time = time_of.get(cand.range_of)
        return Resolution("DATE", d.isoformat(), "day", start_time.id if start_time else start.anchor, point=d)
    if cand.range_head_of is not None and cand.match is not None:
        return _range_head(cand, anchors, cands)
    if cand.rule is None:
        return normalize(text[cand.start : cand.end], anchors)
    try:
        return cand.rule.handler(cand.match, anchors)  # type: ignore[arg-type]
    except (ValueError, OverflowError, KeyError):
        return None  # a date that does not exist (February 30): no value rather than a crash


def _implied_start(res: Resolution, anchors: Anchors) -> None:
    """For a duration of something still going on, record when it started."""
    ongoing = res.extra.pop("ongoing_candidate", False)
    if not ongoing or anchors.tense not in ("present", "perfect"):
        return
    m = _DURATION.match(res.value)
    unit = res.granularity and unit_key(res.granularity)
    if m is None or unit not in UNITS or UNITS[unit][1]:
        return
    n = float(m["n"])
    if unit in ("decade", "century", "quarter", "season"):  # the value was converted to years/months
        unit = "year" if m["u"] == "Y" else "month"
    now, anchor = anchors.dct, "DCT"
    ref, dct = anchors.ref, anchors.dct
    if ref is not None and dct is not None and dct - _NARRATIVE_WINDOW <= ref.date <= dct:
        now, anchor = ref.date, ref.id
    if now is None:
        return
    try:
        start = shift(now, -n, unit)
    except (ValueError, OverflowError):
        return  # "for 3000 years": before the calendar's first year, no start to give
    res.extra["implied_start"] = start.isoformat()
    res.extra["implied_end"] = now.isoformat()
    res.extra["implied_anchor"] = anchor
    res.extra["approximate"] = True
