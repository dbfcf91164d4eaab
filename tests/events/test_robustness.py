"""Odd input never breaks the events stage, and the lexicon parser round-trips what it accepts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.events.lexicon import parse_lexicon
from kronika.events.plover import MODES, TYPES

from .helpers import build, events_of

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)


@st.composite
def rows(draw):
    etype = draw(st.sampled_from(TYPES))
    mode = draw(st.sampled_from(["-", *MODES.get(etype, ())]))
    deps = draw(
        st.lists(
            st.tuples(
                st.booleans(),
                st.sampled_from(["dobj", "prt", "prep", "obj", "amod"]),
                st.lists(WORD, min_size=0, max_size=3),
            ),
            max_size=3,
        )
    )
    when = ";".join(f"{'!' if neg else ''}{dep}:{'|'.join(ls) if ls else '*'}" for neg, dep, ls in deps) or "-"
    flags = draw(st.lists(st.sampled_from(["content", "theme", "patient", "host", "mutual", "needs_arg"]), unique=True))
    conf = draw(st.one_of(st.just("-"), st.floats(0.05, 1.0).map(lambda f: f"{f:.2f}")))
    lemma = draw(WORD)
    pos = draw(st.sampled_from(["V", "N", "A"]))
    return lemma, pos, etype, mode, when, flags, conf


@settings(max_examples=200, deadline=None)
@given(rows())
def test_lexicon_rows_round_trip(row):
    lemma, pos, etype, mode, when, flags, conf = row
    line = "\t".join([lemma, pos, etype, mode, when, ",".join(flags) or "-", conf, "-"])
    (rule,) = parse_lexicon(line).rules
    assert (rule.lemma, rule.pos, rule.type) == (lemma, pos, etype)
    assert rule.mode == (None if mode == "-" else mode)
    assert set(rule.flags) == set(flags)
    assert len(rule.when) == (0 if when == "-" else when.count(";") + 1)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "?!?! ... ---",
        "Die Regierung hat gestern die Grenze geschlossen.",
        "attack attack attack attack attack",
        "Attack.",
        "The the the the.\n\nVisit.\n\nIt said they would.",
        "He said she said it was them who met him at it.",
        ", ".join(["Russia attacked Ukraine"] * 60) + ".",
    ],
)
def test_odd_text_does_not_break_the_stage(nlp, text):
    _, events = events_of(nlp, text)
    for ev in events:
        assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
        assert 0 < ev.confidence <= 1


@pytest.mark.slow
def test_times_and_entities_outside_the_text_are_ignored(nlp):
    from kronika.events.extract import extract_events
    from kronika.record import Entity, Mention, Time

    art, doc = build(nlp, "Rebels attacked the town.")
    art.times.append(Time(id="tx", text="ghost", start=500, end=505, type="DATE", value="2020-01-01"))
    art.entities.append(Entity(id="ex", name="Ghost", type="STATE", mentions=[Mention(400, 410, "ghost")]))
    (ev,) = extract_events(art, doc)
    assert ev.type == "ASSAULT" and ev.date.time is None
