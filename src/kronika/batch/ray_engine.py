"""The Ray engine: the same reading and coding as the local engine, spread over a Ray cluster.

Ray Data reads the input files in parallel tasks (each file through :func:`kronika.read.read_inputs`,
so every format the reader knows works), codes them in ``map_batches`` with an actor pool whose
actors each load the model once (:class:`Coder`, calling the same :func:`code_items` as a local
worker), and writes the raw part rows as Parquet. The run is committed as one part when the write
has finished, and merged into the usual output files by :func:`kronika.batch.parts.finalize`.

On a cluster the inputs and ``--out`` must be on storage every node sees (a shared file system),
and kronika (with the model) must be installed on every node; see ``docs/scale.md``.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pyarrow as pa

from kronika.batch.code import code_items
from kronika.batch.local import Progress, RunStats
from kronika.batch.parts import RAW_SCHEMA, PartStore, iter_raw
from kronika.batch.source import ReadStats, expand_inputs
from kronika.errors import Errors, Failure
from kronika.settings import Settings

# An actor is one spaCy process (one core's work), but asks for a little less than a whole CPU so that
# ``--workers`` equal to the cluster's CPU count still leaves room for the read and write tasks;
# with 1.0 the actors take every slot and Ray Data waits forever for a reader.
CODER_CPUS = 0.75
LIGHT_CPUS = 0.2


def read_file(row: dict[str, Any], settings: Settings, skip: frozenset[str]) -> list[dict[str, Any]]:
    """One input file -> one row per document (pickled Article or Failure), in file order."""
    from kronika.read import read_inputs

    base = int(row["file"]) << 32  # ``ord`` sorts documents by file, then by position in the file
    out: list[dict[str, Any]] = []
    try:
        for i, item in enumerate(read_inputs([row["path"]], settings)):
            doc_id = None if isinstance(item, Failure) else item.id
            done = doc_id is not None and doc_id in skip
            out.append({"ord": base + i, "id": doc_id, "skip": done, "item": b"" if done else pickle.dumps(item)})
    except Exception as exc:  # a reader bug on one file must not end the run
        fail = Failure.from_error(Errors.E306(path=row["path"], error=f"{type(exc).__name__}: {exc}"))
        out.append({"ord": base + len(out), "id": None, "skip": False, "item": pickle.dumps(fail)})
    return out


class Coder:
    """A Ray actor: loads the pipeline once, then codes batches of documents."""

    def __init__(self, settings: Settings) -> None:
        from kronika.pipeline import get_pipeline

        self.pipe = get_pipeline(settings)
        self.pipe.info()  # load the model when the actor starts

    def __call__(self, batch: pa.Table) -> pa.Table:
        d = batch.to_pydict()
        keep = [i for i, s in enumerate(d["skip"]) if not s]
        items = [pickle.loads(d["item"][i]) for i in keep]
        rows = code_items(self.pipe, items)
        for r, i in zip(rows, keep, strict=True):
            r["seq"] = d["ord"][i]
        # documents a previous run already coded: kept as empty rows only so the run can count them
        rows.extend(
            {"seq": d["ord"][i], "id": d["id"][i], "record": None, "events": None, "entities": None, "error": None}
            for i, s in enumerate(d["skip"])
            if s
        )
        return pa.Table.from_pylist(rows, schema=RAW_SCHEMA)


def _init_ray(address: str | None, workers: int) -> None:
    import ray

    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=max(workers, 1), log_to_driver=False, include_dashboard=False)


def run_ray(
    inputs: list[str],
    store: PartStore,
    settings: Settings,
    workers: int,
    chunk_size: int,
    run: int,
    skip: set[str],
    read: ReadStats,
    address: str | None,
    progress: Progress,
) -> RunStats:
    try:
        import ray
        import ray.data
    except ImportError:
        raise Errors.E208() from None
    _init_ray(address, workers)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # output in input order, like the local engine
    ctx.enable_progress_bars = progress.enabled

    files = expand_inputs(inputs)
    name = f"{run:04d}-ray"
    tmp = store.root / (name + ".tmp")
    stats = RunStats()
    if files:
        ds: Any = ray.data.from_items(  # Ray's stubs type flat_map's fn_kwargs too narrowly
            [{"file": i, "path": os.path.abspath(f)} for i, f in enumerate(files)], override_num_blocks=len(files)
        )
        ds = ds.flat_map(read_file, fn_kwargs={"settings": settings, "skip": frozenset(skip)}, num_cpus=LIGHT_CPUS)
        ds = ds.map_batches(
            Coder,
            batch_size=chunk_size,
            batch_format="pyarrow",
            concurrency=max(workers, 1),
            fn_constructor_kwargs={"settings": settings},
            num_cpus=CODER_CPUS,
            max_restarts=1,  # a killed actor is restarted once and its batch retried once
            max_task_retries=1,
        )
        try:
            ds.write_parquet(str(tmp), compression="zstd", ray_remote_args={"num_cpus": LIGHT_CPUS})
        except Exception as exc:  # Ray gave up (e.g. an actor died twice on one batch): nothing is committed
            raise Errors.E305(error=f"{type(exc).__name__}: {str(exc)[:500]}") from exc
    tmp.mkdir(parents=True, exist_ok=True)
    data = store.root / name
    os.replace(tmp, data)
    summary = _summarize_part(store, data, read)
    store.commit(name, data, {**summary, "attempt": 0})
    stats.parts = 1
    stats.coded, stats.failed = len(summary["coded"]), len(summary["failed"])
    stats.events, stats.entities = summary["events"], summary["entities"]
    stats.extra["ray_files"] = len(files)
    return stats


def _summarize_part(store: PartStore, data: Path, read: ReadStats) -> dict[str, Any]:
    """The marker of the run's part and the read counts, streamed from the written Parquet."""
    from kronika.batch.parts import Part

    coded: list[str] = []
    failed: list[str] = []
    errors = events = entities = 0
    seen: set[str] = set()
    for r in iter_raw([Part(data.name, data, {})], columns=["id", "error", "events", "entities"]):
        if r["error"] is not None:
            errors += 1
            if r["id"]:
                failed.append(r["id"])
                read.read += 1
            else:
                read.read_errors += 1
        elif r["events"] is None:  # a document an earlier run coded
            read.read += 1
            read.skipped += 1
        else:
            read.read += 1
            if r["id"] in seen:  # the same text twice in the input: coded by two actors, kept once
                read.duplicates += 1
                continue
            seen.add(r["id"])
            coded.append(r["id"])
            events += len(json.loads(r["events"]))
            entities += len(json.loads(r["entities"]))
    return {"coded": coded, "failed": failed, "errors": errors, "events": events, "entities": entities}
