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
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kronika.record import Time
from kronika.time.absolute import parse_absolute
from kronika.time.detect import Candidate, find_candidates
from kronika.time.lexicon import UNITS, unit_key
from kronika.time.ranges import link_ranges, range_spans
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
    reader = _Reader(text, dct, doc, cands, sent_starts)
    for index in _reading_order(text, cands, sent_starts):
        reader.process(index)
    times = reader.times
    times.extend(range_spans(text, times))
    link_ranges(text, times)
    times.sort(key=lambda t: (t.start, -t.end))
    return TimeResult(times, dct, reader.unresolved)


# A clock time followed by the day it is on: "7:45 p.m. on Friday", "3 p.m. local time on Monday".
_DAY_AFTER_CLOCK = re.compile(r"\s*(?:\(?\s*local\s+time\s*\)?\s*)?,?\s*(?:on\s+)?", re.I)
_CLOCK_RULES = {"clock", "clock24", "clock_military", "clock_words"}


def _reading_order(text: str, cands: list[Candidate], sent_starts: list[int]) -> list[int]:
    """Text order, except that a day named right after a clock time is read before it."""
    order = list(range(len(cands)))
    i = 0
    while i < len(order) - 1:
        c, nxt = cands[order[i]], cands[order[i + 1]]
        same_sentence = bisect.bisect_right(sent_starts, c.start) == bisect.bisect_right(sent_starts, nxt.start)
        if (
            c.rule is not None
            and c.rule.name in _CLOCK_RULES
            and (nxt.rule is None or nxt.rule.name not in _CLOCK_RULES)
            and same_sentence
            and _DAY_AFTER_CLOCK.fullmatch(text, c.end, nxt.start)
        ):
            order[i], order[i + 1] = order[i + 1], order[i]
            i += 2
        else:
            i += 1
    return order


class _Reader:
    """Resolves candidates one by one, keeping what later ones are anchored to (the last day named...)."""

    def __init__(
        self, text: str, dct: dt.date | None, doc: Doc | None, cands: list[Candidate], sent_starts: list[int]
    ) -> None:
        self.text, self.dct, self.doc, self.cands, self.sent_starts = text, dct, doc, cands, sent_starts
        self.times: list[Time] = []
        self.results: dict[int, Resolution | None] = {}
        self.time_of: dict[int, Time] = {}  # candidate index -> the Time made from it
        self.day_of: dict[int, RefTime] = {}  # candidate index -> the day it named, for a clock time before it
        self.ref: RefTime | None = None  # the last day named
        self.ref_month: RefTime | None = None  # the last time named to the month or finer
        self.ref_year: RefTime | None = None  # the last time named at all
        self.ref_sent = -1
        self.vague_day: str | None = None  # without an article date: the last day named, underspecified
        self.unresolved = 0

    def process(self, index: int) -> None:
        """Resolve candidate ``index`` and record it as a Time (and as a reference for later ones)."""
        cand, text = self.cands[index], self.text
        sent = bisect.bisect_right(self.sent_starts, cand.start) - 1
        anchors = Anchors(
            dct=self.dct,
            tense=tense_at(self.doc, cand.start, cand.end) if self.doc is not None else None,
            ref=self.ref,
            local=self.ref if self.ref_sent == sent else None,
            before=text[max(0, cand.start - 30) : cand.start].lower(),
            ref_month=self.ref_month,
            ref_year=self.ref_year,
            day_after=self.day_of.get(index + 1),
            vague_day=self.vague_day,
        )
        res = _resolve(cand, anchors, text, self.time_of, self.results, self.cands, index)
        self.results[index] = res
        if res is None:
            return
        tid = f"t{len(self.times) + 1}"
        if res.type == "DURATION":
            _implied_start(res, anchors)
        else:
            res.extra.pop("ongoing_candidate", None)
        if cand.range_of is not None and not cand.alternative and (start_time := self.time_of.get(cand.range_of)):
            res.extra["range_start"] = start_time.id
            start_time.extra["range_end"] = tid
        head = self.time_of.get(index - 1)
        if head is not None and (self.cands[index - 1].range_head_of == index or cand.year_end):
            res.extra["range_start"] = head.id
            head.extra["range_end"] = tid
        if res.anchor_missing:
            self.unresolved += 1
        time = Time(
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
        self.time_of[index] = time
        self.times.append(time)
        self._remember(res, tid, sent, index)

    def _remember(self, res: Resolution, tid: str, sent: int, index: int) -> None:
        """Keep a resolved time as what later phrases refer back to."""
        if res.type not in ("DATE", "TIME"):
            return
        if res.anchor_missing:
            if res.granularity in _DAYLIKE and res.value.startswith("XXXX"):
                self.vague_day = res.value.split("T")[0]
            return
        if res.point is None:
            return
        if res.granularity in _DAYLIKE:
            night = res.type == "TIME" and res.value.endswith("TNI")
            self.ref = self.ref_month = self.ref_year = RefTime(tid, res.point, "day", night)
            self.day_of[index] = self.ref
            self.ref_sent = sent
            self.vague_day = None
        elif res.granularity == "month":
            self.ref_month = self.ref_year = RefTime(tid, res.point, "month")
        elif res.granularity == "year":
            self.ref_year = RefTime(tid, res.point, "year")


def _range_head(cand: Candidate, anchors: Anchors, cands: list[Candidate]) -> Resolution | None:
    """'5' in '5-6 June': the day of the month the range's end names."""
    end = cands[cand.range_head_of]  # type: ignore[index]
    if end.rule is None or end.match is None:
        return None
    try:
        res = end.rule.handler(end.match, anchors)
    except (ValueError, OverflowError, KeyError, IndexError):
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
    results: dict[int, Resolution | None],
    cands: list[Candidate],
    index: int,
) -> Resolution | None:
    """The value of one candidate: a range end, the second year of a span, a rule match or a spaCy span."""
    if cand.year_end and cand.match is not None:
        return _second_year(cand, results.get(index - 1), time_of.get(index - 1))
    if cand.range_of is not None and cand.match is not None:
        start = results.get(cand.range_of)
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
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # a date that does not exist (February 30): no value rather than a crash


def _second_year(cand: Candidate, first: Resolution | None, first_time: Time | None) -> Resolution | None:
    """'63' in '1962-63', '2016' in '2015-2016': the year that ends the span."""
    if first is None or first.point is None or cand.match is None:
        return None
    digits = cand.match.group(0)
    year = int(digits) if len(digits) == 4 else first.point.year // 100 * 100 + int(digits)
    d = dt.date(year, 1, 1)
    return Resolution(
        "DATE", f"{year:04d}", "year", first_time.id if first_time and len(digits) == 2 else None, point=d
    )


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
