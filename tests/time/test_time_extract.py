"""Detection and anchoring in running text we wrote (grammar only, no spaCy model needed)."""

from __future__ import annotations

import datetime as dt

from kronika.time import extract_times

DCT = dt.date(2023, 5, 18)

STORY = (
    "The summit opened on June 12, 2022 in a quiet lakeside town. The following day the delegates "
    "walked out, and three days later they signed nothing. Back in 1991 the same delegations had met "
    "for twelve days. The talks will resume from July 7 to 9, and the ministers meet every week until then. "
    "Observers expect a decision by the end of this year. In the early hours of Tuesday, June 14, "
    "a storm hit the town at 4:30 a.m. (GMT+2)."
)


def by_text(text: str, dct: dt.date | None = DCT):  # type: ignore[no-untyped-def]
    return {t.text: t for t in extract_times(text, dct).times}


def test_story() -> None:
    got = by_text(STORY)
    assert got["June 12, 2022"].value == "2022-06-12" and got["June 12, 2022"].anchor is None
    following = got["The following day"]
    assert following.value == "2022-06-13" and following.anchor == got["June 12, 2022"].id
    assert got["three days later"].value == "2022-06-16"
    assert got["1991"].value == "1991"
    assert got["twelve days"].value == "P12D" and got["twelve days"].type == "DURATION"
    assert got["July 7"].value == "2023-07-07"
    nine = got["9"]
    assert nine.value == "2023-07-09" and nine.extra["range_start"] == got["July 7"].id
    assert got["from July 7 to 9"].value == "P3D"
    assert got["every week"].type == "SET"
    assert got["the end of this year"].value == "2023"
    assert got["the early hours of Tuesday, June 14"].value == "2022-06-14TMO"
    clock = got["4:30 a.m. (GMT+2)"]
    assert clock.value == "2022-06-14T02:30Z"  # the day named earlier in the sentence, in UTC
    assert clock.anchor == got["the early hours of Tuesday, June 14"].id


def test_bare_numbers_are_not_years() -> None:
    got = by_text("The company sold 1945 tanks and 2022 trucks; prices rose 2019 percent.")
    assert got == {}


def test_bare_years_after_prepositions() -> None:
    got = by_text("Founded in 1945, the firm grew until 2022 and between 2014 and 2016 doubled.")
    assert {k: v.value for k, v in got.items() if v.type == "DATE"} == {
        "1945": "1945",
        "2022": "2022",
        "2014": "2014",
        "2016": "2016",
    }
    assert got["between 2014 and 2016"].value == "P2Y"


def test_modal_may_is_not_a_month() -> None:
    assert by_text("Prices may rise, and the board may decide in March.").keys() == {"March"}


def test_ages_are_not_durations() -> None:
    assert by_text("A 42-year-old pilot flew the plane.") == {}


def test_implied_start_of_an_ongoing_duration_needs_the_parse() -> None:
    """Without spaCy there is no tense, so no implied start is claimed."""
    got = by_text("The fourteen and a half months long war is not going well.")
    t = got["fourteen and a half months long"]
    assert t.value == "P14.5M" and "implied_start" not in t.extra


def test_without_article_date() -> None:
    result = extract_times("It happened on May 3 and again on May 3, 2021, two days later.", None)
    values = [t.value for t in result.times]
    assert values == ["XXXX-05-03", "2021-05-03", "2021-05-05"]
    assert [t.anchor_missing for t in result.times] == [True, False, False]
    assert result.unresolved == 1


def test_year_offsets_count_from_the_last_year_named() -> None:
    text = "The firm was founded on 3 March 1976; in 1984 it went public. One year later it split, "
    text += "and in 2001 it merged. The following year it failed."
    got = by_text(text)
    assert got["One year later"].value == "1985" and got["One year later"].anchor == got["1984"].id
    assert got["The following year"].value == "2002"


def test_a_day_after_an_event_is_not_a_date() -> None:
    """'the day after airing' counts from an event, not a time: no value is invented."""
    assert "the day after" not in by_text("Episodes are online the day after airing.")


def test_frequencies() -> None:
    got = by_text("The plant builds two a month, earns $5 billion a year and meets every Monday.")
    assert (got["a month"].type, got["a month"].value) == ("SET", "P1M")
    assert (got["a year"].type, got["a year"].value) == ("SET", "P1Y")
    assert got["every Monday"].value == "XXXX-WXX-1"


def test_indefinite_one_day_and_may_day() -> None:
    got = by_text("One day, historians will judge. May Day parades were held.")
    assert "One day" not in got
    assert got["May Day"].value == "2023-05-01"


def test_day_first_ranges() -> None:
    got = by_text("The summit meets on 5 and 6 June; between 12 and 14 July 2022 talks were held.")
    assert got["5"].value == "2023-06-05" and got["5"].extra["range_end"] == got["6 June"].id
    assert got["12"].value == "2022-07-12"
    assert got["between 12 and 14 July 2022"].value == "P3D"
