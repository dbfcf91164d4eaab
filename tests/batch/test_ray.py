"""The Ray engine on a local ``ray.init(num_cpus=2)``: the same output as the local engine."""

from __future__ import annotations

import gzip
import json

import pyarrow.parquet as pq
import pytest

from kronika.batch import run_batch
from kronika.batch.code import FAULT_ENV

from .conftest import N_DOCS

pytestmark = [pytest.mark.slow, pytest.mark.ray]

KILL = "KILL-THIS-RAY-ACTOR"


@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray")
    mp = pytest.MonkeyPatch()
    # Ray's OOM killer watches the whole machine; on a shared CI box other jobs must not make it
    # kill our two test actors.
    mp.setenv("RAY_memory_monitor_refresh_ms", "0")
    # The actors inherit this from the Ray started here: an actor that meets the marker kills
    # itself (documents without it are unaffected).
    mp.setenv(FAULT_ENV, KILL)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
    mp.undo()


def _table(path, sort):
    return pq.read_table(path).sort_by([(c, "ascending") for c in sort]).to_pylist()


def _lines(path):
    with gzip.open(path, "rt") as fh:
        return [json.loads(x) for x in fh]


def test_ray_engine_gives_the_same_output_as_the_local_engine(ray_local, corpus, tmp_path, pipeline):
    local, ray_out = tmp_path / "local", tmp_path / "ray"
    run_batch([str(corpus)], local, workers=0, chunk_size=2)
    manifest = run_batch([str(corpus)], ray_out, engine="ray", workers=2, chunk_size=2)

    run = manifest["runs"][-1]
    assert run["engine"] == "ray" and run["coded"] == N_DOCS and run["read_errors"] == 1, run
    assert run["duplicates_in_input"] == 1 and run["skipped_already_done"] == 0  # the repeated item: coded once
    assert run["seconds_until_workers_ready"] > run["seconds_starting_ray"] >= 0
    ids = [r["id"] for r in _lines(local / "articles.jsonl.gz")]
    assert [r["id"] for r in _lines(ray_out / "articles.jsonl.gz")] == ids  # same documents, same order
    # The records: identical, byte for byte.
    assert (ray_out / "articles.jsonl.gz").read_bytes() == (local / "articles.jsonl.gz").read_bytes()
    assert len(_lines(ray_out / "articles.jsonl.gz")) == N_DOCS
    for name, key in (
        ("events.parquet", ["article_id", "event_id"]),
        ("entities.parquet", ["article_id", "entity_id"]),
    ):
        assert _table(ray_out / name, key) == _table(local / name, key)
    assert (ray_out / "errors.jsonl").read_text() == (local / "errors.jsonl").read_text()
    assert manifest["counts"] == json.loads((local / "manifest.json").read_text())["counts"]
    # Committed chunk by chunk, as the local engine: an interrupted run loses at most the chunks in flight.
    assert len(list((ray_out / "parts").glob("0001-*.done.json"))) == run["parts"] > 1

    # Resume on Ray: nothing left to code.
    again = run_batch([str(corpus)], ray_out, engine="ray", workers=2, chunk_size=2)["runs"][-1]
    assert again["coded"] == 0 and again["skipped_already_done"] == N_DOCS + 1
    assert again["skipped_before_reading"] > 0  # the markers of Ray's parts keep the raw keys
    assert "seconds_starting_ray" not in again  # nothing to code: no actor loaded a model for nothing
    assert (ray_out / "articles.jsonl.gz").read_bytes() == (local / "articles.jsonl.gz").read_bytes()


def test_a_killed_ray_actor_costs_only_the_document_that_killed_it(ray_local, corpus, tmp_path, pipeline):
    local = tmp_path / "local"
    run_batch([str(corpus)], local, workers=0, chunk_size=3)
    # The text file kills the actor that codes it (SIGKILL, like the OOM killer would).
    (corpus / "c.txt").write_text((corpus / "c.txt").read_text() + f"\n\n{KILL}", encoding="utf-8")
    manifest = run_batch([str(corpus)], tmp_path / "ray", engine="ray", workers=2, chunk_size=3)

    run = manifest["runs"][-1]
    assert run["worker_deaths"] == 2  # the chunk, then the document on its own
    assert run["retried_after_worker_death"] >= 1
    assert run["coded"] == N_DOCS - 1 and run["failed"] == 1
    errors = [json.loads(x) for x in (tmp_path / "ray" / "errors.jsonl").read_text().splitlines()]
    (killed,) = [e for e in errors if e["stage"] == "worker"]
    assert killed["path"].endswith("c.txt") and killed["attempts"] == 2 and killed["code"] == "E303"
    expected = [r for r in _lines(local / "articles.jsonl.gz") if not r["source"]["path"].endswith("c.txt")]
    assert _lines(tmp_path / "ray" / "articles.jsonl.gz") == expected
