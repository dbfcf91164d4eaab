"""The record round-trips through JSON and the pipeline checks stage order when built."""

from __future__ import annotations

import json

import pytest

from kronika.errors import ConfigError
from kronika.pipeline import Stage, check_order
from kronika.record import Article, Context, Event, EventDate, Mention, Ref


def _event() -> Event:
    return Event(
        id="V1",
        type="CONSULT",
        mode="visit",
        actor=[Ref("E1", "Ann"), Ref("E2", "Bo")],
        recipient=Ref("E3", "Cy"),
        location=None,
        date=EventDate("T1", "2020-01-02"),
        trigger=Mention(4, 9, "visit"),
        sentence=Mention(0, 20, "We visit them today."),
        context=Context(modality="reported", source=Ref(None, "aides"), stance="asserts"),
    )


def test_record_round_trip() -> None:
    a = Article(text="We visit them today.")
    a.events.append(_event())
    d = json.loads(json.dumps(a.to_dict()))
    assert list(d)[:2] == ["schema", "id"]
    assert d["schema"] == "kronika.article/1"
    back = Article.from_dict(d)
    assert back.to_dict() == d


def test_id_is_content_hash() -> None:
    assert Article(text="x").id == Article(text="x").id != Article(text="y").id


def test_stage_order_is_checked() -> None:
    def noop(a, c):
        return a

    with pytest.raises(ConfigError, match="requires"):
        check_order([Stage("b.v1", noop, requires=("entities",)), Stage("a.v1", noop, assigns=("entities",))])
    check_order([Stage("a.v1", noop, assigns=("entities",)), Stage("b.v1", noop, requires=("entities",))])


def test_failure_records_the_code_of_its_error() -> None:
    from kronika.errors import Errors, Failure, ReadError

    f = Failure.from_error(Errors.E110(path="c.jsonl", line=2, error="Expecting value", column=1))
    assert (f.code, f.path, f.line) == ("E110", "c.jsonl", 2) and "[E110]" not in f.reason
    assert str(f) == "c.jsonl:2: [E110] not valid JSON (Expecting value at column 1)"
    assert Failure.from_error(ReadError("no code here", path="c.jsonl")).code == ReadError.code
