"""The durable state of a batch: committed parts, and their merge into the output files.

A batch writes its results in *parts* under ``OUT/parts/``: one Parquet file per chunk of
documents (or one directory of Parquet files per Ray run) plus a ``<name>.done.json`` marker
listing the document ids the part coded or failed. Part data is written to a temporary name and
renamed into place, and the marker is written (also atomically) only afterwards, so a part
either is committed or does not exist; anything without a marker is debris from an interrupted
run and is deleted on the next start. The set of ids in the markers is what a re-run skips, so
an interrupted run finishes without duplicates. A marker also maps its ids to the raw keys of the
inputs they were read from (``raw``; see :mod:`kronika.batch.source`), so a re-run skips those
inputs before the reader normalises them.

:func:`finalize` streams every committed part, in order, into the user-facing files
(``articles.jsonl.gz``, ``events.parquet``, ``entities.parquet``, ``errors.jsonl``) with bounded
memory, each written to a temporary name and renamed.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from kronika.batch.rows import ENTITY_SCHEMA, EVENT_SCHEMA, to_table

# One row per input item. ``record`` is the article JSON (None for a failure), ``events`` and
# ``entities`` the JSON lists of flat rows, ``error`` the failure JSON (None for an article).
RAW_SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("id", pa.string()),
        ("record", pa.large_string()),
        ("events", pa.large_string()),
        ("entities", pa.large_string()),
        ("error", pa.string()),
    ]
)

MARKER = ".done.json"
ROW_GROUP = 5000  # rows buffered per Parquet row group when merging (bounds the merge's memory)


def atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_raw_part(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write one part's rows (see :data:`RAW_SCHEMA`) to ``path`` atomically."""
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    pq.write_table(pa.Table.from_pylist(rows, schema=RAW_SCHEMA), tmp, compression="zstd")
    os.replace(tmp, path)


@dataclass
class Part:
    name: str
    data: Path  # a Parquet file, or a directory of Parquet files (Ray)
    marker: dict[str, Any]

    def files(self) -> list[Path]:
        """The part's Parquet files in input order.

        A Ray part's files are written by parallel tasks whose file names need not sort in input
        order; each holds a contiguous run of input positions, so they are ordered by their first.
        """
        if self.data.is_dir():
            return sorted((p for p in self.data.rglob("*.parquet") if p.is_file()), key=_first_seq)
        return [self.data]


def _first_seq(path: Path) -> tuple[int, str]:
    import pyarrow.compute as pc

    first = pc.min(pq.read_table(path, columns=["seq"])["seq"]).as_py()
    return (-1 if first is None else first, path.name)


@dataclass
class PartStore:
    """The ``parts/`` folder of an output directory."""

    root: Path
    parts: list[Part] = field(default_factory=list)
    raw_keys: dict[str, str] = field(default_factory=dict)  # id -> raw key, for documents in flight

    @classmethod
    def open(cls, out: Path) -> PartStore:
        """Scan committed parts and delete debris left by an interrupted run."""
        root = out / "parts"
        root.mkdir(parents=True, exist_ok=True)
        store = cls(root)
        committed = set()
        for m in sorted(root.glob("*" + MARKER)):
            name = m.name[: -len(MARKER)]
            try:
                marker = json.loads(m.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                m.unlink()  # a marker is written atomically; an unreadable one is not ours to trust
                continue
            data = root / marker.get("data", name + ".parquet")
            if not data.exists():
                m.unlink()
                continue
            committed.update({name, data.name})
            store.parts.append(Part(name, data, marker))
        for p in root.iterdir():
            if p.name.endswith(MARKER) or p.name in committed:
                continue
            shutil.rmtree(p) if p.is_dir() else p.unlink()  # uncommitted: written by an interrupted run
        return store

    def done_ids(self) -> tuple[set[str], set[str]]:
        """Ids coded and ids failed by committed parts (coded wins when a later run coded a failure)."""
        coded: set[str] = set()
        failed: set[str] = set()
        for p in self.parts:
            coded.update(p.marker.get("coded", ()))
            failed.update(p.marker.get("failed", ()))
        return coded, failed - coded

    def done_raw_keys(self, ids: set[str]) -> set[str]:
        """The raw keys the committed parts keep for ``ids`` (what a re-run skips unread)."""
        return {k for p in self.parts for i, k in (p.marker.get("raw") or {}).items() if i in ids}

    def runs(self) -> int:
        """The number of the next run (parts are named ``<run>-...`` so they sort in run order)."""
        nums = [int(p.name.split("-", 1)[0]) for p in self.parts if p.name.split("-", 1)[0].isdigit()]
        return max(nums, default=0) + 1

    def commit(self, name: str, data: Path, marker: dict[str, Any]) -> None:
        ids = [*marker.get("coded", ()), *marker.get("failed", ())]
        raw = {i: k for i in ids if (k := self.raw_keys.pop(i, None))}
        marker = {"data": data.name, **marker, **({"raw": raw} if raw else {})}
        atomic_write_text(self.root / (name + MARKER), json.dumps(marker))
        self.parts.append(Part(name, data, marker))


def iter_raw(parts: list[Part], columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every raw row of the committed parts, part by part, in bounded memory (one row group at a time)."""
    for part in sorted(parts, key=lambda p: p.name):
        for f in part.files():
            pf = pq.ParquetFile(f)
            for batch in pf.iter_batches(batch_size=256, columns=columns):
                yield from batch.to_pylist()


class _TableSink:
    """A Parquet file written row group by row group (rows are buffered up to :data:`ROW_GROUP`)."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path, self.schema = path, schema
        self.tmp = path.with_name(path.name + ".tmp")
        self.writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")
        self.rows: list[dict[str, Any]] = []
        self.count = 0

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        self.count += len(rows)
        if len(self.rows) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(to_table(self.rows, self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()
        os.replace(self.tmp, self.path)


def finalize(out: Path, store: PartStore) -> dict[str, int]:
    """Merge all committed parts into the output files; returns the counts for the manifest.

    A document coded in several parts (possible only if parts were copied in by hand) is written
    once; an error for a document that a later run coded is dropped, and the same reader error
    seen by several runs is written once.
    """
    coded, _ = store.done_ids()
    seen: set[str] = set()
    seen_errors: set[str] = set()
    counts = {"articles": 0, "events": 0, "entities": 0, "errors": 0, "failed_documents": 0}
    events = _TableSink(out / "events.parquet", EVENT_SCHEMA)
    entities = _TableSink(out / "entities.parquet", ENTITY_SCHEMA)
    art_tmp = out / "articles.jsonl.gz.tmp"
    err_tmp = out / "errors.jsonl.tmp"
    # mtime=0: the same records give byte-identical output, whichever engine or run produced them.
    with (
        open(art_tmp, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as arts,
        err_tmp.open("w", encoding="utf-8") as errs,
    ):
        for row in iter_raw(store.parts):
            if row["error"] is None and row["record"] is None:
                continue  # a Ray run's placeholder for a document an earlier run coded
            if row["error"] is not None:
                err = json.loads(row["error"])
                key = row["id"] or json.dumps([err.get("path"), err.get("line"), err.get("stage"), err.get("reason")])
                if (row["id"] and row["id"] in coded) or key in seen_errors:
                    continue
                seen_errors.add(key)
                errs.write(row["error"] + "\n")
                counts["errors"] += 1
                counts["failed_documents"] += bool(row["id"])
                continue
            if row["id"] in seen:
                continue
            seen.add(row["id"])
            arts.write(row["record"].encode("utf-8") + b"\n")
            counts["articles"] += 1
            events.add(json.loads(row["events"]))
            entities.add(json.loads(row["entities"]))
    os.replace(art_tmp, out / "articles.jsonl.gz")
    os.replace(err_tmp, out / "errors.jsonl")
    events.close()
    entities.close()
    counts["events"], counts["entities"] = events.count, entities.count
    return counts
