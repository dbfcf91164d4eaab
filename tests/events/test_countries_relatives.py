"""Argument countries, place targets, relative-clause actors and coordinated verbs, on our own text."""

from __future__ import annotations

import pytest

from kronika.events.extract import extract_events
from kronika.record import refs

from .helpers import build, events_of, main_event, names

_extract = extract_events

pytestmark = pytest.mark.slow


def test_demonym_in_the_phrase_gives_the_actor_country(nlp):
    text = "The Norwegian envoy Lars Holm condemned the raid."
    _, events = events_of(nlp, text, entities=[("Lars Holm", "PERSON", None, ["Lars Holm"])])
    ev = main_event(events)
    assert ev.countries.actor == ["NOR"]


def test_group_located_in_a_country_takes_its_country(nlp):
    text = "Students in Chile protested against the new tuition fees."
    _, events = events_of(nlp, text, entities=[("Chile", "STATE", "CHL", ["Chile"])])
    ev = main_event(events)
    assert ev.type == "PROTEST"
    assert ev.countries.actor == ["CHL"]


def test_place_is_the_target_when_no_party_is_named(nlp):
    text = "Peru withdrew its troops from Bolivia."
    ents = [("Peru", "STATE", "PER", ["Peru"]), ("Bolivia", "STATE", "BOL", ["Bolivia"])]
    _, events = events_of(nlp, text, entities=ents)
    ev = main_event(events)
    assert ev.type in ("RETREAT", "SANCTION")
    assert ev.recipient[0].entity == "e2" and ev.extra["recipient_source"] == "place"
    assert ev.extra["theme"] == ["its troops"]


def test_the_named_object_leads_to_the_party_it_comes_from(nlp):
    """ "withdrew its observers from Bolivia": the observers are what the row names, Bolivia the party."""
    text = "Peru withdrew its observers from Bolivia."
    ents = [("Peru", "STATE", "PER", ["Peru"]), ("Bolivia", "STATE", "BOL", ["Bolivia"])]
    _, events = events_of(nlp, text, entities=ents)
    ev = main_event(events)
    assert ev.type == "SANCTION" and [r.entity for r in ev.recipient] == ["e2"]


def test_a_named_party_is_not_replaced_by_the_place(nlp):
    text = "Peru signed a trade agreement with Ecuador in Lima."
    ents = [
        ("Peru", "STATE", "PER", ["Peru"]),
        ("Ecuador", "STATE", "ECU", ["Ecuador"]),
        ("Lima", "PLACE", "PER", ["Lima"]),
    ]
    _, events = events_of(nlp, text, entities=ents)
    ev = main_event(events)
    assert ev.recipient[0].entity == "e2" and "recipient_source" not in ev.extra


def test_a_time_is_never_the_recipient(nlp):
    text = "Chile demanded on Friday that Peru release the fishermen."
    ents = [("Chile", "STATE", "CHL", ["Chile"]), ("Peru", "STATE", "PER", ["Peru"])]
    _, events = events_of(nlp, text, entities=ents, times=[("Friday", "2024-03-15")])
    ev = main_event(events)
    assert ev.type == "REQUEST"
    assert "Friday" not in names(ev.recipient)


def test_whose_noun_resolves_to_the_antecedent_conjuncts(nlp):
    text = "It was a day for the Danes and Swedes, whose sailors fought together and defeated the pirates in 1801."
    ents = [("Danes", "GROUP", "DNK", ["Danes"]), ("Swedes", "GROUP", "SWE", ["Swedes"])]
    _, events = events_of(nlp, text, entities=ents, times=[("1801", "1801")])
    fights = [e for e in events if e.type == "ASSAULT"]
    assert len(fights) == 1  # "fought ... and defeated": one event of one type and actor
    assert {r.entity for r in refs(fights[0].actor)} == {"e1", "e2"}
    assert fights[0].extra["coordinated"] == ["defeated"]
    assert fights[0].date.value == "1801"


def test_relative_pronoun_subject_is_its_antecedent(nlp):
    text = "Police arrested the gunmen who attacked the convoy near Quito."
    _, events = events_of(nlp, text, entities=[("Quito", "PLACE", "ECU", ["Quito"])])
    (attack,) = [e for e in events if e.trigger.text == "attacked"]
    assert names(attack.actor) == "the gunmen"


def test_event_at_an_occasion_told_earlier_takes_its_date(nlp):
    text = (
        "The harvest festival held in Tartu on 2 September drew large crowds.\n\n"
        "Estonia's prime minister praised Latvia at the festival."
    )
    ents = [("Estonia", "STATE", "EST", ["Estonia"]), ("Latvia", "STATE", "LVA", ["Latvia"])]
    _, events = events_of(nlp, text, entities=ents, times=[("2 September", "2024-09-02")])
    (praise,) = [e for e in events if e.trigger.text == "praised"]
    assert praise.date.value == "2024-09-02" and praise.date.inferred
    assert praise.date_source == "scene"


def test_an_indefinite_occasion_is_not_the_one_told_before(nlp):
    text = (
        "The harvest festival held in Tartu on 2 September drew large crowds.\n\n"
        "Estonia's prime minister praised Latvia at a festival."
    )
    ents = [("Estonia", "STATE", "EST", ["Estonia"]), ("Latvia", "STATE", "LVA", ["Latvia"])]
    _, events = events_of(nlp, text, entities=ents, times=[("2 September", "2024-09-02")])
    (praise,) = [e for e in events if e.trigger.text == "praised"]
    assert praise.date_source == "article"


def test_title_without_country_takes_the_one_country_of_its_sentence(nlp):
    from kronika.record import Role

    text = "Farmers in Malawi urged President Banda to cut fuel prices."
    art, doc = build(nlp, text, entities=[("Malawi", "STATE", "MWI", ["Malawi"]), ("Banda", "PERSON", None, ["Banda"])])
    art.entities[1].roles.append(Role(title="President", of=None))
    ev = main_event(_extract(art, doc))
    assert ev.type == "REQUEST"
    assert ev.countries.recipient == ["MWI"]


def test_protest_without_target_is_against_its_own_country(nlp):
    text = "Chilean miners began a hunger strike outside the ministry."
    _, events = events_of(nlp, text)
    ev = main_event(events)
    assert ev.type == "PROTEST" and ev.recipient == []
    assert (ev.countries.actor, ev.countries.recipient) == (["CHL"], ["CHL"])
    assert ev.extra["recipient_country_source"] == "protest"


def test_us_is_the_united_states_not_a_pronoun(nlp):
    text = "Peru rejected a US offer to mediate."
    ents = [("Peru", "STATE", "PER", ["Peru"]), ("United States", "STATE", "USA", ["US"])]
    _, events = events_of(nlp, text, entities=ents)
    ev = main_event(events)
    assert ev.type == "REJECT"
    assert [r.entity for r in ev.recipient] == ["e2"]


def test_infinitive_on_an_owned_noun_takes_the_owner_as_actor(nlp):
    text = "Peru rejected a US offer to host a summit."
    ents = [("Peru", "STATE", "PER", ["Peru"]), ("United States", "STATE", "USA", ["US"])]
    _, events = events_of(nlp, text, entities=ents)
    (hosting,) = [e for e in events if e.trigger.text == "host"]
    assert hosting.actor[0].entity == "e2"  # the hosting is the US's ...
    assert hosting.recipient == []  # ... and a summit is no guest


def test_demand_is_addressed_to_the_subject_of_the_demanded_clause(nlp):
    text = "Chile demanded that Peru cancel plans to sell weapons to Bolivia."
    ents = [
        ("Chile", "STATE", "CHL", ["Chile"]),
        ("Peru", "STATE", "PER", ["Peru"]),
        ("Bolivia", "STATE", "BOL", ["Bolivia"]),
    ]
    _, events = events_of(nlp, text, entities=ents)
    ev = main_event(events)
    assert ev.type == "REQUEST" and ev.recipient[0].entity == "e2"


def test_a_threat_targets_whoever_must_meet_its_condition(nlp):
    text = "Chile threatened to halt the talks unless Peru withdraws its claim."
    ents = [("Chile", "STATE", "CHL", ["Chile"]), ("Peru", "STATE", "PER", ["Peru"])]
    _, events = events_of(nlp, text, entities=ents)
    ev = main_event(events)
    assert ev.type == "THREATEN"
    assert ev.recipient[0].entity == "e2" and ev.extra["recipient_source"] == "condition"
