"""``kronika batch`` (code a corpus into Parquet/JSONL, locally or on Ray) and ``kronika load`` (into the KB)."""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kronika.cli.common import KbOpt, MaxBytesOpt, ModelOpt, make_settings
from kronika.errors import Errors, Failure
from kronika.record import Article

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
    app.command("load")(load)


def batch(
    inputs: list[str] = typer.Argument(
        ..., help="JSON Lines shards (.jsonl, .jsonl.gz), folders (read recursively) or single articles."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder (created; re-running with it resumes)."),
    workers: int = typer.Option(
        os.cpu_count() or 1,
        "--workers",
        "-w",
        help="Worker processes (local) or Ray actors, each loading the model once. 0 = code in this process.",
    ),
    engine: str = typer.Option(
        "local", "--engine", help="local: a process pool on this machine; ray: Ray actors (this machine or a cluster)."
    ),
    address: str | None = typer.Option(
        None,
        "--address",
        help="Ray cluster address ('auto' = the cluster this machine belongs to); default: start a local Ray.",
    ),
    chunk_size: int = typer.Option(
        64, "--chunk-size", help="Documents per part (the unit of work, of retry and of resume)."
    ),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Also retry documents an earlier run recorded as failed."
    ),
    model: str | None = ModelOpt,
    kb: list[str] | None = KbOpt,
    max_bytes: int | None = MaxBytesOpt,
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar (docs/s, ETA) on stderr."),
) -> None:
    """Code a whole corpus, streaming, in parallel and resumably (see docs/scale.md).

    Writes OUT/articles.jsonl.gz, events.parquet, entities.parquet, errors.jsonl and manifest.json.

    Failed documents go to errors.jsonl and the run goes on.

    Run the same command again to finish an interrupted run: coded documents are skipped by content hash.
    """
    from kronika.batch import run_batch

    if engine not in ("local", "ray"):
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    if workers < 0:
        raise typer.BadParameter("must be 0 or more", param_hint="--workers")
    if chunk_size < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--chunk-size")
    from kronika.cli import fail

    missing = [p for p in inputs if p != "-" and not Path(p).exists()]
    if missing:
        raise fail(f"{missing[0]}: no such file or folder" + (f" (and {len(missing) - 1} more)" if missing[1:] else ""))
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: --out exists and is not a folder")
    if engine == "ray" and workers == 0:
        workers = 1
    settings = make_settings(model, kb, max_bytes)
    try:
        manifest = run_batch(
            inputs,
            out,
            settings=settings,
            engine=engine,
            workers=workers,
            chunk_size=chunk_size,
            address=address,
            retry_failed=retry_failed,
            progress=progress and sys.stderr.isatty(),
        )
    except KeyboardInterrupt:
        typer.echo(
            f"kronika batch: interrupted; finished parts are kept in {out}/parts, run the same command to resume"
        )
        raise typer.Exit(130) from None
    run, counts = manifest["runs"][-1], manifest["counts"]
    rate = run.get("documents_per_second")
    typer.echo(
        f"kronika batch: coded {run['coded']} document(s), {run['failed']} failed, "
        f"{run['skipped_already_done']} already done, {run['read_errors']} read error(s) "
        f"in {run['seconds_total']:.1f} s" + (f" ({rate} docs/s)" if rate else ""),
        err=True,
    )
    if run["worker_deaths"]:
        typer.echo(
            f"kronika batch: {run['worker_deaths']} worker(s) died; {run['retried_after_worker_death']} "
            "document(s) retried once (see errors.jsonl)",
            err=True,
        )
    typer.echo(
        f"kronika batch: {out}/ now holds {counts['articles']} article(s), {counts['events']} event(s), "
        f"{counts['entities']} entit(ies), {counts['errors']} error(s); details in {out}/manifest.json",
        err=True,
    )
    errors = run["failed"] + run["read_errors"]
    if errors and not run["coded"] and not run["skipped_already_done"]:
        typer.echo(f"kronika batch: nothing could be coded; see {out}/errors.jsonl", err=True)
        raise typer.Exit(2)  # a run that did nothing because of errors must not look like a success


# A record line starts with its schema and id (Article.to_dict puts them first), so the id of a
# line can be read without parsing the JSON; lines that do not start so are parsed as usual.
_HEAD_ID = re.compile(r'^\s*\{\s*"schema"\s*:\s*"[^"]*"\s*,\s*"id"\s*:\s*"([^"\\]+)"')


def _line_id(item: tuple[int, str]) -> str | None:
    m = _HEAD_ID.match(item[1])
    return m.group(1) if m else None


def iter_coded(
    folder: Path, engine: Engine | None = None, on_skip: Callable[[object], None] | None = None
) -> Iterator[Article | Failure]:
    """The records and failures of a batch output folder, streamed (for ``kronika load``).

    With ``engine``, records whose id that knowledge base already stores are dropped before their
    JSON is parsed (each passed to ``on_skip``). Written by an older version or edited by hand,
    these files may hold names with undecodable bytes or lines that are not records; each becomes
    something the store can hold, never a crash.
    """
    from kronika.read.inputs import display_name

    records = folder / "articles.jsonl.gz"
    with gzip.open(records, "rt", encoding="utf-8", errors="replace") as fh:
        lines: Iterable[tuple[int, str]] = ((n, line) for n, line in enumerate(fh, 1) if line.strip())
        if engine is not None:
            from kronika.store.known import skip_known

            lines = skip_known(engine, lines, _line_id, on_skip or (lambda _: None))
        for n, line in lines:
            try:
                article = Article.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
                error = f"{type(exc).__name__}: {exc}"
                yield Failure.from_error(Errors.E115(path=str(records), line=n, error=error), "load")
                continue
            if article.source.path is not None:
                article.source.path = display_name(article.source.path)
            yield article
    errors = folder / "errors.jsonl"
    if errors.exists():
        with errors.open(encoding="utf-8", errors="surrogateescape") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                    if not isinstance(d, dict):
                        raise ValueError(f"expected an object, got {type(d).__name__}")
                except (ValueError, RecursionError) as exc:
                    yield Failure.from_error(Errors.E115(path=str(errors), line=n, error=exc), "load")
                    continue
                text = lambda v: display_name(v) if isinstance(v, str) else None  # noqa: E731
                yield Failure(
                    text(d.get("path")),
                    text(d.get("reason")) or "",
                    text(d.get("stage")) or "read",
                    d["line"] if isinstance(d.get("line"), int) else None,
                    text(d.get("code")) or "E100",
                )


def load(
    folder: Path = typer.Argument(..., help="A folder written by kronika batch (holds articles.jsonl.gz)."),
    db: str = typer.Option("kronika.db", "--db", help="The store: a SQLite file or a postgresql://user@host/db URL."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
) -> None:
    """Load a batch's coded records into the store (re-loading the same records is a no-op)."""
    from kronika.cli import fail

    if not (folder / "articles.jsonl.gz").is_file():
        raise fail(f"{folder}: no articles.jsonl.gz here; run `kronika batch INPUTS --out {folder}` first")
    from kronika.store import IngestReport, open_store

    store = open_store(db)
    report = IngestReport()

    def skipped(_: object) -> None:
        report.skipped += 1

    store.ingest(iter_coded(folder, store.engine, skipped), progress=progress and sys.stderr.isatty(), report=report)
    typer.echo(f"kronika load: {report}", err=True)
    store.close()
