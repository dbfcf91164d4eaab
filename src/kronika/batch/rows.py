"""Flat tables from article records: one row per event and one per entity, with fixed Arrow schemas.

The event rows are the one flat event table of :mod:`kronika.export.events` (``kronika export``
writes the same columns, one row per story event), so ``events.parquet`` from a batch and from
an export concatenate. The schemas are fixed (not inferred) so every part of a batch, from any
engine, concatenates.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from kronika.export import events as events_table

# The one flat event table, shared with ``kronika export`` (columns documented in docs/export.md).
EVENT_SCHEMA = events_table.EVENT_SCHEMA
event_rows = events_table.record_rows

ENTITY_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("entity_id", pa.string()),
        ("name", pa.string()),
        ("type", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
        ("kb_id", pa.string()),
        ("roles", pa.list_(pa.string())),
        ("mentions", pa.int64()),
        ("first_start", pa.int64()),
        ("first_end", pa.int64()),
        ("published", pa.string()),
    ]
)


def entity_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The entities of one record as flat rows of :data:`ENTITY_SCHEMA` (mentions counted, first kept)."""
    published = (record.get("metadata") or {}).get("published")
    rows = []
    for e in record.get("entities") or []:
        mentions = e.get("mentions") or []
        first = min(mentions, key=lambda m: m["start"]) if mentions else {}
        roles = [f"{r['title']}@{r['of']}" if r.get("of") else r["title"] for r in e.get("roles") or []]
        rows.append(
            {
                "article_id": record.get("id"),
                "entity_id": e.get("id"),
                "name": e.get("name"),
                "type": e.get("type"),
                "country": e.get("country"),
                "sector": e.get("sector"),
                "kb_id": e.get("kb_id"),
                "roles": roles,
                "mentions": len(mentions),
                "first_start": first.get("start"),
                "first_end": first.get("end"),
                "published": published,
            }
        )
    return rows


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as a table of ``schema`` (missing keys are nulls; the schema never depends on the data)."""
    return pa.Table.from_pylist(rows, schema=schema)
