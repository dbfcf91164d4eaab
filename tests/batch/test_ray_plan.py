"""The Ray engine's pieces that need no Ray: how it starts Ray, what an actor does, reading a Ray part."""

from __future__ import annotations

from pathlib import Path

from kronika.batch.code import error_row
from kronika.batch.parts import Part, iter_raw, write_raw_part
from kronika.errors import Failure


def test_the_files_of_a_ray_part_are_read_in_input_order_whatever_their_names(tmp_path: Path) -> None:
    part = tmp_path / "0001-ray"
    part.mkdir()
    fail = Failure("x.txt", "unreadable", stage="read")
    # Ray names files by write task; here the later documents got the earlier name.
    write_raw_part(part / "a_000000.parquet", [error_row(s, f"id{s}", fail) for s in (5, 6, 7)])
    write_raw_part(part / "b_000001.parquet", [error_row(s, f"id{s}", fail) for s in (0, 1, 2, 3, 4)])
    rows = list(iter_raw([Part("0001-ray", part, {})], columns=["seq"]))
    assert [r["seq"] for r in rows] == list(range(8))


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


def test_an_actor_codes_a_chunk_into_a_part_and_returns_its_summary(tmp_path: Path, monkeypatch) -> None:
    from kronika.batch import ray_engine
    from kronika.record import Article, Source

    monkeypatch.setattr("kronika.pipeline.get_pipeline", lambda settings: _FakePipe())
    coder = ray_engine.Coder(ray_engine.Settings(), parts_dir=str(tmp_path))
    assert coder.ready() > 0
    fail = Failure("x.txt", "unreadable", stage="read")
    art = Article(text="Some text.", source=Source(path="a.txt"), id="a1")
    summary = coder.code("0001-00000000", [fail, art])
    assert summary["coded"] == ["a1"] and summary["errors"] == 1
    rows = list(iter_raw([Part("0001-00000000", tmp_path / "0001-00000000.parquet", {})], columns=["seq", "id"]))
    assert rows == [{"seq": 0, "id": None}, {"seq": 1, "id": "a1"}]


class _FakePipe:
    def info(self) -> dict:
        return {}

    def run_many(self, articles):
        return list(articles)


def test_a_run_with_nothing_to_code_records_reader_failures_without_starting_ray(tmp_path: Path, monkeypatch) -> None:
    import sys
    import types

    from kronika.batch import ray_engine, run_batch

    def no_ray(*args: object) -> None:
        raise AssertionError("Ray was started")

    monkeypatch.setitem(sys.modules, "ray", types.SimpleNamespace())
    monkeypatch.setattr(ray_engine, "_init_ray", no_ray)
    (tmp_path / "bad.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    manifest = run_batch([str(tmp_path / "bad.jsonl.gz")], tmp_path / "out", engine="ray", workers=2)
    run = manifest["runs"][-1]
    assert run["read_errors"] == 1 and run["coded"] == 0 and "seconds_starting_ray" not in run
    assert manifest["counts"]["errors"] == 1
