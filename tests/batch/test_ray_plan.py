"""How the Ray engine cuts the work and reads back what Ray wrote (no Ray needed)."""

from __future__ import annotations

import os
from pathlib import Path

from synth import write_corpus

from kronika.batch.code import error_row
from kronika.batch.parts import Part, iter_raw, write_raw_part
from kronika.batch.ray_engine import _ready_after, batch_size
from kronika.errors import Failure


def test_ray_batches_are_sized_like_the_local_chunks_so_every_actor_gets_work(tmp_path: Path) -> None:
    (shard,) = write_corpus(tmp_path, 120, shards=1)
    # 120 documents, 2 actors: a third of each actor's share, so six batches, not two of 64
    assert batch_size(64, 2, [str(shard)]) == 20
    assert batch_size(8, 2, [str(shard)]) == 8  # never above --chunk-size
    assert batch_size(64, 4, [str(shard)]) == 10
    assert batch_size(64, 2, [str(tmp_path / "missing.jsonl")]) == 4  # counted as one document


def test_the_count_for_ray_batches_stops_once_the_corpus_is_big_enough(tmp_path: Path, monkeypatch) -> None:
    from kronika.batch import ray_engine

    write_corpus(tmp_path, 50, shards=5)  # 10 documents a shard
    counted: list[str] = []
    real = ray_engine.count_documents
    monkeypatch.setattr(ray_engine, "count_documents", lambda files: counted.extend(files) or real(files))
    assert batch_size(4, 2, [str(tmp_path)]) == 4
    assert len(counted) == 3  # 30 >= 3 x 2 workers x 4: the last two shards are not read for the count


def test_the_files_of_a_ray_part_are_read_in_input_order_whatever_their_names(tmp_path: Path) -> None:
    part = tmp_path / "0001-ray"
    part.mkdir()
    fail = Failure("x.txt", "unreadable", stage="read")
    # Ray names files by write task; here the later documents got the earlier name.
    write_raw_part(part / "a_000000.parquet", [error_row(s, f"id{s}", fail) for s in (5, 6, 7)])
    write_raw_part(part / "b_000001.parquet", [error_row(s, f"id{s}", fail) for s in (0, 1, 2, 3, 4)])
    rows = list(iter_raw([Part("0001-ray", part, {})], columns=["seq"]))
    assert [r["seq"] for r in rows] == list(range(8))


def test_ray_start_up_is_when_the_first_actors_were_ready(tmp_path: Path) -> None:
    for name, t in (("a", 105.0), ("b", 103.0), ("c", 130.0)):  # c: an actor restarted later
        (tmp_path / name).write_text(repr(t))
    (tmp_path / "junk").write_text("not a time")
    assert _ready_after(tmp_path, 100.0, 2) == 5.0
    empty = tmp_path / "none"
    os.mkdir(empty)
    assert _ready_after(empty, 100.0, 2) is None


def test_a_local_ray_is_started_with_bounded_memory_and_no_dashboard(monkeypatch) -> None:
    import sys
    import types

    from kronika.batch import ray_engine

    calls: list[dict] = []
    fake = types.SimpleNamespace(is_initialized=lambda: False, init=lambda **kw: calls.append(kw))
    monkeypatch.setitem(sys.modules, "ray", fake)
    ray_engine._init_ray(None, 3)
    ray_engine._init_ray("ray://head:10001", 3)
    local, cluster = calls
    assert local["num_cpus"] == 3 and local["include_dashboard"] is False
    assert local["object_store_memory"] == ray_engine.OBJECT_STORE_BYTES <= 2**30
    assert cluster == {"address": "ray://head:10001", "log_to_driver": False}  # a cluster keeps its own settings


def test_an_actor_that_cannot_leave_its_ready_mark_still_codes(tmp_path: Path, monkeypatch) -> None:
    from kronika.batch import ray_engine

    monkeypatch.setattr("kronika.pipeline.get_pipeline", lambda settings: type("P", (), {"info": lambda self: {}})())
    coder = ray_engine.Coder(ray_engine.Settings(), ready_dir=str(tmp_path / "gone"))  # the folder does not exist
    assert coder.pipe is not None and not (tmp_path / "gone").exists()
