"""The merge scorer (``kronika evaluate merge``) on our annotated pairs; its floors are in the quality gate."""

from __future__ import annotations

from pathlib import Path

from kronika.evaluate.merge import evaluate_pairs, load_pairs, run
from kronika.settings import Settings

PAIRS = Path(__file__).resolve().parents[2] / "data" / "gold" / "merge" / "pairs.jsonl"


def test_pairs_hold_both_kinds() -> None:
    pairs = load_pairs(PAIRS)
    assert len(pairs) >= 30 and any(p["same"] for p in pairs) and not all(p["same"] for p in pairs)
    prf, rows = evaluate_pairs(pairs)
    assert len(rows) == len(pairs) and prf.tp + prf.fn == sum(p["same"] for p in pairs)


def test_scorer_report_explains_errors() -> None:
    report = run(str(PAIRS), Settings())
    prf = report.figures["merge"]
    assert report.figures["pairs"] >= 30
    # one note per wrong decision, each naming its kind
    assert len(report.notes) == prf["fp"] + prf["fn"] > 0
    assert all(n.startswith(("missed", "wrongly merged")) for n in report.notes)


def test_a_lower_threshold_merges_more() -> None:
    pairs = load_pairs(PAIRS)
    strict, _ = evaluate_pairs(pairs, threshold=0.99)
    loose, _ = evaluate_pairs(pairs, threshold=0.0)
    merged = lambda prf: prf.tp + prf.fp  # noqa: E731
    assert merged(loose) > merged(strict)
    assert loose.tp >= strict.tp and loose.fp >= strict.fp
