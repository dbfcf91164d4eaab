"""``kronika evaluate merge``: pairwise precision and recall of the story-event merge rule.

The data are annotated pairs of event reports (``data/gold/merge/pairs.jsonl``, see its
README): a pair the rule merges and the annotator marked ``same`` is a true positive, merged but
not same a false positive, same but not merged a false negative.
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


def run(data: str | None, settings: Settings) -> ScoreReport:
    root = Path(__file__).resolve().parents[3]
    path = Path(data) if data else root / DEFAULT_DATA
    prf, rows = evaluate_pairs(load_pairs(path))
    report = ScoreReport(
        title=f"Story-event merge rule on {len(rows)} annotated pairs ({path.name})",
        columns=["measure", "tp", "fp", "fn", "precision", "recall", "f1"],
        rows=[["pairwise merge", prf.tp, prf.fp, prf.fn, prf.precision, prf.recall, prf.f1]],
        figures={"merge": prf.to_dict(), "pairs": len(rows), "threshold": THRESHOLD},
    )
    for r in rows:
        if r["merged"] != r["same"]:
            kind = "missed" if r["same"] else "wrongly merged"
            report.notes.append(f"{kind}: {r['id']} ({'; '.join(r['why'])})")
    return report
