"""The Ray engine: the same reading and coding as the local engine, spread over a Ray cluster.

Ray Data reads the input files in parallel tasks (each file through :func:`kronika.read.read_inputs`,
so every format the reader knows works), cuts what they read into blocks of one batch each, codes
them in ``map_batches`` with a fixed pool of actors that each load the model once (:class:`Coder`,
calling the same :func:`code_items` as a local worker), and writes the raw part rows as Parquet.
The run is committed as one part when the write has finished, and merged into the usual output
files by :func:`kronika.batch.parts.finalize`.

Why the blocks and the batch size matter (measured on one machine, 2 actors, one 120-document
shard): an actor task takes a whole *block*, and a file is read into one block, so without the
cut every document went to one actor while the other waited (0.30x the local engine). Batches
are sized like the local engine's chunks (about a third of each actor's share, at most
``--chunk-size``), and an actor holds one batch at a time, so a batch never queues behind a busy
actor while another is idle. The local Ray is started with a bounded object store (Ray's default
is 30 % of the machine's memory) so memory stays bounded however large the corpus.

On a cluster the inputs and ``--out`` must be on storage every node sees (a shared file system),
and kronika (with the model) must be installed on every node; see ``docs/scale.md``.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

from kronika.batch.code import code_items
from kronika.batch.local import Progress, RunStats, adaptive_chunk
from kronika.batch.parts import RAW_SCHEMA, PartStore, iter_raw
from kronika.batch.source import ReadStats, count_documents, expand_inputs
from kronika.errors import Errors, Failure
from kronika.settings import Settings

# An actor is one spaCy process (one core's work), but asks for a little less than a whole CPU so that
# ``--workers`` equal to the cluster's CPU count still leaves room for the read and write tasks;
# with 1.0 the actors take every slot and Ray Data waits forever for a reader.
CODER_CPUS = 0.75
LIGHT_CPUS = 0.2
# The object store of a Ray started here (bytes): Ray Data's back-pressure keeps the blocks in
# flight within it, so this bounds the memory of a local run (spilled to disk beyond, never lost).
OBJECT_STORE_BYTES = 512 * 2**20


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
    """A Ray actor: loads the pipeline once, then codes batches of documents.

    When it is ready it leaves a file with the time in ``ready_dir`` (a folder of the output, which
    every node sees), so the run can report its start-up apart from its throughput.
    """

    def __init__(self, settings: Settings, ready_dir: str | None = None) -> None:
        from kronika.pipeline import get_pipeline

        self.pipe = get_pipeline(settings)
        self.pipe.info()  # load the model when the actor starts
        if ready_dir:  # a start-up figure is a nicety: an actor never fails over it
            with contextlib.suppress(OSError):
                Path(ready_dir, f"{os.getpid()}-{id(self)}").write_text(repr(time.time()), encoding="utf-8")

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
        ray.init(
            num_cpus=max(workers, 1),
            object_store_memory=OBJECT_STORE_BYTES,
            log_to_driver=False,
            include_dashboard=False,
        )


def _light(ds: Any) -> Any:
    """Let the repartition step ask for a light CPU share, like the read and the write.

    Why: Ray Data gives ``repartition`` no resource arguments and its tasks ask for a whole CPU,
    which the coding actors leave free only on a big cluster; on two cores the run waited for
    ever. Ray has no public way to set this, so the logical operator's arguments are set when
    present; with another Ray the step keeps its default (and needs a free CPU).
    """
    op = getattr(getattr(ds, "_logical_plan", None), "dag", None)
    if isinstance(getattr(op, "ray_remote_args", None), dict):
        op.ray_remote_args["num_cpus"] = LIGHT_CPUS  # type: ignore[union-attr]
    return ds


def batch_size(chunk_size: int, workers: int, inputs: list[str]) -> int:
    """Documents per Ray batch: as the local engine's first chunk (see :func:`adaptive_chunk`).

    Ray cannot resize batches as the run goes, so they are sized once from a quick count, which
    stops as soon as the corpus is big enough for batches of ``--chunk-size`` (a big corpus is not
    read twice before the run starts).
    """
    enough = 3 * max(workers, 1) * chunk_size
    total = 0
    try:
        for f in expand_inputs(inputs):
            total += count_documents([f])
            if total >= enough:
                break
    except Exception:  # a count is a nicety: without it, batches are --chunk-size
        return chunk_size
    return adaptive_chunk(chunk_size, max(workers, 1), total, 0, None)


def _ready_after(ready_dir: Path, t0: float, actors: int) -> float | None:
    """Seconds from ``t0`` until the first ``actors`` actors had loaded the model (None if unknown)."""
    times = []
    for f in ready_dir.glob("*"):
        try:
            times.append(float(f.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    times.sort()
    return round(times[: max(actors, 1)][-1] - t0, 3) if times else None


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
    t0 = time.time()
    _init_ray(address, workers)
    t_ray = time.time() - t0
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # output in input order, like the local engine
    ctx.enable_progress_bars = progress.enabled

    files = expand_inputs(inputs)
    name = f"{run:04d}-ray"
    tmp = store.root / (name + ".tmp")
    ready_dir = store.root / (name + ".ready")
    ready_dir.mkdir(parents=True, exist_ok=True)
    stats = RunStats()
    size = batch_size(chunk_size, workers, inputs)
    if files:
        ds: Any = ray.data.from_items(  # Ray's stubs type flat_map's fn_kwargs too narrowly
            [{"file": i, "path": os.path.abspath(f)} for i, f in enumerate(files)], override_num_blocks=len(files)
        )
        ds = ds.flat_map(read_file, fn_kwargs={"settings": settings, "skip": frozenset(skip)}, num_cpus=LIGHT_CPUS)
        ds = _light(ds.repartition(target_num_rows_per_block=size))  # streaming: one batch per block (see above)
        ds = ds.map_batches(
            Coder,
            batch_size=size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=max(workers, 1), max_tasks_in_flight_per_actor=1),
            fn_constructor_kwargs={"settings": settings, "ready_dir": str(ready_dir)},
            num_cpus=CODER_CPUS,
            max_restarts=1,  # a killed actor is restarted once and its batch retried once
            max_task_retries=1,
        )
        try:
            ds.write_parquet(str(tmp), compression="zstd", ray_remote_args={"num_cpus": LIGHT_CPUS})
        except Exception as exc:  # Ray gave up (e.g. an actor died twice on one batch): nothing is committed
            raise Errors.E305(error=f"{type(exc).__name__}: {str(exc)[:500]}") from exc
    tmp.mkdir(parents=True, exist_ok=True)
    ready = _ready_after(ready_dir, t0, workers)
    shutil.rmtree(ready_dir, ignore_errors=True)
    data = store.root / name
    os.replace(tmp, data)
    summary = _summarize_part(store, data, read)
    store.commit(name, data, {**summary, "attempt": 0})
    stats.parts = 1
    stats.coded, stats.failed = len(summary["coded"]), len(summary["failed"])
    stats.events, stats.entities = summary["events"], summary["entities"]
    stats.extra["ray_files"] = len(files)
    stats.extra["ray_batch_size"] = size
    stats.extra["seconds_starting_ray"] = round(t_ray, 3)
    if ready is not None:  # the same key as the local engine's: start-up apart from throughput
        stats.extra["seconds_until_workers_ready"] = ready
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
