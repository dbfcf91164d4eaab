"""``kronika evaluate merge``: the story-event merge rule on real text and on hard pairs.

Real text: the merge gold (``data/gold/merge/stories.json``, scored by
:mod:`kronika.evaluate.merge_gold`) -- clusters of hand-coded events from Wikinews and kremlin.ru
articles, split into dev (tuned on) and test (never looked at). Hard pairs: annotated pairs of event
reports we wrote (``data/gold/merge/pairs.jsonl``, see its README): a pair the rule merges and the
annotator marked ``same`` is a true positive, merged but not same a false positive, same but not
merged a false negative.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kronika.errors import Errors
from kronika.evaluate.report import PRF
from kronika.evaluate.report import Report as ScoreReport
from kronika.settings import Settings
from kronika.stories.entities import normalize_name
from kronika.stories.merge import THRESHOLD, Report, decide, participants

DEFAULT_DATA = "data/gold/merge/pairs.jsonl"


def _pairs(parts: list[list[Any]]) -> list[tuple[str, str | None]]:
    """Participants as the store keys them (normalized name and country)."""
    return [(f"name:{normalize_name(name)}|{country or ''}", country) for name, country in parts]


def report_of(side: dict[str, Any], article: str) -> Report:
    actors, units_a = participants(_pairs(side.get("actors") or []))
    recipients, units_r = participants(_pairs(side.get("recipients") or []))
    return Report(
        type=side["type"],
        actors=actors,
        recipients=recipients,
        units=units_a | units_r,
        date=side.get("date"),
        sentence=side.get("sentence") or "",
        article=article,
        mode=side.get("mode"),
        location=side.get("location"),
    )


def load_pairs(path: str | Path) -> list[dict[str, Any]]:
    p = Path(path)
    if not p.is_file():
        raise Errors.E630(path=str(p))
    pairs = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            pairs.append({"id": d["id"], "same": bool(d["same"]), "a": d["a"], "b": d["b"], "note": d.get("note")})
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise Errors.E631(path=str(p), line=n, error=exc) from None
    return pairs


def evaluate_pairs(pairs: list[dict[str, Any]], threshold: float = THRESHOLD) -> tuple[PRF, list[dict[str, Any]]]:
    """Score the rule on ``pairs``; returns the counts and one row per pair (for error analysis)."""
    prf = PRF()
    rows = []
    for p in pairs:
        d = decide(report_of(p["a"], "a"), report_of(p["b"], "b"), threshold)
        if d.merge and p["same"]:
            prf.tp += 1
        elif d.merge:
            prf.fp += 1
        elif p["same"]:
            prf.fn += 1
        rows.append({"id": p["id"], "same": p["same"], "merged": d.merge, "score": round(d.score, 3), "why": d.reasons})
    return prf, rows


def _paths(data: str | None) -> tuple[Path, Path, Path]:
    """``(pairs, stories, events gold)``: ``--data`` is the merge gold folder or its pairs file."""
    root = Path(__file__).resolve().parents[3]
    given = Path(data) if data else root / DEFAULT_DATA
    folder = given if given.is_dir() else given.parent
    pairs = folder / "pairs.jsonl" if given.is_dir() else given
    events = folder.parent / "events" if (folder.parent / "events").is_dir() else root / "data" / "gold" / "events"
    return pairs, folder / "stories.json", events


def run(data: str | None, settings: Settings, set: str = "rule") -> ScoreReport:
    """The rule on real text (the merge gold's dev and test splits: pairwise, cross-article pairs,
    B-cubed) and on the hand-written hard pairs. Notes list the errors of dev and the pairs only:
    test is never looked at while tuning. ``set="system"`` (or ``"all"``) also runs the pipeline on
    the gold's articles and scores what ingest merges of what it extracts (slower: it parses)."""
    if set not in ("rule", "system", "all"):
        raise ValueError(f"merge: --set is rule, system or all, not {set!r}")
    from kronika.evaluate import merge_gold

    pairs_path, stories_path, events_dir = _paths(data)
    prf, rows = evaluate_pairs(load_pairs(pairs_path))
    mentions = merge_gold.load(stories_path, events_dir)
    real = {split: merge_gold.score([m for m in mentions if m.split == split]) for split in ("dev", "test")}
    report = ScoreReport(
        title=(
            f"Story merge on real text ({stories_path.name}: "
            + ", ".join(f"{k} {v['mentions']} events in {v['stories']} stories" for k, v in real.items())
            + f") and {len(rows)} hard pairs ({pairs_path.name})"
        ),
        columns=["measure", "tp", "fp", "fn", "precision", "recall", "f1"],
        figures={
            "merge": prf.to_dict(),
            "pairs": len(rows),
            "threshold": THRESHOLD,
            "real": {k: {kk: vv for kk, vv in v.items() if kk != "errors"} for k, v in real.items()},
        },
    )
    for split, r in real.items():
        for name in ("pairwise", "cross_article"):
            x = r[name]
            report.rows.append(
                [
                    f"{split}: {name.replace('_', '-')} pairs",
                    x["tp"],
                    x["fp"],
                    x["fn"],
                    x["precision"],
                    x["recall"],
                    x["f1"],
                ]
            )
        b = r["bcubed"]
        report.rows.append(
            [f"{split}: B-cubed ({r['mentions']} events)", "", "", "", b["precision"], b["recall"], b["f1"]]
        )
    report.rows.append(["hard pairs (written by us)", prf.tp, prf.fp, prf.fn, prf.precision, prf.recall, prf.f1])
    if set in ("system", "all"):
        from kronika.evaluate.merge_system import run_system

        system = run_system(stories_path, events_dir, settings)
        report.figures["system"] = system
        for split, r in system.items():
            for name in ("pairwise", "cross_article"):
                x = r[name]
                label = f"{split} end to end: {name.replace('_', '-')} pairs"
                report.rows.append([label, x["tp"], x["fp"], x["fn"], x["precision"], x["recall"], x["f1"]])
            b = r["bcubed"]
            label = f"{split} end to end: B-cubed ({r['matched']} of {r['gold_events']} gold events extracted)"
            report.rows.append([label, "", "", "", b["precision"], b["recall"], b["f1"]])
    report.notes += [f"dev {e}" for e in real["dev"]["errors"]]
    for r in rows:
        if r["merged"] != r["same"]:
            kind = "missed" if r["same"] else "wrongly merged"
            report.notes.append(f"{kind}: {r['id']} ({'; '.join(r['why'])})")
    return report
