"""Committed parts, their merge, the flat tables and the input side (no model needed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
from synth import iter_corpus, write_corpus

from kronika.batch.code import error_row
from kronika.batch.local import Task, chunked, summarize
from kronika.batch.parts import PartStore, finalize, write_raw_part
from kronika.batch.rows import ENTITY_SCHEMA, EVENT_SCHEMA, entity_rows, event_rows
from kronika.batch.source import count_documents, expand_inputs
from kronika.errors import Failure

RECORD = {
    "id": "abc",
    "metadata": {"published": "2023-05-18", "title": "Leaders meet", "url": "https://example.org/x"},
    "entities": [
        {"id": "e1", "name": "Kassym-Jomart Tokayev", "type": "PERSON", "country": "KAZ", "sector": "GOV",
         "roles": [{"title": "President", "of": "KAZ"}], "mentions": [{"start": 30, "end": 37, "text": "Tokayev"},
                                                                       {"start": 0, "end": 7, "text": "Tokayev"}]},
        {"id": "e2", "name": "Shavkat Mirziyoyev", "type": "PERSON", "country": "UZB", "sector": "GOV"},
        {"id": "e3", "name": "Moscow", "type": "PLACE", "country": "RUS"},
    ],
    "events": [
        {"id": "ev1", "type": "CONSULT", "mode": "visit",
         "actor": [{"entity": "e1", "text": "Tokayev"}, {"entity": "e2", "text": "Mirziyoyev"}],
         "recipient": None, "location": {"entity": "e3", "text": "Moscow"},
         "date": {"time": "t1", "value": "2023-05-08", "inferred": False},
         "trigger": {"start": 20, "end": 26, "text": "travel"}, "sentence": {"start": 0, "end": 50, "text": "..."},
         "context": {"negated": False, "modality": "asserted", "source": None, "stance": None},
         "confidence": 0.8, "producer": "rule:x"},
    ],
}  # fmt: skip


def test_event_rows_flatten_compound_actors_and_resolve_entities():
    (row,) = event_rows(RECORD)
    assert row["actor_text"] == "Tokayev; Mirziyoyev"
    assert row["actor_country"] == "KAZ; UZB"
    assert row["recipient_text"] is None
    assert row["location_country"] == "RUS"
    assert row["event_date"] == "2023-05-08" and row["date_value"] == "2023-05-08"
    assert row["published"] == "2023-05-18"
    assert set(row) == set(EVENT_SCHEMA.names)


def test_entity_rows_count_mentions_and_keep_the_first():
    rows = entity_rows(RECORD)
    assert [r["entity_id"] for r in rows] == ["e1", "e2", "e3"]
    assert rows[0]["mentions"] == 2 and rows[0]["first_start"] == 0
    assert rows[0]["roles"] == ["President@KAZ"]
    assert rows[1]["mentions"] == 0 and rows[1]["first_start"] is None
    assert set(rows[0]) == set(ENTITY_SCHEMA.names)


def _article_row(seq: int, doc_id: str) -> dict:
    rec = {**RECORD, "id": doc_id}
    return {
        "seq": seq,
        "id": doc_id,
        "record": json.dumps(rec),
        "events": json.dumps(event_rows(rec)),
        "entities": json.dumps(entity_rows(rec)),
        "error": None,
    }


def _commit(store: PartStore, name: str, rows: list[dict]) -> None:
    data = store.root / f"{name}.parquet"
    write_raw_part(data, rows)
    store.commit(name, data, summarize(rows))


def test_uncommitted_parts_are_discarded_on_open(tmp_path: Path):
    store = PartStore.open(tmp_path)
    _commit(store, "0001-00000000", [_article_row(0, "a")])
    write_raw_part(store.root / "0001-00000001.parquet", [_article_row(0, "b")])  # written, never committed
    (store.root / "0001-00000002.parquet.tmp123").write_bytes(b"half")
    reopened = PartStore.open(tmp_path)
    assert [p.name for p in reopened.parts] == ["0001-00000000"]
    assert sorted(p.name for p in reopened.root.iterdir()) == ["0001-00000000.done.json", "0001-00000000.parquet"]
    assert reopened.done_ids() == ({"a"}, set())
    assert reopened.runs() == 2


def test_finalize_writes_each_document_once_and_drops_stale_errors(tmp_path: Path):
    store = PartStore.open(tmp_path)
    read_fail = Failure("bad.jsonl", "not JSON", line=3)
    _commit(store, "0001-00000000", [_article_row(0, "a"), error_row(1, "b", Failure("x", "boom", stage="events"))])
    _commit(store, "0001-00000001", [error_row(0, None, read_fail)])
    # a later run: "b" coded this time, "a" again (hand-copied parts), the same read error again
    _commit(store, "0002-00000000", [_article_row(0, "b"), _article_row(1, "a"), error_row(2, None, read_fail)])
    counts = finalize(tmp_path, store)
    with gzip.open(tmp_path / "articles.jsonl.gz", "rt") as fh:
        ids = [json.loads(line)["id"] for line in fh]
    assert ids == ["a", "b"]
    errors = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert [(e["path"], e["line"]) for e in errors] == [("bad.jsonl", 3)]
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.schema.equals(EVENT_SCHEMA)
    assert events.column("article_id").to_pylist() == ["a", "b"]
    assert pq.read_table(tmp_path / "entities.parquet").num_rows == 6
    assert counts == {"articles": 2, "events": 2, "entities": 6, "errors": 1, "failed_documents": 0}
    assert not list(tmp_path.glob("*.tmp"))


def test_finalize_of_nothing_writes_empty_but_valid_files(tmp_path: Path):
    counts = finalize(tmp_path, PartStore.open(tmp_path))
    assert counts["articles"] == 0
    assert pq.read_table(tmp_path / "events.parquet").schema.equals(EVENT_SCHEMA)
    with gzip.open(tmp_path / "articles.jsonl.gz") as fh:
        assert fh.read() == b""


def test_chunk_names_sort_in_input_order_across_retries():
    tasks = list(chunked(iter(range(25)), 10, run=3))  # type: ignore[arg-type]
    assert [len(t.items) for t in tasks] == [10, 10, 5]
    retried = [Task(f"{tasks[0].name}-{i:05d}", [x], 1) for i, x in enumerate(tasks[0].items)]
    names = [r.name for r in retried] + [t.name for t in tasks[1:]]
    assert names == sorted(names)


def test_count_and_expand_follow_the_reader(tmp_path: Path):
    write_corpus(tmp_path / "c", 7, shards=2)
    (tmp_path / "c" / "note.txt").write_text("One more article.", encoding="utf-8")
    (tmp_path / "c" / ".hidden.txt").write_text("skipped", encoding="utf-8")
    (tmp_path / "c" / "image.png").write_bytes(b"\x89PNG")
    files = expand_inputs([str(tmp_path / "c")])
    assert [Path(f).name for f in files] == ["note.txt", "shard-0000.jsonl.gz", "shard-0001.jsonl.gz"]
    assert count_documents([str(tmp_path / "c")]) == 8


def test_synthetic_corpus_is_reproducible_and_varied():
    a = list(iter_corpus(30, seed=1))
    assert a == list(iter_corpus(30, seed=1))
    assert len({r["text"] for r in a}) == 30
    assert len({r["text"].split(".")[0] for r in a}) > 20


def test_chunks_adapt_to_what_is_left():
    from kronika.batch.local import adaptive_chunk, chunked

    # total unknown yet: start small and double up to the maximum
    assert [adaptive_chunk(64, 2, None, 0, p) for p in (None, 4, 32, 64)] == [4, 8, 64, 64]
    # known: a third of each worker's share of what is left, never above the maximum nor below 4
    assert adaptive_chunk(64, 2, 600, 0, 4) == 64 and adaptive_chunk(64, 2, 300, 0, 4) == 50
    assert adaptive_chunk(64, 2, 300, 290, 50) == 4 and adaptive_chunk(2, 2, 300, 0, None) == 2
    sizes = iter([2, 3])
    tasks = list(chunked(iter(range(7)), 64, 1, lambda prev: next(sizes, 64)))
    assert [len(t.items) for t in tasks] == [2, 3, 2]
