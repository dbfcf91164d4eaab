"""Arguments (entities, compound actors, passives, pronouns, places) and dates, on our own text."""

from __future__ import annotations

import pytest

from kronika.record import refs

from .helpers import events_of, main_event, names

pytestmark = pytest.mark.slow

STATES = [
    ("Armenia", "STATE", "ARM", ["Armenia"]),
    ("Georgia", "STATE", "GEO", ["Georgia"]),
    ("Azerbaijan", "STATE", "AZE", ["Azerbaijan"]),
]


def test_arguments_point_at_entities(nlp):
    _, events = events_of(nlp, "Armenia accused Azerbaijan of shelling border villages.", entities=STATES)
    ev = main_event(events)
    assert ev.type == "ACCUSE"
    assert ev.actor[0].entity == "e1" and ev.recipient[0].entity == "e3"
    assert ev.extra["content"]["type"] == "ASSAULT"  # the accusation's content is one event, not two
    assert [e.type for e in events] == ["ACCUSE"]


def test_compound_actor_is_one_event_with_a_list(nlp):
    text = "Leaders of Armenia, Georgia and Azerbaijan travelled to Brussels on 4 June."
    _, events = events_of(nlp, text, entities=STATES, times=[("4 June", "2024-06-04")])
    visits = [e for e in events if e.type == "CONSULT"]
    assert len(visits) == 1
    ev = visits[0]
    assert isinstance(ev.actor, list) or ev.actor is not None
    assert ev.recipient[0].text == "Brussels"
    assert ev.date.value == "2024-06-04" and not ev.date.inferred


def test_coordinated_subjects(nlp):
    _, events = events_of(nlp, "Armenia and Georgia signed a trade agreement.", entities=STATES)
    ev = main_event(events)
    assert ev.type == "SUPPORT"
    assert {r.entity for r in refs(ev.actor)} == {"e1", "e2"}


def test_passive_agent_is_the_actor_and_place_is_the_location(nlp):
    text = "The cargo plane was shot down over Tbilisi by a surface-to-air missile."
    _, events = events_of(nlp, text, entities=[("Tbilisi", "PLACE", "GEO", ["Tbilisi"])])
    ev = main_event(events)
    assert ev.type == "ASSAULT"
    assert "missile" in names(ev.actor)
    assert "cargo plane" in names(ev.recipient)
    assert ev.location is not None and ev.location.entity == "e1"


def test_possessive_pronoun_resolves_to_the_subject(nlp):
    text = "Georgia's prime minister confirmed his visit to Yerevan."
    ents = [("Irakli Demo", "PERSON", "GEO", ["Georgia's prime minister"]), ("Yerevan", "PLACE", "ARM", ["Yerevan"])]
    _, events = events_of(nlp, text, entities=ents)
    ev = main_event(events)
    assert ev.type == "CONSULT" and ev.mode == "visit"
    assert ev.actor[0].entity == "e1"
    assert ev.recipient[0].entity == "e2"


def test_action_noun_object_gives_its_owner(nlp):
    _, events = events_of(
        nlp,
        "Georgia refused to condemn Armenian aggression.",
        entities=[*STATES[:2], ("Armenia", "STATE", "ARM", ["Armenian"])],
    )
    ev = main_event(events)
    assert ev.type == "REJECT"
    assert ev.recipient[0].text == "Armenian"


def test_infinitive_without_subject_takes_the_governing_subject(nlp):
    text = "Azerbaijan may be unable to repeat the mission it carried out in March, sending troops to Georgia."
    _, events = events_of(nlp, text, entities=STATES, times=[("March", "2024-03")])
    ev = next(e for e in events if e.trigger.text == "sending")
    assert ev.actor[0].entity == "e3"
    assert ev.recipient[0].entity == "e2"


# --- dates ---------------------------------------------------------------------------------


def test_date_in_the_clause_wins_over_other_dates(nlp):
    text = (
        "Armenia confirmed on 2 May that it had recalled its ambassador, and on 9 May Georgia expelled two diplomats."
    )
    _, events = events_of(nlp, text, entities=STATES, times=[("2 May", "2024-05-02"), ("9 May", "2024-05-09")])
    expel = next(e for e in events if e.trigger.text == "expelled")
    assert expel.date.value == "2024-05-09"


def test_an_event_told_as_before_another_does_not_take_its_day(nlp):
    text = "Armenian troops crossed into Georgia on 9 May, after Georgia asked Armenia for help."
    _, events = events_of(nlp, text, entities=STATES, times=[("9 May", "2024-05-09")])
    ask = next(e for e in events if e.trigger.text == "asked")
    assert ask.date.iso == "2024-05" and ask.date.precision == "month" and ask.date.inferred


def test_cleft_sentence_date(nlp):
    text = "It was only on 8 May that Georgia's delegation boarded a plane to Baku."
    _, events = events_of(nlp, text, times=[("8 May", "2024-05-08")])
    ev = main_event(events)
    assert ev.date.value == "2024-05-08"
    assert ev.date_source == "clause"


def test_context_date_refines_to_the_finer_date(nlp):
    text = "The summit opened on 9 May. This year the mood was grim.\n\nUnrelated news. Georgia praised the hosts."
    times = [("9 May", "2024-05-09"), ("This year", "2024")]
    _, events = events_of(nlp, text, times=times, published="2024-05-20")
    praise = next(e for e in events if e.type == "SUPPORT")
    # a new paragraph: nothing to continue from, so the article date, marked inferred
    assert praise.date.value == "2024-05-20" and praise.date.inferred
    text2 = "The summit opened on 9 May. This year the mood was grim. Georgia praised the hosts."
    _, events = events_of(nlp, text2, times=times, published="2024-05-20")
    praise = next(e for e in events if e.type == "SUPPORT")
    assert praise.date.value == "2024-05-09" and praise.date.inferred
    assert praise.date_source == "context"


def test_article_date_fallback_is_inferred(nlp):
    _, events = events_of(nlp, "Georgia praised the hosts.", published="2024-02-01")
    ev = main_event(events)
    assert ev.date.value == "2024-02-01" and ev.date.inferred and ev.date.time is None


def test_no_date_at_all(nlp):
    _, events = events_of(nlp, "Georgia praised the hosts.", published=None)
    ev = main_event(events)
    assert ev.date.value is None and ev.date.inferred


def test_future_event_does_not_take_the_context_date(nlp):
    text = "The border clash happened on 2 May. Analysts expect a new offensive by the northern army."
    _, events = events_of(nlp, text, times=[("2 May", "2024-05-02")])
    offensive = next(e for e in events if e.trigger.text == "offensive")
    assert offensive.context.modality == "expected"
    assert offensive.date.value == "2024-03-15" and offensive.date_source == "article"


def test_shot_down_missile_is_the_target_not_the_weapon(nlp):
    _, events = events_of(nlp, "The cruise missile was shot down over the bay by the navy.")
    ev = main_event(events)
    assert ev.mode == "aerial"
    assert "missile" in names(ev.recipient)


def test_a_pronoun_chain_that_comes_back_to_its_start_ends(nlp, monkeypatch):
    """'their allies' -> 'their partners' -> 'their allies' ...: a resolution that loops is cut
    (a real readout sent the old code into infinite recursion and lost the whole document)."""
    from kronika.events.arguments import ArgumentFinder, MentionIndex

    from .helpers import build

    _, doc = build(nlp, "Their allies praised their partners.")
    allies, partners = doc[1], doc[4]
    finder = ArgumentFinder(doc, MentionIndex.build([]))
    other = {allies.i: partners, partners.i: allies}
    monkeypatch.setattr(finder, "resolve_pronoun", lambda poss: other[poss.head.i])
    assert finder.refs([allies])[0].text == "Their allies"
