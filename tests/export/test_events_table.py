"""The one flat event table (issue 14.1, issue 15 item 4): batch and export write the same schema,
with ISO dates pandas parses, the field's columns, and the docs listing exactly those columns."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from kronika.export import export
from kronika.export.events import COLUMNS, EVENT_SCHEMA, columns_markdown, record_rows, to_table

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from store.records import Builder, corpus  # noqa: E402


def _odd_dates():
    """Dates at every precision the time stage produces, and a week and a night the old table broke on."""
    a = (
        Builder("A week of talks", "Desk North", "2023-05-20", "https://t.invalid/n/9")
        .say("Kazakhstan and Russia held talks during the week.", "CONSULT", ["kaz"], ["rus"], "2023-W20")
        .say("Russia attacked Kyiv overnight.", "ASSAULT", ["rus"], ["ukr"], "2023-05-19TNI", "kyiv")
        .say("Tokayev may visit Moscow in the spring.", "CONSULT", ["tokayev"], ["rus"], "2024-SP", "moscow", "visit")
        .build()
    )
    a.events[0].cameo, a.events[1].cameo = "040", "195"
    a.events[2].context.modality, a.events[2].factual = "expected", False
    return a


@pytest.fixture
def store(tmp_path):
    from kronika.store import open_store

    s = open_store(tmp_path / "kb.db")
    s.ingest([*corpus(), _odd_dates()])
    yield s
    s.close()


def test_batch_and_export_write_one_schema_that_pandas_reads(store, tmp_path) -> None:
    export(store, "parquet", tmp_path / "export", factual="all")
    batch = tmp_path / "batch-events.parquet"
    pq.write_table(to_table([r for a in [*corpus(), _odd_dates()] for r in record_rows(a.to_dict())]), batch)
    exported, coded = pd.read_parquet(tmp_path / "export" / "events.parquet"), pd.read_parquet(batch)
    assert pq.read_schema(tmp_path / "export" / "events.parquet").equals(pq.read_schema(batch))
    assert pq.read_schema(batch).equals(EVENT_SCHEMA)
    assert list(exported.columns) == list(coded.columns) == [c.name for c in COLUMNS]
    assert exported.dtypes.equals(coded.dtypes)
    both = pd.concat([exported, coded])
    dates = pd.to_datetime(both["event_date"])  # every precision, one format
    assert dates.notna().all()
    week = coded[coded.date_value == "2023-W20"].iloc[0]
    assert (week.event_date, week.event_date_end, week.date_precision) == ("2023-05-15", "2023-05-21", "week")
    night = coded[coded.date_value == "2023-05-19TNI"].iloc[0]
    assert night.event_date == "2023-05-19" and night.cameo_code == "195" and night.quad_name == "material_conflict"
    assert night.plover_score < 0 and night.location_name == "Kyiv" and night.location_country == "UKR"
    assert night.location_lat == pytest.approx(50.45, abs=0.1) and night.location_lon == pytest.approx(30.52, abs=0.1)
    spring = exported[exported.date_value == "2024-SP"].iloc[0]
    assert not spring.factual and spring.modality == "expected" and spring.date_precision == "season"
    landing = exported[exported.event_type == "MOBILIZE"].iloc[0]
    assert landing.source_count == 2 and set(landing.source_outlets.split("; ")) == {"Desk North", "Desk South"}
    assert landing.story_id == landing.event_id and landing.url.startswith("https://") and landing.trigger


def test_export_leaves_out_what_did_not_happen_by_default(store, tmp_path) -> None:
    export(store, "csv", tmp_path / "out")
    rows = pd.read_csv(tmp_path / "out" / "events.csv")
    assert rows["factual"].all() and "2024-SP" not in set(rows["date_value"])
    export(store, "csv", tmp_path / "all", factual="all")
    assert len(pd.read_csv(tmp_path / "all" / "events.csv")) == len(rows) + 1


def test_the_docs_list_the_columns_with_their_equivalents() -> None:
    doc = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    assert columns_markdown() in doc, "regenerate the table: python -m kronika.export.events"
    named = {c.name: (c.gdelt, c.polecat) for c in COLUMNS}
    assert named["event_date"] == ("SQLDATE", "Event Date") and named["quad_class"][0] == "QuadClass"
