"""Our time gold (data/gold/times): it loads, it is what its readable sources say, and it scores as documented."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kronika.errors import ConfigError
from kronika.evaluate.times_gold import GoldTime, load_gold
from kronika.evaluate.times_score import Scores, SysTime, canonical, pair, score_doc, system_classes

GOLD = Path(__file__).resolve().parents[2] / "data" / "gold" / "times"


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("times_gold_build", GOLD / "build.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_gold_has_both_splits_both_corpora_and_enough_articles() -> None:
    splits = load_gold(GOLD)  # raises (never skips) when the vendored gold is missing
    assert sum(len(v) for v in splits.values()) >= 25
    assert len(splits["test"]) >= 10
    for docs in splits.values():
        corpora = {json.loads((GOLD / d.split / f"{d.name}.json").read_text())["id"].split(":")[0] for d in docs}
        assert corpora == {"wikinews", "kremlin"}
        assert all(d.published and d.times for d in docs)


def test_vendored_json_is_the_build_of_its_annotation_source() -> None:
    """Rebuilding every src/*.ann against the text carried in its JSON gives that JSON back."""
    build = _build_module()
    anns = sorted((GOLD / "src").glob("*.ann"))
    assert anns
    for ann in anns:
        split = next(s for s in ("tune", "test") if (GOLD / s / f"{ann.stem}.json").is_file())
        vendored = json.loads((GOLD / split / f"{ann.stem}.json").read_text(encoding="utf-8"))
        rebuilt = build.parse_ann(ann, {vendored["id"]: {**vendored, "text": vendored["text"]}})
        assert rebuilt["times"] == vendored["times"], ann.name
        assert rebuilt["split"] == split


def test_build_names_the_line_of_a_phrase_not_in_the_text(tmp_path: Path) -> None:
    build = _build_module()
    ann = tmp_path / "x.ann"
    ann.write_text("# id: a:1\n# split: tune\nlast Tuesday | DATE | 2020-01-07\n", encoding="utf-8")
    with pytest.raises(build.AnnError, match=r"x\.ann:3: 'last Tuesday'"):
        build.parse_ann(ann, {"a:1": {"text": "Nothing happened on Monday."}})


def test_missing_gold_is_an_error_naming_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such directory"):
        load_gold(tmp_path / "nope")
    (tmp_path / "tune").mkdir()
    (tmp_path / "test").mkdir()
    with pytest.raises(ConfigError, match="no gold articles"):
        load_gold(tmp_path)


def test_offsets_that_do_not_match_the_text_are_an_error(tmp_path: Path) -> None:
    for split in ("tune", "test"):
        (tmp_path / split).mkdir()
        doc = {
            "text": "Talks ended on Monday.",
            "times": [{"start": 0, "end": 5, "text": "Monday", "type": "DATE", "value": "x"}],
        }
        (tmp_path / split / "a.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"a\.json.*does not match"):
        load_gold(tmp_path)


def test_midnight_ending_a_day_is_the_next_days_start() -> None:
    assert canonical("2019-07-24T24:00") == "2019-07-25T00:00"
    assert canonical("2019-12-31T24:00Z") == "2020-01-01T00:00Z"
    assert canonical("2019-07-24T23:00") == "2019-07-24T23:00"


def test_pairs_prefer_identical_spans_then_the_largest_overlap() -> None:
    gold = [GoldTime(0, 17, "DURATION", "P2Y", "from 2009 to 2011"), GoldTime(5, 9, "DATE", "2009", "2009")]
    system = [
        SysTime(5, 9, "DATE", "2009", "2009"),
        SysTime(0, 4, "DATE", "2008", "from"),
        SysTime(30, 35, "DATE", "x", "y"),
    ]
    pairs, missed, spurious = pair(gold, system)
    assert [(g.text, s.text) for g, s in pairs] == [("2009", "2009"), ("from 2009 to 2011", "from")]
    assert missed == [] and [s.text for s in spurious] == ["y"]


def test_groups_count_pairs_by_gold_and_false_positives_by_their_own_type() -> None:
    gold = [
        GoldTime(0, 6, "DATE", "2020-01-06", "Monday", classes=("point",)),
        GoldTime(10, 13, "DATE", "PRESENT_REF", "now", classes=("ref",)),
    ]
    system = [
        SysTime(0, 6, "TIME", "2020-01-06TMO", "Monday", ("clock",)),  # type and value wrong, span right
        SysTime(20, 27, "DURATION", "P1W", "a week", ("duration",)),  # not in the gold
    ]
    overall, groups = Scores(), {}
    score_doc(gold, system, overall, "d", groups)
    assert (overall.extraction.tp, overall.extraction.fp, overall.extraction.fn) == (1, 1, 1)
    assert overall.strict_tp == 1 and overall.value_correct == 0 and overall.type_correct == 0
    assert groups["class:point"].extraction.tp == 1 and "class:clock" not in groups
    assert groups["class:ref"].extraction.fn == 1 and groups["type:DURATION"].extraction.fp == 1
    assert {e["kind"] for e in overall.errors} == {"value", "missed", "spurious"}


def test_system_classes_read_ranges_from_extra() -> None:
    assert system_classes("DATE", "2022", {"range_end": "t3"}) == ("range",)
    assert system_classes("DURATION", "P2Y", {"range_start": "t1"}) == ("duration", "range")
    assert system_classes("DATE", "PAST_REF") == ("ref",)
    assert system_classes("TIME", "2020-01-01T10:00") == ("clock",)


def test_anchored_duration_ends_are_counted_where_the_gold_gives_them() -> None:
    gold = [
        GoldTime(0, 17, "DURATION", "P27Y", "the last 27 years", begin="1992", end_point="2019"),
        GoldTime(30, 39, "DURATION", "P2W", "two weeks"),
    ]
    system = [
        SysTime(0, 17, "DURATION", "P27Y", "the last 27 years", ("duration",), "1992", "2019"),
        SysTime(30, 39, "DURATION", "P2W", "two weeks", ("duration",)),
    ]
    sc = Scores()
    score_doc(gold, system, sc, "d")
    assert (sc.points_gold, sc.points_correct) == (1, 1)
    score_doc(gold[:1], [SysTime(0, 17, "DURATION", "P27Y", "x", ("duration",), None, "2019")], sc, "d")
    assert (sc.points_gold, sc.points_correct) == (2, 1)
