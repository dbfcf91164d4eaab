"""The expression classes of issue 17, each on sentences we wrote (grammar only, no spaCy model).

Article date Thursday 2022-03-10 unless a test says otherwise. Conventions: data/gold/times/GUIDELINES.md.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kronika.record import Time
from kronika.time import extract_times

DCT = dt.date(2022, 3, 10)


def times(text: str, dct: dt.date | None = DCT) -> dict[str, Time]:
    return {t.text: t for t in extract_times(text, dct).times}


def values(text: str, dct: dt.date | None = DCT) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in extract_times(text, dct).times}


# ------------------------------------------------------------------ durations vs points
def test_a_span_counted_from_now_is_a_duration_with_its_end_point() -> None:
    got = times("Ten years from now the city will look different.")
    t = got["Ten years from now"]
    assert (t.type, t.value) == ("DURATION", "P10Y")
    assert t.extra["begin_point"] == "2022" and t.extra["end_point"] == "2032"


def test_over_the_coming_decade_is_ten_years_with_both_ends() -> None:
    got = times("Spending will rise over the coming decade.")
    t = got["the coming decade"]
    assert (t.type, t.value) == ("DURATION", "P10Y")
    assert (t.extra["begin_point"], t.extra["end_point"]) == ("2022", "2032")


def test_over_the_past_years_is_a_duration_ending_now() -> None:
    t = times("Prices doubled during the past two years.")["the past two years"]
    assert (t.type, t.value, t.extra["end_point"]) == ("DURATION", "P2Y", "2022")


def test_the_past_week_is_the_week_before() -> None:
    assert values("The past week saw heavy fighting.")["The past week"] == ("DATE", "2022-W09")
    assert values("Fighting raged in the last week.")["the last week"] == ("DATE", "2022-W09")


def test_ago_stays_a_point_and_fractions_keep_the_month() -> None:
    assert values("He moved here two years ago.")["two years ago"] == ("DATE", "2020")
    assert values("He converted a year-and-a-half ago.")["a year-and-a-half ago"] == ("DATE", "2020-09")


def test_ages_are_not_durations() -> None:
    assert values("The mayor was 64 years old and his deputy is 45 years of age.") == {}


# ------------------------------------------------------------------ present and past references
def test_now_and_currently_are_the_present() -> None:
    got = values("He is now president and currently lives in Paris.")
    assert got == {"now": ("DATE", "PRESENT_REF"), "currently": ("DATE", "PRESENT_REF")}


def test_now_that_is_a_conjunction_and_from_now_belongs_to_its_duration() -> None:
    assert values("Now that the war is over, exports resume.") == {}
    assert "now" not in values("Two weeks from now the talks resume.")


def test_todays_occasion_is_the_day_and_todays_world_the_present() -> None:
    assert values("We discussed it at today's meeting.")["today"] == ("DATE", "2022-03-10")
    assert values("Given today's circumstances, growth is good.")["today"] == ("DATE", "PRESENT_REF")
    assert values("Yesterday's vote was close.")["Yesterday"] == ("DATE", "2022-03-09")


def test_at_that_time_and_of_late_are_the_past() -> None:
    got = values("At that time the border was open. The economy has grown of late.")
    assert got == {"that time": ("DATE", "PAST_REF"), "of late": ("DATE", "PAST_REF")}


# ------------------------------------------------------------------ sets
def test_recurrences_are_sets_with_frequency() -> None:
    got = times("Prices rose yearly; the fair is held every summer, reports come each quarter and talks twice a year.")
    assert (got["yearly"].type, got["yearly"].value) == ("SET", "P1Y")
    assert got["every summer"].value == "XXXX-SU" and got["every summer"].extra["quant"] == "EVERY"
    assert (got["each quarter"].type, got["each quarter"].value) == ("SET", "P3M")
    assert got["twice a year"].value == "P1Y" and got["twice a year"].extra["freq"] == "2X"


def test_a_capitalised_daily_in_a_name_is_not_a_set() -> None:
    assert values("The Daily Telegraph cited a source.") == {}
    assert values("Daily flights resume.")["Daily"] == ("SET", "P1D")


# ------------------------------------------------------------------ ranges
def test_a_span_of_years_is_two_points() -> None:
    got = times("Trade grew in 2015-2016 and again in 1962-63.")
    assert values("Trade grew in 2015-2016 and again in 1962-63.") == {
        "2015": ("DATE", "2015"),
        "2016": ("DATE", "2016"),
        "1962": ("DATE", "1962"),
        "63": ("DATE", "1963"),
    }
    assert got["2015"].extra["range_end"] == got["2016"].id and got["2016"].extra["range_start"] == got["2015"].id


def test_a_month_written_after_a_year_stays_a_month() -> None:
    assert values("The law took effect in 2010-05.")["2010-05"] == ("DATE", "2010-05")


def test_clock_times_joined_by_to_are_a_range() -> None:
    got = times("Badges are issued on May 6, 11 am to 4 pm.")
    assert got["11 am"].value == "2022-05-06T11:00" and got["4 pm"].value == "2022-05-06T16:00"
    assert got["4 pm"].extra["range_start"] == got["11 am"].id


def test_either_of_two_days() -> None:
    assert values("Tests must be taken on May 4 or 5.")["5"] == ("DATE", "2022-05-05")


# ------------------------------------------------------------------ clock times with zone and day
def test_a_clock_time_with_zone_and_weekday_is_one_expression() -> None:
    assert values("At 09:30 GMT Tuesday the market opened.") == {"09:30 GMT Tuesday": ("TIME", "2022-03-08T09:30Z")}


def test_named_zones_are_written_in_utc() -> None:
    assert values("The court ruled at 10:30 BST.")["10:30 BST"] == ("TIME", "2022-03-10T09:30Z")
    assert values("Launch is set for 1800 UTC.")["1800 UTC"] == ("TIME", "2022-03-10T18:00Z")
    assert values("The talks begin at 14:00 MSK.")["14:00 MSK"] == ("TIME", "2022-03-10T11:00Z")


def test_a_clock_time_takes_the_day_named_after_it() -> None:
    got = times("The attack took place at about 7:45 p.m. on Friday.")
    clock = got["about 7:45 p.m."]
    assert clock.value == got["Friday"].value + "T19:45" and clock.extra["mod"] == "APPROX"
    assert clock.anchor == got["Friday"].id
    got = times("Smoke darkened the city around 3:00 p.m. local time on Monday (1800 UTC).")
    assert got["around 3:00 p.m."].value == "2022-03-07T15:00" and got["1800 UTC"].value == "2022-03-07T18:00Z"


def test_a_clock_time_takes_the_narrative_day() -> None:
    got = values("On March 4, rebels attacked the base. The assault began at 7:45 p.m. and lasted an hour.")
    assert got["7:45 p.m."] == ("TIME", "2022-03-04T19:45")
    got = values("Friday night was calm. At 9 PM the shelling resumed.")
    friday = got["Friday night"][1][:10]
    assert got["9 PM"] == ("TIME", friday + "T21:00")
    assert values("At 6 p.m. the polls closed.")["6 p.m."] == ("TIME", "2022-03-10T18:00")  # no day named: DCT


def test_without_an_article_date_the_narrative_day_stays_underspecified() -> None:
    got = values("Friday night was calm. At 9 PM the shelling resumed.", None)
    assert got["Friday night"] == ("TIME", "XXXX-WXX-5TNI") and got["9 PM"] == ("TIME", "XXXX-WXX-5T21:00")


def test_quarter_and_half_hours() -> None:
    assert values("He left a quarter before 11 a.m.")["a quarter before 11 a.m."] == ("TIME", "2022-03-10T10:45")
    assert values("They met at half past ten.")["half past ten"] == ("TIME", "2022-03-10T10:30")


@pytest.mark.parametrize(
    "text",
    [
        "On Monday night, at 2 a.m., missiles struck the city.",
        "Explosions were heard overnight into Tuesday; at 2 a.m. sirens sounded.",
        "Sirens sounded in the night into Tuesday, at 2 a.m.",
        "The strike came at about 2 a.m. on Tuesday.",
    ],
)
def test_small_hours_belong_to_the_day_they_fall_on(text: str) -> None:
    clock = next(t for t in extract_times(text, DCT).times if "2 a.m." in t.text)
    assert clock.value == "2022-03-08T02:00"


def test_the_night_into_a_day_is_the_night_before_it() -> None:
    got = values("Explosions were heard overnight into Tuesday.")
    assert got["overnight into Tuesday"] == ("TIME", "2022-03-07TNI")


# ------------------------------------------------------------------ fiscal and ordinal periods, tenures
def test_fiscal_years_counted_from_the_article_date() -> None:
    got = values("The current fiscal year ends soon; next fiscal year will be leaner.")
    assert got["The current fiscal year"] == ("DATE", "FY2022") and got["next fiscal year"] == ("DATE", "FY2023")


def test_ordinal_parts_of_a_year() -> None:
    got = times("Output fell in the first three months of this year and rose in the first months of 2021.")
    assert got["the first three months of this year"].value == "2022-Q1"
    assert got["the first months of 2021"].value == "2021" and got["the first months of 2021"].extra["mod"] == "START"
    assert values("Exports fell in the first six months.")["the first six months"] == ("DATE", "2022-H1")


def test_an_ordinal_day_of_a_named_time() -> None:
    assert values("Talks resumed on the 100th day of 2022.")["the 100th day of 2022"] == ("DATE", "2022-04-10")


def test_tenures_are_durations() -> None:
    got = values("He won his second term in 2014; her four-year term ends in 2024.")
    assert got["his second term"] == ("DURATION", "PXY")
    assert got["her four-year term"] == ("DURATION", "P4Y")


# ------------------------------------------------------------------ named days, and things that are not times
def test_named_days_with_fixed_and_movable_dates() -> None:
    assert values("Parades are held on Victory Day.")["Victory Day"] == ("DATE", "2022-05-09")
    assert values("Shops closed for Easter 2023.")["Easter 2023"] == ("DATE", "2023-04-09")
    assert values("Crowds gathered on Cosmonautics Day.", dt.date(2022, 4, 12))["Cosmonautics Day"] == (
        "DATE",
        "2022-04-12",
    )


def test_a_number_after_a_number_is_not_a_year() -> None:
    assert values("Call +7(495) 606 2035 for details.") == {}


def test_a_date_of_this_year_is_one_expression() -> None:
    assert values("Tests are taken on May 8 of this year.")["May 8 of this year"] == ("DATE", "2022-05-08")
