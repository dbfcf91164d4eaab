"""Migrations match the schema; exports are readable by the tools they are for; Datasette opens the file."""

from __future__ import annotations

import asyncio
import csv
import json

import pytest

from kronika.export import export
from kronika.export.events import NAMES as EVENT_COLUMNS


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_migrations_create_exactly_the_schema(store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from kronika.store.schema import metadata

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)

    # the full-text index (FTS5 tables / PostgreSQL's stored tsvector and its GIN index) is made by raw
    # SQL in the migrations, not by the schema
    def full_text(d) -> bool:
        if d[0] in ("remove_table", "remove_index"):
            return d[1].name.startswith(("paragraphs_fts", "ix_paragraphs_tsv"))
        return d[0] == "remove_column" and d[2] == "paragraphs" and d[3].name == "tsv"

    diff = [d for d in diff if not full_text(d)]
    assert diff == []


def test_reopening_does_not_migrate_again(tmp_path) -> None:
    from kronika.store import open_store

    s = open_store(tmp_path / "kb.db")
    s.close()
    s2 = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    assert s2.stats()["articles"] == 0
    s2.close()


def test_directory_is_not_a_database(tmp_path) -> None:
    from kronika.errors import ConfigError
    from kronika.store import open_store

    with pytest.raises(ConfigError, match="is a directory"):
        open_store(tmp_path)


def test_export_csv_uses_plover_names(filled, tmp_path) -> None:
    files = export(filled, "csv", tmp_path / "out")
    assert [f.name for f in files] == ["events.csv", "event_sources.csv", "articles.csv"]
    rows = list(csv.DictReader(_lines(tmp_path / "out" / "events.csv")))
    assert tuple(rows[0]) == EVENT_COLUMNS
    landing = next(r for r in rows if r["event_type"] == "MOBILIZE")
    assert landing["actor_country"] == "RUS" and landing["recipient_country"] == "KAZ"
    assert landing["source_count"] == "2" and "2030" in landing["conflicts"]
    srcs = list(csv.DictReader(_lines(tmp_path / "out" / "event_sources.csv")))
    assert sum(r["event_id"] == landing["event_id"] for r in srcs) == 2
    assert not list((tmp_path / "out").glob(".*.part"))


def test_export_parquet_jsonl_graphml_csl(filled, tmp_path) -> None:
    import networkx as nx
    import pyarrow.parquet as pq

    export(filled, "parquet", tmp_path)
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.num_rows == len(filled.events()) and "event_type" in table.column_names
    n_sources = sum(len(e["sources"]) for e in filled.events())
    assert pq.read_table(tmp_path / "event_sources.parquet").num_rows == n_sources
    export(filled, "jsonl", tmp_path)
    evs = [json.loads(x) for x in _lines(tmp_path / "events.jsonl")]
    assert {"id", "type", "sources", "conflicts"} <= set(evs[0])
    arts = [json.loads(x) for x in _lines(tmp_path / "articles.jsonl")]
    assert all(a["schema"] == "kronika.article/1" for a in arts) and len(arts) == 6
    export(filled, "graphml", tmp_path)
    g = nx.read_graphml(tmp_path / "network.graphml")
    assert g.has_edge("kb:RUS", "kb:KAZ")
    export(filled, "csl-json", tmp_path)
    items = json.loads((tmp_path / "citations.json").read_text(encoding="utf-8"))
    assert items[0]["type"] == "article-newspaper" and items[0]["issued"]["date-parts"][0][0] >= 2022
    export(filled, "csv", tmp_path / "kaz", actor="KAZ", since="2023-01-01")
    assert {r["event_type"] for r in csv.DictReader(_lines(tmp_path / "kaz" / "events.csv"))} == {"CONSULT"}


def test_unknown_export_format(filled, tmp_path) -> None:
    from kronika.errors import ConfigError

    with pytest.raises(ConfigError, match="choose one of"):
        export(filled, "xlsx", tmp_path)


def test_datasette_opens_the_file_with_readable_views(sqlite_store) -> None:
    from datasette.app import Datasette

    from store.records import corpus

    sqlite_store.ingest(corpus())
    path = sqlite_store.engine.url.database

    async def fetch():
        ds = Datasette([path])
        await ds.invoke_startup()
        db = "kb"  # Datasette names a database after its file
        views = await ds.client.get(f"/{db}/story_events.json?_shape=array&type=MOBILIZE")
        evidence = await ds.client.get(f"/{db}/event_evidence.json?_shape=array")
        search = await ds.client.get(f"/{db}/paragraphs.json?_search=paratroopers&_shape=array")
        return views, evidence, search

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # a loop of its own: the browser tests may leave one running here
        views, evidence, search = pool.submit(asyncio.run, fetch()).result()
    assert views.status_code == 200, views.text
    (row,) = views.json()
    assert row["actors"] == "Russia" and row["recipients"] == "Kazakhstan" and row["articles"] == 2
    assert "Desk North" in row["sources"] and "Desk South" in row["sources"]
    assert evidence.status_code == 200 and {"outlet", "evidence", "published"} <= set(evidence.json()[0])
    assert search.status_code == 200 and len(search.json()) == 2


def test_schema_head_is_the_newest_migration() -> None:
    """open_store compares the stored revision with SCHEMA_HEAD instead of asking Alembic each time."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from kronika.store.engine import MIGRATIONS, SCHEMA_HEAD

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


def test_a_store_of_the_previous_version_is_upgraded(tmp_path) -> None:
    from kronika.store import open_store
    from kronika.store.engine import SCHEMA_HEAD, make_engine, migrate, schema_revision

    engine = make_engine(tmp_path / "old.db")
    migrate(engine, "0001")
    assert schema_revision(engine) == "0001"
    engine.dispose()
    s = open_store(tmp_path / "old.db")
    assert schema_revision(s.engine) == SCHEMA_HEAD and s.stats()["articles"] == 0
    s.close()
