"""End to end on the shared reference article: metadata, whole paragraphs, clean body, link offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronika.read import read_inputs
from kronika.record import Article


@pytest.fixture(scope="module")
def expected(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "reference" / "expected.json").read_text())


@pytest.fixture(scope="module")
def article(reference_path: Path) -> Article:
    (a,) = list(read_inputs([str(reference_path)]))
    assert isinstance(a, Article), a
    return a


def _norm(s: str | None) -> str:
    return " ".join((s or "").replace("\u2019", "'").split()).lower()


def test_reference_metadata(article: Article, expected: dict) -> None:
    md, want = article.metadata, expected["metadata"]
    assert _norm(md.title) == _norm(want["title"])
    assert [a.name for a in md.authors] == [want["author"]]
    assert "Peace Research Institute" in (md.authors[0].affiliation or "") and "PRIO" in md.authors[0].affiliation
    assert md.published == want["published"] and md.url == want["url"]
    assert _norm(want["publication"]) in _norm(md.publication)
    assert md.language == "en" and md.citation and md.rights


def test_reference_body(article: Article, expected: dict) -> None:
    assert len(article.paragraphs) == expected["body_paragraphs"]
    for s in expected["body_must_contain"]:
        assert _norm(s) in _norm(article.text)
    for s in expected["body_must_not_contain"]:
        assert s not in article.text
    assert {b.kind for b in article.boilerplate} == {"byline", "bio", "citation", "rights"}
    for p in article.paragraphs:  # every paragraph ends a sentence
        assert article.text[p.start : p.end].rstrip("\"'”’)").endswith((".", "!", "?"))


def test_reference_links(article: Article) -> None:
    assert len(article.links) > 10
    for link in article.links:
        assert article.text[link.start : link.end] == link.text
        assert link.href is None  # every link in the scrape was reduced to "#"


@pytest.mark.slow
def test_reference_record_through_the_pipeline(reference_record: dict, expected: dict) -> None:
    """The record `kronika analyze` prints keeps the reader's metadata and body."""
    md = reference_record["metadata"]
    assert md["published"] == expected["metadata"]["published"] and md["url"] == expected["metadata"]["url"]
    assert len(reference_record["paragraphs"]) == expected["body_paragraphs"]
    assert "](#)" not in reference_record["text"]
