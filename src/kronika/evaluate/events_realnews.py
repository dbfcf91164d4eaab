"""``kronika evaluate events --set realnews``: events on real news articles annotated exhaustively.

Each gold article (``data/gold/events/{dev,test}/*.json``, see ``events_gold.py``) is read as a line
of its corpus and run through the whole pipeline; its events are matched to the gold and counted
(``events_match.py``). The dev and test splits are reported side by side and never pooled: rules
are tuned on dev only, and ``--errors`` lists the dev split's false positives, false negatives and
half-right events -- it refuses to list the test split's, so nobody tunes on it by accident.
``--split dev-a|dev-b`` scores one of two fixed folds of dev (``folds``: both side by side), so a
change designed on one fold's errors can be checked on the other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kronika.errors import Errors
from kronika.evaluate.events_gold import FOLDS, SPLITS, GoldDocument, dev_folds, load_gold_dir
from kronika.evaluate.events_match import Tally
from kronika.evaluate.report import Report
from kronika.events.plover import TYPES
from kronika.record import Article, Source
from kronika.settings import Settings

DEFAULT_GOLD = "data/gold/events"


def resolve_gold(data: str | None) -> Path:
    """``--data`` as given, else ``data/gold/events`` of the project (or of the current directory)."""
    if data:
        return Path(data)
    here = Path(__file__).resolve().parents[3] / DEFAULT_GOLD
    return here if here.exists() else Path.cwd() / DEFAULT_GOLD


def analyze_gold(docs: list[GoldDocument], settings: Settings) -> list[Article]:
    """Run the pipeline over the gold articles, each read as its corpus line would be."""
    from kronika.pipeline import get_pipeline
    from kronika.read.formats import read_json

    articles: list[Article] = []
    for doc in docs:
        src = Source(path=str(doc.path), format="jsonl")
        (item,) = list(read_json(doc.as_corpus_line(), "jsonl", src, settings))
        if not isinstance(item, Article):
            raise Errors.E232(path=str(doc.path), step="reader", reason=item.reason)
        articles.append(item)
    out: list[Article] = []
    for doc, result in zip(docs, get_pipeline(settings).run_many(articles), strict=True):
        if not isinstance(result, Article):
            raise Errors.E232(path=str(doc.path), step="pipeline", reason=result.reason)
        out.append(result)
    return out


def score(
    docs: list[GoldDocument],
    articles: list[Article],
    *,
    errors_of: tuple[str, ...] = (),
    labels: dict[Path, str] | None = None,
) -> tuple[dict[str, Tally], dict[str, list[dict[str, Any]]]]:
    """Tallies per split (or per fold: ``labels`` maps a file to its fold), and the error listings
    of the splits named in ``errors_of`` (never test)."""
    if "test" in errors_of:
        raise Errors.E235()
    names = sorted({*(labels or {}).values(), *SPLITS})
    tallies = {s: Tally() for s in names}
    errors: dict[str, list[dict[str, Any]]] = {s: [] for s in errors_of}
    for doc, art in zip(docs, articles, strict=True):
        label = (labels or {}).get(doc.path, doc.split)
        tallies[label].add_document(doc, art, errors.get(label))
    return tallies, errors


def _f(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def _prf(d: dict[str, Any]) -> str:
    return f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}"


def summary_rows(sums: dict[str, dict[str, Any]], splits: tuple[str, ...]) -> list[list[Any]]:
    def row(label: str, get: Any) -> list[Any]:
        return [label, *(get(sums[s]) for s in splits)]

    def fill(who: str, what: str) -> Any:
        return lambda s: _f(s["fill_rates"][who][what])

    return [
        row("articles", lambda s: s["documents"]),
        row("gold events (+ optional)", lambda s: f"{s['gold_events']} (+{s['gold_optional']})"),
        row("system events", lambda s: s["system_events"]),
        row("lenient P / R / F1 (type + sentence)", lambda s: _prf(s["lenient"])),
        row("strict P / R / F1 (+ actor, recipient, date)", lambda s: _prf(s["strict"])),
        row("lenient macro P / R / F1", lambda s: _prf(s["lenient_macro"])),
        row("strict macro P / R / F1", lambda s: _prf(s["strict_macro"])),
        row("factual view P / R / F1", lambda s: _prf(s["factual_view"])),
        row(
            "matched pairs: actor / recipient / date / location ok",
            lambda s: " / ".join(_f(v) for v in s["arguments"].values()),
        ),
        row("matched pairs: negated acc.", lambda s: _f(s["modality"]["negated_accuracy"])),
        row("matched pairs: factual acc.", lambda s: _f(s["modality"]["factual_accuracy"])),
        row("fill: actor (system)", fill("system", "actor")),
        row("fill: actor (gold)", fill("gold", "actor")),
        row("fill: recipient where directed (system)", fill("system", "recipient_where_directed")),
        row("fill: recipient where directed (gold)", fill("gold", "recipient_where_directed")),
        row("fill: location (system)", fill("system", "location")),
        row("fill: location (gold)", fill("gold", "location")),
        row("gold evidence not found in the record", lambda s: s["evidence_not_found"]),
    ]


def type_rows(sums: dict[str, dict[str, Any]], splits: tuple[str, ...]) -> list[list[Any]]:
    rows = []
    for t in TYPES:
        cells: list[Any] = [t]
        for s in splits:
            per = sums[s]["per_type"].get(t)
            if per is None:
                cells += ["0", "", ""]
                continue
            lenient, strict = per["lenient"], per["strict"]
            cells += [str(lenient["tp"] + lenient["fn"]), _f(lenient["f1"]), _f(strict["f1"])]
        rows.append(cells)
    return rows


def format_errors(errors: list[dict[str, Any]]) -> list[str]:
    """The ``--errors`` listing as text, one block per error."""
    out = []
    for e in errors:
        g, s = e.get("gold"), e.get("system")
        head = f"{e['kind']:6} {e['doc']}"
        if g:
            head += f"  gold {g['id']} {g['type']} '{g['trigger']}' {g['actor']} -> {g['recipient']} {g['date']}"
        if s:
            head += f"  system {s['type']} '{s['trigger']}' {s['actor']} -> {s['recipient']} {s['date']}"
            head += f" ({s['producer']})"
        if e.get("failed"):
            head += f"  failed: {', '.join(e['failed'])}"
        if e.get("note"):
            head += f"  [{e['note']}]"
        out.append(head)
        out.append(f"         {e.get('sentence', '')}")
    return out


def run_realnews(data: str | None, settings: Settings, *, split: str = "all", errors: bool = False) -> list[Report]:
    """The real-news tables (summary and per type), dev and test side by side, and dev errors.

    ``split``: ``all`` (dev and test), ``dev``, ``test``, a fold of dev (``dev-a``, ``dev-b``) or
    ``folds`` (both folds side by side).
    """
    choices = {"all": SPLITS, "folds": FOLDS, **{s: (s,) for s in (*SPLITS, *FOLDS)}}
    if split not in choices:
        raise Errors.E236(split=split)
    splits = choices[split]
    if errors and split == "test":
        raise Errors.E235()
    root = resolve_gold(data)
    every = load_gold_dir(root)
    labels = dev_folds(every) if set(splits) & set(FOLDS) else {}
    docs = [d for d in every if labels.get(d.path, d.split) in splits]
    if not docs:
        raise Errors.E234(path=str(root), problem=f"no gold articles of the {split} split")
    articles = analyze_gold(docs, settings)
    listed_splits = tuple(s for s in splits if s != "test") if errors else ()
    tallies, listed = score(docs, articles, errors_of=listed_splits, labels=labels)
    sums = {s: tallies[s].summary() for s in splits}
    figures: dict[str, Any] = {"data": str(root), **sums}
    notes = [
        "Matching: a system event pairs with a gold event when its trigger lies in the gold evidence sentence; "
        "one to one, same type first. Lenient = type + sentence; strict = also actor, recipient and date.",
        "Optional gold events are neither false negatives when missed nor false positives when found.",
        "Directed types (a recipient expected): " + ", ".join(sorted(_directed())) + ".",
        "dev is where rules are tuned; test is never tuned on (its errors are never listed).",
    ]
    if errors:
        figures["errors"] = listed
        for s in listed_splits:
            notes += ["", f"{s} errors ({len(listed[s])}):", *format_errors(listed[s])]
    summary = Report(
        title=f"events on the real-news gold ({root})",
        columns=["measure", *splits],
        rows=summary_rows(sums, splits),
        figures=figures,
    )
    per_type = Report(
        title="per type: gold events, lenient F1, strict F1",
        columns=["type", *(f"{s} {c}" for s in splits for c in ("gold", "L-F1", "S-F1"))],
        rows=type_rows(sums, splits),
        notes=notes,
    )
    return [summary, per_type]


def _directed() -> frozenset[str]:
    from kronika.evaluate.events_match import RECIPIENT_TYPES

    return RECIPIENT_TYPES
