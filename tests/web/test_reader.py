"""The reader's view model: runs cover the text exactly, and each knows its mention, time and events."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from kronika.web.reader import build_reader

from .records import steppe_article

STEPPE = steppe_article().to_dict()


def test_runs_rebuild_each_paragraph():
    view = build_reader(STEPPE)
    text = STEPPE["text"]
    for para, span in zip(view.paragraphs, STEPPE["paragraphs"], strict=True):
        assert "".join(r.text for r in para) == text[span["start"] : span["end"]]


def test_runs_know_their_mentions_times_and_events():
    view = build_reader(STEPPE)
    runs = [r for p in view.paragraphs for r in p]
    putin = next(r for r in runs if r.text == "Vladimir Putin")
    assert view.entities[putin.entity]["name"] == "Vladimir Putin"
    assert putin.events == [1]  # inside the sentence of the visit
    jan = next(r for r in runs if r.text == "January 2022")
    assert view.times[jan.time]["tip"] == "DATE 2022-01 · month · anchored to the article date (2023-05-18)"
    assert view.events[0]["actors"] == ["Russia (RUS)"] and view.events[0]["recipients"] == ["Kazakhstan (KAZ)"]
    assert view.events[2]["date_inferred"] is True


def test_times_anchored_to_another_time_say_which():
    rec = steppe_article().to_dict()
    rec["times"][0]["anchor"] = "t2"
    view = build_reader(rec)
    assert "anchored to “May 8, 2023” (2023-05-08)" in view.times[0]["tip"]


def test_reader_page_has_margin_events_and_lit_targets(client):
    page = client.get(f"/articles/{steppe_article().id}").text
    assert page.count('<button type="button" class="margin-event ') == 4
    assert 'data-ev=" 0 "' in page  # the sentence of event 0 can light up
    assert 'data-tip="DATE 2023-05-08 · day · absolute"' in page
    assert '<mark class="ent t-PERSON" data-entity="3"' in page
    assert "Ana Example" in page and "Institute of Tests" in page
    assert 'id="cite-button"' in page


@st.composite
def records(draw):
    text = draw(st.text(alphabet="ab .\n", min_size=1, max_size=60))
    n = len(text)

    def span():
        s = draw(st.integers(0, n))
        e = draw(st.integers(0, n))
        return {"start": min(s, e), "end": max(s, e)}

    ents = [{"id": f"e{i}", "name": "x", "type": "PERSON", "mentions": [span() for _ in range(2)]} for i in range(3)]
    times = [{"id": f"t{i}", "text": "t", "type": "DATE", "value": "2020", **span()} for i in range(2)]
    events = [{"id": f"v{i}", "type": "AGREE", "sentence": span(), "trigger": span()} for i in range(3)]
    paras = sorted({span()["start"] for _ in range(3)} | {0, n})
    return {
        "text": text,
        "paragraphs": [{"start": a, "end": b} for a, b in itertools.pairwise(paras)],
        "entities": ents,
        "times": times,
        "events": events,
        "metadata": {},
    }


@given(records())
def test_runs_partition_any_record(rec):
    view = build_reader(rec)
    for para, span in zip(view.paragraphs, [p for p in rec["paragraphs"] if p["end"] > p["start"]], strict=True):
        assert "".join(r.text for r in para) == rec["text"][span["start"] : span["end"]]
        pos = span["start"]
        for r in para:
            for i in r.events:  # an event listed on a run covers the whole run
                s = rec["events"][i]["sentence"]
                assert s["start"] <= pos and pos + len(r.text) <= s["end"]
            pos += len(r.text)
