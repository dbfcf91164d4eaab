"""End to end on the shared reference article and the PLOVER gold records (skipped without ../shared)."""

from __future__ import annotations

import importlib.util

import pytest

pytestmark = pytest.mark.slow


def _checker(shared_dir):
    spec = importlib.util.spec_from_file_location("reference_check", shared_dir / "reference" / "check.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_reference_event_expectations(reference_record, shared_dir):
    check = _checker(shared_dir)
    ents = {e["id"]: e for e in reference_record["entities"]}
    missing = [
        g["id"]
        for g in check.EXPECTED["events"]
        if not any(check.event_ok(e, g, ents) for e in reference_record["events"])
    ]
    assert missing == []


def test_reference_events_are_well_formed(reference_record):
    text = reference_record["text"]
    ids = {e["id"] for e in reference_record["entities"]}
    times = {t["id"] for t in reference_record["times"]}
    assert reference_record["events"]
    for ev in reference_record["events"]:
        assert text[ev["trigger"]["start"] : ev["trigger"]["end"]] == ev["trigger"]["text"]
        assert text[ev["sentence"]["start"] : ev["sentence"]["end"]] == ev["sentence"]["text"]
        assert ev["producer"] and 0 < ev["confidence"] <= 1
        assert ev["quad"] in {
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
        }
        for key in ("actor", "recipient"):
            val = ev[key]
            for r in val if isinstance(val, list) else [val] if val else []:
                assert r["entity"] is None or r["entity"] in ids
        assert ev["date"]["time"] is None or ev["date"]["time"] in times


def test_reference_hypotheticals_are_not_facts(reference_record):
    by_sentence = [e for e in reference_record["events"] if "would have" in e["sentence"]["text"]]
    assert by_sentence and all(
        e["context"]["modality"] == "hypothetical" for e in by_sentence if e["type"] == "ASSAULT"
    )
    offensive = [e for e in reference_record["events"] if e["trigger"]["text"] == "offensive"]
    assert offensive and offensive[0]["context"]["modality"] == "expected"


def test_reference_compound_visit_is_one_event(reference_record):
    boarded = [e for e in reference_record["events"] if "Berdimuhamedov" in e["sentence"]["text"]]
    (visit,) = [e for e in boarded if e["type"] == "CONSULT" and e["trigger"]["text"] == "boarded"]
    assert isinstance(visit["actor"], list) and len(visit["actor"]) == 3
