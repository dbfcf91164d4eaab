"""Stories end to end: what the pipeline extracts from the merge gold's articles, as ingest merges it.

:mod:`kronika.evaluate.merge_gold` scores the merge rule on hand-coded events. Here the articles
themselves go through the pipeline and into a throwaway store (the real ingest: candidate
selection, the rule, one article never merging its own distinct events), and each system event
that matches a gold event (:func:`kronika.evaluate.events_match.match`: its trigger inside the gold
evidence, same type first) takes that gold event's story. Pairwise and B-cubed scores are computed
over the matched system events, so extraction misses lower coverage (reported) rather than the
merge scores, while wrong arguments, types and dates -- what real text does to the rule -- count.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from kronika.evaluate.events_gold import GoldDocument, load_document
from kronika.evaluate.events_match import TextIndex, locate, match
from kronika.evaluate.events_realnews import analyze_gold
from kronika.evaluate.merge_gold import bcubed, pair_scores
from kronika.settings import Settings


def gold_labels(stories_path: Path, events_dir: Path) -> tuple[dict[str, tuple[str, str]], list[Path]]:
    """``(doc#event -> (story, split))`` for every scored gold event, and the gold files of the groups."""
    from kronika.evaluate.merge_gold import load

    mentions = load(stories_path, events_dir)
    gold = json.loads(stories_path.read_text(encoding="utf-8"))
    files = [next(events_dir.glob(f"*/{doc}.json")) for g in gold["groups"].values() for doc in g["docs"]]
    return {m.key: (m.story, m.split) for m in mentions}, files


def run_system(stories_path: Path, events_dir: Path, settings: Settings) -> dict[str, Any]:
    """Analyze, ingest in publication order, match, score per split."""
    from kronika.store import open_store

    labels, files = gold_labels(stories_path, events_dir)
    docs: list[GoldDocument] = sorted((load_document(f) for f in files), key=lambda d: (d.published or "", d.doc_id))
    articles = analyze_gold(docs, settings)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "merge.db")
        store.ingest(articles)
        with store.engine.connect() as conn:
            from sqlalchemy import select

            from kronika.store.schema import event_sources

            story_of = {(r.article_id, r.local_id): r.event_id for r in conn.execute(select(event_sources))}
        store.close()
    rows: dict[str, list[tuple[str, str, str]]] = {"dev": [], "test": []}
    matched = {"dev": 0, "test": 0}
    scored = {"dev": 0, "test": 0}
    for doc, art in zip(docs, articles, strict=True):
        located = locate(doc, TextIndex(art.text))
        for key, (_story, split) in labels.items():
            if key.startswith(f"{doc.path.stem}#"):
                scored[split] += 1
        for gi, si in match(located, art.events):
            key = f"{doc.path.stem}#{located[gi].gold.id}"
            if key not in labels or located[gi].gold.type != art.events[si].type:
                continue  # an optional or undecided gold event, or a wrong type: not a report of that story
            story, split = labels[key]
            matched[split] += 1
            rows[split].append((story, story_of[(art.id, art.events[si].id)], doc.path.stem))
    out: dict[str, Any] = {}
    for split, rs in rows.items():
        gold, system, doc_ids = [r[0] for r in rs], [r[1] for r in rs], [r[2] for r in rs]
        out[split] = {
            "gold_events": scored[split],
            "matched": matched[split],
            "coverage": round(matched[split] / scored[split], 4) if scored[split] else 0.0,
            "stories": len(set(gold)),
            "pairwise": pair_scores(gold, system).to_dict(),
            "cross_article": pair_scores(gold, system, doc_ids).to_dict(),
            "bcubed": bcubed(gold, system),
        }
    return out
