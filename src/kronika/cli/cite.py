"""``kronika cite``: a citation (CSL-JSON, BibTeX, RIS) for articles or for records made earlier."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import typer

from kronika.cli.common import MaxBytesOpt, make_settings
from kronika.errors import Failure
from kronika.record import SCHEMA, Article


def register(app: typer.Typer) -> None:
    app.command("cite")(cite)


def cite(
    inputs: list[str] = typer.Argument(
        ...,
        help="Articles (.txt .md .html .jsonl, .gz, folders, -) or records from `kronika analyze` (.json/.jsonl).",
    ),
    fmt: str = typer.Option("csl-json", "--format", "-f", help="csl-json, bibtex or ris."),
    max_bytes: int | None = MaxBytesOpt,
) -> None:
    """Print a citation for each article (only the reader runs: no model is loaded)."""
    from kronika.export.citation import FORMATS, render
    from kronika.read import read_inputs

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    settings = make_settings(max_bytes=max_bytes)
    articles: list[Article] = []
    failures: list[Failure] = []
    for p in inputs:
        records = _records(p)
        items = records if records is not None else read_inputs([p], settings)
        for item in items:
            (failures if isinstance(item, Failure) else articles).append(item)  # type: ignore[arg-type]
    if articles:
        sys.stdout.write(render(articles, fmt))
    for f in failures:
        typer.echo(f"kronika: error: {f}", err=True)
    if failures:
        raise typer.Exit(2 if not articles else 1)


def _records(path: str) -> list[Article] | None:
    """The records in a ``kronika analyze`` output file, or None when the file holds articles instead."""
    p = Path(path)
    name = p.name.lower().removesuffix(".gz")
    if path == "-" or not p.is_file() or not name.endswith((".json", ".jsonl")):
        return None
    try:
        opener = gzip.open if p.name.lower().endswith(".gz") else open
        with opener(p, "rt", encoding="utf-8") as fh:
            text = fh.read()
        try:
            objs = [json.loads(text)]
        except ValueError:
            objs = [json.loads(line) for line in text.splitlines() if line.strip()]
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    objs = [o for obj in objs for o in (obj if isinstance(obj, list) else [obj])]
    if not objs or not all(isinstance(o, dict) and o.get("schema") == SCHEMA for o in objs):
        return None
    return [Article.from_dict(o) for o in objs]
