"""Rules that read an event in the light of the whole story (our own wording, one family per test).

Dates told earlier, groups named by their role, the same happening told again, members of a group.
"""

from __future__ import annotations

import pytest

from kronika.events.extract import extract_events
from kronika.record import Role

from .helpers import build, events_of, names

pytestmark = pytest.mark.slow

RUR = ("Ruritania", "STATE", "RUR", ["Ruritania", "Ruritanian"])
BOR = ("Borduria", "STATE", "BOR", ["Borduria", "Bordurian"])


def test_a_year_or_month_told_before_does_not_date_the_next_sentence(nlp):
    text = "Ruritania has supplied gas to Borduria since 2015. The two ministers signed a new contract."
    _, events = events_of(nlp, text, entities=[RUR, BOR], times=[("2015", "2015")], published="2024-03-15")
    signing = next(e for e in events if e.trigger.text == "signed")
    assert signing.date.value == "2024-03-15" and signing.date_source == "article"


def test_a_scheduled_date_does_not_date_what_was_agreed(nlp):
    text = "Talks are planned in Geneva on 20 March. The delegations agreed to exchange prisoners."
    _, events = events_of(nlp, text, times=[("20 March", "2024-03-20")], published="2024-03-15")
    agreed = next(e for e in events if e.trigger.text == "agreed")
    assert agreed.date.iso == "2024-03-15"


def test_a_day_told_before_in_the_paragraph_still_dates_the_story(nlp):
    text = "On Monday rebels shelled the border town. Police later arrested four men."
    _, events = events_of(nlp, text, times=[("Monday", "2024-03-11")], published="2024-03-15")
    arrest = next(e for e in events if e.trigger.text == "arrested")
    assert arrest.date.iso == "2024-03-11" and arrest.date_source == "context"


def test_the_same_happening_in_a_later_paragraph_keeps_its_date_and_actor(nlp):
    text = (
        "Ruritanian drones attacked a Bordurian refinery on Monday.\n\n"
        "Officials said the attack started fires that burned for hours."
    )
    _, events = events_of(nlp, text, entities=[RUR, BOR], times=[("Monday", "2024-03-11")], published="2024-03-15")
    later = next(e for e in events if e.trigger.text == "attack")
    assert later.date.iso == "2024-03-11" and later.date_source == "coreference"
    assert later.countries.actor == ["RUR"] and "actor" in later.extra["inherited"]


def test_an_indefinite_attack_is_a_new_one(nlp):
    text = "Ruritanian drones attacked a refinery on Monday.\n\nAn attack on a school was reported in the north."
    _, events = events_of(nlp, text, entities=[RUR], times=[("Monday", "2024-03-11")], published="2024-03-15")
    later = next(e for e in events if e.trigger.text == "attack")
    assert later.date_source != "coreference" and later.actor == []


def test_members_of_a_group_are_all_actors(nlp):
    text = "The presidents of Ruritania, Borduria and Syldavia signed a memorandum on water."
    syl = ("Syldavia", "STATE", "SYL", ["Syldavia"])
    _, events = events_of(nlp, text, entities=[RUR, BOR, syl])
    (ev,) = [e for e in events if e.trigger.text == "signed"]
    assert names(ev.actor) == "The presidents of Ruritania | Borduria | Syldavia"
    assert sorted(ev.countries.actor) == ["BOR", "RUR", "SYL"]


def test_sanctions_adopted_by_a_group_named_by_its_organisation(nlp):
    text = "Alliance foreign ministers adopted new sanctions against Borduria."
    alliance = ("Northern Alliance", "IGO", None, ["Alliance"])
    _, events = events_of(nlp, text, entities=[alliance, BOR])
    (ev,) = [e for e in events if e.type == "SANCTION"]
    assert ev.actor[0].entity == "e1" and ev.recipient[0].entity == "e2"


@pytest.mark.parametrize(
    "text",
    [
        "The Ruritanian president arrived unexpectedly in Borduria on Monday.",
        "Ruritania President Ivan Ruritz arrived unannounced in Borduria on Monday.",
    ],
)
def test_an_arrival_with_an_adjective_between_is_a_visit(nlp, text):
    _, events = events_of(nlp, text, entities=[RUR, BOR], times=[("Monday", "2024-03-11")])
    (visit,) = [e for e in events if e.type == "CONSULT"]
    assert visit.mode == "visit" and visit.location.text == "Borduria"
    assert visit.countries.recipient == ["BOR"]


def test_troops_led_by_a_country_are_of_that_country(nlp):
    # the demonym comes from the knowledge base, so a real one
    art, doc = build(nlp, "French-led troops began withdrawing from Borduria.", entities=[BOR])
    (ev,) = [e for e in extract_events(art, doc) if e.type == "RETREAT"]
    assert ev.countries.actor == ["FRA"] and ev.actor


def test_the_leaders_of_a_readout_are_its_participants(nlp):
    text = (
        "Ruritania's president had a telephone conversation with the president of Borduria.\n\n"
        "The two leaders agreed to meet in spring. They also discussed energy prices."
    )
    ruri = ("Ivan Ruritz", "PERSON", "RUR", ["Ruritania's president"])
    bord = ("Boris Bordt", "PERSON", "BOR", ["the president of Borduria"])
    _, events = events_of(nlp, text, entities=[ruri, bord])
    agreed = next(e for e in events if e.trigger.text == "agreed")
    discussed = next(e for e in events if e.trigger.text == "discussed")
    for ev in (agreed, discussed):
        assert [r.entity for r in ev.actor] == ["e1", "e2"] and ev.recipient == []
        assert ev.extra["participants"]


def test_without_a_meeting_told_the_two_presidents_are_the_heads_of_state_named_most(nlp):
    text = (
        "Ivan Ruritz thanked Boris Bordt for his help. Ruritz and Bordt praised the new bridge. "
        "The mayor of the border town attended. The two presidents discussed trade."
    )
    art, doc = build(
        nlp,
        text,
        entities=[
            ("Ivan Ruritz", "PERSON", "RUR", ["Ivan Ruritz", "Ruritz"]),
            ("Boris Bordt", "PERSON", "BOR", ["Boris Bordt", "Bordt"]),
            ("Mayor", "PERSON", "BOR", ["The mayor"]),
        ],
    )
    art.entities[0].roles = [Role("President", "RUR")]
    art.entities[1].roles = [Role("President", "BOR")]
    art.entities[2].roles = [Role("Mayor", "BOR")]
    discussed = next(e for e in extract_events(art, doc) if e.trigger.text == "discussed")
    assert [r.entity for r in discussed.actor] == ["e1", "e2"]


def test_the_strike_later_is_the_story_s_first_strike_with_its_date(nlp):
    text = (
        "Ruritanian jets carried out an airstrike on Borduria on Monday, killing two commanders.\n\n"
        "Officials said Bordurian militias had attacked the Ruritanian embassy on Friday.\n\n"
        "Thousands mourned the commanders after the strike."
    )
    ents = [("Ruritania", "STATE", "RUR", ["Ruritanian"]), ("Borduria", "STATE", "BOR", ["Borduria", "Bordurian"])]
    _, events = events_of(nlp, text, entities=ents, times=[("Monday", "2024-03-11"), ("Friday", "2024-03-08")])
    (ev,) = [e for e in events if e.trigger.text == "strike"]
    assert "Ruritanian" in " ".join(r.text for r in ev.actor) and ev.date.iso == "2024-03-11"
