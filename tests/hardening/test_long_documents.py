"""Issue 13 item 1: a document over spaCy's max_length is parsed in slices or refused alone; the
others always come out (analyze, ingest, batch and the web API all go through ``pipe_safely``)."""

from __future__ import annotations

import pytest
import spacy

from kronika import parsing
from kronika.errors import Failure
from kronika.record import Article

SENTENCE = "Kazakhstan signed a deal with Uzbekistan in Astana on Monday. "


def test_slices_are_exact_and_bounded() -> None:
    text = ("A first line.\nAnd a second one.\n\n" * 50) + "x" * 700 + (" word" * 300)
    pieces = parsing.slices(text, 200)
    assert "".join(pieces) == text
    assert all(len(p) <= 200 for p in pieces)
    # Cut at a paragraph break when there is one in the second half of a piece.
    assert pieces[0].endswith("\n\n")


def test_slices_cut_hard_only_without_whitespace() -> None:
    assert parsing.slices("y" * 450, 200) == ["y" * 200, "y" * 200, "y" * 50]
    assert parsing.slices("short", 200) == ["short"]


def test_pipe_safely_parses_long_texts_in_slices_and_keeps_order() -> None:
    nlp = spacy.blank("en")
    nlp.max_length = 1000
    long = SENTENCE * 60  # 3,780 characters
    out = list(parsing.pipe_safely(nlp, [("short one", 1), (long, 2), ("another", 3)], batch_size=2))
    assert [c for _, c in out] == [1, 2, 3]
    doc = out[1][0]
    assert not isinstance(doc, Exception)
    assert doc.text == long  # offsets into the joined Doc are offsets into the text


def test_pipe_safely_refuses_a_text_over_the_cap_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = spacy.blank("en")
    nlp.max_length = 100
    monkeypatch.setattr(parsing, "MAX_CHARS", 500)
    out = list(parsing.pipe_safely(nlp, [("before", 1), ("z " * 400, 2), ("after", 3)]))
    assert isinstance(out[1][0], parsing.TooLong)
    assert out[1][0].code == "E301" and "800" in str(out[1][0])
    assert [d.text for d, _ in (out[0], out[2])] == ["before", "after"]


def test_a_batch_that_fails_loses_only_the_failing_text() -> None:
    nlp = spacy.blank("en")

    @spacy.Language.component("kronika_test_bomb")
    def bomb(doc):  # type: ignore[no-untyped-def]
        if "boom" in doc.text:
            raise MemoryError("out of memory")
        return doc

    nlp.add_pipe("kronika_test_bomb")
    out = list(parsing.pipe_safely(nlp, [("fine", 1), ("boom here", 2), ("also fine", 3)]))
    assert [type(d).__name__ for d, _ in out] == ["Doc", "StageError", "Doc"]
    assert out[1][0].code == "E302" and "MemoryError" in str(out[1][0])


@pytest.mark.slow
def test_analyze_a_folder_with_a_long_document(tmp_path, pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's case, scaled down: max_length lowered so a 4 KB file is "long"."""
    from kronika.pipeline import analyze_paths

    monkeypatch.setattr(pipeline.nlp, "max_length", 1500)
    (tmp_path / "a-good.txt").write_text("Russia attacked Ukraine on Monday, officials said.\n")
    (tmp_path / "b-long.txt").write_text(SENTENCE * 70)
    (tmp_path / "c-good.txt").write_text("China met India in Delhi on Tuesday.\n")
    out = list(analyze_paths([str(tmp_path)]))
    assert [type(r).__name__ for r in out] == ["Article", "Article", "Article"]
    long = out[1]
    assert isinstance(long, Article) and long.text.startswith("Kazakhstan")
    for ent in long.entities:  # offsets still point into the text
        for m in ent.mentions:
            assert long.text[m.start : m.end] == m.text
    assert long.events, "the slices are analyzed, not just split"

    monkeypatch.setattr(parsing, "MAX_CHARS", 3000)
    out = list(analyze_paths([str(tmp_path)]))
    assert [type(r).__name__ for r in out] == ["Article", "Failure", "Article"]
    failure = out[1]
    assert isinstance(failure, Failure) and failure.path and failure.path.endswith("b-long.txt")
    assert failure.code == "E301" and failure.stage == "parse"


@pytest.mark.slow
def test_batch_and_ingest_keep_the_others_when_one_is_too_long(tmp_path, pipeline, monkeypatch) -> None:
    from kronika.batch import run_batch
    from kronika.pipeline import analyze_paths
    from kronika.store import open_store

    monkeypatch.setattr(pipeline.nlp, "max_length", 1500)
    monkeypatch.setattr(parsing, "MAX_CHARS", 3000)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text("Russia attacked Ukraine on Monday, officials said.\n")
    (folder / "b-long.txt").write_text(SENTENCE * 70)
    (folder / "c-sliced.txt").write_text(SENTENCE * 35)  # over max_length, under the cap: parsed in slices
    run = run_batch([str(folder)], tmp_path / "out", workers=0)["runs"][-1]
    assert (run["coded"], run["failed"]) == (2, 1)
    with open_store(tmp_path / "kb.db") as store:
        report = store.ingest(analyze_paths([str(folder)]))
        assert (report.new, report.failed) == (2, 1)
        assert report.failures[0].code == "E301"
