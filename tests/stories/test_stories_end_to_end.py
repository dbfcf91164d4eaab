"""Stories end to end on our own multi-outlet reports: the pipeline extracts, ingest merges."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"

pytestmark = pytest.mark.slow


def ingest(path: Path, tmp_path: Path, pipeline):  # type: ignore[no-untyped-def]
    from kronika.pipeline import analyze_paths
    from kronika.store import open_store

    store = open_store(tmp_path / "stories.db")
    store.ingest(analyze_paths([str(path)]))
    return store


def test_four_outlets_on_one_visit_are_one_story(tmp_path, pipeline) -> None:  # type: ignore[no-untyped-def]
    store = ingest(FIXTURES / "visit-four-outlets.jsonl", tmp_path, pipeline)
    top = store.stories(limit=1)[0]
    assert top["type"] == "CONSULT" and top["n_articles"] == 4
    assert {s["outlet"] for s in top["sources"]} == {"Wire One", "Daily Two", "Gazette Three", "Review Four"}


def test_one_strike_by_two_outlets_is_one_contested_story(tmp_path, pipeline) -> None:  # type: ignore[no-untyped-def]
    store = ingest(FIXTURES / "strike-two-outlets.jsonl", tmp_path, pipeline)
    assaults = [e for e in store.stories(limit=None) if e["type"] == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0]["n_articles"] == 2  # not one story per sentence
    story = store.story(assaults[0]["id"])
    assert {"count:killed", "outcome"} <= set(story["contested"])
    killed = {(c["value"], c["outlet"]) for c in story["claims"] if c["kind"] == "count:killed"}
    assert killed == {(7, "Kyiv Daily"), (5, "Moscow Herald")}
    assert [e["id"] for e in store.stories(contested=True)] == [story["id"]]
