"""The events stage keeps no state between calls: concurrent analyses give the sequential results."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from kronika.events.extract import extract_events
from kronika.events.lexicon import Lexicon, load_lexicon

from .helpers import build

pytestmark = pytest.mark.slow

TEXTS = [
    (
        "The Chilean president flew to Lima on Monday. He confirmed his visit the next day.",
        [("Lima", "PLACE", "PER", ["Lima"])],
    ),
    (
        "Rebels shelled the border post on 3 May. The army said it would not retreat.",
        [],
    ),
    (
        "Iran condemned the strikes. The ministers of Peru and Chile signed a deal on fisheries.",
        [("Iran", "STATE", "IRN", ["Iran"]), ("Peru", "STATE", "PER", ["Peru"]), ("Chile", "STATE", "CHL", ["Chile"])],
    ),
    (
        "Farmers blocked roads with tractors to protest against the new tax. Police arrested twelve of them.",
        [],
    ),
]


def test_concurrent_extraction_equals_sequential(nlp):
    docs = [
        build(nlp, text, entities=ents, times=[("3 May", "2024-05-03")] if "3 May" in text else [])
        for text, ents in TEXTS
    ]
    # events compare as dataclasses: type, arguments, date, context, confidence, extra
    sequential = [extract_events(a, d) for a, d in docs]
    assert all(sequential), "each text has events"
    jobs = docs * 8
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often: state shared between calls would be clobbered
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(lambda ad: extract_events(*ad), jobs))
    finally:
        sys.setswitchinterval(interval)
    for i, got in enumerate(results):
        assert got == sequential[i % len(docs)]


def test_the_lexicon_is_immutable():
    lex = load_lexicon()
    assert isinstance(lex.rules, tuple)
    with pytest.raises(AttributeError):
        lex.rules = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        lex._index[("attack", "N")] = ()  # type: ignore[index]
    assert isinstance(Lexicon(list(lex.rules)).lemmas, frozenset)
