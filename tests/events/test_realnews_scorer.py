"""The real-news scorer on our own small gold files (tests/fixtures/events/realnews) and hand-built records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronika.errors import ConfigError
from kronika.evaluate.events_gold import dev_folds, load_document, load_gold_dir
from kronika.evaluate.events_match import Tally, TextIndex, side_matches
from kronika.evaluate.events_realnews import score
from kronika.record import Article, Context, Entity, Event, EventDate, Mention, Ref

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "realnews"


def _dev() -> tuple[object, str]:
    doc = load_document(GOLD / "dev" / "toy-1.json")
    return doc, doc.text


def _event(text: str, trigger: str, etype: str, *, nth: int = 1, **kw) -> Event:
    at = -1
    for _ in range(nth):
        at = text.index(trigger, at + 1)
    sent_start = text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) >= 0 else 0
    fields = dict(
        id="x",
        type=etype,
        mode=None,
        actor=[],
        recipient=[],
        location=None,
        date=EventDate(None, None),
        trigger=Mention(at, at + len(trigger), trigger),
        sentence=Mention(sent_start, at + len(trigger), text[sent_start : at + len(trigger)]),
    )
    return Event(**(fields | kw))


def _article(text: str, events: list[Event], entities: list[Entity] = ()) -> Article:
    return Article(text=text, events=events, entities=list(entities))


def test_gold_files_load_with_their_split():
    docs = load_gold_dir(GOLD)
    assert [(d.split, d.doc_id, len(d.events)) for d in docs] == [("dev", "toy:1", 4), ("test", "toy:2", 1)]
    assert docs[0].events[3].optional and not docs[0].events[2].factual  # negated
    line = json.loads(docs[0].as_corpus_line())
    assert line["published"] == "2024-03-13" and line["text"] == docs[0].text


def test_missing_or_bad_gold_fails_naming_the_file(tmp_path):
    with pytest.raises(ConfigError, match="no such folder"):
        load_gold_dir(tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="no gold files"):
        load_gold_dir(tmp_path)
    bad = json.loads((GOLD / "dev" / "toy-1.json").read_text())
    bad["events"][0]["evidence"] = "A sentence that is not in the text."
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "bad.json").write_text(json.dumps(bad))
    with pytest.raises(ConfigError, match=r"bad\.json:e1: \[E233\] the evidence is not a substring"):
        load_gold_dir(tmp_path)
    (tmp_path / "dev" / "bad.json").write_text("{not json")
    with pytest.raises(ConfigError, match=r"bad\.json:1: \[E233\] not JSON"):
        load_gold_dir(tmp_path)


def test_evidence_is_found_despite_whitespace_and_quotes():
    index = TextIndex("He said \u201cno\u201d  to\nthe plan. Then he left.")
    start, end = index.find('He said "no" to the plan.')
    assert index.text[start:end] == "He said \u201cno\u201d  to\nthe plan."


def test_lenient_and_strict_hits_misses_and_false_positives():
    doc, text = _dev()
    ents = [
        Entity("e1", "Ruritania", "STATE", country="RUR", mentions=[Mention(0, 9, "Ruritania")]),
        Entity("e2", "Borduria", "STATE", country="BOR"),
    ]
    visit = _event(
        text,
        "visited",
        "CONSULT",
        actor=[Ref("e1", "Ruritania's foreign minister")],
        recipient=[Ref("e2", "Borduria")],
        date=EventDate("t1", "2024-03-11", iso="2024-03-11", precision="day"),
    )
    arrest = _event(text, "arrested", "COERCE", actor=[Ref(None, "Police")])  # no recipient, no date: strict miss
    junk = _event(text, "protesters", "PROTEST")  # not in the gold: a false positive
    tally = Tally()
    errors: list[dict] = []
    tally.add_document(doc, _article(text, [visit, arrest, junk], ents), errors)
    s = tally.summary()
    assert (s["lenient"]["tp"], s["lenient"]["fp"], s["lenient"]["fn"]) == (2, 1, 1)  # the treaty is missed
    assert (s["strict"]["tp"], s["strict"]["fp"], s["strict"]["fn"]) == (1, 2, 2)
    assert s["per_type"]["CONSULT"]["strict"]["f1"] == 1.0
    kinds = sorted((e["kind"], (e.get("gold") or e["system"])["type"]) for e in errors)
    assert kinds == [("FN", "SUPPORT"), ("FP", "PROTEST"), ("strict", "COERCE")]
    assert next(e for e in errors if e["kind"] == "strict")["failed"] == ["recipient", "date"]


def test_pairs_are_one_to_one_and_prefer_the_same_type():
    doc, text = _dev()
    wrong_type = _event(text, "visited", "AGREE")
    right_type = _event(text, "Monday", "CONSULT")  # another word of the same sentence, right type
    tally = Tally()
    tally.add_document(doc, _article(text, [wrong_type, right_type]))
    s = tally.summary()
    assert s["per_type"]["CONSULT"]["lenient"]["tp"] == 1
    assert s["per_type"]["AGREE"]["lenient"]["fp"] == 1  # the gold event is taken: no second match


def test_optional_gold_events_are_neutral():
    doc, text = _dev()
    found = _event(text, "talks", "CONSULT")
    tally = Tally()
    tally.add_document(doc, _article(text, [found]))
    s = tally.summary()
    assert s["lenient"]["fp"] == 0 and s["lenient"]["tp"] == 0
    assert s["lenient"]["fn"] == 3  # the three non-optional events; the optional one is not counted


def test_side_matching_by_code_or_contained_text():
    from kronika.evaluate.events_gold import GoldParty

    art = _article(
        "x", [], [Entity("e1", "European Union", "IGO", kb_id="EU"), Entity("e5", "Govt", "STATE", kb_id="RUS.GOV")]
    )
    assert side_matches((), art, [], [])  # an empty gold side accepts anything
    assert side_matches((GoldParty("the EU", "EU"),), art, [Ref("e1", "Brussels")], [])
    assert side_matches((GoldParty("Moscow", "RUS"),), art, [Ref("e5", "the Kremlin")], [])
    assert side_matches((GoldParty("rebels", "SYL"),), art, [Ref(None, "fighters")], ["SYL"])  # the stage's own reading
    assert side_matches((GoldParty("Houthi rebels", None),), art, [Ref(None, "the Houthi  Rebels")], [])
    assert not side_matches((GoldParty("Houthi rebels", "YEM"),), art, [Ref(None, "Saudi forces")], ["SAU"])


def test_factual_view_modality_and_fill_rates():
    doc, text = _dev()
    treaty = _event(text, "sign", "SUPPORT", context=Context(negated=True), factual=False)
    visit = _event(text, "visited", "CONSULT", actor=[Ref(None, "the minister")], location=Ref(None, "Borduria"))
    tally = Tally()
    tally.add_document(doc, _article(text, [treaty, visit]))
    s = tally.summary()
    assert s["modality"] == {"pairs": 2, "negated_accuracy": 1.0, "factual_accuracy": 1.0}
    assert s["factual_view"]["tp"] == 1 and s["factual_view"]["fp"] == 0  # the negated treaty is out of view
    assert s["factual_view"]["fn"] == 1  # the arrest happened and was missed
    fill = s["fill_rates"]
    assert fill["system"] == {"actor": 0.5, "recipient_where_directed": 0.0, "location": 0.5}
    # gold: the arrest (directed) has its recipient, the treaty signing (SUPPORT, directed) names none
    assert fill["gold"]["actor"] == 1.0 and fill["gold"]["recipient_where_directed"] == 0.5


def test_errors_of_the_test_split_are_refused():
    docs = load_gold_dir(GOLD)
    arts = [_article(d.text, []) for d in docs]
    tallies, errors = score(docs, arts, errors_of=("dev",))
    assert tallies["test"].summary()["lenient"]["fn"] == 1 and len(errors["dev"]) == 3
    with pytest.raises(ConfigError, match="refusing"):
        score(docs, arts, errors_of=("dev", "test"))


def test_cli_refuses_test_errors_and_unknown_sets():
    from kronika.evaluate.events import run
    from kronika.settings import Settings

    with pytest.raises(ConfigError, match="refusing"):
        run(str(GOLD), Settings(), split="test", errors=True)
    with pytest.raises(ConfigError, match="unknown set"):
        run(None, Settings(), set="everything")


@pytest.mark.slow
def test_realnews_report_end_to_end_on_our_fixture():
    from kronika.evaluate.events import run
    from kronika.settings import Settings

    report = run(str(GOLD), Settings(), errors=True)
    dev, test = report.figures["dev"], report.figures["test"]
    assert dev["documents"] == 1 and dev["gold_events"] == 3 and test["gold_events"] == 1
    assert dev["evidence_not_found"] == 0
    assert dev["lenient"]["tp"] >= 2  # the visit and the arrest are plain
    assert "test" not in report.figures["errors"]
    assert [p.title for p in report.parts][1].startswith("per type")
    json.loads(report.to_json())


def test_dev_folds_alternate_within_each_corpus(tmp_path):
    """Files sorted by name alternate between dev-a and dev-b per corpus; test files have no fold."""
    base = json.loads((GOLD / "dev" / "toy-1.json").read_text())
    for split, corpus, n in (("dev", "wikinews", 3), ("dev", "kremlin", 2), ("test", "kremlin", 1)):
        (tmp_path / split).mkdir(exist_ok=True)
        for i in range(n):
            obj = base | {"corpus": corpus, "split": split, "doc_id": f"{corpus}:{i}"}
            (tmp_path / split / f"{corpus}-{i}.json").write_text(json.dumps(obj))
    docs = load_gold_dir(tmp_path)
    folds = {p.name: f for p, f in dev_folds(docs).items()}
    assert folds == {
        "kremlin-0.json": "dev-a",
        "kremlin-1.json": "dev-b",
        "wikinews-0.json": "dev-a",
        "wikinews-1.json": "dev-b",
        "wikinews-2.json": "dev-a",
    }
    arts = [_article(d.text, []) for d in docs]
    tallies, errors = score(docs, arts, errors_of=("dev-b",), labels=dev_folds(docs))
    assert tallies["dev-a"].documents == 3 and tallies["dev-b"].documents == 2 and tallies["test"].documents == 1
    assert tallies["dev"].documents == 0 and len(errors["dev-b"]) == 6  # 3 gold events missed per article


def test_unknown_split_names_the_folds():
    from kronika.evaluate.events import run
    from kronika.settings import Settings

    with pytest.raises(ConfigError, match="dev-a, dev-b or folds"):
        run(str(GOLD), Settings(), split="dev-c")
