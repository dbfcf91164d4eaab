"""The Ray engine on a local ``ray.init(num_cpus=2)``: the same output as the local engine."""

from __future__ import annotations

import gzip
import json

import pyarrow.parquet as pq
import pytest

from kronika.batch import run_batch

from .conftest import N_DOCS

pytestmark = [pytest.mark.slow, pytest.mark.ray]


@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    mp = pytest.MonkeyPatch()
    # Ray's OOM killer watches the whole machine; on a shared CI box other jobs must not make it
    # kill our two test actors.
    mp.setenv("RAY_memory_monitor_refresh_ms", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
    mp.undo()


def _table(path, sort):
    return pq.read_table(path).sort_by([(c, "ascending") for c in sort]).to_pylist()


def test_ray_engine_gives_the_same_output_as_the_local_engine(ray_local, corpus, tmp_path, pipeline):
    local, ray_out = tmp_path / "local", tmp_path / "ray"
    run_batch([str(corpus)], local, workers=0, chunk_size=2)
    manifest = run_batch([str(corpus)], ray_out, engine="ray", workers=2, chunk_size=2)

    run = manifest["runs"][-1]
    assert run["engine"] == "ray" and run["coded"] == N_DOCS and run["read_errors"] == 1, run
    with gzip.open(local / "articles.jsonl.gz", "rt") as a, gzip.open(ray_out / "articles.jsonl.gz", "rt") as b:
        assert [json.loads(x)["id"] for x in b] == [json.loads(x)["id"] for x in a]  # same documents, same order
    # The records: identical, byte for byte.
    assert (ray_out / "articles.jsonl.gz").read_bytes() == (local / "articles.jsonl.gz").read_bytes()
    with gzip.open(ray_out / "articles.jsonl.gz", "rt") as fh:
        assert len(fh.read().splitlines()) == N_DOCS
    for name, key in (
        ("events.parquet", ["article_id", "event_id"]),
        ("entities.parquet", ["article_id", "entity_id"]),
    ):
        assert _table(ray_out / name, key) == _table(local / name, key)
    assert (ray_out / "errors.jsonl").read_text() == (local / "errors.jsonl").read_text()

    assert manifest["counts"] == json.loads((local / "manifest.json").read_text())["counts"]
    assert list((ray_out / "parts" / "0001-ray").rglob("*.parquet"))  # Ray wrote the Parquet parts

    # Resume on Ray: nothing left to code.
    again = run_batch([str(corpus)], ray_out, engine="ray", workers=2, chunk_size=2)["runs"][-1]
    assert again["coded"] == 0 and again["skipped_already_done"] == N_DOCS + 1
    assert (ray_out / "articles.jsonl.gz").read_bytes() == (local / "articles.jsonl.gz").read_bytes()
