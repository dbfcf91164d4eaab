"""Institutions, generic agents, datelines and the story's country: one sentence of our own per rule."""

from __future__ import annotations

import pytest

from kronika.actors.lookup import entity_at
from kronika.actors.setting import dateline
from kronika.pipeline import analyze_text


def run(text: str, published: str = "2023-10-13"):
    return analyze_text(text, published=published)


def at(article, phrase: str, occurrence: int = 1):
    i = -1
    for _ in range(occurrence):
        i = article.text.index(phrase, i + 1)
    ent = entity_at(article, i, i + len(phrase))
    assert ent is not None, (
        f"no entity at {phrase!r}: {[(e.name, [m.text for m in e.mentions]) for e in article.entities]}"
    )
    return ent


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        ("Moldova's Ministry of Defence said the drills had ended.", "Ministry of Defence", "MDA", "MIL"),
        ("Georgia's Foreign Ministry summoned the envoy on Tuesday.", "Foreign Ministry", "GEO", "GOV"),
        ("Romania's Air Force scrambled two jets over the sea.", "Air Force", "ROU", "MIL"),
        ("The Latvian Foreign Ministry protested the decision.", "Latvian Foreign Ministry", "LVA", "GOV"),
        (
            "A spokesman for the Security Council of the Russian Federation declined to comment.",
            "Security Council",
            "RUS",
            None,
        ),
    ],
)
def test_institution_with_its_owner(pipeline, text, phrase, country, sector):
    ent = at(run(text), phrase)
    assert ent.country == country
    if sector:
        assert ent.sector == sector


@pytest.mark.slow
def test_each_country_has_its_own_foreign_ministry(pipeline):
    a = run("Georgia's Foreign Ministry and Armenia's Foreign Ministry exchanged notes.")
    first, second = at(a, "Foreign Ministry", 1), at(a, "Foreign Ministry", 2)
    assert (first.country, second.country) == ("GEO", "ARM") and first.id != second.id
    assert first.kb_id == "GEO.GOV:foreign-ministry"


@pytest.mark.slow
def test_the_institution_again_is_the_same_one(pipeline):
    a = run(
        "Lithuania's Foreign Ministry summoned the ambassador. Later the Foreign Ministry said the talks would go on."
    )
    assert at(a, "Foreign Ministry", 2).id == at(a, "Foreign Ministry", 1).id


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "phrase", "kb_id"),
    [
        ("EU foreign ministers agreed on new sanctions.", "EU foreign ministers", "EU"),
        ("More than 2,000 Russian-led troops began to withdraw.", "Russian-led troops", "RUS.MIL"),
        ("Iraqi protesters blocked the main road.", "Iraqi protesters", "IRQ.CVL"),
        ("The riot police of Moldova dispersed the crowd.", "riot police", "MDA.COP"),
    ],
)
def test_agent_with_an_owner(pipeline, text, phrase, kb_id):
    assert at(run(text), phrase).kb_id == kb_id


@pytest.mark.slow
def test_bare_agents_take_the_story_country(pipeline):
    a = run("Thousands marched through Chisinau on Sunday. Police detained dozens of protesters near the parliament.")
    assert at(a, "Police").kb_id == "MDA.COP"
    assert at(a, "protesters").kb_id == "MDA.CVL"


@pytest.mark.slow
def test_nobody_in_particular_is_no_actor(pipeline):
    a = run("In Chisinau, two men and a child were seen near the embassy.")
    assert all(not any(m.text in ("men", "child", "embassy") for m in e.mentions) for e in a.entities)


@pytest.mark.slow
def test_sentence_country_before_story_country(pipeline):
    a = run("Moldova held talks with Romania in Chisinau on Moldova's budget. In Ukraine, troops were put on alert.")
    assert at(a, "troops").kb_id == "UKR.MIL"  # the one country of its sentence, not the story's (Moldova)


@pytest.mark.slow
def test_titled_person_without_a_country_takes_the_story_country(pipeline):
    a = run("A knife attack in Chisinau shocked Moldova. Mayor Ion Cebanu was treated in hospital.")
    assert at(a, "Ion Cebanu").country == "MDA"


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("BAKU, Oct 13 (Reuters) - The leaders met.", "BAKU", "Reuters"),
        ("WASHINGTON (AP) -- Lawmakers voted.", "WASHINGTON", "AP"),
        ("Chisinau, 7 January 2022 - The court ruled.", "Chisinau", None),
    ],
)
def test_dateline(text, place, agency):
    d = dateline(text)
    assert d is not None and text[d.place[0] : d.place[1]] == place
    assert (text[d.agency[0] : d.agency[1]] if d.agency else None) == agency


@pytest.mark.parametrize("text", ["Moscow - based analysts disagree.", "The leaders met - and left."])
def test_not_a_dateline(text):
    assert dateline(text) is None


@pytest.mark.slow
def test_dateline_place_is_a_place_not_an_actor(pipeline):
    a = run("BAKU, Oct 13 (Reuters) - The leaders of Georgia and Armenia signed a memorandum.")
    baku = at(a, "BAKU")
    assert (baku.type, baku.country) == ("PLACE", "AZE")
    assert not [e for e in a.entities if e.kb_id == "AZE.GOV"]
