"""A table of expressions we wrote, with the article date, tense and the TIMEX3 value we expect.

The article date is Thursday 2023-05-18 unless a row says otherwise; ``ref`` is the day the text
named last (for anaphora such as "the big day").
"""

from __future__ import annotations

import datetime as dt

import pytest

from kronika.time import Anchors, RefTime, normalize

DCT = dt.date(2023, 5, 18)
REF = RefTime("t1", dt.date(2023, 5, 9), "day")

# (text, tense, expected value, expected type)
TABLE: list[tuple[str, str | None, str, str]] = [
    # absolute dates (dateparser and the grammar agree on these)
    ("May 9, 2023", None, "2023-05-09", "DATE"),
    ("9 May 2023", None, "2023-05-09", "DATE"),
    ("the 9th of May 2023", None, "2023-05-09", "DATE"),
    ("Tuesday, May 9, 2023", None, "2023-05-09", "DATE"),
    ("May 9th, 2023", None, "2023-05-09", "DATE"),
    ("Sept. 11, 2001", None, "2001-09-11", "DATE"),
    ("2023-05-09", None, "2023-05-09", "DATE"),
    ("5/9/2023", None, "2023-05-09", "DATE"),
    ("12/25/22", None, "2022-12-25", "DATE"),
    ("January 2022", None, "2022-01", "DATE"),
    ("March of 2020", None, "2020-03", "DATE"),
    ("back in 1945", None, "1945", "DATE"),
    ("in 1945", None, "1945", "DATE"),
    ("1991", None, "1991", "DATE"),
    ("early 2009", None, "2009", "DATE"),
    ("mid-2011", None, "2011", "DATE"),
    ("the end of 2019", None, "2019", "DATE"),
    ("late March 2020", None, "2020-03", "DATE"),
    ("the 1990s", None, "199", "DATE"),
    ("the early 2000s", None, "200", "DATE"),
    ("the 20th century", None, "19", "DATE"),
    ("the twenty-first century", None, "20", "DATE"),
    ("Q3 2021", None, "2021-Q3", "DATE"),
    ("the first quarter of 2022", None, "2022-Q1", "DATE"),
    ("fiscal 2007", None, "FY2007", "DATE"),
    ("the first half of 2008", None, "2008-H1", "DATE"),
    ("the second half of the year", None, "2023-H2", "DATE"),
    ("third-quarter", "past", "2022-Q3", "DATE"),
    ("FY2010", None, "FY2010", "DATE"),
    ("summer 2021", None, "2021-SU", "DATE"),
    ("the winter of 1941", None, "1941-WI", "DATE"),
    ("New Year's Day 2020", None, "2020-01-01", "DATE"),
    # dates without a year: the year that fits the article date and the tense
    ("May 3", "past", "2023-05-03", "DATE"),
    ("May 8", "past", "2023-05-08", "DATE"),
    ("May 25", "past", "2023-05-25", "DATE"),
    ("December 3", "past", "2022-12-03", "DATE"),
    ("December 3", "future", "2023-12-03", "DATE"),
    ("December 3", None, "2022-12-03", "DATE"),
    ("3 December", "future", "2023-12-03", "DATE"),
    ("June 1", "future", "2023-06-01", "DATE"),
    ("June 1", "past", "2023-06-01", "DATE"),  # close ahead: a past-tense plan ("was set for June 1")
    ("August 1", "past", "2022-08-01", "DATE"),
    ("January", "past", "2023-01", "DATE"),
    ("October", "past", "2022-10", "DATE"),
    ("October", "future", "2023-10", "DATE"),
    ("last May", None, "2022-05", "DATE"),
    ("next January", None, "2024-01", "DATE"),
    ("early June", "future", "2023-06", "DATE"),
    ("Christmas", "past", "2022-12-25", "DATE"),
    ("Christmas", "future", "2023-12-25", "DATE"),
    # weekdays and news tense
    ("Wednesday", "past", "2023-05-17", "DATE"),
    ("Wednesday", "future", "2023-05-24", "DATE"),
    ("Wednesday", None, "2023-05-17", "DATE"),
    ("Thursday", "past", "2023-05-18", "DATE"),
    ("Monday", "perfect", "2023-05-15", "DATE"),
    ("Saturday", "future", "2023-05-20", "DATE"),
    ("Saturday", "past", "2023-05-13", "DATE"),
    ("last Friday", None, "2023-05-12", "DATE"),
    ("next Friday", None, "2023-05-19", "DATE"),  # the next one after the article date
    ("this Friday", "future", "2023-05-19", "DATE"),
    # relative to the article date
    ("today", None, "2023-05-18", "DATE"),
    ("yesterday", None, "2023-05-17", "DATE"),
    ("tomorrow", None, "2023-05-19", "DATE"),
    ("the day before yesterday", None, "2023-05-16", "DATE"),
    ("last week", None, "2023-W19", "DATE"),
    ("this week", None, "2023-W20", "DATE"),
    ("next week", None, "2023-W21", "DATE"),
    ("last month", None, "2023-04", "DATE"),
    ("this month", None, "2023-05", "DATE"),
    ("next month", None, "2023-06", "DATE"),
    ("last year", None, "2022", "DATE"),
    ("This year", None, "2023", "DATE"),
    ("next year", None, "2024", "DATE"),
    ("earlier this month", None, "2023-05", "DATE"),
    ("later this year", None, "2023", "DATE"),
    ("the end of last year", None, "2022", "DATE"),
    ("the beginning of the year", None, "2023", "DATE"),
    ("last quarter", None, "2023-Q1", "DATE"),
    ("next quarter", None, "2023-Q3", "DATE"),
    ("last summer", None, "2022-SU", "DATE"),
    ("next spring", None, "2024-SP", "DATE"),
    ("two years ago", None, "2021", "DATE"),
    ("three days ago", None, "2023-05-15", "DATE"),
    ("a month ago", None, "2023-04", "DATE"),
    ("two weeks ago", None, "2023-W18", "DATE"),
    ("fourteen and a half months ago", None, "2022-03", "DATE"),
    ("less than two weeks ago", None, "2023-W18", "DATE"),
    ("several months ago", None, "PAST_REF", "DATE"),
    ("ten years from now", None, "P10Y", "DURATION"),  # a length; the year it reaches is extra.end_point
    ("the last decade", None, "P10Y", "DURATION"),
    ("the 2010s", None, "201", "DATE"),
    ("the '90s", None, "199", "DATE"),
    ("the '20s", None, "202", "DATE"),
    ("late Monday", "past", "2023-05-15", "DATE"),
    ("noon", None, "2023-05-18T12:00", "TIME"),
    ("by year's end", None, "2023", "DATE"),
    # anchored on another time of the text
    ("four days prior to the big day", "past", "2023-05-05", "DATE"),
    ("four days prior to May 9", "past", "2023-05-05", "DATE"),
    ("three days after May 9, 2023", None, "2023-05-12", "DATE"),
    ("two weeks before Christmas", "future", "2023-12-11", "DATE"),
    ("the big day", None, "2023-05-09", "DATE"),
    ("that day", None, "2023-05-09", "DATE"),
    ("the same day", None, "2023-05-09", "DATE"),
    ("the following day", None, "2023-05-10", "DATE"),
    ("the next day", None, "2023-05-10", "DATE"),
    ("the day before", None, "2023-05-08", "DATE"),
    ("the previous day", None, "2023-05-08", "DATE"),
    ("two days later", "past", "2023-05-11", "DATE"),
    ("a day earlier", "past", "2023-05-08", "DATE"),
    ("the previous week", None, "2023-W18", "DATE"),
    ("that month", None, "2023-05", "DATE"),
    ("the following morning", None, "2023-05-10TMO", "TIME"),
    # parts of day and clock times
    ("the early hours of May 3", "past", "2023-05-03TMO", "TIME"),
    ("the evening of May 9", "past", "2023-05-09TEV", "TIME"),
    ("Friday morning", "past", "2023-05-12TMO", "TIME"),
    ("this morning", None, "2023-05-18TMO", "TIME"),
    ("last night", None, "2023-05-17TNI", "TIME"),
    ("tonight", None, "2023-05-18TNI", "TIME"),
    ("yesterday afternoon", None, "2023-05-17TAF", "TIME"),
    # clock times take the day the narrative is on, if within a week of the article date (REF, May 9,
    # is nine days before it), else the article date
    ("6:40 p.m.", None, "2023-05-18T18:40", "TIME"),
    ("10 a.m.", None, "2023-05-18T10:00", "TIME"),
    ("12 a.m.", None, "2023-05-18T00:00", "TIME"),
    ("18:00 UTC", None, "2023-05-18T18:00Z", "TIME"),
    ("9 p.m. (GMT+3)", None, "2023-05-18T18:00Z", "TIME"),
    ("10:30 BST", None, "2023-05-18T09:30Z", "TIME"),
    ("1800 GMT", None, "2023-05-18T18:00Z", "TIME"),
    ("a quarter to nine", None, "2023-05-18T08:45", "TIME"),
    ("this past weekend", None, "2023-W19-WE", "DATE"),
    ("the weekend", "future", "2023-W20-WE", "DATE"),
    ("the weekend", "past", "2023-W19-WE", "DATE"),
    # durations
    ("2022-23", None, "P1Y", "DURATION"),
    ("1955-2011", None, "P56Y", "DURATION"),
    ("for days", None, "PXD", "DURATION"),
    ("for hours", None, "PTXH", "DURATION"),
    ("two years", None, "P2Y", "DURATION"),
    ("fourteen and a half months", None, "P14.5M", "DURATION"),
    ("fourteen and a half months long", None, "P14.5M", "DURATION"),
    ("fourteen-and-a-half-month", None, "P14.5M", "DURATION"),
    ("one and a half years", None, "P1.5Y", "DURATION"),
    ("27-year", None, "P27Y", "DURATION"),
    ("fifty-year", None, "P50Y", "DURATION"),
    ("12-hour", None, "PT12H", "DURATION"),
    ("thirty minutes", None, "PT30M", "DURATION"),
    ("half an hour", None, "PT0.5H", "DURATION"),
    ("a week", None, "P1W", "DURATION"),
    ("a fortnight", None, "P2W", "DURATION"),
    ("twenty-one days", None, "P21D", "DURATION"),
    ("a couple of weeks", None, "P2W", "DURATION"),
    ("a decade", None, "P10Y", "DURATION"),
    ("two centuries", None, "P200Y", "DURATION"),
    ("several years", None, "PXY", "DURATION"),
    ("a few months", None, "PXM", "DURATION"),
    ("decades", None, "PXDE", "DURATION"),
    ("almost two and a half years", None, "P2.5Y", "DURATION"),
    ("the next four years", None, "P4Y", "DURATION"),
    ("the past year", None, "P1Y", "DURATION"),
    # sets
    ("every week", None, "P1W", "SET"),
    ("each season", None, "P3M", "SET"),
    ("every Monday", None, "XXXX-WXX-1", "SET"),
    ("each winter", None, "XXXX-WI", "SET"),
    ("every other week", None, "P2W", "SET"),
    ("every two years", None, "P2Y", "SET"),
    ("every morning", None, "XXXX-XX-XXTMO", "SET"),
    ("annually", None, "P1Y", "SET"),
    ("daily", None, "P1D", "SET"),
    ("Quarterly", None, "P3M", "SET"),
    ("twice a year", None, "P1Y", "SET"),
    # vague references
    ("recently", None, "PAST_REF", "DATE"),
    ("the past", None, "PAST_REF", "DATE"),
    ("the future", None, "FUTURE_REF", "DATE"),
    ("nowadays", None, "PRESENT_REF", "DATE"),
]


@pytest.mark.parametrize(("text", "tense", "value", "typ"), TABLE, ids=[f"{r[0]}|{r[1]}" for r in TABLE])
def test_expression(text: str, tense: str | None, value: str, typ: str) -> None:
    res = normalize(text, Anchors(dct=DCT, tense=tense, ref=REF))
    assert res is not None, f"{text!r} was not recognised"
    assert (res.value, res.type) == (value, typ)


def test_table_is_large_enough() -> None:
    assert len(TABLE) >= 100


# Around the turn of the year the year of a date, a weekday or a week changes with the tense.
YEAR_TURN = [
    ("December 28", dt.date(2023, 1, 3), "past", "2022-12-28"),
    ("January 5", dt.date(2022, 12, 30), "future", "2023-01-05"),
    ("Monday", dt.date(2023, 1, 3), "past", "2023-01-02"),
    ("Friday", dt.date(2023, 1, 3), "past", "2022-12-30"),
    ("last week", dt.date(2023, 1, 3), None, "2022-W52"),
    ("last month", dt.date(2023, 1, 3), None, "2022-12"),
    ("February 29", dt.date(2024, 3, 10), "past", "2024-02-29"),
]


@pytest.mark.parametrize(("text", "dct", "tense", "value"), YEAR_TURN)
def test_year_turn(text: str, dct: dt.date, tense: str | None, value: str) -> None:
    res = normalize(text, Anchors(dct=dct, tense=tense))
    assert res is not None and res.value == value


# Without an article date: relative values keep X placeholders and say so; absolute ones are kept.
NO_DCT = [
    ("May 3", "XXXX-05-03", True),
    ("Wednesday", "XXXX-WXX-3", True),
    ("yesterday", "XXXX-XX-XX", True),
    ("last month", "XXXX-XX", True),
    ("this year", "XXXX", True),
    ("May 3, 2023", "2023-05-03", False),
    ("January 2022", "2022-01", False),
    ("two years", "P2Y", False),
]


@pytest.mark.parametrize(("text", "value", "missing"), NO_DCT)
def test_without_article_date(text: str, value: str, missing: bool) -> None:
    res = normalize(text, Anchors(dct=None))
    assert res is not None
    assert res.value == value
    assert res.anchor_missing is missing


def test_anaphor_without_antecedent_has_no_value() -> None:
    """'the big day' with nothing named before: no value rather than a guess."""
    assert normalize("the big day", Anchors(dct=DCT)) is None


@pytest.mark.parametrize("text", ["banana", "", "   ", "the", "May", "2023 percent", "in the"])
def test_non_times(text: str) -> None:
    res = normalize(text, Anchors(dct=DCT))
    if text == "May":  # given as a time phrase, a bare month name is a month
        assert res is not None and res.value == "2023-05"
    else:
        assert res is None


def test_anchor_fields() -> None:
    assert normalize("May 9, 2023", Anchors(dct=DCT)).anchor is None  # type: ignore[union-attr]
    assert normalize("May 9", Anchors(dct=DCT)).anchor == "DCT"  # type: ignore[union-attr]
    assert normalize("the big day", Anchors(dct=DCT, ref=REF)).anchor == "t1"  # type: ignore[union-attr]
    res = normalize("the early hours of May 3", Anchors(dct=DCT, tense="past"))
    assert res is not None and res.value.startswith("2023-05-03") and res.extra["part_of_day"] == "early hours"
