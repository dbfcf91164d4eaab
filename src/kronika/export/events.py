"""The one flat event table: every ``events.csv`` / ``events.parquet`` kronika writes has these columns.

``kronika batch`` writes one row per event an article reports (:func:`record_rows`);
``kronika export`` writes one row per story event -- the row of its representative report (the
first one that tells it as having happened, else the first) with the story's own columns laid
over it: its id, date, every participant any source names, its sources and conflicts
(:func:`story_row`). Same names, same types, same order, so the two concatenate and a notebook
written against one reads the other.

The names follow the field: :data:`COLUMNS` gives for each one the GDELT 2.0 event-table field
and the POLECAT field it corresponds to (``docs/export.md`` is generated from it). Dates are ISO
``YYYY-MM-DD`` (the first day of the event's date; ``event_date_end`` the last) that
``pandas.to_datetime`` parses whatever the precision, with ``date_precision`` and the raw TIMEX3
``date_value`` ("2023-W20", "2026-11-24TNI") beside them. Several actors in one cell are joined
with ``"; "``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from kronika.events.plover import score as plover_score
from kronika.geo import locate
from kronika.stories.dates import date_range
from kronika.stories.quad import QUAD_NAMES, quad_of

__all__ = ["COLUMNS", "EVENT_SCHEMA", "Column", "columns_markdown", "record_rows", "story_row"]


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    what: str
    gdelt: str = ""  # the GDELT 2.0 event-table field that holds the same thing ("" none)
    polecat: str = ""  # the POLECAT field ("" none)


_S, _B, _I, _F = pa.string(), pa.bool_(), pa.int64(), pa.float64()

COLUMNS: tuple[Column, ...] = (
    Column(
        "event_id",
        _S,
        "the row's event: a story-event id (export) or article id/event id (batch)",
        "GLOBALEVENTID",
        "Event ID",
    ),
    Column("story_id", _S, "the story event the report was merged into (null before it is stored)"),
    Column("article_id", _S, "the (representative) reporting article", "", "Story ID"),
    Column("event_date", _S, "ISO date, first day of the event's date (YYYY-MM-DD)", "SQLDATE", "Event Date"),
    Column("event_date_end", _S, "ISO date, last day of the event's date"),
    Column("date_precision", _S, "day, week, month, quarter, season, year ..."),
    Column("date_value", _S, "the date as TIMEX3 value (as the time stage normalized it)"),
    Column("date_inferred", _B, "the sentence does not state the date (context or article date)"),
    Column("event_type", _S, "PLOVER event type", "EventRootCode (CAMEO root)", "Event Type"),
    Column("event_mode", _S, "PLOVER mode", "", "Event Mode"),
    Column("cameo_code", _S, "CAMEO code of the lexicon row that fired", "EventCode", ""),
    Column(
        "quad_class", _I, "1 verbal / 2 material cooperation, 3 verbal / 4 material conflict", "QuadClass", "Quad Code"
    ),
    Column("quad_name", _S, "the quad class by name"),
    Column(
        "plover_score",
        _F,
        "PLOVER conflict (-10) to cooperation (+10) score of type and mode",
        "GoldsteinScale",
        "Event Intensity",
    ),
    Column("actor_name", _S, "who did it (entity names)", "Actor1Name", "Actor Name"),
    Column("actor_text", _S, "the actor as written", "", "Actor Name Raw"),
    Column("actor_country", _S, "ISO3 country of the actor", "Actor1CountryCode", "Actor Country"),
    Column("actor_sector", _S, "PLOVER sector (GOV, MIL, ...)", "Actor1Type1Code", "Primary Actor Sector"),
    Column(
        "actor_entity", _S, "entity key (in the store) or record entity id (batch)", "Actor1Code", "Wikipedia Actor ID"
    ),
    Column("recipient_name", _S, "to whom", "Actor2Name", "Recipient Name"),
    Column("recipient_text", _S, "the recipient as written", "", "Recipient Name Raw"),
    Column("recipient_country", _S, "ISO3 country of the recipient", "Actor2CountryCode", "Recipient Country"),
    Column("recipient_sector", _S, "PLOVER sector of the recipient", "Actor2Type1Code", "Primary Recipient Sector"),
    Column("recipient_entity", _S, "entity key or record entity id", "Actor2Code", "Wikipedia Recipient ID"),
    Column("location_name", _S, "where it happened", "ActionGeo_FullName", "Placename"),
    Column("location_country", _S, "ISO3 country of the place", "ActionGeo_CountryCode (FIPS)", "Country"),
    Column("location_lat", _F, "latitude of the place, when it is a known city", "ActionGeo_Lat", "Latitude"),
    Column("location_lon", _F, "longitude of the place, when it is a known city", "ActionGeo_Long", "Longitude"),
    Column("location_entity", _S, "entity key or record entity id of the place", "ActionGeo_FeatureID", "GeoNames ID"),
    Column("factual", _B, "told as having happened (aggregates count only these)"),
    Column("negated", _B, "the report says it did not happen"),
    Column("modality", _S, "asserted, reported, expected or hypothetical"),
    Column("claim_source", _S, "who the article says reported it"),
    Column("stance", _S, "the source's stance: asserts, deny, suspects"),
    Column("confidence", _F, "the coder's calibrated confidence (0-1)", "", ""),
    Column("producer", _S, "the rule that coded it"),
    Column("trigger", _S, "the word(s) that triggered it"),
    Column("evidence", _S, "the sentence it was coded from"),
    Column("evidence_start", _I, "character offset of the sentence in the article text"),
    Column("evidence_end", _I, "end offset of the sentence"),
    Column("source_count", _I, "how many articles report it", "NumArticles", ""),
    Column("source_articles", _S, "ids of the reporting articles"),
    Column("source_outlets", _S, "outlets that report it", "", ""),
    Column("source_urls", _S, "URLs of the reporting articles", "SOURCEURL", ""),
    Column("published", _S, "publication date of the (representative) article", "DATEADDED", "Publication Date"),
    Column("outlet", _S, "outlet of the (representative) article", "", "Source"),
    Column("title", _S, "title of the (representative) article"),
    Column("url", _S, "URL of the (representative) article", "SOURCEURL", ""),
    Column("conflicts", _S, "JSON: what the sources disagree on, with who said what (story events)"),
)

NAMES = tuple(c.name for c in COLUMNS)
EVENT_SCHEMA = pa.schema([(c.name, c.type) for c in COLUMNS])


def _join(values: Iterable[Any]) -> str | None:
    kept = list(dict.fromkeys(str(v) for v in values if v not in (None, "")))
    return "; ".join(kept) if kept else None


def _refs(value: Any) -> list[dict[str, Any]]:
    if not value:
        return []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else [value]


def _dates(value: str | None) -> dict[str, Any]:
    rng = date_range(value)
    return {
        "event_date": rng[0] if rng else None,
        "event_date_end": rng[1] if rng else None,
        "date_precision": rng[2] if rng else None,
        "date_value": value,
    }


def _place(name: str | None, country: str | None) -> dict[str, Any]:
    found = locate(name, country)
    return {
        "location_country": country or (found.country if found else None),
        "location_lat": found.lat if found else None,
        "location_lon": found.lon if found else None,
    }


def record_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The events of one record (its ``to_dict()`` form) as rows of :data:`EVENT_SCHEMA`."""
    md = record.get("metadata") or {}
    ents = {e["id"]: e for e in record.get("entities") or [] if isinstance(e, dict)}
    rows = []
    for ev in record.get("events") or []:
        rows.append(_record_row(record, md, ents, ev))
    return rows


def _record_row(
    record: dict[str, Any], md: dict[str, Any], ents: dict[str, dict[str, Any]], ev: dict[str, Any]
) -> dict[str, Any]:
    etype, mode = ev.get("type"), ev.get("mode")
    quad = quad_of(etype)
    date = ev.get("date") or {}
    row: dict[str, Any] = {
        "event_id": f"{record.get('id')}/{ev.get('id')}",
        "story_id": None,
        "article_id": record.get("id"),
        **_dates(date.get("value")),
        "date_inferred": bool(date.get("inferred")),
        "event_type": etype,
        "event_mode": mode,
        "cameo_code": ev.get("cameo") or (ev.get("extra") or {}).get("cameo"),
        "quad_class": quad,
        "quad_name": QUAD_NAMES.get(quad) if quad else None,
        "plover_score": ev["plover_score"] if ev.get("plover_score") is not None else plover_score(etype or "", mode),
    }
    if date.get("precision") and row["date_precision"] in (None, "day"):
        row["date_precision"] = date["precision"]  # hour, minute: finer than the day the range gives
    found = ev.get("countries") or (ev.get("extra") or {}).get("countries") or {}
    for role in ("actor", "recipient"):
        refs = _refs(ev.get(role))
        resolved = [ents.get(r.get("entity") or "") or {} for r in refs]
        row[f"{role}_name"] = _join(e.get("name") or r.get("text") for e, r in zip(resolved, refs, strict=True))
        row[f"{role}_text"] = _join(r.get("text") for r in refs)
        # an argument no entity resolved often still has the country the events stage read off it
        row[f"{role}_country"] = _join(e.get("country") for e in resolved) or _join(found.get(role) or [])
        row[f"{role}_sector"] = _join(e.get("sector") for e in resolved)
        row[f"{role}_entity"] = _join(r.get("entity") for r in refs)
    loc = ev.get("location") or {}
    loc_ent = ents.get(loc.get("entity") or "") or {}
    name = loc_ent.get("name") or loc.get("text")
    row |= {"location_name": name, "location_entity": loc.get("entity"), **_place(name, loc_ent.get("country"))}
    ctx = ev.get("context") or {}
    trig, sent = ev.get("trigger") or {}, ev.get("sentence") or {}
    row |= {
        "factual": ev.get("factual", True) is not False,
        "negated": bool(ctx.get("negated")),
        "modality": ctx.get("modality"),
        "claim_source": (ctx.get("source") or {}).get("text"),
        "stance": ctx.get("stance"),
        "confidence": ev.get("confidence"),
        "producer": ev.get("producer"),
        "trigger": trig.get("text"),
        "evidence": sent.get("text"),
        "evidence_start": sent.get("start"),
        "evidence_end": sent.get("end"),
        "source_count": 1,
        "source_articles": record.get("id"),
        "source_outlets": md.get("publication"),
        "source_urls": md.get("url"),
        "published": md.get("published"),
        "outlet": md.get("publication"),
        "title": md.get("title"),
        "url": md.get("url"),
        "conflicts": None,
    }
    return row


def representative(story: dict[str, Any]) -> dict[str, Any] | None:
    """The report a story's row is built on: the first that tells it as having happened, else the first."""
    sources = story.get("sources") or []
    return next((s for s in sources if s.get("factual", True)), sources[0] if sources else None)


def story_row(story: dict[str, Any], record: dict[str, Any] | None = None) -> dict[str, Any]:
    """A story event (the store's dict, :func:`kronika.store.queries.hydrate_events`) as one row.

    ``record`` is the representative report's article record (``Store.article_many``): the
    report's own columns (CAMEO code, trigger, confidence, offsets) come from its event. Without it
    those stay empty and the rest comes from the story."""
    src = representative(story) or {}
    ev = None
    if record is not None:
        ev = next((e for e in record.get("events") or [] if e.get("id") == src.get("event")), None)
    if ev is not None and record is not None:
        md = record.get("metadata") or {}
        ents = {e["id"]: e for e in record.get("entities") or [] if isinstance(e, dict)}
        row = _record_row(record, md, ents, ev)
    else:
        row = dict.fromkeys(NAMES)
        row |= {
            "article_id": src.get("article_id"),
            "event_type": story.get("type"),
            "event_mode": story.get("mode"),
            "plover_score": plover_score(story.get("type") or "", story.get("mode")),
            "negated": bool(src.get("negated")),
            "modality": src.get("modality"),
            "claim_source": src.get("claim_source"),
            "stance": src.get("stance"),
            "evidence": src.get("evidence"),
            "published": src.get("published"),
            "outlet": src.get("outlet"),
            "title": src.get("title"),
            "url": src.get("url"),
            "location_name": story.get("location"),
        }
        row |= _place(story.get("location"), None)
    quad = story.get("quad") or quad_of(story.get("type"))
    sources = story.get("sources") or []
    # the story's own columns: its date (the one most sources give), every participant any source
    # names, whether any source tells it as having happened, and all its sources
    row |= {
        "event_id": story["id"],
        "story_id": story["id"],
        "event_type": story.get("type"),
        "event_mode": story.get("mode"),
        **_dates(story.get("date")),
        "quad_class": quad,
        "quad_name": QUAD_NAMES.get(quad) if quad else None,
        "factual": story.get("factual", True) is not False,
        "source_count": len(sources),
        "source_articles": _join(s.get("article_id") for s in sources),
        "source_outlets": _join(s.get("outlet") for s in sources),
        "source_urls": _join(s.get("url") for s in sources),
        "conflicts": json.dumps(story["conflicts"], ensure_ascii=False) if story.get("conflicts") else None,
    }
    if not row.get("date_value") and src.get("date"):
        row["date_value"] = src.get("date")
    for side, key in (("actor", "actors"), ("recipient", "recipients")):
        people = story.get(key) or []
        if people:
            row[f"{side}_name"] = _join(p.get("name") for p in people)
            row[f"{side}_country"] = _join(p.get("country") for p in people)
            row[f"{side}_sector"] = _join(p.get("sector") for p in people)
            row[f"{side}_entity"] = _join(p.get("entity") for p in people)
    if story.get("location") and not row.get("location_name"):
        row["location_name"] = story["location"]
    return row


def to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as a table of :data:`EVENT_SCHEMA` (missing keys are nulls; the schema never depends on data)."""
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


def iter_story_rows(store: Any, stories: Iterable[dict[str, Any]], batch: int = 500) -> Iterator[dict[str, Any]]:
    """:func:`story_row` for many story events, their representative records fetched a batch at a time."""
    pending: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        ids = [s["article_id"] for s in (representative(x) or {} for x in pending) if s.get("article_id")]
        records = {r["id"]: r for r in store.article_many(ids)}
        for story in pending:
            src = representative(story) or {}
            yield story_row(story, records.get(src.get("article_id") or ""))
        pending.clear()

    for story in stories:
        pending.append(story)
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def columns_markdown() -> str:
    """The columns as the Markdown table of ``docs/export.md`` (kept equal to it by a test)."""
    out = ["| column | type | what | GDELT 2.0 | POLECAT |", "|---|---|---|---|---|"]
    for c in COLUMNS:
        out.append(f"| `{c.name}` | {c.type} | {c.what} | {c.gdelt or '—'} | {c.polecat or '—'} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # the table of docs/export.md
    import sys

    sys.stdout.write(columns_markdown())
