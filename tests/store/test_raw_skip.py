"""Skip before the reader normalises: an unchanged input is dropped on its raw key (issue 16 item 1).

The reader's normalisation and the NLP are replaced by functions that fail, so a test can only
pass if a re-ingest of unchanged input never reaches them; changed input must reach them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kronika.read.formats
import kronika.read.inputs
import kronika.store.known
from input_tree import input_tree
from kronika.record import Article

TEXTS = {
    "a.txt": "The ministers of two neighbouring states met on Monday to discuss a canal.\n\nNo deal was reached.",
    "b.txt": "A freight train crossed the new border bridge on Friday.\n\nTrade is expected to grow.",
}
ROWS = [
    {"text": "Farmers protested in the capital against the price of fuel on Sunday.", "title": "Fuel protest"},
    {"text": "A new ferry line opened between the two ports on Tuesday.", "title": "Ferry line"},
]


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    return input_tree(tmp_path, TEXTS, ROWS)


def forbid_reading(monkeypatch) -> None:
    """Decoding and normalising a document (files and JSON lines) now fails the test."""

    def boom(*_a, **_k):
        raise AssertionError("the reader normalised a document that was stored unchanged")

    monkeypatch.setattr(kronika.read.inputs, "decode_text", boom)
    monkeypatch.setattr(kronika.read.inputs, "read_document", boom)
    monkeypatch.setattr(kronika.read.inputs, "read_json_line", boom)


def no_nlp(monkeypatch) -> None:
    def boom(settings=None):
        raise AssertionError("the NLP pipeline was loaded on a re-ingest of unchanged input")

    monkeypatch.setattr("kronika.pipeline.get_pipeline", boom)


def test_reingest_of_unchanged_input_neither_normalises_nor_analyzes(store, inputs, nlp_calls, monkeypatch) -> None:
    first = store.ingest_paths(inputs)
    assert first.new == 4 and len(nlp_calls.seen) == 4
    forbid_reading(monkeypatch)
    no_nlp(monkeypatch)
    again = store.ingest_paths(inputs)
    assert again.skipped == 4 and again.new == 0 and again.failed == 0


def test_a_changed_input_is_read_and_analyzed(store, inputs, nlp_calls) -> None:
    store.ingest_paths(inputs)
    nlp_calls.seen.clear()
    b = Path(inputs[0]) / "b.txt"
    b.write_text(TEXTS["b.txt"] + " Officials welcomed it.", encoding="utf-8")
    report = store.ingest_paths(inputs)
    assert len(nlp_calls.seen) == 1 and nlp_calls.seen[0].text.endswith("Officials welcomed it.")
    assert report.new == 1 and report.revisions == 1 and report.skipped == 3


def test_new_bytes_with_a_known_text_are_found_by_content_hash(store, inputs, nlp_calls, monkeypatch) -> None:
    store.ingest_paths(inputs)
    nlp_calls.seen.clear()
    a = Path(inputs[0]) / "a.txt"
    a.write_text(TEXTS["a.txt"] + "\n\n\n", encoding="utf-8")  # other bytes, the same normalised text
    report = store.ingest_paths(inputs)
    assert nlp_calls.seen == [] and report.skipped == 4 and report.new == 0
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 4
    forbid_reading(monkeypatch)  # the stored article now carries the new bytes' key
    assert store.ingest_paths(inputs).skipped == 4


def test_a_reader_version_change_invalidates_raw_keys(store, inputs, nlp_calls, monkeypatch) -> None:
    store.ingest_paths(inputs)
    nlp_calls.seen.clear()
    kronika.store.known.reader_version.cache_clear()
    monkeypatch.setattr(kronika.store.known, "reader_version", lambda: "f" * kronika.store.known.VERSION_CHARS)
    read: list[str] = []
    real = kronika.read.inputs.decode_text
    monkeypatch.setattr(kronika.read.inputs, "decode_text", lambda *a: read.append(a[1]) or real(*a))
    report = store.ingest_paths(inputs)
    assert len(read) == 4 and nlp_calls.seen == [] and report.skipped == 4  # read again, known by content
    read.clear()
    assert store.ingest_paths(inputs).skipped == 4 and read == []  # keys refreshed to the new version


def test_the_raw_key_covers_where_the_input_came_from(store, tmp_path, nlp_calls) -> None:
    """The same bytes under another name make a record with another source: read, not skipped
    on raw key (its text is known, so it is not analyzed either)."""
    (tmp_path / "x.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
    (tmp_path / "y.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
    report = store.ingest_paths([str(tmp_path / "x.txt"), str(tmp_path / "y.txt")])
    assert report.new == 1 and report.skipped == 1 and len(nlp_calls.seen) == 1


def test_inputs_that_hold_several_documents_are_always_read(sqlite_store, tmp_path, nlp_calls, monkeypatch) -> None:
    """A JSON array has no one raw key: it is read again (its articles found by content hash);
    a failing input beside it is skipped as failed before (see test_failed_skip.py)."""
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps(ROWS), encoding="utf-8")
    paths = [str(tmp_path / "empty.txt"), str(many)]
    first = sqlite_store.ingest_paths(paths)
    assert first.new == 2 and first.failed == 1
    read: list[str] = []
    real = kronika.read.inputs.decode_text
    monkeypatch.setattr(kronika.read.inputs, "decode_text", lambda *a: read.append(a[1]) or real(*a))
    again = sqlite_store.ingest_paths(paths)
    assert again.skipped == 2 and again.failed == 0 and again.failed_before == 1
    assert len(read) == 1 and read[0].endswith("many.json")


def test_replace_reads_and_analyzes_everything(store, inputs, nlp_calls) -> None:
    store.ingest_paths(inputs)
    nlp_calls.seen.clear()
    report = store.ingest_paths(inputs, replace=True)
    assert len(nlp_calls.seen) == 4 and report.replaced == 4


def test_lazy_reading_yields_what_eager_reading_does(inputs) -> None:
    from kronika.read.inputs import Unread, iter_inputs
    from kronika.settings import Settings

    eager = list(iter_inputs(inputs, Settings()))
    lazy = [x for u in iter_inputs(inputs, Settings(), lazy=True) for x in (u.read() if isinstance(u, Unread) else [u])]
    assert [a.to_dict() for a in lazy if isinstance(a, Article)] == [a.to_dict() for a in eager]
