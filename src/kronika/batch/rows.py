"""Flat tables from article records: one row per event and one per entity, with fixed Arrow schemas.

The columns follow PLOVER's flat event layout (actor / recipient / location with name, country and
sector, date, event type and mode) plus the evidence (trigger and sentence with offsets) and the
article's citation fields, so ``events.parquet`` is useful on its own in pandas, DuckDB or R.
The schemas are fixed (not inferred) so every part of a batch, from any engine, concatenates.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

EVENT_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("event_id", pa.string()),
        ("type", pa.string()),
        ("mode", pa.string()),
        ("actor_text", pa.string()),
        ("actor_entity", pa.string()),
        ("actor_name", pa.string()),
        ("actor_country", pa.string()),
        ("actor_sector", pa.string()),
        ("recipient_text", pa.string()),
        ("recipient_entity", pa.string()),
        ("recipient_name", pa.string()),
        ("recipient_country", pa.string()),
        ("recipient_sector", pa.string()),
        ("location_text", pa.string()),
        ("location_entity", pa.string()),
        ("location_country", pa.string()),
        ("date", pa.string()),
        ("date_time", pa.string()),
        ("date_inferred", pa.bool_()),
        ("trigger_text", pa.string()),
        ("trigger_start", pa.int64()),
        ("trigger_end", pa.int64()),
        ("sentence", pa.string()),
        ("sentence_start", pa.int64()),
        ("sentence_end", pa.int64()),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
        ("source_text", pa.string()),
        ("source_entity", pa.string()),
        ("stance", pa.string()),
        ("confidence", pa.float64()),
        ("producer", pa.string()),
        ("published", pa.string()),
        ("publication", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
    ]
)

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


def _refs(value: Any) -> list[dict[str, Any]]:
    if not value:
        return []
    return list(value) if isinstance(value, list) else [value]


def _join(values: list[str | None]) -> str | None:
    """Compound arguments ("A, B and C met ...") as one '; '-separated cell, None when empty."""
    kept = [v for v in values if v]
    return "; ".join(kept) if kept else None


def event_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The events of one record (its ``to_dict()`` form) as flat rows of :data:`EVENT_SCHEMA`."""
    md = record.get("metadata") or {}
    ents = {e["id"]: e for e in record.get("entities") or []}
    rows = []
    for ev in record.get("events") or []:
        row: dict[str, Any] = {"article_id": record.get("id"), "event_id": ev.get("id")}
        row["type"], row["mode"] = ev.get("type"), ev.get("mode")
        for role in ("actor", "recipient"):
            refs = _refs(ev.get(role))
            resolved = [ents.get(r.get("entity") or "") or {} for r in refs]
            row[f"{role}_text"] = _join([r.get("text") for r in refs])
            row[f"{role}_entity"] = _join([r.get("entity") for r in refs])
            row[f"{role}_name"] = _join([e.get("name") for e in resolved])
            # Arguments with no resolved entity still often have a country the events stage found
            # (a demonym in the phrase, a place, a KB office holder): use it rather than leave a gap.
            found = (ev.get("countries") or (ev.get("extra") or {}).get("countries") or {}).get(role) or []
            row[f"{role}_country"] = _join([e.get("country") for e in resolved]) or _join(found)
            row[f"{role}_sector"] = _join([e.get("sector") for e in resolved])
        loc = ev.get("location") or {}
        row["location_text"], row["location_entity"] = loc.get("text"), loc.get("entity")
        row["location_country"] = (ents.get(loc.get("entity") or "") or {}).get("country")
        date = ev.get("date") or {}
        row["date"], row["date_time"] = date.get("value"), date.get("time")
        row["date_inferred"] = bool(date.get("inferred"))
        trig, sent = ev.get("trigger") or {}, ev.get("sentence") or {}
        row["trigger_text"], row["trigger_start"], row["trigger_end"] = (
            trig.get("text"),
            trig.get("start"),
            trig.get("end"),
        )
        row["sentence"], row["sentence_start"], row["sentence_end"] = (
            sent.get("text"),
            sent.get("start"),
            sent.get("end"),
        )
        ctx = ev.get("context") or {}
        src = ctx.get("source") or {}
        row["negated"], row["modality"], row["stance"] = (
            bool(ctx.get("negated")),
            ctx.get("modality"),
            ctx.get("stance"),
        )
        row["source_text"], row["source_entity"] = src.get("text"), src.get("entity")
        row["confidence"], row["producer"] = ev.get("confidence"), ev.get("producer")
        row["published"], row["publication"] = md.get("published"), md.get("publication")
        row["title"], row["url"] = md.get("title"), md.get("url")
        rows.append(row)
    return rows


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
