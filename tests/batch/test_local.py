"""The local engine end to end: outputs, resume after an interruption, worker processes and a killed worker."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from kronika.batch import run_batch
from kronika.batch.code import FAULT_ENV
from kronika.batch.rows import EVENT_SCHEMA

from .conftest import N_DOCS

pytestmark = pytest.mark.slow


def records(out: Path) -> list[dict]:
    with gzip.open(out / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def errors(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def test_batch_writes_records_tables_errors_and_manifest(corpus, tmp_path, pipeline):
    out = tmp_path / "coded"
    manifest = run_batch([str(corpus)], out, workers=0, chunk_size=2)
    recs = records(out)
    assert len(recs) == N_DOCS == len({r["id"] for r in recs})  # the repeated item is coded once
    assert {r["metadata"]["title"] for r in recs} >= {"Kyrgyz president visits Moscow", "EU promises aid"}
    errs = errors(out)
    assert len(errs) == 1 and errs[0]["path"].endswith("d.jsonl.gz") and errs[0]["stage"] == "read"
    events = pq.read_table(out / "events.parquet")
    assert events.schema.equals(EVENT_SCHEMA)
    assert set(events.column("article_id").to_pylist()) <= {r["id"] for r in recs}
    assert events.num_rows == sum(len(r["events"]) for r in recs)
    assert pq.read_table(out / "entities.parquet").num_rows == sum(len(r["entities"]) for r in recs)
    assert json.loads((out / "manifest.json").read_text()) == manifest
    run = manifest["runs"][-1]
    assert (run["coded"], run["duplicates_in_input"], run["read_errors"]) == (N_DOCS, 1, 1)
    assert manifest["counts"]["articles"] == N_DOCS and manifest["counts"]["errors"] == 1
    assert manifest["versions"]["model"] and manifest["complete"] is True


def test_rerun_skips_and_an_interrupted_run_finishes_without_duplicates(corpus, tmp_path, pipeline):
    out = tmp_path / "coded"
    run_batch([str(corpus)], out, workers=0, chunk_size=2)
    complete = records(out)

    again = run_batch([str(corpus)], out, workers=0, chunk_size=2)["runs"][-1]
    assert (again["coded"], again["skipped_already_done"]) == (0, N_DOCS + 1)  # the repeat is skipped too
    assert records(out) == complete

    # Interrupt: the last part never got its marker, another was half written, the merge never ran.
    parts = out / "parts"
    marker = [m for m in sorted(parts.glob("*.done.json")) if json.loads(m.read_text())["coded"]][-1]
    lost = json.loads(marker.read_text())["coded"]
    marker.unlink()
    (parts / "0003-00000009.parquet.tmp42").write_bytes(b"half a file")
    for name in ("articles.jsonl.gz", "events.parquet", "entities.parquet", "errors.jsonl"):
        (out / name).unlink()

    resumed = run_batch([str(corpus)], out, workers=0, chunk_size=2)
    run = resumed["runs"][-1]
    assert run["coded"] == len(lost) > 0
    assert run["skipped_already_done"] + run["duplicates_in_input"] == N_DOCS + 1 - len(lost)
    after = records(out)
    assert sorted(r["id"] for r in after) == sorted(r["id"] for r in complete)
    assert {r["id"]: r for r in after} == {r["id"]: r for r in complete}
    assert not list(parts.glob("*.tmp*"))
    assert len(resumed["runs"]) == 3


def test_worker_processes_match_in_process_and_a_killed_worker_is_retried_once(corpus, tmp_path, pipeline, monkeypatch):
    inline = tmp_path / "inline"
    run_batch([str(corpus)], inline, workers=0, chunk_size=3)
    # The text file kills any worker that codes it (SIGKILL, like the OOM killer would).
    (corpus / "c.txt").write_text((corpus / "c.txt").read_text() + "\n\nKILL-THIS-WORKER", encoding="utf-8")
    monkeypatch.setenv(FAULT_ENV, "KILL-THIS-WORKER")
    pooled = tmp_path / "pooled"
    manifest = run_batch([str(corpus)], pooled, workers=2, chunk_size=3)

    run = manifest["runs"][-1]
    assert run["worker_deaths"] == 2  # the chunk, then the document on its own
    assert run["retried_after_worker_death"] >= 1
    assert run["coded"] == N_DOCS - 1 and run["failed"] == 1
    (killed,) = [e for e in errors(pooled) if e["stage"] == "worker"]
    assert killed["path"].endswith("c.txt") and killed["attempts"] == 2 and killed["id"]
    # Every other document: byte-for-byte the record the in-process run produced.
    expected = {r["id"]: r for r in records(inline) if not r["source"]["path"].endswith("c.txt")}
    assert {r["id"]: r for r in records(pooled)} == expected

    # Fixed (here: the fault is gone), a re-run with --retry-failed codes the document.
    monkeypatch.delenv(FAULT_ENV)
    again = run_batch([str(corpus)], pooled, workers=0, retry_failed=True)
    assert again["runs"][-1]["coded"] == 1
    assert again["counts"]["articles"] == N_DOCS and again["counts"]["failed_documents"] == 0


def test_a_reader_crash_on_one_file_is_recorded_and_the_rest_goes_on(corpus, tmp_path, pipeline, monkeypatch):
    import kronika.read.inputs

    real = kronika.read.inputs.iter_inputs

    def flaky(paths, settings=None, **kw):
        if any(str(p).endswith("c.txt") for p in paths):
            raise RuntimeError("simulated reader bug")
        return real(paths, settings, **kw)

    monkeypatch.setattr(kronika.read.inputs, "iter_inputs", flaky)
    manifest = run_batch([str(corpus)], tmp_path / "coded", workers=0)
    crash = [e for e in errors(tmp_path / "coded") if "simulated reader bug" in e["reason"]]
    assert len(crash) == 1 and crash[0]["path"].endswith("c.txt") and crash[0]["stage"] == "read"
    assert manifest["runs"][-1]["coded"] == N_DOCS - 1 and manifest["runs"][-1]["read_errors"] == 2
