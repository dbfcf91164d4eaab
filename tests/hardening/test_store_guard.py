"""Issue 13 item 8 (store side) and item 9's LIKE wildcards and batch run numbers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/store/records.py

from kronika.store import open_store
from kronika.store.guard import date_ok, storable
from store.records import Builder, corpus


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "kb.db")
    yield s
    s.close()


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2023-05-18", True),
        ("2023-05", True),
        ("2023", True),
        ("2023-05-18T10:30:00+02:00", True),
        ("not a date", False),
        ("2023-02-30", False),
        ("9999-12-31", False),
        ("0000-01-01", False),
        ("2023-13", False),
    ],
)
def test_publication_dates(value: str, ok: bool) -> None:
    assert date_ok(value, calendar_only=True) is ok


def test_event_dates_keep_timex_values_without_a_calendar_range() -> None:
    assert date_ok("PRESENT_REF") and date_ok("2023-W20") and date_ok("XXXX-05-03")
    assert not date_ok("2023-02-30") and not date_ok("9999-W52") and not date_ok("9999-12-31")


@pytest.mark.parametrize("published", ["9999-12-31", "not a date", "2023-02-30", "x" * 80])
def test_a_date_the_store_cannot_hold_never_reaches_it(store, published: str) -> None:
    a = (
        Builder("Deal", "Desk", published, "https://t.invalid/d/1")
        .say("Tokayev met Putin in Moscow.", "CONSULT", ["tokayev"], ["putin"], published, "moscow")
        .build()
    )
    report = store.ingest([a])
    assert report.new == 1 and report.failed == 0, report.failures
    stats = store.stats()
    assert published not in json.dumps(stats)
    (row,) = store.articles()
    assert row["published"] is None
    record = store.article(row["id"])
    assert any("not a valid date" in n for n in record["notes"])
    assert record["events"][0]["date"]["value"] is None


def test_storable_leaves_good_records_alone() -> None:
    a = corpus()[0]
    before = a.to_dict()
    assert storable(a).to_dict() == before


@pytest.mark.parametrize("wild", ["%", "_", "%%", "\\"])
def test_like_wildcards_are_letters(store, wild: str) -> None:
    store.ingest(corpus())
    assert store.events(place=wild) == []
    assert store.events(outlet=wild) == []
    assert store.timeline(actor=wild) == []
    assert store.actor(wild) is None
    assert store.article(wild * 6) is None
    assert store.events(place="Kyiv")  # the filters themselves still work


def test_a_batch_run_that_writes_nothing_still_gets_its_own_number(tmp_path: Path) -> None:
    from kronika.batch import run_batch

    empty = tmp_path / "empty.jsonl"
    empty.write_text("not json\n")
    runs = [run_batch([str(empty)], tmp_path / "out", workers=0)["runs"][-1]["run"] for _ in range(3)]
    assert runs == [1, 2, 3]
