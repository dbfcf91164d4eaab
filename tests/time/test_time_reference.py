"""End to end: the reference article and our own texts through the reader, spaCy and the time stage."""

from __future__ import annotations

import datetime as dt

import pytest

from kronika.pipeline import Pipeline
from kronika.read import read_inputs, read_text
from kronika.record import Article
from kronika.settings import Settings

pytestmark = pytest.mark.slow
TIME_STAGE = "kronika.time.normalize.v1"


def run(article: Article, settings: Settings) -> Article:
    (out,) = list(Pipeline(settings, stages=[TIME_STAGE]).run_many([article]))
    assert isinstance(out, Article), out
    return out


@pytest.fixture(scope="module")
def reference_times(reference_path, nlp):  # type: ignore[no-untyped-def]
    settings = Settings(published="2023-05-18")
    (article,) = list(read_inputs([str(reference_path)], settings))
    assert isinstance(article, Article), article
    return run(article, settings).times


def find(times, text):  # type: ignore[no-untyped-def]
    hits = [t for t in times if text in t.text]
    assert hits, f"no time containing {text!r}: {[t.text for t in times]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("May 9", "2023-05-09"),
        ("May 3", "2023-05-03"),
        ("May 8", "2023-05-08"),
        ("four days prior to the big day", "2023-05-05"),
        ("January 2022", "2022-01"),
        ("1945", "1945"),
        ("This year", "2023"),
    ],
)
def test_reference_values(reference_times, text, value) -> None:  # type: ignore[no-untyped-def]
    t = find(reference_times, text)
    assert t.value.startswith(value)
    assert t.granularity


def test_reference_anchors(reference_times) -> None:  # type: ignore[no-untyped-def]
    may9 = find(reference_times, "May 9")
    assert may9.anchor == "DCT"  # the year came from the article date
    prior = find(reference_times, "four days prior to the big day")
    assert prior.anchor == may9.id  # "the big day" is the day named before
    assert find(reference_times, "1945").anchor is None
    early = find(reference_times, "the early hours of May 3")
    assert early.value.startswith("2023-05-03") and early.extra["part_of_day"] == "early hours"


def test_reference_war_duration(reference_times) -> None:  # type: ignore[no-untyped-def]
    war = find(reference_times, "fourteen and a half months")
    assert war.type == "DURATION" and war.value == "P14.5M"
    start = dt.date.fromisoformat(war.extra["implied_start"])
    assert abs((start - dt.date(2022, 2, 24)).days) <= 14


def test_news_tense_decides_the_weekday(nlp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(published="2023-05-18")  # a Thursday
    text = "The minister resigned on Monday. Her successor will be sworn in on Monday."
    times = run(read_text(text, settings=settings), settings).times
    assert [t.value for t in times] == ["2023-05-15", "2023-05-22"]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Deliveries are not due until October.", "2023-10"),
        ("The update is scheduled for release in October.", "2023-10"),
        ("The update was released in October.", "2022-10"),
        ("Deliveries will begin in October.", "2023-10"),
    ],
)
def test_tense_decides_the_year_of_a_month(nlp, sentence, value) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(published="2023-05-18")
    (t,) = run(read_text(sentence, settings=settings), settings).times
    assert t.value == value


def test_ongoing_hyphenated_duration_gets_a_start(nlp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(published="2023-05-18")
    text = "The country's fourteen-and-a-half-month war is not going well."
    (t,) = run(read_text(text, settings=settings), settings).times
    assert t.value == "P14.5M" and t.extra["implied_start"].startswith("2022-03")


def test_missing_article_date_is_flagged_not_guessed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ceasefire began on May 3. Talks resumed on May 9, 2021, a year after the first round."
    article = run(read_text(text), Settings())
    may3 = find(article.times, "May 3")
    assert may3.value == "XXXX-05-03" and may3.anchor_missing
    assert find(article.times, "May 9, 2021").value == "2021-05-09"
    assert any("no date" in n for n in article.notes)


def test_unparsable_article_date_is_a_note(nlp) -> None:  # type: ignore[no-untyped-def]
    article = read_text("Officials met yesterday.")
    article.metadata.published = "sometime soon"
    out = run(article, Settings())
    assert out.times[0].value == "XXXX-XX-XX" and out.times[0].anchor_missing
    assert any("'sometime soon' is not a full date" in n for n in out.notes)
