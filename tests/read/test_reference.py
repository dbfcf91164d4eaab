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


def _variants(raw: str) -> dict[str, str]:
    """The same article as other scrapers and sites would lay it out (built at run time, never stored)."""
    lines = raw.split("\n")
    title_idx = next(i for i, x in enumerate(lines) if x.strip())
    title, author = lines[title_idx].rsplit("- ", 1)
    unglued = [*lines[:title_idx], title, "", author, *lines[title_idx + 1 :]]
    return {
        "crlf": raw.replace("\n", "\r\n"),
        "author on its own line": "\n".join(unglued),
        "author with honorific, en dash": raw.replace("- " + author, " – Dr. " + author, 1),
        "no leading blank lines, trailing spaces": "\n".join(x + "  " for x in lines).lstrip(),
        "no citation line": "\n\n".join(b for b in raw.split("\n\n") if not b.startswith("To cite")),
    }


@pytest.mark.parametrize(
    "variant",
    [
        "crlf",
        "author on its own line",
        "author with honorific, en dash",
        "no leading blank lines, trailing spaces",
        "no citation line",
    ],
)
def test_reference_layout_variants(reference_path: Path, expected: dict, tmp_path: Path, variant: str) -> None:
    raw = reference_path.read_text(encoding="utf-8")
    p = tmp_path / "variant.txt"
    p.write_text(_variants(raw)[variant], encoding="utf-8", newline="")
    (a,) = list(read_inputs([str(p)]))
    assert isinstance(a, Article), a
    want = expected["metadata"]
    assert _norm(a.metadata.title) == _norm(want["title"])
    assert [x.name for x in a.metadata.authors] == [want["author"]]
    assert "PRIO" in (a.metadata.authors[0].affiliation or "")
    assert len(a.paragraphs) == expected["body_paragraphs"]
    for s in expected["body_must_not_contain"]:
        assert s not in a.text
    if variant != "no citation line":
        assert a.metadata.published == want["published"] and a.metadata.url == want["url"]
