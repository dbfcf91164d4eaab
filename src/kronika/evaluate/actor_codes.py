"""Actor codes on the real-news event gold: does the actors stage give each event party its code?

``kronika evaluate entities --data data/gold/events/dev`` (a folder of event-gold JSON files, see
``data/gold/events/GUIDELINES.md``), or ``--data data/gold/events --split dev-a`` (a split or a
fold of dev, the same folds as ``kronika evaluate events --split``). For every actor and
recipient member of every non-optional gold event, the member's phrase is found in the event's
sentence (else the nearest earlier occurrence in the article: an antecedent) and the entity the
actors stage put there is read:

- **code**: the entity's country (ISO3), or for an international organisation its KB key, or the
  country of an office it holds; right when it equals the gold ``code``;
- **sector**: the entity's PLOVER sector; right when it equals the gold ``sector``.

This scores the actors stage alone, independently of which phrase the events stage picks as an
argument (that is ``kronika evaluate events``). Members whose phrase names several parties ("the
two presidents" = RUS and USA) count as found only for the code the entity there has.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kronika.actors.lookup import entity_at
from kronika.errors import Errors
from kronika.evaluate.report import Report
from kronika.record import Article, Entity, Metadata
from kronika.settings import Settings

INTERNATIONAL = frozenset({"IGO", "ORG", "GROUP"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "its", "their"})


@dataclass
class Member:
    doc: str
    role: str  # actor | recipient
    text: str
    code: str | None
    sector: str | None
    start: int  # -1 when the phrase is not in the article
    end: int


def is_event_gold(path: Path) -> bool:
    """A folder of event-gold files, or the gold root with ``dev/`` and ``test/`` in it."""
    if not path.is_dir() or any(path.rglob("*.xml")):
        return False
    return any(path.glob("*.json")) or any(path.glob("dev/*.json")) or any(path.glob("test/*.json"))


def split_files(path: Path, split: str) -> list[Path]:
    """The files of one split of the gold root (``dev``, ``test``, ``all``) or one fold of dev
    (``dev-a``, ``dev-b``: the folds ``kronika evaluate events --split`` uses)."""
    from kronika.evaluate.events_gold import FOLDS, SPLITS, dev_folds, load_gold_dir

    if split not in (*SPLITS, *FOLDS, "all"):
        raise Errors.E236(split=split)
    docs = load_gold_dir(path)
    if split in FOLDS:
        return sorted(p for p, fold in dev_folds(docs).items() if fold == split)
    return sorted(d.path for d in docs if split == "all" or d.split == split)


def read_members(path: Path, files: list[Path] | None = None) -> tuple[list[dict[str, Any]], list[Member]]:
    """The gold files of a folder and every actor/recipient member of their non-optional events."""
    files = files if files is not None else sorted(path.glob("*.json"))
    if not files:
        raise Errors.E234(path=str(path), problem="no event-gold .json files in the folder")
    docs, members = [], []
    for f in files:
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise Errors.E233(path=str(f), problem=f"not an event-gold JSON file: {exc}") from None
        docs.append(doc)
        text = doc["text"]
        for ev in doc.get("events", []):
            if ev.get("optional"):
                continue
            sent = text.find(ev["evidence"])
            for role in ("actor", "recipient"):
                for m in ev.get(role) or []:
                    s = locate(text, m["text"], sent, sent + len(ev["evidence"]) if sent >= 0 else len(text))
                    e = s + len(m["text"]) if s >= 0 else -1
                    members.append(Member(doc["doc_id"], role, m["text"], m.get("code"), m.get("sector"), s, e))
    return docs, members


def locate(text: str, phrase: str, s_start: int, s_end: int) -> int:
    """The phrase (as whole words) inside the sentence, else its last occurrence before, else its first after."""
    if not phrase:
        return -1
    hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]
    inside = [i for i in hits if s_start <= i < s_end]
    before = [i for i in hits if i < s_end]
    return inside[0] if inside else before[-1] if before else hits[0] if hits else -1


def entity_code(ent: Entity) -> str | None:
    """The code an event argument resolved to this entity would carry."""
    if ent.country:
        return ent.country
    if ent.type in INTERNATIONAL and ent.kb_id and not ent.kb_id.startswith(("org:", "group:", "place:")):
        return ent.kb_id.split(".")[0]
    return next((r.of for r in ent.roles if r.of), None)


def entity_sector(ent: Entity) -> str | None:
    """A state, IGO or place named as a party acts through its government (the gold codes it GOV)."""
    return ent.sector or ("GOV" if ent.type in ("STATE", "IGO", "PLACE") else None)


def run(data: str | None, settings: Settings, split: str | None = None) -> Report:
    """Score ``data`` (a folder of gold files), or with ``split`` one split or fold of the gold root."""
    from kronika.pipeline import Pipeline

    path = Path(data) if data else Path("data/gold/events" if split else "data/gold/events/dev")
    if not path.is_dir():
        raise Errors.E234(path=str(path), problem="event gold not found; pass --data DIR")
    docs, members = read_members(path, split_files(path, split) if split else None)
    pipe = Pipeline(settings, stages=["kronika.actors.resolve.v1"])
    arts = [Article(text=d["text"], metadata=Metadata(published=d.get("published"), language="en")) for d in docs]
    by_doc = {d["doc_id"]: a for d, a in zip(docs, pipe.run_many(arts), strict=True) if isinstance(a, Article)}
    counts: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for m in members:
        if m.code is None:
            continue
        kinds = ["all"] + ([] if m.text.lower() in PRONOUNS else ["named"])
        art = by_doc.get(m.doc)
        ent = entity_at(art, m.start, m.end) if art is not None and m.start >= 0 else None
        code = entity_code(ent) if ent is not None else None
        sector = entity_sector(ent) if ent is not None else None
        for k in kinds:
            counts[f"{k}:members"] += 1
            counts[f"{k}:entity"] += ent is not None
            counts[f"{k}:code"] += code == m.code
            counts[f"{k}:with_sector"] += m.sector is not None
            counts[f"{k}:sector"] += m.sector is not None and sector == m.sector
            counts[f"{k}:both"] += code == m.code and (m.sector is None or sector == m.sector)
        if code != m.code or (m.sector is not None and sector != m.sector):
            misses.append({"doc": m.doc, "text": m.text, "gold": [m.code, m.sector], "ours": [code, sector]})
    rows = []
    for k, label in (("all", "all members"), ("named", "without pronouns")):
        n = max(counts[f"{k}:members"], 1)
        rows.append(
            [
                label,
                counts[f"{k}:members"],
                counts[f"{k}:entity"] / n,
                counts[f"{k}:code"] / n,
                counts[f"{k}:sector"] / max(counts[f"{k}:with_sector"], 1),
                counts[f"{k}:both"] / n,
            ]
        )
    return Report(
        title=f"Actor codes on event gold ({len(docs)} articles in {path}{' ' + split if split else ''})",
        columns=["gold members", "count", "entity there", "code right", "sector right", "both right"],
        rows=rows,
        figures={"data": str(path), "counts": dict(counts), "misses": misses},
        notes=[
            "Each actor/recipient member of a non-optional gold event, read at its phrase in the sentence.",
            "Code: the entity's country, an IGO's KB key, or the country of an office it holds.",
            "Sector: the entity's; a state, IGO or place named as a party is GOV.",
            "Gold members without a code are left out.",
        ],
    )
