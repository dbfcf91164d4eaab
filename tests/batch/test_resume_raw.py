"""A resumed batch skips documents a committed part holds before the reader normalises them
(issue 16 item 1): their raw keys are kept in the part markers, as ingest keeps them in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kronika.read.inputs
from input_tree import input_tree
from kronika.batch import run_batch
from kronika.errors import Failure

TEXTS = {
    "a.txt": "The ministers of two neighbouring states met on Monday to discuss a canal.",
    "b.txt": "A freight train crossed the new border bridge on Friday.",
    "broken.txt": "Farmers protested in the capital against the price of fuel. BROKEN",
}
ROWS = [
    {"text": "A new ferry line opened between the two ports on Tuesday.", "title": "Ferry line"},
    {"text": "The central bank kept its main rate unchanged on Thursday.", "title": "Rates"},
]


class Pipeline:
    """Stands in for the NLP: keeps what it is given, fails texts holding ``BROKEN``."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def run_many(self, articles):
        for a in articles:
            self.seen.append(a.text)
            yield Failure(a.source.path, "the parser gave up", "parse", a.source.line) if "BROKEN" in a.text else a


@pytest.fixture
def nlp(monkeypatch) -> Pipeline:
    fake = Pipeline()
    monkeypatch.setattr("kronika.pipeline.get_pipeline", lambda settings=None: fake)
    return fake


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    return input_tree(tmp_path, TEXTS, ROWS)


def spy_reading(monkeypatch) -> list[str]:
    """What the reader decodes and normalises from now on (one entry per call)."""
    calls: list[str] = []

    def spy(name: str, real):
        return lambda *a, **k: calls.append(name) or real(*a, **k)

    for name in ("decode_text", "read_document", "read_json_line"):
        monkeypatch.setattr(kronika.read.inputs, name, spy(name, getattr(kronika.read.inputs, name)))
    return calls


def test_a_resumed_batch_never_normalises_done_documents(inputs, tmp_path, nlp, monkeypatch) -> None:
    out = tmp_path / "coded"
    first = run_batch(inputs, out, workers=0)["runs"][-1]
    assert (first["coded"], first["failed"]) == (4, 1)
    seen = len(nlp.seen)
    calls = spy_reading(monkeypatch)
    again = run_batch(inputs, out, workers=0)
    run = again["runs"][-1]
    assert calls == [] and len(nlp.seen) == seen
    assert (run["coded"], run["skipped_already_done"], run["skipped_before_reading"]) == (0, 5, 5)
    assert again["counts"]["articles"] == 4 and again["counts"]["failed_documents"] == 1  # outputs whole


def test_changed_and_retried_documents_are_read(inputs, tmp_path, nlp, monkeypatch) -> None:
    out = tmp_path / "coded"
    run_batch(inputs, out, workers=0)
    nlp.seen.clear()
    (Path(inputs[0]) / "a.txt").write_text(TEXTS["a.txt"] + " No deal was reached.", encoding="utf-8")
    calls = spy_reading(monkeypatch)
    run = run_batch(inputs, out, workers=0, retry_failed=True)["runs"][-1]
    assert sorted(nlp.seen) == sorted([TEXTS["a.txt"] + " No deal was reached.", TEXTS["broken.txt"]])
    assert calls.count("decode_text") == 2 and run["skipped_before_reading"] == 3


def test_parts_without_raw_keys_are_skipped_by_content_hash(inputs, tmp_path, nlp, monkeypatch) -> None:
    """Markers written before raw keys (or by the Ray engine) still resume: read, then skipped."""
    out = tmp_path / "coded"
    run_batch(inputs, out, workers=0)
    for m in (out / "parts").glob("*.done.json"):
        marker = json.loads(m.read_text(encoding="utf-8"))
        assert marker.pop("raw")
        m.write_text(json.dumps(marker), encoding="utf-8")
    nlp.seen.clear()
    calls = spy_reading(monkeypatch)
    run = run_batch(inputs, out, workers=0)["runs"][-1]
    assert nlp.seen == [] and calls and (run["skipped_already_done"], run["skipped_before_reading"]) == (5, 0)
