"""``kronika analyze``: files, folders, JSON Lines corpora or stdin -> article records."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import chain
from typing import Literal

import typer

from kronika.cli.common import KbOpt, MaxBytesOpt, ModelOpt, WorkersOpt, make_settings
from kronika.errors import Failure
from kronika.record import Article


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)


def analyze(
    inputs: list[str] = typer.Argument(
        ...,
        help="Files (.txt .md .html .jsonl, optionally .gz), folders (read recursively), - for stdin, or "
        "article URLs (http/https: fetched politely, cached).",
    ),
    output_format: str = typer.Option(
        "json",
        "--format",
        "-f",
        help="json: one JSON object for one document, JSON Lines for several; jsonl: always JSON Lines; "
        "table: a readable summary.",
    ),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (overrides)."),
    title: str | None = typer.Option(None, "--title", help="Title (overrides what the reader found)."),
    url: str | None = typer.Option(None, "--url", help="URL (overrides what the reader found)."),
    model: str | None = ModelOpt,
    kb: list[str] | None = KbOpt,
    max_bytes: int | None = MaxBytesOpt,
    progress: bool = typer.Option(
        True, "--progress/--no-progress", help="Show a progress bar on stderr for multi-document runs."
    ),
    workers: int | None = WorkersOpt,
) -> None:
    """Analyze articles and print their kronika.article/1 records (metadata, actors, times, events)."""
    from kronika.batch.stream import analyze_stream, auto_workers
    from kronika.fetch import is_url, read_sources

    if output_format not in ("json", "jsonl", "table"):
        raise typer.BadParameter("choose json, jsonl or table", param_hint="--format")
    if workers is not None and workers < 0:
        raise typer.BadParameter("must be 0 or more", param_hint="--workers")
    settings = make_settings(model, kb, max_bytes, published, title, url)
    workers = auto_workers([x for x in inputs if not is_url(x)], settings) if workers is None else workers
    # in input order, as they come (URLs fetched politely: kronika.fetch); several documents in
    # worker processes (see kronika.batch.pool)
    results = analyze_stream(read_sources(inputs, settings), settings, workers)
    failures: list[Failure] = []
    written = _emit(_progress(results, progress), output_format, failures)
    for f in failures:
        typer.echo(f"kronika: error: {f}", err=True)
    if failures:
        typer.echo(f"kronika: {len(failures)} of {written + len(failures)} document(s) failed", err=True)
        raise typer.Exit(2 if written == 0 else 1)


def _say_language(a: Article) -> None:
    """Text kronika cannot code says so on stderr too, not only in the record's notes."""
    from kronika.cli.common import note as say
    from kronika.read.language import LANGUAGE_NOTE

    for note in a.notes:
        if note.startswith(LANGUAGE_NOTE):
            where = a.source.path or a.source.url or (f"line {a.source.line}" if a.source.line else "<input>")
            say(f"{where}: {note[len(LANGUAGE_NOTE) :].strip()}")


def _progress(results: Iterator[Article | Failure], enabled: bool) -> Iterator[Article | Failure]:
    from kronika.cli.common import VERBOSITY

    if not enabled or not sys.stderr.isatty() or VERBOSITY["level"] < 0:
        yield from results
        return
    from tqdm import tqdm

    yield from tqdm(results, desc="analyze", unit="doc", file=sys.stderr, leave=False)


def _emit(
    results: Iterator[Article | Failure], fmt: Literal["json", "jsonl", "table"] | str, failures: list[Failure]
) -> int:
    """Write records as they come (streaming); one pretty JSON object when there is only one."""

    def articles() -> Iterator[Article]:
        for r in results:
            if isinstance(r, Failure):
                failures.append(r)
            else:
                _say_language(r)
                yield r

    stream = articles()
    first = next(stream, None)
    if first is None:
        return 0
    if fmt == "table":
        from kronika.cli.render import print_article

        n = 0
        for a in chain([first], stream):
            print_article(a)
            n += 1
        return n
    second = next(stream, None)
    if second is None and fmt == "json":
        sys.stdout.write(json.dumps(first.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return 1
    n = 0
    for a in chain([first], [second] if second else [], stream):
        sys.stdout.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
