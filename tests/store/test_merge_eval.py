"""Measure the merge rule on the annotated pairs and keep it from getting worse."""

from __future__ import annotations

from pathlib import Path

from kronika.evaluate.merge import evaluate_pairs, load_pairs, run
from kronika.settings import Settings

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "merge" / "pairs.jsonl"

# Floors measured when the rule was written; raise them when the rule improves, never lower them.
MIN_PRECISION = 0.9
MIN_RECALL = 0.65


def test_merge_rule_precision_recall(capsys) -> None:
    pairs = load_pairs(PAIRS)
    assert len(pairs) >= 30 and any(p["same"] for p in pairs) and not all(p["same"] for p in pairs)
    prf, rows = evaluate_pairs(pairs)
    with capsys.disabled():
        print(
            f"\nmerge rule on {len(rows)} pairs: P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f} "
            f"(tp={prf.tp} fp={prf.fp} fn={prf.fn})"
        )
    assert prf.precision >= MIN_PRECISION
    assert prf.recall >= MIN_RECALL


def test_scorer_report_explains_errors() -> None:
    report = run(str(PAIRS), Settings())
    assert report.figures["pairs"] >= 30
    assert all(n.startswith(("missed", "wrongly merged")) for n in report.notes)


def test_a_threshold_of_zero_merges_more() -> None:
    pairs = load_pairs(PAIRS)
    strict, _ = evaluate_pairs(pairs, threshold=0.99)
    loose, _ = evaluate_pairs(pairs, threshold=0.0)
    assert loose.tp >= strict.tp and loose.fp >= strict.fp
