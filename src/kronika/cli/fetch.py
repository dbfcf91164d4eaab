"""``kronika watch`` and the web side of ``kronika ingest`` (URLs, URL lists, feeds).

Pages and feeds are fetched by :class:`kronika.fetch.Fetcher` (robots.txt, a pause between
requests to one site, retries, a cache keyed by URL with conditional requests), then analyzed and
stored like files. ``watch`` asks its feeds again every ``--every`` and stores the items that are
new or changed: an unchanged page costs one 304 answer, a page already stored is skipped by its
content hash.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from kronika.cli.common import KbOpt, MaxBytesOpt, ModelOpt, make_settings, note
from kronika.errors import Failure
from kronika.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("watch")(watch)


def web_items(
    urls: list[str], url_list: str | None, feeds: list[str] | None, delay: float, report: Any
) -> Iterator[str | dict[str, Any] | Failure]:
    """The URLs to fetch: those given, those of ``--url-list`` (one a line, ``#`` comments) and the
    items of each feed (a feed that cannot be read is a failure in the report, the rest goes on)."""
    from kronika.errors import Errors, KronikaError
    from kronika.fetch import Fetcher, feed_items

    yield from urls
    if url_list:
        path = Path(url_list)
        if not path.is_file():
            raise Errors.E107(path=url_list)
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                yield line.strip()
    for feed in feeds or []:
        with Fetcher(delay=delay) as f:
            try:
                yield from feed_items(f, feed)
            except KronikaError as exc:
                yield Failure.from_error(exc, stage="fetch")


def ingest_web(
    store: Any,
    items: Iterator[str | dict[str, Any] | Failure],
    settings: Settings,
    report: Any,
    delay: float = 1.0,
    replace: bool = False,
    skip_unchanged: bool = False,
) -> None:
    """Fetch, analyze and store web items (see :func:`web_items`), each document in its own transaction."""
    from kronika.batch.stream import analyze_stream
    from kronika.fetch import Fetcher, read_urls

    with Fetcher(delay=delay) as fetcher:

        def docs() -> Iterator[Any]:
            for item in items:
                if isinstance(item, Failure):
                    yield item
                else:
                    yield from read_urls([item], settings, fetcher, skip_unchanged=skip_unchanged)

        store.ingest(analyze_stream(docs(), settings), report=report, replace=replace)


_EVERY = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|m|h)?$")


def interval(text: str) -> float:
    """``90``, ``90s``, ``15m``, ``1h`` -> seconds."""
    m = _EVERY.match(text.strip().lower())
    if not m:
        raise typer.BadParameter("a number of seconds, or with s, m or h: 90s, 15m, 1h", param_hint="--every")
    return float(m.group(1)) * {"s": 1, "m": 60, "h": 3600}[m.group(2) or "s"]


def watch(
    feed: list[str] = typer.Option(..., "--feed", help="An RSS/Atom feed to follow (repeatable)."),
    every: str = typer.Option("15m", "--every", help="How often to ask the feeds again: 90s, 15m, 1h."),
    rounds: int = typer.Option(0, "--rounds", help="Stop after this many rounds (0: run until interrupted)."),
    delay: float = typer.Option(1.0, "--delay", help="Seconds between two requests to one site."),
    db: str = typer.Option("kronika.db", "--db", envvar="KRONIKA_DB", help="The store to ingest into."),
    model: str | None = ModelOpt,
    kb: list[str] | None = KbOpt,
    max_bytes: int | None = MaxBytesOpt,
) -> None:
    """Follow feeds: ingest their new items now and every --every (Ctrl-C to stop)."""
    from kronika.store import IngestReport, open_store

    pause = interval(every)
    settings = make_settings(model, kb, max_bytes)
    store = open_store(db)
    n = 0
    try:
        while True:
            n += 1
            report = IngestReport()
            ingest_web(store, web_items([], None, feed, delay, report), settings, report, delay, skip_unchanged=True)
            for f in report.failures:
                typer.echo(f"kronika: error: {f} [{f.stage}]", err=True)
            typer.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} round {n}: {report}")
            if rounds and n >= rounds:
                break
            note(f"next round in {every} (Ctrl-C to stop)")
            time.sleep(pause)
    except KeyboardInterrupt:
        typer.echo("kronika: watch stopped", err=True)
    finally:
        store.close()
