"""Property tests: the KB table parser and the span -> entity look-up (no spaCy model needed)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.actors.knowledge import read_table
from kronika.actors.lookup import entity_at
from kronika.errors import ConfigError
from kronika.record import Article, Entity, Mention

HEADER = "country\toffice\ttitle\tname\taliases\tstart\tend"
names = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x17F), min_size=1, max_size=12)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))
cells = st.text(alphabet=st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",)), max_size=15)


def _table(text: str) -> Path:
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        f.write(text)
    return Path(f.name)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, names, dates), min_size=1, max_size=8))
def test_valid_rows_round_trip(rows):
    body = "\n".join(f"KAZ\tHOS\tPresident\t{a} {b}\t{b}\t{d.isoformat()}\t" for a, b, d in rows)
    path = _table(HEADER + "\n" + body + "\n")
    kind, parsed = read_table(path)
    path.unlink()
    assert kind == "leaders"
    assert [r["name"] for _, r in parsed] == [f"{a} {b}".strip() for a, b, _ in rows]
    assert [no for no, _ in parsed] == list(range(2, len(rows) + 2))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(cells, min_size=0, max_size=9), min_size=1, max_size=6))
def test_garbage_is_parsed_or_rejected_with_a_line(rows):
    text = HEADER + "\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    path = _table(text)
    try:
        read_table(path)
    except ConfigError as err:
        assert err.path == str(path)
        assert err.line is not None and 2 <= err.line <= len(rows) + 1
    finally:
        path.unlink()


@st.composite
def articles_with_mentions(draw):
    text = "x" * 200
    ents = []
    for i in range(draw(st.integers(1, 5))):
        spans = draw(st.lists(st.tuples(st.integers(0, 190), st.integers(1, 10)), min_size=1, max_size=3))
        ents.append(
            Entity(f"e{i + 1}", f"n{i}", "PERSON", mentions=[Mention(s, s + n, text[s : s + n]) for s, n in spans])
        )
    return Article(text=text, entities=ents)


@settings(max_examples=100, deadline=None)
@given(articles_with_mentions(), st.integers(0, 199), st.integers(1, 20))
def test_entity_at_prefers_exact_then_containing_mentions(article, start, length):
    end = min(start + length, 200)
    found = entity_at(article, start, end)
    spans = [(m.start, m.end, e) for e in article.entities for m in e.mentions]
    overlapping = [x for x in spans if x[0] < end and start < x[1]]
    assert (found is None) == (not overlapping)
    exact = [e for s, t, e in spans if (s, t) == (start, end)]
    if exact:
        assert found in exact
    containing = [x for x in spans if x[0] <= start and end <= x[1]]
    if containing and not exact:
        smallest = min(t - s for s, t, _ in containing)
        assert found in [e for s, t, e in containing if t - s == smallest]
