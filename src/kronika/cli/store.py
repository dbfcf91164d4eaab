"""Store commands: ``ingest``, ``timeline``, ``events``, ``actors``, ``actor``, ``search``,
``balance``, ``export``, ``stats`` and ``errors`` -- thin wrappers over :mod:`kronika.store`."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kronika.cli.common import KbOpt, MaxBytesOpt, ModelOpt, WorkersOpt, console, cut, make_settings, note
from kronika.store.filters import DEFAULT_LIMIT, EventFilter

if TYPE_CHECKING:  # rich is imported only when a table is printed (JSON and CSV never need it)
    from rich.table import Table

DbOpt = typer.Option(
    "kronika.db", "--db", envvar="KRONIKA_DB", help="Database: a file path, sqlite:///path or postgresql://..."
)
FormatOpt = typer.Option("table", "--format", "-f", help="table (readable), json or csv.")
LimitOpt = typer.Option(DEFAULT_LIMIT, "--limit", "-n", help="At most this many rows (0: all of them).")
OffsetOpt = typer.Option(0, "--offset", help="Skip this many rows first (the next page: --offset 100).")
FORMATS = ("table", "json", "csv")
NonfactualOpt = typer.Option(
    False,
    "--include-nonfactual",
    help="Also count events told as not having happened: negated, denied, hypothetical or only expected "
    "(the same as --factual all; left out by default).",
)
FactualOpt = typer.Option(None, "--factual", help=EventFilter.HELP["factual"])


def _factual(include_nonfactual: bool, factual: str | None) -> str | None:
    """``--include-nonfactual`` is ``--factual all``; the choice is checked by EventFilter."""
    if include_nonfactual and factual not in (None, "all"):
        raise typer.BadParameter("--include-nonfactual means --factual all", param_hint="--factual")
    return "all" if include_nonfactual else factual


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("timeline")(timeline)
    # One command under two names: the same filters, order and output (see kronika.store.EventFilter).
    app.command(
        "events",
        help="Story events by type, place, actor, outlet or date (the same filters and output as `timeline`).",
    )(timeline)
    app.command("actors")(actors)
    app.command("actor")(actor)
    app.command("search")(search)
    app.command("balance")(balance)
    app.command("export")(export)
    app.command("stats")(stats)
    app.command("errors")(errors)


def _open(db: str, create: bool = False):  # type: ignore[no-untyped-def]
    """Open the store; only `ingest` creates one (a typo in --db must not answer from an empty file)."""
    from kronika.store import open_store

    if not create:
        path = db[len("sqlite:///") :] if db.startswith("sqlite:///") else (db if "://" not in db else None)
        if path is not None and not Path(path).expanduser().exists():
            from kronika.cli import fail

            raise fail(f"{path}: no store here; create one with `kronika ingest DIR --db {db}`")
    return open_store(db)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of: {', '.join(FORMATS)}", param_hint="--format")


def _table(title: str, **kw: Any) -> Table:
    from rich.table import Table

    return Table(title=title, **kw)


def _print(obj: Any) -> None:
    console().print(obj)


def _page(limit: int, offset: int) -> tuple[int | None, int]:
    """``--limit``/``--offset`` checked; ``--limit 0`` means every row."""
    if limit < 0:
        raise typer.BadParameter("must be 0 (all rows) or more", param_hint="--limit")
    if offset < 0:
        raise typer.BadParameter("must be 0 or more", param_hint="--offset")
    return (limit or None), offset


def _probe(limit: int | None) -> int | None:
    """One row more than the page, to know whether there is a next page."""
    return None if limit is None else limit + 1


def _more(rows: list[Any], limit: int | None, offset: int) -> list[Any]:
    """Drop the probe row fetched past the page and say on stderr how to get the next page."""
    if limit is None or len(rows) <= limit:
        return rows
    note(
        f"showing rows {offset + 1}-{offset + limit}; more match (next page: --offset {offset + limit}; all: --limit 0)"
    )
    return rows[:limit]


def _emit(rows: Any, fmt: str, table: Any = None, flat: list[dict[str, Any]] | None = None) -> None:
    """Print ``rows`` as JSON, CSV (``flat`` rows, or ``rows`` themselves) or a rich table (given as a
    function that builds it, so JSON and CSV output never import rich)."""
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        data = flat if flat is not None else rows
        cols = list(dict.fromkeys(k for r in data for k in r)) if data else []
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in data:
            w.writerow({k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in r.items()})
    elif table is not None:
        _print(table())


def _total_files(inputs: list[str]) -> int | None:
    """How many documents to expect (for the ETA), when that is cheap to know: plain files only."""
    n = 0
    for p in inputs:
        path = Path(p)
        files = [x for x in path.rglob("*") if x.is_file()] if path.is_dir() else [path]
        if p == "-" or any(".jsonl" in f.name for f in files):
            return None
        n += len(files)
    return n


def ingest(
    inputs: list[str] = typer.Argument(
        None, help="Files, folders (read recursively), JSON Lines corpora or article URLs (http/https)."
    ),
    url_list: str | None = typer.Option(None, "--url-list", help="A file of article URLs, one per line."),
    feed: list[str] | None = typer.Option(None, "--feed", help="An RSS/Atom feed: ingest its items (repeatable)."),
    delay: float = typer.Option(1.0, "--delay", help="Seconds between two requests to one site (URLs and feeds)."),
    db: str = DbOpt,
    model: str | None = ModelOpt,
    kb: list[str] | None = KbOpt,
    max_bytes: int | None = MaxBytesOpt,
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
    output_format: str = typer.Option("text", "--format", "-f", help="text or json (the ingest report)."),
    replace: bool = typer.Option(
        False, "--replace", help="Re-analyze documents already stored and replace them (after changing --model/--kb)."
    ),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Read and analyze again unchanged inputs that failed before (else skipped)."
    ),
    workers: int | None = WorkersOpt,
) -> None:
    """Analyze documents and store them in the store (already stored texts are skipped).

    Each document is stored in its own transaction: interrupt at any time and run the same command
    again to continue. Documents that fail are recorded (see `kronika errors`) and the run goes on;
    a later run skips them while their bytes are unchanged (unless --retry-failed).
    """
    from kronika.batch.stream import auto_workers
    from kronika.cli.fetch import ingest_web, web_items
    from kronika.fetch import is_url
    from kronika.store import IngestReport

    if workers is not None and workers < 0:
        raise typer.BadParameter("must be 0 or more", param_hint="--workers")
    inputs = list(inputs or [])
    web = [x for x in inputs if is_url(x)]
    inputs = [x for x in inputs if not is_url(x)]
    if not (inputs or web or url_list or feed):
        raise typer.BadParameter("give files, folders, URLs, --url-list or --feed", param_hint="INPUTS")
    settings = make_settings(model, kb, max_bytes)
    workers = auto_workers(inputs, settings) if workers is None else workers
    store = _open(db, create=True)
    report = IngestReport()
    from kronika.cli.common import VERBOSITY

    show = progress and sys.stderr.isatty() and VERBOSITY["level"] >= 0
    try:
        if inputs:
            store.ingest_paths(
                inputs,
                settings,
                progress=show,
                report=report,
                total=_total_files(inputs),
                replace=replace,
                workers=workers,
                retry_failed=retry_failed,
            )
        if web or url_list or feed:
            ingest_web(store, web_items(web, url_list, feed, delay, report), settings, report, delay, replace)
    except KeyboardInterrupt:
        typer.echo(f"kronika: interrupted after {report}; run the same command again to continue", err=True)
        raise typer.Exit(130) from None
    for f in report.failures:
        typer.echo(f"kronika: error: {f} [{f.stage}]", err=True)
    if output_format == "json":
        typer.echo(json.dumps({"db": store.url, **report.to_dict()}, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{store.url}: {report}")
    if report.failures:
        raise typer.Exit(1)


def _event_table(evs: list[dict[str, Any]], title: str) -> Table:
    """Story events as a table that fits 80 columns: long evidence is cut (the whole sentence is in
    ``--format json`` / ``csv``), names and keys printed as they are."""
    from rich.text import Text

    t = _table(title, show_lines=True)
    # fixed widths and the rest for the evidence: what fits 80 columns (rich's width when piped)
    cols: tuple[tuple[str, dict[str, Any]], ...] = (
        ("date", {"width": 10}),
        ("event", {"width": 8}),
        ("who → whom, where", {"width": 14}),
        ("sources", {"width": 12}),
        ("evidence", {"ratio": 1}),
    )
    for col, kw in cols:
        t.add_column(col, overflow="fold", **kw)
    for e in evs:
        who = ", ".join(a["name"] for a in e["actors"]) or "—"
        whom = ", ".join(a["name"] for a in e["recipients"])
        srcs = "\n".join(
            f"{s['outlet'] or s['title'] or s['article_id'][:10]} ({s['published'] or '?'})" for s in e["sources"]
        )
        notes = []
        for k, v in e["conflicts"].items():
            if k in ("date", "mode", "negated"):
                notes.append(f"{k}: " + " / ".join(str(x["value"]) for x in v))
            elif k in ("actors", "recipients"):
                notes.append(f"{k} differ: " + ", ".join(x["name"] for x in v))
            else:
                notes.append(f"{k} differ")
        evidence = Text()
        if not e.get("factual", True):
            evidence.append("not factual", style="bold magenta")
            evidence.append(f" ({_why_not(e)}) ")
        evidence.append(cut(e["evidence"]))
        if notes:
            evidence.append("\nconflicts: " + "; ".join(notes), style="yellow")
        t.add_row(
            (e["date"] or "undated").split("T")[0],  # the day; a time of day (TNI) is in json/csv
            f"{e['type']}" + (f"\n{e['mode']}" if e["mode"] else ""),
            who + (f" → {whom}" if whom else "") + (f"\nin {e['location']}" if e["location"] else ""),
            srcs,
            evidence,
        )
    return t


def _why_not(e: dict[str, Any]) -> str:
    """Why a story event is not counted: what its sources say (negated, denied, hypothetical, expected)."""
    why = []
    for s in e["sources"]:
        if s.get("negated"):
            why.append("negated")
        if s.get("stance") == "deny":
            why.append("denied")
        if s.get("modality") in ("hypothetical", "expected"):
            why.append(s["modality"])
    return ", ".join(dict.fromkeys(why)) or "not told as having happened"


def timeline(
    actor: str | None = typer.Option(None, "--actor", "-a", help=EventFilter.HELP["actor"]),
    with_: str | None = typer.Option(None, "--with", "-w", help=EventFilter.HELP["with_"]),
    since: str | None = typer.Option(None, "--since", help=EventFilter.HELP["since"]),
    until: str | None = typer.Option(None, "--until", help=EventFilter.HELP["until"]),
    type_: str | None = typer.Option(None, "--type", "-t", help=EventFilter.HELP["type"]),
    place: str | None = typer.Option(None, "--place", help=EventFilter.HELP["place"]),
    outlet: str | None = typer.Option(None, "--outlet", help=EventFilter.HELP["outlet"]),
    limit: int = LimitOpt,
    offset: int = OffsetOpt,
    newest: bool = typer.Option(False, "--newest", help="Latest events first."),
    include_nonfactual: bool = NonfactualOpt,
    factual: str | None = FactualOpt,
    db: str = DbOpt,
    output_format: str = FormatOpt,
) -> None:
    """Story events in date order, each with every article that reports it and any conflicts.

    Only events told as having happened, unless --include-nonfactual (then marked "not factual")."""
    _check_format(output_format)
    f = EventFilter.of(
        actor=actor,
        with_=with_,
        since=since,
        until=until,
        type=type_,
        place=place,
        outlet=outlet,
        factual=_factual(include_nonfactual, factual),
    )
    page, offset = _page(limit, offset)
    store = _open(db)
    evs = _more(store.timeline(f, limit=_probe(page), offset=offset, newest=newest), page, offset)
    if not evs and output_format == "table":
        hint = f" (is {actor!r} an actor in the store? try `kronika actors`)" if actor else ""
        typer.echo("no events match" + hint, err=True)
        return
    title = ("Timeline" if f.actor else "Events") + "".join(f" {k} {v}" for k, v in f.params().items())
    flat = None
    if output_format == "csv":
        from kronika.export.events import iter_story_rows

        flat = list(iter_story_rows(store, evs))
    _emit(evs, output_format, lambda: _event_table(evs, title), flat)


def actors(
    top: int = typer.Option(20, "--top", help="How many actors (0: all)."),
    offset: int = OffsetOpt,
    include_nonfactual: bool = NonfactualOpt,
    db: str = DbOpt,
    output_format: str = FormatOpt,
) -> None:
    """The actors named in most articles, with their event counts (events that happened, unless
    --include-nonfactual)."""
    _check_format(output_format)
    page, offset = _page(top, offset)
    found = _open(db).actors(top=_probe(page), offset=offset, factual=_factual(include_nonfactual, None))
    rows = _more(found, page, offset)
    cols = ("name", "type", "country", "sector", "articles", "mentions", "events", "entity")

    def table() -> Table:
        t = _table(f"Top {top} actors" if not offset else f"Actors {offset + 1}-{offset + len(rows)}")
        for c in cols:
            t.add_column(c, justify="right" if c in ("articles", "mentions", "events") else "left", overflow="fold")
        for r in rows:
            t.add_row(*(str(r[c] if r[c] is not None else "") for c in cols))
        return t

    _emit(rows, output_format, table)


def actor(
    name: str = typer.Argument(..., help="Entity key (from `kronika actors`) or a name."),
    include_nonfactual: bool = NonfactualOpt,
    db: str = DbOpt,
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """One actor: offices held, mentions per month, events by type, main counterparts (events that
    happened, unless --include-nonfactual)."""
    from kronika.cli import fail

    p = _open(db).actor(name, factual=_factual(include_nonfactual, None))
    if p is None:
        raise fail(f"no actor matches {name!r}; see `kronika actors`")
    if output_format == "json":
        typer.echo(json.dumps(p, ensure_ascii=False, indent=2))
        return
    con = console()
    con.rule(f"{p['name']} · {p['type']} · {p['country'] or '—'} · {p['entity']}")
    for o in p["offices"]:
        con.print(
            f"office: {o['title']}{' of ' + o['of'] if o.get('of') else ''} "
            f"(in {o.get('articles', '?')} articles, {o.get('first_seen') or '?'} – {o.get('last_seen') or '?'})"
        )
    counted = "" if p.get("factual") == "all" else " (that happened; --include-nonfactual for all)"
    con.print(f"events by type{counted}: " + (", ".join(f"{k} {v}" for k, v in p["events_by_type"].items()) or "none"))
    con.print("counterparts: " + (", ".join(f"{c['name']} ({c['events']})" for c in p["counterparts"]) or "none"))
    t = _table("Mentions by month")
    for c in ("month", "mentions", "articles"):
        t.add_column(c)
    for m in p["mentions_by_month"]:
        t.add_row(m["month"], str(m["mentions"]), str(m["articles"]))
    con.print(t)


def search(
    query: str = typer.Argument(..., help='Words (all must occur) and "quoted phrases".'),
    limit: int = typer.Option(50, "--limit", "-n", help="At most this many paragraphs (0: all)."),
    offset: int = OffsetOpt,
    db: str = DbOpt,
    output_format: str = FormatOpt,
) -> None:
    """Full-text search over the stored articles' paragraphs, best first."""
    _check_format(output_format)
    page, offset = _page(limit, offset)
    rows = _more(_open(db).search(query, limit=_probe(page), offset=offset), page, offset)

    def table() -> Table:
        t = _table(f"Search: {query}", show_lines=True)
        for c in ("article", "outlet", "published", "snippet", "events"):
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(
                r["title"] or r["article_id"][:10],
                r["outlet"] or "",
                r["published"] or "",
                _snippet(r["snippet"]),
                str(len(r["events"])),
            )
        return t

    _emit(rows, output_format, table)


def _snippet(snippet: str) -> Any:
    """A search snippet with its matches (``[word]`` from the store) kept and shown in bold."""
    import re

    from rich.text import Text

    out = Text()
    at = 0
    for m in re.finditer(r"\[([^\[\]]+)\]", snippet):
        out.append(snippet[at : m.start()])
        out.append(m.group(1), style="bold reverse")
        at = m.end()
    out.append(snippet[at:])
    return out


def balance(
    actor: str = typer.Argument(..., help="The actor whose balancing you measure, e.g. KAZ."),
    between: str = typer.Option(..., "--between", "-b", help="Counterparts, comma-separated, e.g. RUS,EU."),
    by: str = typer.Option("month", "--by", help="Period: day, week, month, quarter or year."),
    include_nonfactual: bool = NonfactualOpt,
    db: str = DbOpt,
    output_format: str = FormatOpt,
) -> None:
    """Cooperation vs conflict between an actor and each counterpart per period (PLOVER quad classes),
    over the events that happened (--include-nonfactual: also negated, hypothetical ... ones)."""
    _check_format(output_format)
    if by not in ("day", "week", "month", "quarter", "year"):
        raise typer.BadParameter("choose day, week, month, quarter or year", param_hint="--by")
    sides = [b for b in between.split(",") if b.strip()]
    rows = _open(db).balance(actor, sides, by=by, factual=_factual(include_nonfactual, None))
    if not rows and output_format == "table":
        typer.echo(f"no events between {actor} and {between}", err=True)
        return
    cols = (
        ("period", "period"),
        ("counterpart", "with"),
        ("verbal_cooperation", "v-coop"),
        ("material_cooperation", "m-coop"),
        ("verbal_conflict", "v-confl"),
        ("material_conflict", "m-confl"),
        ("events", "events"),
        ("net", "net"),
        ("share", "share"),
    )

    def table() -> Table:
        t = _table(
            f"Balance of {actor} between {between}, by {by}",
            caption="PLOVER quad classes: v/m = verbal/material, coop/confl = cooperation/conflict; "
            "net = (coop - confl) / events; share = part of the actor's events with the listed sides",
        )
        for _, h in cols:
            t.add_column(h, justify="left" if h in ("period", "with") else "right")
        for r in rows:
            t.add_row(*("" if r[c] is None else str(r[c]) for c, _ in cols))
        return t

    _emit(rows, output_format, table)


def export(
    output_format: str = typer.Option(..., "--format", "-f", help="csv, jsonl, parquet, graphml or csl-json."),
    out: str = typer.Option(..., "--out", "-o", help="Directory to write into (created if missing)."),
    actor: str | None = typer.Option(None, "--actor", "-a", help="Only events involving this actor."),
    since: str | None = typer.Option(None, "--since", help="From this date."),
    until: str | None = typer.Option(None, "--until", help="Up to this date."),
    include_nonfactual: bool = NonfactualOpt,
    factual: str | None = FactualOpt,
    db: str = DbOpt,
) -> None:
    """Export story events, their sources and the articles (PLOVER-named columns for csv/parquet).

    Events that happened only, unless --include-nonfactual (every row has a `factual` column)."""
    from kronika.export import export as run_export

    chosen = _factual(include_nonfactual, factual)
    for p in run_export(_open(db), output_format, out, actor=actor, since=since, until=until, factual=chosen):
        typer.echo(str(p))


def stats(db: str = DbOpt, output_format: str = typer.Option("table", "--format", "-f", help="table or json.")) -> None:
    """What the store holds: articles, outlets, date range, entities, events, errors."""
    s = _open(db).stats()
    if output_format == "json":
        typer.echo(json.dumps(s, indent=2))
        return
    t = _table("Store", show_header=False)
    t.add_column()
    t.add_column(justify="right")
    for k, v in s.items():
        t.add_row(k.replace("_", " "), "" if v is None else str(v))
    _print(t)


def errors(db: str = DbOpt, limit: int = LimitOpt, offset: int = OffsetOpt, output_format: str = FormatOpt) -> None:
    """Documents that failed to ingest, with the stage and the reason."""
    _check_format(output_format)
    page, offset = _page(limit, offset)
    rows = _more(_open(db).errors(limit=_probe(page), offset=offset), page, offset)
    cols = ("path", "line", "stage", "code", "reason", "at")

    def table() -> Table:
        t = _table("Errors")
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(*("" if r[c] is None else str(r[c]) for c in cols))
        return t

    _emit(rows, output_format, table)
