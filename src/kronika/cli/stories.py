"""``kronika story ID`` and ``kronika stories [--contested]``: one happening across outlets, and
who claims what about it (the claims table of :mod:`kronika.stories.claims`)."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from kronika.cli.store import DbOpt, FormatOpt, LimitOpt, _check_format, _emit, _event_table, _open


def register(app: typer.Typer) -> None:
    app.command("story")(story)
    app.command("stories")(stories)


def _claims_table(ev: dict[str, Any]) -> Table:
    t = Table(title=f"Claims ({len(ev['claims'])}; contested: {', '.join(ev['contested']) or 'none'})", show_lines=True)
    for col, kw in (("claim", {}), ("who says it", {}), ("outlet", {}), ("published", {"no_wrap": True}),
                    ("stance", {}), ("evidence", {"ratio": 3})):  # fmt: skip
        t.add_column(col, overflow="fold", **kw)
    for c in ev["claims"]:
        style = "bold yellow" if c["contested"] else ""
        mark = "≠ " if c["contested"] else ""
        t.add_row(
            mark + c["claim"],
            c["who"] or "",
            c["outlet"] or "",
            c["published"] or "",
            c["stance"],
            c["evidence"],
            style=style,
        )
    return t


def story(
    story_id: str = typer.Argument(..., help="Story-event id (from `kronika stories`, `timeline --format json`)."),
    db: str = DbOpt,
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """One story: every source by outlet, and the claims table (claim, who says it, outlet, date,
    evidence, stance) with the claims other sources contradict marked ≠."""
    if output_format not in ("table", "json"):
        raise typer.BadParameter("choose table or json", param_hint="--format")
    ev = _open(db).story(story_id)
    if ev is None:
        from kronika.cli import fail

        raise fail(f"no story event with id {story_id!r} (list them with `kronika stories`)")
    if output_format == "json":
        _emit(ev, "json")
        return
    console = Console()
    console.print(_event_table([ev], f"Story {ev['id']}"))
    by_outlet = Table(title="Sources by outlet", show_lines=True)
    for col in ("outlet", "articles", "dates reported"):
        by_outlet.add_column(col, overflow="fold")
    for o in ev["outlets"]:
        by_outlet.add_row(
            o["outlet"],
            "\n".join(f"{s['title'] or s['article_id'][:10]} ({s['published'] or '?'})" for s in o["sources"]),
            ", ".join(sorted({s["date"] or "—" for s in o["sources"]})),
        )
    console.print(by_outlet)
    console.print(_claims_table(ev))


def stories(
    contested: bool = typer.Option(False, "--contested", help="Only stories whose sources disagree."),
    min_articles: int = typer.Option(1, "--min-articles", help="Only stories at least this many articles report."),
    limit: int | None = LimitOpt,
    db: str = DbOpt,
    output_format: str = FormatOpt,
) -> None:
    """Story events, most reported first, with what their sources disagree on."""
    _check_format(output_format)
    store = _open(db)
    evs = store.stories(contested=contested, limit=limit if limit is not None else 50, min_articles=min_articles)
    if not evs and output_format == "table":
        typer.echo("no contested stories" if contested else "no stories", err=True)
        return
    title = "Contested stories" if contested else "Stories"
    flat = None
    if output_format == "csv":  # the one events schema of `export` and `batch` (docs/export.md)
        from kronika.export.events import iter_story_rows

        flat = list(iter_story_rows(store, evs))
    _emit(evs, output_format, lambda: _event_table(evs, title), flat)
