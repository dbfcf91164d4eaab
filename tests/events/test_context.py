"""Negation, modality, reported speech: source and stance, from sentences we wrote."""

from __future__ import annotations

import pytest

from .helpers import events_of, main_event, names

pytestmark = pytest.mark.slow


def _one(nlp, text, etype=None, **kw):
    art, events = events_of(nlp, text, **kw)
    if etype:
        events = [e for e in events if e.type == etype]
    return art, main_event(events)


@pytest.mark.parametrize(
    "sentence",
    [
        "The army did not attack the village.",
        "None of the neighbours dares to send weapons to the rebels.",
        "The minister is in no position to reject the offer.",
        "The guards failed to arrest the smugglers.",
    ],
)
def test_negated(nlp, sentence):
    _, ev = _one(nlp, sentence)
    assert ev.context.negated


@pytest.mark.parametrize(
    "sentence",
    ["The army attacked the village.", "The army, which rarely moves, attacked the village at dawn."],
)
def test_not_negated(nlp, sentence):
    _, ev = _one(nlp, sentence)
    assert not ev.context.negated


def test_subject_negation_is_not_leaked_to_a_noun_subject(nlp):
    _, ev = _one(nlp, "Poland's war against the smugglers is not going well.", "ASSAULT")
    assert not ev.context.negated


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("The rebels attacked the outpost.", "asserted"),
        ("Another rocket strike, which would have caused a disaster, was feared by the mayor.", "hypothetical"),
        ("The rebels may attack the outpost.", "hypothetical"),
        ("If the talks fail, the rebels could attack the outpost.", "hypothetical"),
        ("Everyone is waiting for the long-planned spring offensive of the northern army.", "expected"),
        ("Officials said the rebels attacked the outpost.", "reported"),
    ],
)
def test_modality(nlp, sentence, modality):
    _, ev = _one(nlp, sentence, "ASSAULT")
    assert ev.context.modality == modality


def test_future_cooperation_is_agree(nlp):
    # PLOVER: future CONSULT/SUPPORT/COOPERATE/AID is coded AGREE; the original type is kept in extra
    _, ev = _one(nlp, "The governor announced plans to visit Tbilisi next week.")
    assert ev.type == "AGREE"
    assert ev.context.modality == "expected"
    assert ev.extra["future_of"]["type"] == "CONSULT"


def test_announced_future_conflict_is_threaten(nlp):
    _, ev = _one(nlp, "The farmers' union said it would blockade the capital.")
    assert ev.type == "THREATEN"


def test_reported_source_and_stance(nlp):
    _art, ev = _one(
        nlp,
        "Georgian officials said that separatists shelled the village.",
        "ASSAULT",
        entities=[("Georgia", "STATE", "GEO", ["Georgian officials"])],
    )
    assert ev.context.source is not None and ev.context.source.entity == "e1"
    assert ev.context.stance == "asserts"
    assert ev.context.modality == "reported"


def test_denial_in_a_relative_clause(nlp):
    _, ev = _one(
        nlp, "The rocket attack on the depot, which the Azeris deny any part in, destroyed fuel stocks.", "ASSAULT"
    )
    assert ev.context.stance == "deny"
    assert "Azeris" in ev.context.source.text


def test_denial_by_a_reporting_verb(nlp):
    _, ev = _one(nlp, "The cartel denied that its men kidnapped the reporter.", "ASSAULT")
    assert ev.context.stance == "deny"
    assert "cartel" in ev.context.source.text


def test_suspicion(nlp):
    _, ev = _one(nlp, "Suspicions of a false flag operation mounted by the secret police are growing.", "ASSAULT")
    assert ev.context.stance == "suspects"
    assert "secret police" in names(ev.actor)


def test_according_to(nlp):
    _, ev = _one(nlp, "According to local reporters, soldiers arrested the mayor.", "COERCE")
    assert ev.context.source is not None and "reporters" in ev.context.source.text
