"""Round 2 (issue 11): argument and date rules meant to carry over to unseen news, on our own wording."""

from __future__ import annotations

import pytest

from .helpers import events_of, names

pytestmark = pytest.mark.slow

RUR = ("Ruritania", "STATE", "RUR", ["Ruritania", "Ruritanian"])
BOR = ("Borduria", "STATE", "BOR", ["Borduria", "Bordurian"])
OSK = ("Oskar Varga", "PERSON", "BOR", ["Oskar Varga"])
ELSA = ("Elsa Brun", "PERSON", "RUR", ["Elsa Brun"])


def _one(events, trigger):
    (ev,) = [e for e in events if e.trigger.text == trigger]
    return ev


def test_concern_about_a_party_is_aimed_at_the_party(nlp):
    _, events = events_of(
        nlp, "The minister expressed deep concern about Borduria's military buildup near the border.", entities=[BOR]
    )
    ev = _one(events, "expressed")
    assert ev.type == "ACCUSE" and names(ev.recipient) == "Borduria"


def test_the_expressed_noun_is_never_the_recipient(nlp):
    _, events = events_of(nlp, "The two presidents expressed disappointment over the latest developments.")
    ev = _one(events, "expressed")
    assert ev.type == "ACCUSE" and ev.recipient == []


def test_his_proposal_is_someone_elses_when_the_subject_supports_it(nlp):
    text = "Oskar Varga asked for help. He plans to convene the council. Elsa Brun supported his proposal."
    _, events = events_of(nlp, text, entities=[OSK, ELSA])
    ev = _one(events, "supported")
    assert names(ev.actor) == "Elsa Brun" and names(ev.recipient) == "Oskar Varga"


def test_a_time_is_never_a_party(nlp):
    _, events = events_of(nlp, "Officials said Monday's attack killed four soldiers.", times=[("Monday", "2024-03-11")])
    ev = _one(events, "attack")
    assert all("Monday" not in r.text for r in ev.actor + ev.recipient)


def test_a_date_in_a_background_phrase_does_not_continue_the_story(nlp):
    text = (
        "The two leaders stressed the importance of cooperation, following their talks in Strelsau on March 2. "
        "Elsa Brun congratulated Oskar Varga on his election."
    )
    _, events = events_of(nlp, text, entities=[OSK, ELSA], times=[("March 2", "2024-03-02")])
    ev = _one(events, "congratulated")
    assert ev.date.iso == "2024-03-15" and ev.date_source == "article"


def test_a_date_of_an_agreement_reached_earlier_is_its_own(nlp):
    text = (
        "The conversation focused on the agreement, reached during the March 2 videoconference. "
        "Both leaders expressed willingness to continue the dialogue."
    )
    _, events = events_of(nlp, text, times=[("March 2", "2024-03-02")])
    ev = _one(events, "expressed")
    assert ev.date.iso == "2024-03-15"


def test_a_date_told_in_the_main_clause_continues_the_story(nlp):
    text = "Ruritanian troops shelled the town on March 12. They also attacked a convoy."
    _, events = events_of(nlp, text, entities=[RUR], times=[("March 12", "2024-03-12")])
    assert _one(events, "attacked").date.iso == "2024-03-12"


def test_a_named_event_or_law_is_never_a_party(nlp):
    law = ("Press Act", "OTHER", None, ["Press Act"])
    _, events = events_of(nlp, "Ruritania agreed on the Press Act with its neighbours.", entities=[RUR, law])
    assert names(_one(events, "agreed").recipient) == "its neighbours"
    _, events = events_of(nlp, "The minister expressed concern about the Press Act.", entities=[law])
    assert _one(events, "expressed").recipient == []


@pytest.mark.parametrize(
    "text, target",
    [
        ("Ruritania's main oil terminal was hit by a drone attack on Sunday.", "Ruritania's main oil terminal"),
        ("A wave of missile strikes hit the Bordurian capital overnight.", "the Bordurian capital"),
    ],
)
def test_what_an_attack_hit_is_its_target(nlp, text, target):
    times = [("Sunday", "2024-03-10")] if "Sunday" in text else []
    _, events = events_of(nlp, text, entities=[RUR, BOR], times=times)
    ev = next(e for e in events if e.type == "ASSAULT")
    assert names(ev.recipient) == target


def test_a_demand_for_a_partys_action_is_addressed_to_the_party(nlp):
    _, events = events_of(nlp, "Elsa Brun called for Bordurian restraint along the border.", entities=[ELSA, BOR])
    assert names(_one(events, "called").recipient) == "Bordurian"


def test_the_accused_is_the_subject_of_the_alleged_clause(nlp):
    _, events = events_of(nlp, "Elsa Brun alleged that Borduria had armed the rebels.", entities=[ELSA, BOR])
    assert names(_one(events, "alleged").recipient) == "Borduria"


def test_a_participle_demand_goes_where_its_verb_went(nlp):
    text = "Elsa Brun wrote to the Bordurian embassy asking to lift the ban."
    _, events = events_of(nlp, text, entities=[ELSA, BOR])
    assert names(_one(events, "asking").recipient) == "the Bordurian embassy"


def test_a_promise_is_dated_when_told_not_on_the_day_it_promises(nlp):
    text = "Elsa Brun will hold talks with Oskar Varga in Strelsau on March 20."
    _, events = events_of(nlp, text, entities=[ELSA, OSK], times=[("March 20", "2024-03-20")])
    ev = _one(events, "talks") if any(e.trigger.text == "talks" for e in events) else _one(events, "hold")
    assert ev.type == "AGREE" and ev.date.iso == "2024-03-15"


def test_an_agreement_during_a_visit_is_with_its_host(nlp):
    text = "Elsa Brun paid a visit to Borduria. During her visit, Elsa Brun signed an agreement on energy."
    _, events = events_of(nlp, text, entities=[ELSA, BOR])
    assert names(_one(events, "agreement").recipient) == "Borduria"


def test_a_year_inside_a_name_dates_no_other_event(nlp):
    text = "Elsa Brun met Oskar Varga to discuss the 2015 Strelsau agreements."
    _, events = events_of(nlp, text, entities=[ELSA, OSK], times=[("2015", "2015")])
    assert _one(events, "met").date.iso == "2024-03-15"


def test_the_subject_of_a_passive_report_does_what_is_reported(nlp):
    text = "Elsa Brun was reported by local media to have visited Borduria."
    _, events = events_of(nlp, text, entities=[ELSA, BOR])
    assert names(_one(events, "visited").actor) == "Elsa Brun"


def test_a_dateline_glued_to_the_first_sentence_does_not_date_its_events(nlp):
    text = "Wednesday, March 13, 2024 Police fired tear gas and rubber bullets at protesters yesterday."
    times = [("Wednesday, March 13, 2024", "2024-03-13"), ("yesterday", "2024-03-12")]
    _, events = events_of(nlp, text, times=times, published="2024-03-13")
    assert _one(events, "fired").date.iso == "2024-03-12"


def test_a_day_opening_the_text_is_no_dateline(nlp):
    text = "Thursday, Ruritanian forces killed a Bordurian commander in an airstrike."
    _, events = events_of(nlp, text, entities=[RUR, BOR], times=[("Thursday", "2024-03-14")], published="2024-03-17")
    assert _one(events, "killed").date.iso == "2024-03-14"


def test_we_in_a_quotation_is_its_speaker(nlp):
    text = '"Our patience has limits, and we warn Borduria that we will respond," Elsa Brun said.'
    _, events = events_of(nlp, text, entities=[ELSA, BOR])
    assert names(_one(events, "warn").actor) == "Elsa Brun"


def test_who_claimed_responsibility_for_an_attack_carried_it_out(nlp):
    front = ("Bordurian Liberation Front", "ORG", "BOR", ["Bordurian Liberation Front"])
    text = "The Bordurian Liberation Front claimed responsibility for the bombing of the Ruritanian consulate."
    _, events = events_of(nlp, text, entities=[front, RUR])
    assert names(_one(events, "bombing").actor) == "The Bordurian Liberation Front"


def test_a_carrying_participle_on_the_verb_still_names_the_attacker(nlp):
    front = ("Bordurian Liberation Front", "ORG", "BOR", ["Bordurian Liberation Front"])
    text = "Nine soldiers died in the attack, reportedly carried out by the Bordurian Liberation Front."
    _, events = events_of(nlp, text, entities=[front])
    assert names(_one(events, "attack").actor) == "the Bordurian Liberation Front"


def test_claiming_responsibility_is_the_attack_of_the_claimant(nlp):
    front = ("Bordurian Liberation Front", "ORG", "BOR", ["Bordurian Liberation Front"])
    _, events = events_of(nlp, "The Bordurian Liberation Front later claimed responsibility.", entities=[front])
    ev = _one(events, "claimed")
    assert ev.type == "ASSAULT" and names(ev.actor) == "The Bordurian Liberation Front"
