"""Readable terminal views of a record (``kronika analyze --format table``).

Printed literally (no rich markup or emoji codes in the data: see :func:`kronika.cli.common.console`);
long evidence is cut around the trigger so a piped 80-column table stays readable."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kronika.record import Article, Event, Ref, refs


def _names(article: Article, value: Ref | list[Ref] | None) -> str:
    by_id = {e.id: e for e in article.entities}
    out = []
    for r in refs(value):
        e = by_id.get(r.entity or "")
        out.append(f"{e.name} ({e.country})" if e and e.country else (e.name if e else r.text))
    return ", ".join(out) or "—"


def _evidence(ev: Event, width: int = 50) -> Text:
    """The evidence sentence cut to a window around the trigger, the trigger in bold."""
    s = ev.sentence.text
    at = ev.trigger.start - ev.sentence.start
    if not 0 <= at <= len(s):
        return Text(s)
    lo, hi = max(0, at - width), min(len(s), at + len(ev.trigger.text) + width)
    out = Text("…" if lo else "")
    out.append(s[lo:at])
    out.append(s[at : at + len(ev.trigger.text)], style="bold")
    out.append(s[at + len(ev.trigger.text) : hi])
    out.append("…" if hi < len(s) else "")
    return out


def print_article(article: Article, console: Console | None = None) -> None:
    from kronika.cli.common import console as literal_console

    console = console or literal_console()
    md = article.metadata
    authors = ", ".join(a.name for a in md.authors) or "—"
    console.rule(md.title or article.source.path or article.id, characters="═")
    head = Text(md.publication or "—", style="bold")
    head.append(f" · {md.published or 'date unknown'} · {authors} · {md.url or ''}", style="")
    console.print(head)
    console.print(
        f"{len(article.paragraphs)} paragraphs · {len(article.entities)} actors · "
        f"{len(article.times)} times · {len(article.events)} events",
        style="dim",
    )
    for note in article.notes:
        console.print(f"note: {note}", style="yellow", markup=False)
    if article.entities:
        t = Table(title="Actors", show_lines=False)
        for col in ("name", "type", "country", "sector", "roles", "mentions"):
            t.add_column(col)
        for e in article.entities:
            roles = "; ".join(f"{r.title}{' of ' + r.of if r.of else ''}" for r in e.roles)
            t.add_row(e.name, e.type, e.country or "", e.sector or "", roles, str(len(e.mentions)))
        console.print(t)
    if article.times:
        t = Table(title="Times")
        for col in ("text", "type", "value", "granularity", "anchor"):
            t.add_column(col)
        for x in article.times:
            t.add_row(x.text, x.type, x.value, x.granularity or "", x.anchor or "")
        console.print(t)
    if article.events:
        t = Table(title="Events", show_lines=True)
        # fixed widths and the rest for the evidence: what fits 80 columns (rich's width when piped)
        cols: tuple[tuple[str, dict[str, Any]], ...] = (
            ("date", {"width": 10}),
            ("event", {"width": 9}),
            ("who → whom, where", {"width": 16}),
            ("context", {"width": 10}),
            ("evidence", {"ratio": 1}),
        )
        for col, kw in cols:
            t.add_column(col, overflow="fold", **kw)
        for ev in article.events:
            ctx = ev.context
            flags = [ctx.modality] + (["negated"] if ctx.negated else [])
            if ctx.stance:
                flags.append(f"{_names(article, ctx.source) if ctx.source else '?'} {ctx.stance}")
            if not ev.factual:
                flags.append("NOT FACTUAL")
            who = _names(article, ev.actor) + " → " + _names(article, ev.recipient)
            t.add_row(
                (ev.date.value or "") + (" (inferred)" if ev.date.inferred else ""),
                ev.type + (f"\n{ev.mode}" if ev.mode else ""),
                who + (f"\nin {ev.location.text}" if ev.location else ""),
                ", ".join(flags),
                _evidence(ev),
            )
        console.print(t)
