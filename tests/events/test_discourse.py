"""Rules that look beyond one clause: visit destinations, anaphoric events, speeches that accuse."""

from __future__ import annotations

import pytest

from .helpers import events_of, names

pytestmark = pytest.mark.slow


def test_visit_destination_carries_to_the_next_visit_in_the_paragraph(nlp):
    text = (
        "On Monday the Mongolian president flew to Seoul. "
        "The next day the Laotian premier confirmed his visit as well.\n\n"
        "Elsewhere, the Thai king made a visit."
    )
    _, events = events_of(nlp, text)
    visits = [e for e in events if e.type == "CONSULT"]
    assert names(visits[0].recipient) == "Seoul"
    assert names(visits[1].recipient) == "Seoul"
    assert visits[1].extra["inherited"] == ["recipient"]
    assert len(visits) == 2 or visits[2].recipient == []  # a new paragraph does not inherit


def test_a_visit_to_a_place_of_its_own_does_not_take_the_last_visits_host(nlp):
    text = "The Mongolian president flew to Seoul on Friday. The Laotian premier arrived in Hanoi on Monday."
    _, events = events_of(nlp, text)
    visits = [e for e in events if e.type == "CONSULT"]
    assert names(visits[0].recipient) == "Seoul"
    assert "Seoul" not in names(visits[1].recipient) and "inherited" not in visits[1].extra


def test_this_strike_refers_back_to_the_attack(nlp):
    text = (
        "A drone attack on the refinery in the night of 2 June shocked the region. "
        "Nobody claimed this bold strike, which the rebels deny any role in."
    )
    _, events = events_of(nlp, text, times=[("2 June", "2024-06-02")])
    first, second = (e for e in events if e.type == "ASSAULT")
    assert names(second.recipient) == names(first.recipient) == "the refinery"
    assert second.date.value == "2024-06-02"
    assert second.extra["coref_trigger"]["text"] == "attack"
    assert second.context.stance == "deny"


def test_another_strike_is_a_new_event(nlp):
    text = "A drone attack hit the refinery. The guards feared the risk of another strike."
    _, events = events_of(nlp, text)
    second = [e for e in events if e.type == "ASSAULT"][1]
    assert "coref_trigger" not in second.extra
    assert second.context.modality == "hypothetical"


def test_speech_claiming_an_attack_is_an_accusation(nlp):
    text = "The crowd heard the general's speech on the nation coming under attack from foreign agents."
    _, events = events_of(nlp, text)
    ev = next(e for e in events if e.type == "ACCUSE")
    assert ev.trigger.text == "speech"
    assert "general" in names(ev.actor)
    assert "foreign agents" in names(ev.recipient)
    assert ev.extra["claim"]["type"] == "ASSAULT"
    assert not any(e.type == "ASSAULT" for e in events)


def test_reported_attack_by_a_reporting_verb_stays_an_attack(nlp):
    _, events = events_of(nlp, "The ministry said rebels attacked a convoy.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_protest_demand_is_the_protest_topic(nlp):
    _, events = events_of(nlp, "Students staged mass demonstrations in the capital to demand new elections.")
    assert [e.type for e in events] == ["PROTEST"]
    assert events[0].extra["demand"] == "demand"


def test_obligation_under_a_reporting_verb_is_a_request(nlp):
    _, events = events_of(nlp, "The envoy said that the junta must release the detained ministers.")
    ev = events[0]
    assert ev.type == "REQUEST"
    assert "envoy" in names(ev.actor) and "junta" in names(ev.recipient)
    assert ev.mode == "yield"


def test_troops_arriving_are_a_mobilization_not_a_visit(nlp):
    _, events = events_of(nlp, "Foreign paratroopers began arriving in the capital on Thursday.")
    assert [(e.type, e.mode) for e in events] == [("MOBILIZE", "troops")]


def test_phone_call_mode(nlp):
    _, events = events_of(nlp, "The prime minister spoke by phone with the Estonian president.")
    (ev,) = events
    assert (ev.type, ev.mode) == ("CONSULT", "phone")
    assert "Estonian president" in names(ev.recipient)


def test_an_order_to_shoot_is_the_shooting(nlp):
    _, events = events_of(nlp, "The governor ordered the police to fire on the crowd.")
    ev = next(e for e in events if e.trigger.text == "ordered")
    assert ev.type == "ASSAULT"
    assert "governor" in names(ev.actor) and "crowd" in names(ev.recipient)
    assert ev.extra["ordered"] == ["the police"]


def test_purpose_clause_of_the_same_type_is_one_event(nlp):
    _, events = events_of(nlp, "Dock workers blocked the highway with trucks to protest against the new tariffs.")
    assert [(e.type, e.mode) for e in events] == [("PROTEST", "obstruct")]
    assert "tariffs" in names(events[0].recipient)  # from the merged "protest against", not the trucks


def test_condemning_an_event_targets_its_actor(nlp):
    text = "Rebel gunmen attacked a police station in the north. The president condemned the attack."
    _, events = events_of(nlp, text)
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert "gunmen" in names(accuse.recipient)
    assert accuse.extra["about"]["type"] == "ASSAULT"


def test_adverbial_date_beats_a_dateline(nlp):
    text = "Riga, 14 June 2024 - Latvia's president met the Finnish prime minister on Wednesday."
    _, events = events_of(nlp, text, times=[("14 June 2024", "2024-06-14"), ("Wednesday", "2024-06-12")])
    (ev,) = [e for e in events if e.type == "CONSULT"]
    assert ev.date.value == "2024-06-12"


def test_blame_and_the_rejected_accusation(nlp):
    text = (
        "The attack on a customs post in Moldova, which Chisinau blamed on Transnistrian militias, "
        "worried the region. Tiraspol rejected the accusation."
    )
    _, events = events_of(nlp, text)
    raid = next(e for e in events if e.type == "ASSAULT")
    assert names(raid.location) == "Moldova"  # the target's own place
    blame = next(e for e in events if e.type == "ACCUSE")
    assert "militias" in names(blame.recipient)
    reject = next(e for e in events if e.type == "REJECT")
    assert names(reject.recipient) == names(blame.actor)
    assert "recipient" in reject.extra["inherited"]


def test_weapon_mode_through_quantities_and_passives(nlp):
    _, events = events_of(nlp, "The army attacked the port with dozens of drones. Forty rockets were launched.")
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "drone"), ("ASSAULT", "heavy-weapons")]
