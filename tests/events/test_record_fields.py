"""Typed event fields: lists for the sides, ISO dates with a precision, factual, and old records read."""

from __future__ import annotations

import json

import pytest

from kronika.events.dates import iso_date
from kronika.record import Article, Context, Event, EventDate, Mention, Ref, SideCountries, is_factual

from .helpers import events_of


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        ("2021-03-09", "2021-03-09", "day"),
        ("2021-03", "2021-03", "month"),
        ("2021", "2021", "year"),
        ("2021-03-09TNI", "2021-03-09", "day"),  # a part of day keeps its day
        ("2021-03-09T06:15", "2021-03-09T06:15", "minute"),
        ("2021-03-09T06", "2021-03-09T06:00", "hour"),
        ("2021-W10", "2021-03-08", "week"),  # the Monday of ISO week 10
        ("2021-Q3", "2021-07", "quarter"),
        ("2021-H2", "2021-07", "half"),
        ("2021-WI", "2021-12", "season"),
        ("198", "1980", "decade"),
        ("20", "2000", "century"),
        ("XXXX-03-09", None, None),  # no year: no date a tool could use
        ("PAST_REF", None, None),
        ("2021-02-30", None, None),
        ("2021-13", None, None),
        (None, None, None),
    ],
)
def test_iso_date(value, iso, precision):
    assert iso_date(value) == (iso, precision)


def test_iso_dates_parse_with_pandas():
    pd = pytest.importorskip("pandas")
    values = ["2021-03-09", "2021-03", "2021", "2021-03-09T06:15", "2021-W10", "2021-Q3", "198"]
    parsed = [pd.to_datetime(iso_date(v)[0]) for v in values]
    assert [p.year for p in parsed] == [2021] * 6 + [1980]


@pytest.mark.parametrize(
    ("context", "future_rule", "factual"),
    [
        (Context(), False, True),
        (Context(modality="reported"), False, True),
        (Context(negated=True), False, False),
        (Context(modality="hypothetical"), False, False),
        (Context(modality="expected"), False, False),
        (Context(modality="expected"), True, True),  # "will visit" coded as the AGREE that was made
        (Context(modality="reported", stance="deny"), False, False),
    ],
)
def test_is_factual(context, future_rule, factual):
    assert is_factual(context, future_rule) is factual


def _bare_event(**kw) -> Event:
    fields = dict(
        id="ev1",
        type="ASSAULT",
        mode=None,
        actor=[],
        recipient=[],
        location=None,
        date=EventDate(None, None),
        trigger=Mention(0, 6, "struck"),
        sentence=Mention(0, 7, "struck."),
    )
    return Event(**(fields | kw))


def test_sides_are_always_lists():
    assert _bare_event(actor=None, recipient=Ref("e1", "Ruritania")).recipient == [Ref("e1", "Ruritania")]
    d = Article(text="struck.", events=[_bare_event(actor=None)]).to_dict()
    ev = json.loads(json.dumps(d))["events"][0]
    assert ev["actor"] == [] and ev["recipient"] == []
    assert ev["countries"] == {"actor": [], "recipient": []} and ev["factual"] is True


def test_old_records_are_read_into_the_typed_fields():
    old = Article(text="struck.", events=[_bare_event()]).to_dict()
    ev = old["events"][0]
    for k in ("quad", "plover_score", "cameo", "countries", "date_source", "depth", "factual"):
        del ev[k]
    del ev["date"]["iso"], ev["date"]["precision"]
    ev["actor"], ev["recipient"] = {"entity": "e1", "text": "Ruritania"}, None
    ev["context"]["negated"] = True
    ev["extra"] = {"quad": "material_conflict", "countries": {"actor": ["RUR"]}, "depth": 2, "rule": "x"}
    back = Article.from_dict(old).events[0]
    assert back.actor == [Ref("e1", "Ruritania")] and back.recipient == []
    assert back.quad == "material_conflict" and back.depth == 2
    assert back.countries == SideCountries(actor=["RUR"])
    assert back.factual is False  # negated
    assert back.extra == {"rule": "x"}


@pytest.mark.slow
def test_extracted_events_carry_the_typed_fields(nlp):
    text = "Ruritanian troops shelled the border town on 3 May. The rebels will not attack the capital."
    _, events = events_of(
        nlp,
        text,
        entities=[("Ruritania", "STATE", "RUR", ["Ruritanian"])],
        times=[("3 May", "2024-05-03")],
    )
    shelling = next(e for e in events if e.trigger.text == "shelled")
    assert shelling.quad == "material_conflict" and shelling.plover_score is not None
    assert shelling.cameo and shelling.date_source == "clause" and shelling.depth == 0
    assert shelling.date.iso == "2024-05-03" and shelling.date.precision == "day"
    assert shelling.countries.actor == ["RUR"] and shelling.factual
    attack = next(e for e in events if e.trigger.text == "attack")
    assert attack.context.negated and not attack.factual
    for ev in events:
        assert not {"quad", "plover_score", "cameo", "countries", "date_source", "depth"} & set(ev.extra)
