"""Writing the store out: CSV, JSON Lines, Parquet, GraphML and CSL-JSON (citations: :mod:`.citation`).

``events.csv`` / ``events.parquet`` are the one flat event table of :mod:`kronika.export.events`
(the same columns ``kronika batch`` writes, documented next to GDELT 2.0 and POLECAT in
``docs/export.md``), one row per story event; ``event_sources`` has one row per reporting
article. Multi-valued cells (several actors) are joined with ``"; "``. Every file is written to a
temporary name and renamed when complete: an interrupted export never leaves a half-written file.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kronika.errors import Errors
from kronika.export.citation import csl_item
from kronika.export.events import EVENT_SCHEMA, NAMES, iter_story_rows
from kronika.record import Article

if TYPE_CHECKING:
    from kronika.store import Store

FORMATS = ("csv", "jsonl", "parquet", "graphml", "csl-json")

SOURCE_COLUMNS = (
    "event_id",
    "article_id",
    "title",
    "outlet",
    "published",
    "url",
    "reported_date",
    "event_mode",
    "actor",
    "recipient",
    "modality",
    "negated",
    "claim_source",
    "stance",
    "event_text",
    "factual",
)

ARTICLE_COLUMNS = ("id", "title", "outlet", "published", "authors", "url", "path", "revision", "current", "n_events")


def _join(values: Iterable[Any]) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if v not in (None, "")))


def source_rows(ev: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per reporting article of a story event: who said what, when."""
    for s in ev["sources"]:
        yield {
            "event_id": ev["id"],
            "article_id": s["article_id"],
            "title": s["title"],
            "outlet": s["outlet"],
            "published": s["published"],
            "url": s["url"],
            "reported_date": s["date"],
            "event_mode": s["mode"],
            "actor": s["actor"],
            "recipient": s["recipient"],
            "modality": s["modality"],
            "negated": s["negated"],
            "claim_source": s["claim_source"],
            "stance": s["stance"],
            "event_text": s["evidence"],
            "factual": s.get("factual", True),
        }


@contextmanager
def _atomic(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    tmp = path.with_name(f".{path.name}.part")
    try:
        text = "b" not in mode
        with open(tmp, mode, encoding="utf-8" if text else None, newline="" if text else None) as fh:
            yield fh
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _iter_articles(store: Store, full: bool) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = store.articles(limit=500, offset=offset)
        found = {a["id"]: a for a in store.article_many([a["id"] for a in page])} if full else {}
        for a in page:
            yield found.get(a["id"], a)
        if len(page) < 500:
            return
        offset += 500


def _write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> None:
    with _atomic(path) as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def _write_parquet(
    path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]], batch: int = 5000, schema: Any = None
) -> None:
    """Streamed in row groups so memory stays bounded however many events there are. Without a
    ``schema`` every column is a string but for the few typed ones below."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = list(columns)
    typed = {"source_count": pa.int64(), "negated": pa.bool_(), "factual": pa.bool_(), "revision": pa.int64()}
    if schema is None:
        schema = pa.schema([(c, typed.get(c, pa.string())) for c in cols])
    kinds = {f.name: f.type for f in schema}
    with _atomic(path, "wb") as fh, pq.ParquetWriter(fh, schema) as writer:
        buf: list[dict[str, Any]] = []

        def flush() -> None:
            conv = {c: [r.get(c) if kinds[c] != pa.string() else _str(r.get(c)) for r in buf] for c in cols}
            writer.write_table(pa.table(conv, schema=schema))
            buf.clear()

        for r in rows:
            buf.append(r)
            if len(buf) >= batch:
                flush()
        flush()


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _write_graphml(path: Path, net: dict[str, Any]) -> None:
    import networkx as nx

    g = nx.DiGraph()
    for n in net["nodes"]:
        g.add_node(n["id"], **{k: ("" if v is None else v) for k, v in n.items() if k != "id"})
    for e in net["edges"]:
        attrs = {"weight": e["weight"], **{f"quad_{k}": v for k, v in e["quads"].items()}}
        attrs["types"] = json.dumps(e["types"])
        g.add_edge(e["source"], e["target"], **attrs)
    with _atomic(path, "wb") as fh:
        nx.write_graphml(g, fh)


def export(store: Store, fmt: str, out: str | Path, **filters: Any) -> list[Path]:
    """Write the store (story events matching ``filters``, their sources, articles) as ``fmt`` into
    the directory ``out``; returns the files written."""
    if fmt not in FORMATS:
        raise Errors.E620(fmt=fmt, known=", ".join(FORMATS))
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise Errors.E621(path=str(out))
    out.mkdir(parents=True, exist_ok=True)
    events: Callable[[], Iterator[dict[str, Any]]] = lambda: store.iter_events(**filters)  # noqa: E731
    written: list[Path] = []
    if fmt == "csv":
        _write_csv(out / "events.csv", NAMES, iter_story_rows(store, events()))
        _write_csv(out / "event_sources.csv", SOURCE_COLUMNS, (r for e in events() for r in source_rows(e)))
        _write_csv(out / "articles.csv", ARTICLE_COLUMNS, _iter_articles(store, full=False))
        written += [out / "events.csv", out / "event_sources.csv", out / "articles.csv"]
    elif fmt == "parquet":
        _write_parquet(out / "events.parquet", NAMES, iter_story_rows(store, events()), schema=EVENT_SCHEMA)
        _write_parquet(out / "event_sources.parquet", SOURCE_COLUMNS, (r for e in events() for r in source_rows(e)))
        written += [out / "events.parquet", out / "event_sources.parquet"]
    elif fmt == "jsonl":
        for name, rows in (("events.jsonl", events()), ("articles.jsonl", _iter_articles(store, full=True))):
            with _atomic(out / name) as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            written.append(out / name)
    elif fmt == "graphml":
        _write_graphml(
            out / "network.graphml",
            store.network(filters.get("since"), filters.get("until"), factual=filters.get("factual")),
        )
        written.append(out / "network.graphml")
    else:
        items = [csl_item(Article.from_dict(a)) for a in _iter_articles(store, full=True)]
        with _atomic(out / "citations.json") as fh:
            json.dump(items, fh, ensure_ascii=False, indent=1)
        written.append(out / "citations.json")
    return written
