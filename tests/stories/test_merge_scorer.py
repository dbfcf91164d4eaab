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
    # one note per wrong decision of the hard pairs, each naming its kind; real-text errors of dev only
    pair_notes = [n for n in report.notes if not n.startswith("dev ")]
    assert len(pair_notes) == prf["fp"] + prf["fn"] > 0
    assert all(n.startswith(("missed", "wrongly merged")) for n in pair_notes)
    assert not any("test" in n.split(":")[0] for n in report.notes)  # the test split's errors are never shown


def test_a_lower_threshold_merges_more() -> None:
    pairs = load_pairs(PAIRS)
    strict, _ = evaluate_pairs(pairs, threshold=0.99)
    loose, _ = evaluate_pairs(pairs, threshold=0.0)
    merged = lambda prf: prf.tp + prf.fp  # noqa: E731
    assert merged(loose) > merged(strict)
    assert loose.tp >= strict.tp and loose.fp >= strict.fp


def test_real_text_figures_for_both_splits() -> None:
    report = run(str(PAIRS.parent), Settings())
    real = report.figures["real"]
    assert set(real) == {"dev", "test"}
    for split in real.values():
        assert split["mentions"] > split["stories"] > 0
        assert 0 < split["bcubed"]["f1"] <= 1 and split["pairwise"]["tp"] > 0


def test_pairwise_and_bcubed_on_a_toy_clustering() -> None:
    from kronika.evaluate.merge_gold import bcubed, pair_scores

    gold, system = ["a", "a", "b", "b"], ["x", "x", "x", "y"]
    p = pair_scores(gold, system)
    assert (p.tp, p.fp, p.fn) == (1, 2, 1)
    b = bcubed(gold, system)
    assert b["precision"] == round((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 4) and b["recall"] == round(
        (1 + 1 + 0.5 + 0.5) / 4, 4
    )
    assert bcubed(gold, gold)["f1"] == 1.0
    cross = pair_scores(gold, system, docs=["d1", "d1", "d2", "d2"])
    assert (cross.tp, cross.fp, cross.fn) == (0, 2, 0)


def test_every_story_names_scored_events_and_groups_do_not_share_articles() -> None:
    import json

    from kronika.evaluate.merge_gold import load

    gold = json.loads((PAIRS.parent / "stories.json").read_text(encoding="utf-8"))
    docs = [d for g in gold["groups"].values() for d in g["docs"]]
    assert len(docs) == len(set(docs))
    mentions = load(PAIRS.parent / "stories.json", PAIRS.parents[1] / "events")
    keys = {m.key for m in mentions}
    assert all(e in keys for s in gold["stories"].values() for e in s["events"])
    assert {m.split for m in mentions} == {"dev", "test"}


def test_the_story_commands_are_documented() -> None:
    import typer

    from kronika.cli import stories as stories_cli

    text = (Path(__file__).resolve().parents[2] / "docs" / "stories.md").read_text(encoding="utf-8")
    app = typer.Typer()
    stories_cli.register(app)
    for name in [c.name for c in app.registered_commands]:
        assert f"kronika {name}" in text, name
    assert "kronika stories --contested" in text and "store.story(" in text
