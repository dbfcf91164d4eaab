"""Families of errors seen on real news (issue 11), each on sentences of our own wording."""

from __future__ import annotations

import pytest

from .helpers import events_of, names

pytestmark = pytest.mark.slow

RUR = ("Ruritania", "STATE", "RUR", ["Ruritania", "Ruritanian"])
BOR = ("Borduria", "STATE", "BOR", ["Borduria", "Bordurian"])
STRELSAU = ("Strelsau", "PLACE", "RUR", ["Strelsau"])


def test_a_cancelled_trip_is_a_negated_visit_and_a_refusal(nlp):
    text = "The Bordurian premier cancelled his trip to Strelsau after Ruritania refused to guarantee his safety."
    _, events = events_of(nlp, text, entities=[BOR, RUR, STRELSAU])
    visit = next(e for e in events if e.trigger.text == "trip")
    assert visit.type == "CONSULT" and visit.context.negated and not visit.factual
    reject = next(e for e in events if e.trigger.text == "cancelled")
    assert reject.type == "REJECT" and reject.countries.actor == ["BOR"] and reject.countries.recipient == ["RUR"]


@pytest.mark.parametrize(
    "text",
    ["The summit in Strelsau was postponed.", "Borduria called off the planned talks with Ruritania."],
)
def test_postponed_and_called_off_meetings_did_not_happen(nlp, text):
    _, events = events_of(nlp, text, entities=[BOR, RUR, STRELSAU])
    meetings = [e for e in events if e.trigger.text in ("summit", "talks")]
    assert all(not e.factual for e in meetings)


def test_a_promised_response_is_a_threat(nlp):
    _, events = events_of(
        nlp, "The Ruritanian minister promised a calibrated response to the drone incursion.", entities=[RUR]
    )
    (ev,) = [e for e in events if e.trigger.text == "promised"]
    assert ev.type == "THREATEN" and ev.recipient == []


def test_the_annexed_land_is_the_target_and_the_possessor_the_actor(nlp):
    _, events = events_of(nlp, "Borduria condemned Ruritania's annexation of Strelsau.", entities=[BOR, RUR, STRELSAU])
    annexation = next(e for e in events if e.trigger.text == "annexation")
    assert names(annexation.actor) == "Ruritania" and names(annexation.recipient) == "Strelsau"
    condemned = next(e for e in events if e.trigger.text == "condemned")
    assert names(condemned.recipient) == "Ruritania"


def test_condemning_an_act_whose_author_is_not_named_targets_no_one(nlp):
    _, events = events_of(nlp, "Borduria condemned the annexation of Strelsau.", entities=[BOR, STRELSAU])
    condemned = next(e for e in events if e.trigger.text == "condemned")
    assert condemned.recipient == [] and condemned.extra["about"]["trigger"] == "annexation"


def test_a_dateline_is_never_an_actor(nlp):
    text = "STRELSAU, May 3 (Wire) - Signed by Ruritania and Borduria, a memorandum on water was welcomed."
    _, events = events_of(nlp, text, entities=[STRELSAU, RUR, BOR])
    for ev in events:
        assert "STRELSAU" not in names(ev.actor) and "STRELSAU" not in names(ev.recipient)


def test_a_list_of_parties_is_no_dateline(nlp):
    text = "RURITANIA, BORDURIA and SYLDAVIA agreed to share the river."
    caps = [("Ruritania", "STATE", "RUR", ["RURITANIA"]), ("Borduria", "STATE", "BOR", ["BORDURIA"])]
    _, events = events_of(nlp, text, entities=caps)
    agreed = next(e for e in events if e.trigger.text == "agreed")
    assert "RURITANIA" in names(agreed.actor)


def test_an_accident_that_kills_is_no_attack(nlp):
    _, events = events_of(nlp, "A traffic collision killed a cyclist near Strelsau on Sunday.", entities=[STRELSAU])
    assert not [e for e in events if e.type == "ASSAULT"]


def test_a_thank_you_is_a_courtesy(nlp):
    _, events = events_of(nlp, "Thank you very much.")
    assert not events


def test_providing_aid_needs_something_given(nlp):
    _, events = events_of(nlp, "Borduria provided ammunition and fuel to Ruritania.", entities=[BOR, RUR])
    assert [e.type for e in events if e.trigger.text == "provided"] == ["AID"]
    _, events = events_of(nlp, "Officials provided figures to journalists.")
    assert not [e for e in events if e.trigger.text == "provided"]


def test_an_attack_that_killed_and_injured_is_one_attack(nlp):
    _, events = events_of(nlp, "The attack on the barracks killed nine and injured twenty more.")
    assert [e.trigger.text for e in events if e.type == "ASSAULT"] == ["attack"]


@pytest.mark.parametrize(
    ("text", "trigger", "etype"),
    [
        ("The Ruritanian president informed his Bordurian counterpart about the floods.", "informed", "CONSULT"),
        ("Borduria expressed serious concern about Ruritanian troop movements.", "expressed", "ACCUSE"),
        ("Ruritania expressed satisfaction with the outcome of the talks.", "expressed", "SUPPORT"),
        ("Borduria expressed readiness to resume the talks.", "expressed", "AGREE"),
        ("The Ruritanian parliament impeached the president over abuse of power.", "impeached", "ACCUSE"),
        ("After his conviction last summer, the former minister left Ruritania.", "conviction", "SANCTION"),
    ],
)
def test_readout_and_court_wording(nlp, text, trigger, etype):
    _, events = events_of(nlp, text, entities=[RUR, BOR])
    assert [e.type for e in events if e.trigger.text == trigger] == [etype]


def test_protesters_gathering_is_a_protest_and_a_quantity_subject_is_looked_through(nlp):
    _, events = events_of(nlp, "Hundreds of demonstrators gathered outside the town hall in Lyon on Sunday.")
    assert [e.type for e in events] == ["PROTEST"]
    _, events = events_of(nlp, "Thousands of soldiers arrived in the port city on Monday.")
    assert [e.type for e in events] == ["MOBILIZE"]  # troops arriving are no visit
    _, events = events_of(nlp, "The inspectors gathered samples at the plant.")
    assert not [e for e in events if e.type == "PROTEST"]


def test_the_leaders_of_a_call_are_its_two_people_not_the_parties_of_talks_it_discussed(nlp):
    text = (
        "Ruritanian President Rudolf Elphberg had a telephone conversation with Bordurian President Karl Muller. "
        "The presidents also spoke about the talks between Ruritania and Borduria in Zenda. "
        "The leaders agreed to stay in contact."
    )
    people = [
        ("Rudolf Elphberg", "PERSON", "RUR", ["Rudolf Elphberg"]),
        ("Karl Muller", "PERSON", "BOR", ["Karl Muller"]),
    ]
    _, events = events_of(nlp, text, entities=[RUR, BOR, *people])
    agree = next(e for e in events if e.type == "AGREE")
    assert {r.entity for r in agree.actor} == {
        "e3",
        "e4",
    }  # the two presidents, not the states whose talks they discussed
