"""``kronika evaluate times``: TIMEX3 extraction and normalization, TempEval-3 measures, on two golds.

1. **MEANTIME** (English Wikinews, 60 documents, sentences 0–5 annotated), as published.
2. **Our own time gold** (``data/gold/times``): 26 whole Wikinews and kremlin.ru articles, split
   into ``tune`` (rules may be developed against it) and ``test`` (never tuned on), reported
   separately, overall, per TIMEX3 type and per class of issue 17 (durations, points, present/past
   references, sets, ranges, clock times, fiscal/ordinal periods and tenures).

Each document runs through the real pipeline (spaCy + the time stage) with its creation time as
the article date. ``--data DIR`` scores one set only (a MEANTIME folder or a folder laid out like
``data/gold/times``); without it both are scored and a missing one is an error, not a skip.
How pairs are counted: :mod:`kronika.evaluate.times_score`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kronika.errors import Errors
from kronika.evaluate.report import Report
from kronika.evaluate.times_gold import CLASSES, TYPES, GoldArticle, is_gold_dir, load_gold
from kronika.evaluate.times_meantime import GoldDoc, load_corpus
from kronika.evaluate.times_score import COLUMNS, Scores, SysTime, score_doc, system_classes
from kronika.record import Article, Metadata, Source, Span
from kronika.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
MEANTIME_DATA = ("data/meantime-dev",)  # vendored with its licence (data/README.md)
GOLD_DATA = "data/gold/times"
DEFAULT_DATA = MEANTIME_DATA[0]  # the scorer convention (see evaluate/__init__.py)


def run(data: str | None, settings: Settings) -> Report:
    """Score the time stage on MEANTIME and on our gold (or on the one set ``--data`` names)."""
    from kronika.pipeline import Pipeline

    meantime: Path | None
    gold: Path | None
    if data:
        path = Path(data)
        meantime, gold = (None, path) if is_gold_dir(path) else (path, None)
    else:
        meantime, gold = resolve_data(None), resolve_gold(None)
    pipe = Pipeline(settings, stages=["kronika.time.normalize.v1"])
    report = Report(title="times", columns=COLUMNS)
    titles: list[str] = []
    if meantime is not None:
        titles.append(_meantime(pipe, meantime, report))
    if gold is not None:
        titles.append(_gold(pipe, gold, report))
    report.title = "times: " + "; ".join(titles)
    report.notes[:0] = [
        "TempEval-3 measures: P/R/F1 relaxed (any overlap, one-to-one); strict = identical spans; "
        "value F1 = relaxed F1 x value accuracy; type acc. over relaxed pairs.",
        "Reference (TempEval-3 value F1): HeidelTime 0.776, SUTime 0.674.",
    ]
    return report


def _run_pipe(pipe: Any, articles: list[Article], names: list[str]) -> list[Article]:
    out: list[Article] = []
    for name, art in zip(names, pipe.run_many(articles), strict=True):
        if not isinstance(art, Article):
            raise Errors.E232(path=name, step="time stage", reason=art.reason)
        out.append(art)
    return out


def _system(art: Article, limit: int | None = None) -> list[SysTime]:
    return [
        SysTime(
            t.start,
            t.end,
            t.type,
            t.value,
            t.text,
            system_classes(t.type, t.value, t.extra),
            t.extra.get("begin_point"),
            t.extra.get("end_point"),
        )
        for t in art.times
        if limit is None or t.start < limit
    ]


def _meantime(pipe: Any, path: Path, report: Report) -> str:
    docs: list[GoldDoc] = load_corpus(path)
    articles = [
        Article(
            text=d.text,
            source=Source(path=d.name, format="meantime"),
            metadata=Metadata(published=d.dct),
            paragraphs=[Span(s, e) for s, e in d.paragraphs],
        )
        for d in docs
    ]
    with_ct, without_ct = Scores(), Scores()
    for d, art in zip(docs, _run_pipe(pipe, articles, [d.name for d in docs]), strict=True):
        system = _system(art, d.scored_end)
        gold = [g for g in d.times if g.start < d.scored_end]
        score_doc(gold, system, with_ct, d.name)
        # the same without the date line carrying the creation time (it is given as the DCT)
        ct_spans = [(g.start, g.end) for g in gold if g.creation_time]
        sys_wo = [s for s in system if not any(s.start < e and b < s.end for b, e in ct_spans)]
        score_doc([g for g in gold if not g.creation_time], sys_wo, without_ct, d.name)
    report.rows.append(with_ct.row("MEANTIME: all, sentences 0-5"))
    report.rows.append(without_ct.row("MEANTIME: without date line"))
    report.figures.update(
        {
            "documents": len(docs),
            "relaxed": with_ct.extraction.to_dict(),
            "strict_f1": round(with_ct.strict_f1, 4),
            "value_accuracy": round(with_ct.value_accuracy, 4),
            "value_f1": round(with_ct.value_f1, 4),
            "type_accuracy": round(with_ct.type_accuracy, 4),
            "excluding_creation_time": {
                "relaxed": without_ct.extraction.to_dict(),
                "value_accuracy": round(without_ct.value_accuracy, 4),
                "value_f1": round(without_ct.value_f1, 4),
            },
            "errors": with_ct.errors,
        }
    )
    report.notes.append(
        "MEANTIME: CC BY 4.0, (c) 2015 FBK, VU Amsterdam, UPV/EHU. Only sentences 0-5 are annotated and scored; "
        f"{len(with_ct.errors)} disagreements under 'errors' in --json."
    )
    return f"MEANTIME ({len(docs)} documents, {path})"


def _gold(pipe: Any, path: Path, report: Report) -> str:
    splits = load_gold(path)
    figures: dict[str, Any] = {}
    for split, docs in splits.items():
        overall, groups = score_gold(pipe, docs)
        report.rows.append(overall.row(f"gold {split}: all"))
        for key in [f"type:{t}" for t in TYPES] + [f"class:{c}" for c in CLASSES]:
            report.rows.append(groups.get(key, Scores()).row(f"gold {split}: {key.replace(':', ' ')}"))
        report.notes.append(
            f"gold {split}: anchored ends of durations right in {overall.points_correct} of {overall.points_gold} "
            "paired durations whose ends the gold gives."
        )
        figures[split] = {
            "articles": len(docs),
            "all": overall.to_dict(),
            "types": {t: groups.get(f"type:{t}", Scores()).to_dict() for t in TYPES},
            "classes": {c: groups.get(f"class:{c}", Scores()).to_dict() for c in CLASSES},
            "errors": overall.errors,
        }
    report.figures["gold"] = figures
    report.notes.append(
        "kronika time gold (data/gold/times, see its GUIDELINES.md): 'tune' may be tuned on, 'test' never is. "
        "Article date lines are the DCT and not scored. A pair counts in its gold time's type and classes; "
        "an unpaired system time in its own. Texts: Wikinews (CC BY 2.5) and kremlin.ru (CC BY 4.0)."
    )
    sizes = ", ".join(f"{s} {len(d)}" for s, d in splits.items())
    return f"kronika time gold ({sizes} articles, {path})"


def score_gold(pipe: Any, docs: Iterable[GoldArticle]) -> tuple[Scores, dict[str, Scores]]:
    """Run the stage over gold articles; scores overall and per ``type:X`` / ``class:Y`` group."""
    docs = list(docs)
    articles = [
        Article(text=d.text, source=Source(path=d.name, format="gold"), metadata=Metadata(published=d.published))
        for d in docs
    ]
    overall: Scores = Scores()
    groups: dict[str, Scores] = {}
    for d, art in zip(docs, _run_pipe(pipe, articles, [d.name for d in docs]), strict=True):
        ct_spans = [(g.start, g.end) for g in d.times if g.creation_time]
        system = [s for s in _system(art) if not any(s.start < e and b < s.end for b, e in ct_spans)]
        score_doc([g for g in d.times if not g.creation_time], system, overall, d.name, groups)
    return overall, groups


def _first_existing(candidates: Iterable[str]) -> Path:
    paths = [ROOT / c for c in candidates]
    for p in paths:
        if p.exists():
            return p
    return paths[-1]  # the error then names the last place looked


def resolve_data(data: str | None) -> Path:
    """``--data`` as given, else MEANTIME under the project's ``data/``."""
    return Path(data) if data else _first_existing(MEANTIME_DATA)


def resolve_gold(data: str | None) -> Path:
    """``--data`` as given, else ``data/gold/times`` of the project."""
    return Path(data) if data else ROOT / GOLD_DATA
