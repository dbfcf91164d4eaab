"""Property tests: the time parser never raises and only writes well-formed TIMEX3 values."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.time import Anchors, RefTime, extract_times, normalize
from kronika.time.lexicon import MONTHS

_Y = r"(?:\d{4}|XXXX)"
VALUE = re.compile(
    rf"^(?:{_Y}(?:-(?:\d{{2}}|XX)(?:-(?:\d{{2}}|XX))?)?(?:T(?:MO|AF|EV|NI|MI|\d{{2}}:\d{{2}}Z?))?"
    rf"|{_Y}-W(?:\d{{2}}|XX)(?:-(?:WE|[1-7]))?(?:T(?:MO|AF|EV|NI|MI|\d{{2}}:\d{{2}}Z?))?"
    rf"|{_Y}-Q[1-4X]|{_Y}-H[12]|{_Y}-(?:SP|SU|FA|WI)|\d{{3}}|XXX|XX\d|\d{{2}}|XX|FY(?:\d{{4}}|XXXX)"
    r"|PT?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|DE|CE|WE)"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)
TYPES = {"DATE", "TIME", "DURATION", "SET"}

# Text made of the pieces temporal expressions are built from, plus noise.
WORDS = [
    *[m.capitalize() for m in MONTHS],
    "Monday",
    "Friday",
    "last",
    "next",
    "this",
    "week",
    "weekend",
    "month",
    "year",
    "years",
    "days",
    "ago",
    "the",
    "big",
    "day",
    "following",
    "prior",
    "to",
    "before",
    "after",
    "four",
    "fourteen",
    "and",
    "a",
    "half",
    "months",
    "long",
    "early",
    "hours",
    "of",
    "morning",
    "every",
    "each",
    "season",
    "summer",
    "from",
    "until",
    "in",
    "back",
    "1945",
    "2022",
    "31",
    "9",
    "29",
    "0",
    "99",
    "12:61",
    "25:00",
    "p.m.",
    "UTC",
    "GMT+14",
    "Q5",
    "FY",
    "fiscal",
    "quarter",
    "the 1990s",
    "century",
    "21st",
    "-",
    "–",
    ",",
    ".",
    "\n\n",
    "February 30",
    "the '20s",
    "twice",
    "times",
    "per",
    "yesterday",
    "tonight",
    "recently",
    "Christmas",
    "now",
    "currently",
    "overnight",
    "into",
    "Victory Day",
    "Easter",
    "BST",
    "1800",
    "o'clock",
    "half past ten",
    "from now",
    "over",
    "the coming decade",
    "his second term",
    "the first three months of",
    "current fiscal year",
    "of this year",
    "approximately",
    "twenty-seven",
    "and a half",
    "a quarter before eleven o'clock",
    "his first of two terms",
    "less than",
]
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
tenses = st.sampled_from([None, "past", "present", "perfect", "future"])
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)


def check(res) -> None:  # type: ignore[no-untyped-def]
    if res is None:
        return
    assert res.type in TYPES
    assert VALUE.match(res.value), res.value


@settings(max_examples=400, deadline=None)
@given(phrases, st.none() | dates, tenses, st.none() | dates)
def test_normalize_never_raises_and_values_are_well_formed(text, dct, tense, ref) -> None:  # type: ignore[no-untyped-def]
    anchors = Anchors(dct=dct, tense=tense, ref=RefTime("t9", ref, "day") if ref else None)
    check(normalize(text, anchors))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.none() | dates)
def test_normalize_arbitrary_text(text, dct) -> None:  # type: ignore[no-untyped-def]
    check(normalize(text, Anchors(dct=dct)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=30).map(" ".join), st.none() | dates)
def test_extract_times_spans_and_values(text, dct) -> None:  # type: ignore[no-untyped-def]
    result = extract_times(text, dct)
    ids = {t.id for t in result.times}
    assert len(ids) == len(result.times)
    for t in result.times:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.type in TYPES
        assert VALUE.match(t.value), t.value
        assert t.anchor in (None, "DCT") or t.anchor in ids
        if dct is None and t.anchor == "DCT":
            assert t.anchor_missing or t.value.endswith("_REF")


@settings(max_examples=300, deadline=None)
@given(dates, st.sampled_from(["{M} {d}, {y}", "{d} {M} {y}", "{M} {d} {y}", "{y}-{m:02d}-{d:02d}", "{m}/{d}/{y}"]))
def test_absolute_dates_round_trip(day, fmt) -> None:  # type: ignore[no-untyped-def]
    month_name = list(MONTHS)[day.month - 1].capitalize()
    text = fmt.format(M=month_name, d=day.day, m=day.month, y=day.year)
    res = normalize(text, Anchors(dct=None))
    assert res is not None and res.value == day.isoformat(), text


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=1, max_value=28), st.integers(min_value=1, max_value=12), tenses)
def test_yearless_dates_fall_within_a_year_of_the_article(dct, day, month, tense) -> None:  # type: ignore[no-untyped-def]
    name = list(MONTHS)[month - 1].capitalize()
    res = normalize(f"{name} {day}", Anchors(dct=dct, tense=tense))
    assert res is not None and res.point is not None
    assert abs((res.point - dct).days) <= 366
    if tense == "past":
        assert (res.point - dct).days <= 240  # a past-tense date lies behind, or at most a few months ahead


@settings(max_examples=200, deadline=None)
@given(phrases, st.dates(), tenses)
def test_extreme_article_dates_never_raise(text, dct, tense) -> None:  # type: ignore[no-untyped-def]
    """Year 1 or year 9999 as the article date: arithmetic past the calendar gives no value, not an error."""
    check(normalize(text, Anchors(dct=dct, tense=tense, ref=RefTime("t1", dct, "day"))))
    result = extract_times(text, dct)
    assert all(VALUE.match(t.value) for t in result.times)


@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=60).map(" ".join))
def test_trigger_windows_find_what_a_whole_text_scan_finds(text) -> None:  # type: ignore[no-untyped-def]
    """The rules run only around trigger words; that must never lose or change a candidate."""
    from kronika.time.detect import find_candidates

    def spans(cands):  # type: ignore[no-untyped-def]
        return [(c.start, c.end, c.rule.name if c.rule else None) for c in cands]

    assert spans(find_candidates(text)) == spans(find_candidates(text, whole_text=True))


def test_a_clock_time_in_words_alone_is_found() -> None:
    """ "seven o'clock" holds no digit, month or unit: "o'clock" is a trigger word of its own
    (found by the windows test above as "twenty-seven o'clock")."""
    from kronika.time.detect import find_candidates

    for text in ("They met at seven o'clock.", "It ended at twelve o’clock sharp."):
        assert [c.rule.name for c in find_candidates(text) if c.rule] == ["clock_words"], text
