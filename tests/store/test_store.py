"""The store on SQLite and PostgreSQL: ingest, revisions, merge, queries, errors."""

from __future__ import annotations

import pytest

from kronika.errors import Failure
from store.records import Builder, corpus, csto_north, csto_south, parade_a, parade_b


def test_ingest_is_idempotent(store) -> None:
    first = store.ingest(corpus())
    assert (first.new, first.skipped, first.failed) == (6, 0, 0)
    again = store.ingest(corpus())
    assert (again.new, again.skipped) == (0, 6)
    s = store.stats()
    assert s["articles"] == 6 and s["event_reports"] == first.event_reports == 10


def test_same_url_new_text_is_a_revision(store) -> None:
    store.ingest([csto_north(), csto_south()])
    b = Builder("Kazakhstan calls in CSTO troops", "Desk North", "2022-01-06", "https://t.invalid/north/1")
    b.say(
        "Updated: Tokayev asked the alliance for help late on Wednesday.",
        "REQUEST",
        ["tokayev"],
        ["csto"],
        "2022-01-05",
    )
    new = b.build()
    r = store.ingest([new])
    assert (r.new, r.revisions) == (1, 1)
    s = store.stats()
    assert (s["articles"], s["revisions"]) == (2, 1)
    detail = store.article(new.id)
    assert detail["stored"]["revision"] == 2 and detail["stored"]["revision_of"] == csto_north().id
    assert store.article(csto_north().id)["stored"]["superseded_by"] == new.id
    # the old revision's reports left their story events: the landing is now reported by one article
    landing = store.events(type="MOBILIZE")
    assert [len(e["sources"]) for e in landing] == [1]
    assert all(src["article_id"] != csto_north().id for e in store.events() for src in e["sources"])


def test_replace_re_stores_a_changed_analysis(store) -> None:
    store.ingest([csto_north(), csto_south()])
    better = csto_north()
    better.events = better.events[:1]  # a new analysis of the same text finds one event only
    r = store.ingest([better], replace=True)
    assert (r.new, r.replaced, r.skipped, r.event_reports) == (0, 1, 0, 1)
    assert store.article(better.id)["stored"]["story_events"].keys() == {"V1"}
    assert store.stats()["articles"] == 2 and store.stats()["event_reports"] == 3
    # the landing is now reported by Desk South only; the north article's paragraphs are searchable once
    assert [len(e["sources"]) for e in store.events(type="MOBILIZE")] == [1]
    hits = store.search("paratroopers landing")
    assert sorted(h["article_id"] for h in hits) == sorted([better.id, csto_south().id])
    assert store.ingest([better]).skipped == 1


def test_failures_are_recorded_once_and_the_run_goes_on(store) -> None:
    bad = Failure("corpus/broken.html", "not valid UTF-8 at byte 12", stage="read")
    r = store.ingest([bad, csto_north(), bad])
    assert (r.new, r.failed) == (1, 2)
    errs = store.errors()
    assert len(errs) == 1 and errs[0]["path"] == "corpus/broken.html" and errs[0]["stage"] == "read"


def test_a_record_that_cannot_be_stored_is_an_error_and_nothing_half_written(store) -> None:
    a = csto_south()
    a.events[1].sentence = None  # a bug upstream: the store must not keep half of this article
    r = store.ingest([a, parade_a()])
    assert (r.new, r.failed) == (1, 1)
    assert store.errors()[0]["stage"] == "store"
    assert store.article(a.id) is None
    assert store.stats()["event_reports"] == 1


def test_two_articles_reporting_one_event_merge_with_conflicts(store) -> None:
    store.ingest([csto_north(), csto_south()])
    (landing,) = store.timeline(actor="KAZ", type="MOBILIZE")
    assert [s["outlet"] for s in landing["sources"]] == ["Desk North", "Desk South"]
    assert landing["date"] == "2022-01-06" and landing["granularity"] == "day"
    dates = {c["value"]: c["sources"] for c in landing["conflicts"]["date"]}
    assert set(dates) == {"2022-01-06", "2022-01-07"}
    sizes = {c["value"] for c in landing["conflicts"]["counts"]["size"]}
    assert sizes == {"2500", "2030"}
    assert landing["actors"][0]["country"] == "RUS" and landing["recipients"][0]["name"] == "Kazakhstan"
    for src in landing["sources"]:
        assert {"article_id", "title", "outlet", "published", "evidence"} <= set(src)


def test_who_attended_conflict(store) -> None:
    store.ingest([parade_a(), parade_b()])
    (parade,) = store.timeline(actor="Tokayev", since="2023-05-01")
    assert len(parade["sources"]) == 2
    differ = {c["name"]: c["reported_by"] for c in parade["conflicts"]["actors"]}
    assert list(differ) == ["Nikol Pashinyan"] and differ["Nikol Pashinyan"] == [parade_a().id]
    assert {a["name"] for a in parade["actors"]} >= {"Kassym-Jomart Tokayev", "Nikol Pashinyan"}


def test_timeline_filters(filled) -> None:
    kaz = filled.timeline(actor="KAZ")
    assert [e["date"] for e in kaz] == sorted(e["date"] for e in kaz)
    assert {e["type"] for e in kaz} >= {"REQUEST", "MOBILIZE", "CONSULT", "AGREE", "REJECT"}
    # a country name, a code and a person's name reach that country's persons and state
    assert [e["id"] for e in filled.timeline(actor="Kazakhstan")] == [e["id"] for e in kaz]
    assert [e["id"] for e in filled.timeline(actor="kb:KAZ")] == [e["id"] for e in kaz]  # a state's key
    assert {e["type"] for e in filled.timeline(actor="kb:kz-tokayev")} == {"REQUEST", "CONSULT", "REJECT"}
    assert {e["type"] for e in filled.timeline(actor="Tokayev")} == {"REQUEST", "CONSULT", "REJECT"}
    assert {e["type"] for e in filled.timeline(actor="KAZ", with_="RUS")} == {"MOBILIZE", "CONSULT", "REJECT"}
    assert [e["date"] for e in filled.timeline(actor="KAZ", since="2022-06", until="2022-12-31")] == [
        "2022-11",
        "2022-11-07",
    ] or [e["date"] for e in filled.timeline(actor="KAZ", since="2022-06", until="2022-12-31")] == [
        "2022-11-07",
        "2022-11",
    ]
    assert [e["type"] for e in filled.events(type="assault", place="Kyiv")] == ["ASSAULT"]
    assert filled.events(place="Odesa") == []
    assert {e["type"] for e in filled.events(outlet="desk east")} == {"CONSULT"}
    assert filled.timeline(actor="EU")[0]["actors"][0]["name"] == "European Union"
    assert filled.timeline(actor="Narnia") == []
    assert len(filled.timeline(limit=2)) == 2


def test_an_organisation_includes_its_office_holders(filled) -> None:
    b = Builder("Brussels urges restraint", "Desk West", "2022-01-08", "https://t.invalid/w/9")
    b.say(
        "Borrell called on Kazakhstan to respect the right to protest.", "REQUEST", ["borrell"], ["kaz"], "2022-01-08"
    )
    filled.ingest([b.build()])
    eu = filled.timeline(actor="EU")
    assert {a["name"] for e in eu for a in e["actors"]} == {"European Union", "Josep Borrell"}
    # the EU's call and Borrell's, a day apart, are one story event reported by two desks
    (call,) = [e for e in eu if e["type"] == "REQUEST"]
    assert {s["outlet"] for s in call["sources"]} == {"Desk South", "Desk West"}


def test_bad_date_filter_is_a_clear_error(filled) -> None:
    from kronika.errors import ConfigError

    with pytest.raises(ConfigError, match="--since"):
        filled.timeline(since="last tuesday")


def test_balance_counts_quad_classes(filled) -> None:
    rows = filled.balance("KAZ", ["RUS", "EU"], by="month")
    by = {(r["period"], r["counterpart"]): r for r in rows}
    jan = by[("2022-01", "RUS")]
    assert jan["material_conflict"] == 1 and jan["incoming"] == 2  # the landing and the call, both from Russia
    assert jan["verbal_cooperation"] == 1  # the phone call Putin -> Tokayev
    assert by[("2022-01", "EU")]["verbal_conflict"] == 1  # the call for restraint
    nov_eu, nov_ru = by[("2022-11", "EU")], by[("2022-11", "RUS")]
    assert nov_eu["verbal_cooperation"] == 1 and nov_eu["net"] == 1.0
    assert nov_ru["verbal_conflict"] == 1 and nov_ru["outgoing"] == 1 and nov_ru["net"] == -1.0
    assert nov_eu["share"] == nov_ru["share"] == 0.5
    assert {r["period"] for r in filled.balance("KAZ", ["RUS"], by="year")} == {"2022", "2023"}


def test_search(filled) -> None:
    hits = filled.search("paratroopers landing")
    assert hits and hits[0]["outlet"] == "Desk North" and "[" in hits[0]["snippet"]
    assert hits[0]["events"]  # the story event reported in that paragraph
    assert filled.search('"raw materials"')[0]["title"].startswith("Kazakhstan signs")
    assert filled.search("drone-attack!!") is not None  # punctuation is never query syntax
    assert filled.search("zzzqqq") == []


def test_search_snippet_of_a_long_paragraph_shows_a_match_far_in(store) -> None:
    """PostgreSQL gives ts_headline a window of a long paragraph (it re-parses all it is given):
    the window must still hold the match when it lies far past the paragraph's start."""
    from store.records import Builder

    filler = " ".join(f"Delegates discussed item {i} of the agenda at length." for i in range(400))
    long = filler + " Then the observers praised the hydrographers for their survey. " + filler
    assert len(long) > 20_000
    store.ingest([Builder("A long transcript", "Desk North", "2023-02-01").say(long).build()])
    (hit,) = store.search("hydrographers")
    assert "[hydrographers]" in hit["snippet"], hit["snippet"]
    assert len(hit["snippet"]) < 1_000


def test_actors_and_actor_profile(filled) -> None:
    top = filled.actors(top=3)
    assert top[0]["name"] == "Kassym-Jomart Tokayev" and top[0]["articles"] == 4
    p = filled.actor("Tokayev")
    assert p["offices"][0]["title"] == "President" and p["offices"][0]["first_seen"] == "2022-01-06"
    assert p["events_by_type"]["CONSULT"] == 2
    assert {c["name"] for c in p["counterparts"]} >= {"Vladimir Putin"}
    assert p["mentions_by_month"][0]["month"] == "2022-01"
    assert filled.actor("nobody at all") is None


def test_network(filled) -> None:
    net = filled.network()
    ids = {n["id"] for n in net["nodes"]}
    assert "kb:RUS" in ids and "kb:KAZ" in ids
    edge = next(e for e in net["edges"] if e["source"] == "kb:RUS" and e["target"] == "kb:KAZ")
    assert edge["types"] == {"MOBILIZE": 1} and edge["quads"] == {"material_conflict": 1}
    by_country = filled.network(level="country")
    assert any(e["source"] == "country:RUS" and e["target"] == "country:KAZ" for e in by_country["edges"])
    assert filled.network(since="2023-01-01")["nodes"] and not any(
        n["id"] == "kb:EU" for n in filled.network(since="2023-01-01")["nodes"]
    )


def test_articles_and_record(filled) -> None:
    arts = filled.articles(limit=2)
    assert len(arts) == 2 and arts[0]["published"] == "2023-05-28" and "text" not in arts[0]
    rec = filled.article(csto_north().id)
    assert rec["schema"] == "kronika.article/1" and rec["metadata"]["publication"] == "Desk North"
    assert set(rec["stored"]["story_events"]) == {"V1", "V2", "V3"}
    assert filled.article(csto_north().id[:8])["id"] == csto_north().id
    assert filled.article("0000000000") is None
