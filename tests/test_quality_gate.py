"""The quality gate: every `kronika evaluate` scorer on the vendored data, against the floors of
``tests/quality_baseline.json`` (the one place floors live; raise them, never lower them).

The data ships in ``data/`` (see its README), so a gate never skips: when a set is missing the gate
fails naming it. The copyrighted reference article is not part of the gate; its check stays in
``tests/test_reference_article.py``, on ``../shared``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kronika.evaluate import run_scorer
from kronika.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BASELINE = Path(__file__).resolve().parent / "quality_baseline.json"
GATES: dict[str, dict[str, Any]] = json.loads(BASELINE.read_text(encoding="utf-8"))["gates"]


def figure(figures: dict[str, Any], path: str) -> Any:
    """``figures["a"]["b c"]`` for ``"a.b c"`` (keys may hold spaces, never dots)."""
    value: Any = figures
    for key in path.split("."):
        assert isinstance(value, dict) and key in value, f"the report has no figure {path!r} (at {key!r})"
        value = value[key]
    return value


def check(gate: dict[str, Any], figures: dict[str, Any]) -> list[str]:
    """The broken promises of one gate (empty when it holds)."""
    broken = []
    for path, floor in gate.get("floors", {}).items():
        got = figure(figures, path)
        if not (isinstance(got, int | float) and got >= floor):
            broken.append(f"{path} = {got}, floor {floor}")
    for hi, lo in gate.get("above", []):
        if not figure(figures, hi) > figure(figures, lo):
            broken.append(f"{hi} = {figure(figures, hi)} is not above {lo} = {figure(figures, lo)}")
    for path, want in gate.get("equal", {}).items():
        if figure(figures, path) != want:
            broken.append(f"{path} = {figure(figures, path)}, expected {want}")
    return broken


def test_the_baseline_is_well_formed() -> None:
    assert set(GATES) == {"metadata", "merge", "entities", "times", "events"}
    for name, gate in GATES.items():
        assert gate["floors"], name
        assert all(0 < v <= 1 for v in gate["floors"].values()), name


def test_a_missing_figure_or_a_lower_one_breaks_the_gate() -> None:
    gate = {"floors": {"a.b": 0.5}, "above": [["a.b", "c"]], "equal": {"n": 3}}
    assert check(gate, {"a": {"b": 0.6}, "c": 0.1, "n": 3}) == []
    assert len(check(gate, {"a": {"b": 0.4}, "c": 0.45, "n": 2})) == 3
    with pytest.raises(AssertionError, match="no figure"):
        check(gate, {"a": {}, "c": 0, "n": 3})


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(GATES))
def test_gate(name: str, pipeline) -> None:  # type: ignore[no-untyped-def]
    """One scorer on its data. ``pipeline`` loads the model once for the session's gates."""
    gate = GATES[name]
    for rel in [gate["data"], *gate.get("needs", [])]:
        if rel is not None:
            assert (ROOT / rel).exists(), f"{rel} is missing: gate data ships with the repository (data/README.md)"
    data = str(ROOT / gate["data"]) if gate["data"] else None
    report = run_scorer(gate["scorer"], data, Settings(), **gate.get("options", {}))
    broken = check(gate, report.figures)
    assert not broken, f"{name}: " + "; ".join(broken)
