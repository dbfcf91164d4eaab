"""The article date is parsed once, by the reader, into one typed value every stage reads (issue 15.1)."""

from __future__ import annotations

import datetime as dt

import pytest

from kronika.read import read_text
from kronika.read.dates import normalize_published
from kronika.record import ArticleDate, Metadata
from kronika.settings import Settings

BODY = "Kazakhstan and Uzbekistan signed a water agreement in Tashkent on Tuesday, officials said.\n"


def _read(published: str) -> Metadata:
    return read_text(BODY, settings=Settings().with_(published=published)).metadata


@pytest.mark.parametrize("given", ["2023-05-18", "18 May 2023", "May 18, 2023", "2023-05-18T09:30:00Z"])
def test_written_forms_give_one_date(given: str) -> None:
    md = _read(given)
    assert md.published == "2023-05-18"
    d = md.published_date
    assert d is not None and (d.day, d.reference, d.precision) == (dt.date(2023, 5, 18), dt.date(2023, 5, 18), "day")


def test_a_month_is_a_month_for_every_stage() -> None:
    d = _read("2023-05").published_date
    assert d is not None and d.precision == "month" and d.day is None  # no exact day to anchor "yesterday"
    assert d.reference == dt.date(2023, 5, 15) and (d.first, d.last) == (dt.date(2023, 5, 1), dt.date(2023, 5, 31))
    assert _read("May 2023").published_date == d


@pytest.mark.parametrize("bad", ["not a date", "2023-02-30", "9999-12-31", "0001-01-01"])
def test_invalid_dates_are_dropped_with_a_note(bad: str) -> None:
    article = read_text(BODY, settings=Settings().with_(published=bad))
    assert article.metadata.published is None and article.metadata.published_date is None
    assert any(repr(bad) in n and "dropped" in n for n in article.notes)


def test_jsonl_published_is_normalized_or_dropped() -> None:
    assert normalize_published("18 May 2023") == ("2023-05-18", None)
    assert normalize_published(None) == (None, None)
    value, note = normalize_published("2023-13-01")
    assert value is None and note and "not a date" in note


def test_the_stages_read_the_same_typed_value(nlp) -> None:  # type: ignore[no-untyped-def]
    """The time stage anchors at the day the actors stage resolves offices on."""
    from kronika.pipeline import get_pipeline

    for given in ("18 May 2023", "2023-05-18"):
        article = read_text(
            "Yesterday the President of Kazakhstan met the press in Astana.\n",
            settings=Settings().with_(published=given),
        )
        out = get_pipeline(Settings()).run(article)
        assert [t.value for t in out.times if t.text.lower() == "yesterday"] == ["2023-05-17"]
        assert not any(n.startswith("actors: no publication date") for n in out.notes)


def test_article_date_parse() -> None:
    assert ArticleDate.parse("2023") == ArticleDate("2023", "year", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert ArticleDate.parse("18 May 2023") is None  # the typed parser reads ISO only; the reader normalizes
    assert ArticleDate.parse("") is None and ArticleDate.parse("2023-5-1") is None
