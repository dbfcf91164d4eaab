"""The entities scorer: MEANTIME reading, relaxed typed matching, and the gate against bare spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika.evaluate.entities import read_meantime, resolve_data, run, score
from kronika.settings import Settings

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "actors" / "meantime-mini.xml"


def test_read_meantime_typed_named_mentions_in_scored_sentences():
    doc = read_meantime(MINI)
    assert doc.text.splitlines()[0] == "Acme opens plant in Lyon"
    assert doc.dct == "2010-03-03"
    spans = [(doc.text[s:e], t) for s, e, t in doc.gold]
    # every source of a REFERS_TO is typed; PRO mentions and sentence 7 are left out
    assert sorted(spans) == [("Acme", "ORG"), ("Acme", "ORG"), ("Jane Roe", "PER"), ("Lyon", "LOC")]
    assert doc.text[: doc.limit].endswith("spoke .")


def test_relaxed_typed_matching():
    gold = [(0, 4, "ORG"), (10, 20, "PER"), (30, 35, "LOC")]
    pred = [(0, 4, "ORG"), (12, 15, "PER"), (30, 35, "ORG"), (50, 55, "PER"), (90, 95, "LOC")]
    res = score(gold, pred, limit=60)
    assert (res["ORG"].tp, res["ORG"].fp, res["ORG"].fn) == (1, 1, 0)
    assert (res["PER"].tp, res["PER"].fp, res["PER"].fn) == (1, 1, 0)
    assert (res["LOC"].tp, res["LOC"].fp, res["LOC"].fn) == (0, 0, 1)  # (90, 95) is past the limit


def test_missing_data_is_a_clear_error(tmp_path):
    from kronika.errors import ConfigError

    with pytest.raises(ConfigError, match="not found"):
        resolve_data(str(tmp_path / "nope"))


def _gold_file(folder: Path) -> Path:
    import json

    text = "Moldova's President Maia Sandu met Russian troops in Chisinau. She thanked them."
    events = [
        {
            "id": "e1",
            "evidence": "Moldova's President Maia Sandu met Russian troops in Chisinau.",
            "trigger": "met",
            "type": "CONSULT",
            "actor": [{"text": "Maia Sandu", "code": "MDA", "sector": "GOV"}],
            "recipient": [{"text": "Russian troops", "code": "RUS", "sector": "MIL"}],
            "optional": False,
        },
        {
            "id": "e2",
            "evidence": "She thanked them.",
            "trigger": "thanked",
            "type": "SUPPORT",
            "actor": [{"text": "She", "code": "MDA", "sector": "GOV"}],
            "recipient": [{"text": "them", "code": "RUS", "sector": "MIL"}],
            "optional": False,
        },
    ]
    doc = {"doc_id": "own:1", "published": "2023-05-18", "text": text, "events": events}
    folder.mkdir()
    path = folder / "own-1.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_actor_code_members_and_locate(tmp_path):
    from kronika.evaluate.actor_codes import locate, read_members

    _gold_file(tmp_path / "gold")
    _, members = read_members(tmp_path / "gold")
    found = [(m.text, m.code, m.start) for m in members][:2]
    assert found == [("Maia Sandu", "MDA", 20), ("Russian troops", "RUS", 35)]
    text = "Russian-American talks. Russia agreed."
    assert locate(text, "Russia", 24, len(text)) == 24  # a whole word, not the start of "Russian"
    assert locate(text, "Russia", 0, 23) == 24  # not before the sentence: the first occurrence after


@pytest.mark.slow
def test_actor_codes_on_event_gold(tmp_path):
    _gold_file(tmp_path / "gold")
    report = run(str(tmp_path / "gold"), Settings())
    counts = report.figures["counts"]
    assert counts["all:members"] == 4 and counts["named:members"] == 2  # "She" and "them" are pronouns
    assert counts["named:code"] == 2 and counts["named:both"] == 2


def test_actor_codes_on_a_fold_of_the_event_gold():
    from kronika.errors import ConfigError
    from kronika.evaluate.actor_codes import is_event_gold, split_files
    from kronika.evaluate.events_gold import dev_folds, load_gold_dir

    root = Path("data/gold/events")
    assert is_event_gold(root)
    a, b, dev = split_files(root, "dev-a"), split_files(root, "dev-b"), split_files(root, "dev")
    assert a and b and not set(a) & set(b) and sorted(a + b) == dev
    assert all(p.parent.name == "dev" for p in a)
    assert set(a) == {p for p, f in dev_folds(load_gold_dir(root)).items() if f == "dev-a"}
    with pytest.raises(ConfigError):
        split_files(root, "dev-c")
