"""Inputs that failed are remembered: a re-ingest skips them until retried or changed (issue 16 item 1).

A failure (the reader rejects the input, or its analysis fails) is recorded with the input's raw
key. The reader's normalisation and the NLP are then replaced by functions that fail, so a test can
only pass if an unchanged failing input reaches neither; retried or changed inputs must reach them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kronika.read.inputs
import kronika.store.known
from input_tree import input_tree
from kronika.errors import Failure

GOOD = "The ministers of two neighbouring states met on Monday to discuss a canal."
BROKEN = "A freight train crossed the new border bridge on Friday. BROKEN"


class FailingPipeline:
    """Stands in for the NLP: fails every document whose text holds ``BROKEN`` (unless ``fixed``)."""

    def __init__(self) -> None:
        self.seen: list = []
        self.fixed = False

    def run_many(self, articles):
        for a in articles:
            self.seen.append(a)
            if "BROKEN" in a.text and not self.fixed:
                yield Failure(a.source.path, "the parser gave up", "parse", a.source.line)
            else:
                yield a


@pytest.fixture
def nlp(monkeypatch) -> FailingPipeline:
    fake = FailingPipeline()
    monkeypatch.setattr("kronika.pipeline.get_pipeline", lambda settings=None: fake)
    return fake


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """A good file, an empty one (the reader fails), one whose analysis fails, and a shard with
    a good line and an empty one."""
    files = {"good.txt": GOOD, "empty.txt": "  \n", "broken.txt": BROKEN}
    rows = [{"text": "A new ferry line opened between the two ports on Tuesday."}, {"text": " "}]
    return input_tree(tmp_path, files, rows)


def forbid_reading(monkeypatch) -> None:
    def boom(*_a, **_k):
        raise AssertionError("the reader normalised an unchanged input")

    for name in ("decode_text", "read_document", "read_json_line"):
        monkeypatch.setattr(kronika.read.inputs, name, boom)


def forbid_nlp(monkeypatch) -> None:
    def boom(settings=None):
        raise AssertionError("the NLP pipeline was loaded for an unchanged input")

    monkeypatch.setattr("kronika.pipeline.get_pipeline", boom)


def error_keys(store) -> list[tuple[str, str | None]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql("SELECT stage, raw_key FROM errors ORDER BY stage, path, line")]


def test_an_unchanged_failing_input_is_neither_read_nor_analyzed_again(store, inputs, nlp, monkeypatch) -> None:
    first = store.ingest_paths(inputs)
    assert first.new == 2 and first.failed == 3 and first.failed_before == 0
    assert len(error_keys(store)) == 3 and all(k for _, k in error_keys(store))
    forbid_reading(monkeypatch)
    forbid_nlp(monkeypatch)
    again = store.ingest_paths(inputs)
    assert (again.new, again.skipped, again.failed, again.failed_before) == (0, 2, 0, 3)
    assert "3 skipped, failed before" in str(again) and "--retry-failed" in str(again)
    assert len(error_keys(store)) == 3  # no copies


def test_retry_failed_reads_and_analyzes_them_again(store, inputs, nlp) -> None:
    store.ingest_paths(inputs)
    nlp.seen.clear()
    retried = store.ingest_paths(inputs, retry_failed=True)
    assert (retried.skipped, retried.failed, retried.failed_before) == (2, 3, 0)
    assert [a.text for a in nlp.seen] == [BROKEN]
    assert len(error_keys(store)) == 3
    nlp.fixed = True  # e.g. a better model: the same bytes now analyse
    fixed = store.ingest_paths(inputs, retry_failed=True)
    assert (fixed.new, fixed.failed) == (1, 2)
    assert [s for s, _ in error_keys(store)] == ["read", "read"]  # its failure is cleared
    assert store.ingest_paths(inputs).skipped == 3  # and it is now skipped as stored


def test_a_fixed_input_is_read_and_analyzed(store, inputs, nlp) -> None:
    store.ingest_paths(inputs)
    nlp.seen.clear()
    (Path(inputs[0]) / "empty.txt").write_text("Farmers protested in the capital on Sunday.", encoding="utf-8")
    (Path(inputs[0]) / "broken.txt").write_text(BROKEN + " Still broken.", encoding="utf-8")
    report = store.ingest_paths(inputs)
    assert (report.new, report.failed, report.failed_before) == (1, 1, 1)
    assert sorted(a.text[:7] for a in nlp.seen) == ["A freig", "Farmers"]
    forbid_nlp_after = store.ingest_paths(inputs)  # the new bytes' failure is remembered too
    assert forbid_nlp_after.failed_before == 2 and forbid_nlp_after.new == 0


def test_a_reader_version_change_retries_failed_inputs(store, inputs, nlp, monkeypatch) -> None:
    store.ingest_paths(inputs)
    nlp.seen.clear()
    monkeypatch.setattr(kronika.store.known, "reader_version", lambda: "e" * kronika.store.known.VERSION_CHARS)
    report = store.ingest_paths(inputs)
    assert report.failed == 3 and report.failed_before == 0 and [a.text for a in nlp.seen] == [BROKEN]
    assert store.ingest_paths(inputs).failed_before == 3  # the rows took the new version's keys


def test_replace_reads_failed_inputs_again(store, inputs, nlp) -> None:
    store.ingest_paths(inputs)
    report = store.ingest_paths(inputs, replace=True)
    assert report.failed == 3 and report.failed_before == 0


def test_a_store_from_before_remembers_failures_after_one_more_read(tmp_path, inputs, nlp, monkeypatch) -> None:
    """Migration 0008: old error rows get no key (NULL), so their inputs are read once more."""
    from kronika.store import open_store
    from kronika.store.engine import migrate

    s = open_store(tmp_path / "kb.db")
    s.ingest_paths(inputs)
    migrate(s.engine, "0007")  # the store of the previous version: failures without keys
    with s.engine.connect() as conn:
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(errors)")]
    assert "raw_key" not in cols
    migrate(s.engine, "head")
    assert [k for _, k in error_keys(s)] == [None, None, None]
    assert s.ingest_paths(inputs).failed == 3  # read again, nothing to skip them on
    assert all(k for _, k in error_keys(s)) and len(error_keys(s)) == 3
    forbid_reading(monkeypatch)
    assert s.ingest_paths(inputs).failed_before == 3
    s.close()
