"""The lexicon file format, the PLOVER tables, and the evaluate-events scoring (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika.errors import ConfigError
from kronika.evaluate.events import GoldRecord, Tally, load_gold, primary_event
from kronika.events.lexicon import load_lexicon, parse_lexicon
from kronika.events.plover import MODES, QUAD, TYPES, current_type, load_cameo_map, score
from kronika.record import Article, Entity, Event, EventDate, Mention, Ref

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"


def test_bundled_lexicon_loads_and_covers_every_type():
    lex = load_lexicon()
    assert {r.type for r in lex.rules} == set(TYPES)
    for r in lex.rules:
        assert r.mode is None or r.mode in MODES[r.type]
        assert 0 < r.confidence <= 1


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("attack\tV\tASSAULT\t-\t-\t-\t-", "8 tab-separated columns"),
        ("attack\tX\tASSAULT\t-\t-\t-\t-\t190", "pos 'X'"),
        ("attack\tV\tFIGHT\t-\t-\t-\t-\t190", "not a PLOVER 2.0 type"),
        ("attack\tV\tASSAULT\tvisit\t-\t-\t-\t190", "not a mode of ASSAULT"),
        ("attack\tV\tASSAULT\t-\tdobj\t-\t-\t190", "is not DEP:lemma"),
        ("attack\tV\tASSAULT\t-\t-\tloud\t-\t190", "unknown flags"),
        ("attack\tV\tASSAULT\t-\t-\t-\thigh\t190", "not a number"),
    ],
)
def test_malformed_lexicon_rows_name_file_line_and_reason(row, reason):
    with pytest.raises(ConfigError) as err:
        parse_lexicon("# header\n" + row + "\n", "my.tsv")
    assert "my.tsv:2" in str(err.value) and reason in str(err.value)


def test_constraints_parse():
    lex = parse_lexicon("send\tV\tMOBILIZE\ttroops\tobj:troop|soldier;!prep:with\ttheme\t0.8\t154\n")
    (rule,) = lex.rules
    assert [(c.dep, sorted(c.lemmas), c.negated) for c in rule.when] == [
        ("obj", ["soldier", "troop"], False),
        ("prep", ["with"], True),
    ]
    assert rule.has("theme") and rule.cameo == "154"


def test_plover_tables():
    assert len(TYPES) == 16 and set(QUAD) == set(TYPES)
    assert current_type("DEMAND") == "REQUEST"
    assert current_type("disapprove") == "ACCUSE"
    assert current_type("FIGHT") == "ASSAULT"
    assert current_type("DOCUMENT") is None
    assert score("ASSAULT", "drone") == -9.5
    assert score("ASSAULT", "no-such-mode") == -9.0
    assert score("NOPE") is None


def test_cameo_map_from_the_vendored_data():
    m = load_cameo_map(Path(__file__).resolve().parents[2] / "data" / "plover" / "CAMEO2PLOVER-2021.txt")
    assert m["042"]["type"] == "CONSULT" and m["042"]["mode"] == "visit"
    assert m["1123"]["type"] == "ACCUSE"
    assert all(v["type"] in QUAD for v in m.values())
    # every CAMEO code cited by the lexicon exists in the conversion table and agrees on the type,
    # except where the 2021 table predates the manual (documented in docs/events.md)
    for r in load_lexicon().rules:
        if r.cameo:
            assert r.cameo in m, r.id


def test_load_gold_maps_old_names_and_countries():
    gold = load_gold(FIXTURES / "gold_small.json")
    assert [g.type for g in gold] == ["REQUEST", "ASSAULT", "ACCUSE"]
    assert gold[0].actor_countries == {"CHL"} and gold[0].recipient_countries == {"PER"}
    assert gold[1].actor_countries == set()  # REB is not a country
    assert gold[2].actor_countries == {"JPN"}  # CAMEO JAP is ISO JPN
    assert gold[2].text.startswith("Tokyo")  # braces stripped
    assert [g.split for g in gold] == ["dev", "test", "dev"]


def test_load_gold_errors(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_gold(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.json:1"):
        load_gold(bad)


def _event(etype: str, conf: float, depth: int, actor: Ref | None = None) -> Event:
    return Event(
        id="x",
        type=etype,
        mode=None,
        actor=[actor] if actor else [],
        recipient=[],
        location=None,
        date=EventDate(None, None),
        trigger=Mention(0, 1, "x"),
        sentence=Mention(0, 1, "x"),
        confidence=conf,
        depth=depth,
    )


def test_primary_event_prefers_confident_main_clause_events():
    assert primary_event([]) is None
    main, sub = _event("PROTEST", 0.7, 0), _event("REQUEST", 0.75, 3)
    assert primary_event([sub, main]) is main


def test_tally_scores_types_quads_and_countries():
    art = Article(text="x", entities=[Entity(id="e1", name="Peru", type="STATE", country="PER")])
    gold = [
        GoldRecord(0, "a", "x", "REQUEST", "DEMAND", None, {"CHL"}, {"PER"}),
        GoldRecord(1, "b", "x", "ASSAULT", "FIGHT", None),
        GoldRecord(2, "c", "x", "ACCUSE", "DISAPPROVE", None),
    ]
    preds = [_event("REQUEST", 0.8, 0), _event("COERCE", 0.8, 0, Ref("e1", "Peru")), None]
    t = Tally()
    for g, p in zip(gold, preds, strict=True):
        t.add(g, p, art)
    s = t.summary()
    assert s["accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert t.per_type["REQUEST"].tp == 1
    assert t.per_type["ASSAULT"].fn == 1 and t.per_type["COERCE"].fp == 1
    assert s["quad_accuracy"] == pytest.approx(2 / 3, abs=1e-3)  # COERCE and ASSAULT are both material conflict
    assert s["actor_country_accuracy"] == 0.0 and s["actor_country_n"] == 1
    assert s["answered"] == 2


def test_user_lexicon_rows_are_added(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("# our own\nskirmish\tN\tASSAULT\t-\t-\t-\t0.7\t-\n", encoding="utf-8")
    lex = load_lexicon(None, (str(mine),))
    assert lex.candidates("skirmish", "N")[0].type == "ASSAULT"
    assert len(lex.rules) == len(load_lexicon().rules) + 1
    with pytest.raises(ConfigError, match="cannot read event lexicon"):
        load_lexicon(None, (str(tmp_path / "missing.tsv"),))
    bad = tmp_path / "bad.tsv"
    bad.write_text("skirmish\tN\tBRAWL\t-\t-\t-\t0.7\t-\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.tsv:1"):
        load_lexicon(None, (str(bad),))
