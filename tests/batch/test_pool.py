"""The ordered worker pool behind ``ingest`` and ``analyze``: same records as one process, in input
order, reader failures in place, a killed worker's documents retried once each."""

from __future__ import annotations

import pytest

from kronika.batch.code import FAULT_ENV
from kronika.batch.pool import analyze_parallel, chunk_sizes
from kronika.batch.stream import POOL_FROM, analyze_stream, auto_workers
from kronika.errors import Failure
from kronika.read import read_inputs
from kronika.settings import Settings

from .conftest import N_DOCS

pytestmark = pytest.mark.slow


def _key(item) -> tuple:
    return ("failure", item.path, item.reason) if isinstance(item, Failure) else ("article", item.to_dict())


def test_pool_gives_the_records_of_one_process_in_order(corpus, pipeline, monkeypatch) -> None:
    settings = Settings()
    inline = [_key(x) for x in analyze_stream(read_inputs([str(corpus)], settings), settings)]
    # The text file kills any worker that analyzes it (SIGKILL, like the OOM killer would).
    monkeypatch.setenv(FAULT_ENV, "Turkey and Kazakhstan held joint military exercises")
    pooled = list(analyze_parallel(read_inputs([str(corpus)], settings), settings, workers=2, max_chunk=2))
    died = [x for x in pooled if isinstance(x, Failure) and x.stage == "worker"]
    assert len(died) == 1 and died[0].path.endswith("c.txt") and died[0].code == "E303"
    assert [_key(x) for x in pooled if x not in died] == [k for k in inline if "c.txt" not in str(k[1])]
    assert sum(k[0] == "article" for k in inline) == N_DOCS + 1  # the repeated item is read twice


def test_chunks_start_small_and_grow() -> None:
    sizes = chunk_sizes(32)
    assert [next(sizes) for _ in range(7)] == [4, 8, 16, 32, 32, 32, 32]
    assert next(chunk_sizes(2)) == 2


def test_auto_workers_only_for_a_corpus(tmp_path) -> None:
    small = tmp_path / "one.txt"
    small.write_text("A short note.", encoding="utf-8")
    big = tmp_path / "many.jsonl"
    big.write_text("".join('{"text": "x"}\n' for _ in range(POOL_FROM)), encoding="utf-8")
    assert auto_workers([str(small)]) == 0 and auto_workers(["-"]) == 0
    assert auto_workers([str(big)]) in (0, __import__("os").cpu_count())
