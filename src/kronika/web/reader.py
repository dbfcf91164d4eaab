"""The article reader's view model: a record cut into runs of text that each know what covers them.

Actor mentions, times, links and event sentences are spans over the same normalized text; they
nest or overlap freely. Cutting each paragraph at every span boundary gives runs where the set of
covering spans is constant, so the template can wrap each run in plain elements and Jinja can
escape every piece of article text (nothing from an article is ever marked safe).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from kronika.web.links import safe_url


@dataclass
class Run:
    text: str
    entity: int | None = None  # index into ReaderView.entities
    time: int | None = None  # index into ReaderView.times
    link: int | None = None  # index into ReaderView.links
    events: list[int] = field(default_factory=list)  # indexes of events whose sentence covers the run


@dataclass
class ReaderView:
    record: dict[str, Any]
    paragraphs: list[list[Run]]
    entities: list[dict[str, Any]]
    times: list[dict[str, Any]]
    links: list[dict[str, Any]]
    events: list[dict[str, Any]]


def _as_list(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else [value]


def _span(d: Any) -> tuple[int, int] | None:
    try:
        s, e = int(d["start"]), int(d["end"])
    except (KeyError, TypeError, ValueError):
        return None
    return (s, e) if 0 <= s < e else None


def _time_tip(t: dict[str, Any], by_id: dict[str, dict[str, Any]], published: str | None) -> str:
    value = t.get("value") or "?"
    anchor = t.get("anchor")
    if t.get("anchor_missing"):
        where = "no article date to anchor it"
    elif anchor == "DCT":
        where = f"anchored to the article date{f' ({published})' if published else ''}"
    elif anchor and anchor in by_id:
        other = by_id[anchor]
        where = f"anchored to “{other.get('text', '')}” ({other.get('value', '?')})"
    elif anchor:
        where = f"anchored to {anchor}"
    else:
        where = "absolute"
    gran = t.get("granularity")
    return f"{t.get('type', 'DATE')} {value}{f' · {gran}' if gran else ''} · {where}"


def _names(arg: Any, entities: dict[str, dict[str, Any]]) -> list[str]:
    out = []
    for ref in _as_list(arg):
        ent = entities.get(ref.get("entity") or "")
        if ent:
            country = ent.get("country")
            out.append(f"{ent.get('name')} ({country})" if country else str(ent.get("name")))
        elif ref.get("text"):
            out.append(str(ref["text"]))
    return out


def build_reader(record: dict[str, Any]) -> ReaderView:
    """Everything the reader template needs, computed from one ``kronika.article/1`` record."""
    text: str = record.get("text") or ""
    md = record.get("metadata") or {}
    entities = [e for e in record.get("entities") or [] if isinstance(e, dict)]
    times = [t for t in record.get("times") or [] if isinstance(t, dict)]
    links = [dict(x, safe_href=safe_url(x.get("href"))) for x in record.get("links") or [] if isinstance(x, dict)]
    ent_by_id = {str(e.get("id")): e for e in entities}
    time_by_id = {str(t.get("id")): t for t in times}

    # (start, end, layer, index); shorter spans win inside a run so the innermost mention shows.
    spans: list[tuple[int, int, str, int]] = []
    for i, e in enumerate(entities):
        for m in e.get("mentions") or []:
            if sp := _span(m):
                spans.append((*sp, "entity", i))
    for i, t in enumerate(times):
        if sp := _span(t):
            spans.append((*sp, "time", i))
            t["tip"] = _time_tip(t, time_by_id, md.get("published"))
    for i, x in enumerate(links):
        if sp := _span(x):
            spans.append((*sp, "link", i))

    stories = (record.get("stored") or {}).get("story_events") or {}
    events: list[dict[str, Any]] = []
    for i, ev in enumerate(e for e in record.get("events") or [] if isinstance(e, dict)):
        ctx = ev.get("context") or {}
        date = ev.get("date") or {}
        events.append(
            {
                "index": i,
                "id": ev.get("id"),
                "type": ev.get("type"),
                "mode": ev.get("mode"),
                "actors": _names(ev.get("actor"), ent_by_id),
                "recipients": _names(ev.get("recipient"), ent_by_id),
                "location": (ev.get("location") or {}).get("text"),
                "date": date.get("value"),
                "date_inferred": bool(date.get("inferred")),
                "modality": ctx.get("modality") or "asserted",
                "negated": bool(ctx.get("negated")),
                "stance": ctx.get("stance"),
                "factual": ev.get("factual", True) is not False,
                "source": (ctx.get("source") or {}).get("text"),
                "sentence": (ev.get("sentence") or {}).get("text"),
                "confidence": ev.get("confidence"),
                "producer": ev.get("producer"),
                "story": stories.get(ev.get("id")),
            }
        )
        if sp := _span(ev.get("sentence")):
            spans.append((*sp, "event", i))

    paras = [p for p in (_span(p) for p in record.get("paragraphs") or []) if p] or ([(0, len(text))] if text else [])
    out: list[list[Run]] = []
    for ps, pe in paras:
        cuts = {ps, pe}
        inside = [s for s in spans if s[0] < pe and s[1] > ps]
        for lo, hi, _, _ in inside:
            cuts.update(x for x in (lo, hi) if ps < x < pe)
        bounds = sorted(cuts)
        runs: list[Run] = []
        for a, b in itertools.pairwise(bounds):
            run = Run(text[a:b])
            best: dict[str, int] = {}
            for lo, hi, layer, idx in inside:
                if lo <= a and hi >= b:
                    if layer == "event":
                        run.events.append(idx)
                    elif layer not in best or (hi - lo) < best[layer]:
                        best[layer] = hi - lo
                        setattr(run, layer, idx)
            runs.append(run)
        out.append(runs)
    return ReaderView(record, out, entities, times, links, events)
