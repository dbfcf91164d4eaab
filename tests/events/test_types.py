"""Every PLOVER type (and several modes) from sentences we wrote, through the real parse."""

from __future__ import annotations

import pytest

from .helpers import events_of, main_event, names

pytestmark = pytest.mark.slow

# (type, mode or None, sentence, actor text contains, recipient text contains)
CASES = [
    ("AGREE", None, "The two governments agreed to build a new bridge across the river.", "The two governments", ""),
    ("AGREE", None, "Norway offered to host the next round of peace negotiations.", "Norway", ""),
    (
        "CONSULT",
        "visit",
        "The Chilean foreign minister visited Lima on Tuesday.",
        "The Chilean foreign minister",
        "Lima",
    ),
    (
        "CONSULT",
        None,
        "Kenya's president met his Ugandan counterpart in Nairobi.",
        "Kenya's president",
        "his Ugandan counterpart",
    ),
    (
        "CONSULT",
        "phone",
        "The German chancellor telephoned the Polish prime minister about the pipeline.",
        "The German chancellor",
        "the Polish prime minister",
    ),
    (
        "SUPPORT",
        None,
        "The Canadian government praised Ghana for its peaceful election.",
        "The Canadian government",
        "Ghana",
    ),
    ("SUPPORT", None, "Portugal and Angola signed a treaty on maritime borders.", "Portugal | Angola", ""),
    ("CONCEDE", None, "The president pardoned forty jailed journalists.", "The president", "forty jailed journalists"),
    ("COOPERATE", None, "Brazil exports soybeans to China.", "Brazil", "China"),
    ("COOPERATE", None, "Israel shared intelligence with the United States.", "Israel", "the United States"),
    ("AID", None, "Japan donated medical supplies to flood victims in Pakistan.", "Japan", "flood victims"),
    ("AID", None, "The World Bank gave Malawi a loan of 40 million dollars.", "The World Bank", "Malawi"),
    ("RETREAT", "release", "The rebels released twelve hostages on Sunday.", "The rebels", ""),
    ("RETREAT", "withdraw", "Armenian forces withdrew from three villages.", "Armenian forces", ""),
    (
        "REQUEST",
        None,
        "The opposition urged the government to hold early elections.",
        "The opposition",
        "the government",
    ),
    ("REQUEST", None, "Lebanon asked France for emergency assistance.", "Lebanon", "France"),
    ("ACCUSE", "disapprove", "Sweden condemned the arrest of the human rights lawyer.", "Sweden", ""),
    ("ACCUSE", "allege", "Serbia accused Croatia of violating the border agreement.", "Serbia", "Croatia"),
    ("ACCUSE", "investigate", "Prosecutors investigated the mayor over the missing funds.", "Prosecutors", "the mayor"),
    ("REJECT", None, "The union rejected the management's latest offer.", "The union", ""),
    ("REJECT", None, "Hungary refused to sign the joint declaration.", "Hungary", ""),
    ("THREATEN", None, "The militia threatened to attack the convoy.", "The militia", "the convoy"),
    ("PROTEST", "demo", "Thousands of farmers protested in Paris against the new tax.", "Thousands of farmers", ""),
    ("PROTEST", "hunger", "Jailed activists began a hunger strike in the capital.", "Jailed activists", ""),
    ("SANCTION", None, "Canada expelled two Russian diplomats.", "Canada", ""),
    ("SANCTION", None, "Australia suspended military cooperation with Fiji.", "Australia", ""),
    ("MOBILIZE", "troops", "The army deployed troops along the northern border.", "The army", ""),
    ("COERCE", "arrest", "Police arrested three opposition leaders in Minsk.", "Police", "three opposition leaders"),
    ("COERCE", "curfew", "The authorities imposed a curfew in the port city.", "The authorities", ""),
    ("ASSAULT", None, "Rebels attacked an army base near the town.", "Rebels", "an army base"),
    (
        "ASSAULT",
        "heavy-weapons",
        "Government artillery shelled the rebel positions overnight.",
        "Government artillery",
        "the rebel positions",
    ),
    ("ASSAULT", "drone", "A drone strike on the depot destroyed fuel stocks.", "", "the depot"),
]


def test_every_plover_type_is_covered():
    from kronika.events.plover import TYPES

    assert {c[0] for c in CASES} == set(TYPES)


@pytest.mark.parametrize(("etype", "mode", "sentence", "actor", "recipient"), CASES)
def test_sentence_type(nlp, etype, mode, sentence, actor, recipient):
    _, events = events_of(nlp, sentence)
    ev = main_event(events)
    assert ev.type == etype, (ev.type, ev.mode, ev.producer)
    if mode:
        assert ev.mode == mode
    assert actor in names(ev.actor)
    assert recipient in names(ev.recipient)
    assert ev.producer.startswith("rule:")
    assert 0 < ev.confidence <= 1
    assert ev.quad
    assert sentence[ev.trigger.start : ev.trigger.end] == ev.trigger.text
    assert ev.sentence.text == sentence


def test_no_event_in_a_sentence_without_one(nlp):
    _, events = events_of(nlp, "The weather in the valley was mild and the harvest looked good.")
    assert events == []
