"""Round 2 (issue 11): support-verb constructions and precision rules, on our own wording."""

from __future__ import annotations

import pytest

from .helpers import events_of, names

pytestmark = pytest.mark.slow

RUR = ("Ruritania", "STATE", "RUR", ["Ruritania", "Ruritanian"])
BOR = ("Borduria", "STATE", "BOR", ["Borduria", "Bordurian"])
OSK = ("Oskar Varga", "PERSON", "BOR", ["Oskar Varga"])
ELSA = ("Elsa Brun", "PERSON", "RUR", ["Elsa Brun"])


def _types(events) -> dict[str, str]:
    return {e.trigger.text: e.type for e in events}


@pytest.mark.parametrize(
    ("text", "trigger", "etype"),
    [
        ("Ruritania voiced concern over Borduria's troop movements.", "voiced", "ACCUSE"),
        ("The minister reaffirmed Ruritania's support for Borduria.", "reaffirmed", "SUPPORT"),
        ("Elsa Brun conveyed her condolences to Borduria.", "conveyed", "SUPPORT"),
        ("Oskar Varga reiterated Borduria's readiness to resume the dialogue.", "reiterated", "AGREE"),
        ("Ruritania and Borduria reached an agreement on the border.", "reached", "AGREE"),
        ("The two ministers exchanged views on regional security.", "exchanged", "CONSULT"),
        ("Ruritania imposed sanctions on Borduria.", "imposed", "SANCTION"),
        ("The ministry issued a stern warning to Borduria.", "issued", "THREATEN"),
    ],
)
def test_a_support_verb_and_an_event_noun_are_one_event(nlp, text, trigger, etype):
    _, events = events_of(nlp, text, entities=[RUR, BOR, OSK, ELSA])
    assert _types(events).get(trigger) == etype or etype in {e.type for e in events}


def test_the_party_of_a_voiced_concern_is_what_it_is_about(nlp):
    _, events = events_of(nlp, "Ruritania voiced concern over Borduria's troop movements.", entities=[RUR, BOR])
    (ev,) = [e for e in events if e.trigger.text == "voiced"]
    assert names(ev.actor) == "Ruritania" and ev.countries.recipient == ["BOR"]


def test_i_would_like_to_thank_is_a_thanks_not_a_promise(nlp):
    _, events = events_of(nlp, "I would like to thank the Bordurian delegation for its work.", entities=[BOR])
    (ev,) = [e for e in events if e.trigger.text == "thank"]
    assert ev.type == "SUPPORT" and ev.factual


def test_what_usually_happens_is_no_event(nlp):
    _, events = events_of(nlp, "Such summits usually focus on trade, and ministers normally meet in spring.")
    assert not [e for e in events if e.type == "CONSULT"]


def test_pleading_guilty_is_no_request(nlp):
    _, events = events_of(nlp, "Two of the suspects pleaded guilty.")
    assert not [e for e in events if e.type == "REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        "He was involved in a collision which killed a cyclist.",
        "A cyclist was struck by a car driving on the wrong side of the road.",
    ],
)
def test_accidents_are_no_assaults(nlp, text):
    _, events = events_of(nlp, text)
    assert not [e for e in events if e.type == "ASSAULT"]


def test_an_attack_that_struck_is_one_attack(nlp):
    _, events = events_of(
        nlp, "The attacks occurred at dawn and struck the largest refinery.", times=[("dawn", "2024-03-14TMO")]
    )
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert [e.trigger.text for e in assaults] == ["attacks"] and names(assaults[0].recipient) == "the largest refinery"


def test_a_visit_named_again_as_a_time_frame_is_not_a_new_visit(nlp):
    text = "Oskar Varga will pay a visit to Ruritania. During his visit, he will hold talks with Elsa Brun."
    _, events = events_of(nlp, text, entities=[RUR, OSK, ELSA])
    assert [e.trigger.text for e in events if e.trigger.text == "visit"] == ["visit"]
    assert events[0].trigger.start < text.index("During")


def test_a_text_does_not_act(nlp):
    _, events = events_of(nlp, "A proposed bill would have allowed Ruritania to extradite suspects.", entities=[RUR])
    assert not [e for e in events if e.type == "CONCEDE"]


def test_a_relation_noun_told_as_a_topic_is_no_event(nlp):
    ents = [("Ruritania", "STATE", "RUR", ["Ruritania"]), ("Borduria", "STATE", "BOR", ["Borduria"])]
    text = "The ministers stressed the importance of cooperation between Ruritania and Borduria."
    _, events = events_of(nlp, text, entities=ents)
    assert not [e for e in events if e.type == "COOPERATE"]
    _, events = events_of(nlp, "Ruritania and Borduria expanded their cooperation in energy.", entities=ents)
    assert [e for e in events if e.type == "COOPERATE"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister was met with protests in the capital.",
        "The website hosted thousands of videos.",
        "The airline flies fighters and cargo to Borduria.",
    ],
)
def test_receptions_hosted_things_and_cargo_flights_are_no_meetings(nlp, text):
    _, events = events_of(nlp, text, entities=[("Borduria", "STATE", "BOR", ["Borduria"])])
    assert not [e for e in events if e.type in ("CONSULT", "AGREE")]


def test_flying_to_a_country_is_still_a_visit(nlp):
    ents = [("Borduria", "STATE", "BOR", ["Borduria"]), ("Elsa Brun", "PERSON", "RUR", ["Elsa Brun"])]
    _, events = events_of(nlp, "Elsa Brun flew to Borduria for talks.", entities=ents)
    assert any(e.type == "CONSULT" and e.mode == "visit" and names(e.recipient) == "Borduria" for e in events)


def test_a_text_acting_through_a_relative_clause_is_no_actor(nlp):
    text = "Protests began over a proposed law that would have allowed Borduria to extradite suspects."
    _, events = events_of(nlp, text, entities=[("Borduria", "STATE", "BOR", ["Borduria"])])
    assert not [e for e in events if e.trigger.text == "allowed"]


def test_releasing_a_statement_is_publishing_not_setting_free(nlp):
    _, events = events_of(nlp, "In a statement released after the raid, the ministry denied any role.")
    assert not [e for e in events if e.type == "RETREAT"]
    _, events = events_of(nlp, "The rebels released two hostages on Sunday.")
    assert [e for e in events if e.type == "RETREAT"]


def test_a_bomb_going_off_is_an_attack(nlp):
    _, events = events_of(nlp, "A second bomb went off in the car park of the cathedral.")
    assert [e for e in events if e.type == "ASSAULT" and e.trigger.text == "went"]
    _, events = events_of(nlp, "The alarm went off at dawn.")
    assert not [e for e in events if e.type == "ASSAULT"]


def test_poisoning_and_restrictive_measures(nlp):
    ents = [("Ruritania", "STATE", "RUR", ["Ruritania"]), ("Borduria", "STATE", "BOR", ["Borduria"])]
    _, events = events_of(nlp, "Ruritania imposed restrictive measures on Bordurian banks.", entities=ents)
    assert [e for e in events if e.type == "SANCTION" and e.trigger.text == "imposed"]
    _, events = events_of(nlp, "His doctors said the dissident had been poisoned.")
    assert [e for e in events if e.type == "ASSAULT" and e.trigger.text == "poisoned"]


def test_leaders_reviewing_matters_consult(nlp):
    _, events = events_of(nlp, "The two leaders reviewed regional security and assessed energy matters.")
    assert {e.trigger.text for e in events if e.type == "CONSULT"} & {"reviewed", "assessed"}
    _, events = events_of(nlp, "The court reviewed the evidence.")
    assert not [e for e in events if e.type == "CONSULT"]
