"""The merge rule on real text: clusters of annotated events from ``data/gold/merge/stories.json``.

The events gold (``data/gold/events``) codes every event of 56 real Wikinews and kremlin.ru
articles by hand (type, parties as country or organisation codes, date, place, evidence). The
merge gold groups related articles (the January 2022 crisis in Kazakhstan, the February-March 2022
calls and talks, the US-Iran crisis of January 2020, ...) and says which of their events report one
real-world happening. Here each annotated event becomes a merge :class:`~kronika.stories.merge.Report`
and the reports of a split are clustered by :func:`kronika.stories.merge.cluster` -- what ingest does
-- in publication order. Scores: pairwise precision/recall/F1 over every pair of scored events
(cross-article pairs also alone) and B-cubed over the clusters.

Using the hand-coded events isolates the merge rule from extraction errors; the end-to-end view
(what the pipeline extracts, then merges) is :mod:`kronika.evaluate.merge_system`. The ``test``
groups are never looked at while the rule is tuned.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kronika.errors import Errors
from kronika.evaluate.report import PRF
from kronika.stories.merge import Report, cluster, participants

# International organisations in the gold's codes (everything else of three capitals is a country).
ORG_CODES = frozenset({"CSTO", "NATO", "OSCE", "UN", "EU", "AI", "INTERPOL", "CJTF-OIR", "ISIS", "IGO"})


@dataclass(frozen=True)
class Mention:
    """One scored gold event: where it is, which story it belongs to, and the report the rule sees."""

    key: str  # "<doc>#<event id>"
    doc: str
    split: str
    group: str
    story: str
    published: str
    order: int
    report: Report


def _party(p: dict[str, Any]) -> tuple[str, str | None, tuple[str, ...]]:
    """A gold party as the store keys it: a country, an organisation, or just its text."""
    code = (p.get("code") or "").strip()
    if code and code not in ORG_CODES and len(code) == 3 and code.isalpha() and code.isupper():
        return f"country-entity:{code}", code, ()
    if code and code != "?":
        return f"kb:{code}", None, ()
    return f"text:{(p.get('text') or '?').lower()}", None, ()


def report_of(ev: dict[str, Any], doc: str, outlet: str, published: str) -> Report:
    """The merge report of one annotated event (the same fields ingest gives the rule)."""
    actors, ua = participants(_party(p) for p in ev.get("actor") or [])
    recipients, ur = participants(_party(p) for p in ev.get("recipient") or [])
    loc = ev.get("location")
    return Report(
        type=ev["type"],
        actors=actors,
        recipients=recipients,
        units=ua | ur,
        date=ev.get("date"),
        sentence=ev.get("evidence") or "",
        article=doc,
        mode=ev.get("mode"),
        location=(loc.get("text") if isinstance(loc, dict) else loc) or None,
        outlet=outlet,
        published=published,
        factual=not ev.get("negated") and ev.get("modality") not in ("expected", "hypothetical"),
        expected=ev.get("modality") in ("expected", "hypothetical"),
    )


def _root(eid: str, doc: str, by_id: dict[str, dict[str, Any]], story_of: dict[str, str]) -> str:
    """The event ``eid`` repeats (following ``repeat_of``), stopping at one a story names."""
    seen = set()
    while by_id[eid].get("repeat_of") and eid not in seen and f"{doc}#{eid}" not in story_of:
        seen.add(eid)
        eid = by_id[eid]["repeat_of"]
    return eid


def load(path: str | Path, events_dir: str | Path) -> list[Mention]:
    """Every scored mention of the merge gold, in publication order (as ingest would meet them)."""
    p, edir = Path(path), Path(events_dir)
    if not p.is_file():
        raise Errors.E630(path=str(p))
    if not edir.is_dir():
        raise Errors.E630(path=str(edir))
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
        groups, stories, exclude = gold["groups"], gold["stories"], gold.get("exclude", {})
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise Errors.E631(path=str(p), line=1, error=exc) from None
    story_of = {key: name for name, s in stories.items() for key in s["events"]}
    out: list[Mention] = []
    for group, g in groups.items():
        for doc in g["docs"]:
            files = list(edir.glob(f"*/{doc}.json"))
            if len(files) != 1:
                raise Errors.E630(path=str(edir / "*" / f"{doc}.json"))
            d = json.loads(files[0].read_text(encoding="utf-8"))
            by_id = {e["id"]: e for e in d["events"]}

            outlet = "Wikinews" if doc.startswith("wikinews") else "kremlin.ru"
            for n, e in enumerate(d["events"]):
                key = f"{doc}#{e['id']}"
                if e.get("optional") or key in exclude:
                    continue
                r = f"{doc}#{_root(e['id'], doc, by_id, story_of)}"
                story = story_of.get(key) or story_of.get(r) or r
                report = report_of(e, doc, outlet, d["published"])
                out.append(Mention(key, doc, g["split"], group, story, d["published"], n, report))
    missing = set(story_of) - {m.key for m in out}
    if missing:
        raise Errors.E631(path=str(p), line=1, error=f"stories name events that are not scored: {sorted(missing)}")
    return sorted(out, key=lambda m: (m.published, m.doc, m.order))


def pair_scores(gold: Sequence[str], system: Sequence[str], docs: Sequence[str] | None = None) -> PRF:
    """Pairwise counts: a pair in one system cluster is a TP when the gold puts it in one story.

    With ``docs``, only pairs from two different articles count (cross-article merging alone).
    """
    prf = PRF()
    n = len(gold)
    for i in range(n):
        for j in range(i + 1, n):
            if docs is not None and docs[i] == docs[j]:
                continue
            same_g, same_s = gold[i] == gold[j], system[i] == system[j]
            prf.tp += same_g and same_s
            prf.fp += same_s and not same_g
            prf.fn += same_g and not same_s
    return prf


def bcubed(gold: Sequence[str], system: Sequence[str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998), averaged over mentions."""
    g_members: dict[str, set[int]] = defaultdict(set)
    s_members: dict[str, set[int]] = defaultdict(set)
    for i, (g, s) in enumerate(zip(gold, system, strict=True)):
        g_members[g].add(i)
        s_members[s].add(i)
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    p = sum(len(g_members[g] & s_members[s]) / len(s_members[s]) for g, s in zip(gold, system, strict=True))
    r = sum(len(g_members[g] & s_members[s]) / len(g_members[g]) for g, s in zip(gold, system, strict=True))
    p, r = p / len(gold), r / len(gold)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score(mentions: Iterable[Mention], **options: Any) -> dict[str, Any]:
    """Cluster the mentions with the merge rule and score the clusters against the gold stories."""
    ms = list(mentions)
    clusters = cluster([m.report for m in ms], **options)
    system = [""] * len(ms)
    for c, members in enumerate(clusters):
        for i in members:
            system[i] = str(c)
    gold = [m.story for m in ms]
    docs = [m.doc for m in ms]
    pairs, cross = pair_scores(gold, system), pair_scores(gold, system, docs)
    errors = []
    by_sys: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(system):
        by_sys[s].append(i)
    for members in by_sys.values():
        stories = {gold[i] for i in members}
        if len(stories) > 1:
            errors.append("wrongly merged: " + " + ".join(sorted(ms[i].key for i in members)))
    by_gold: dict[str, set[str]] = defaultdict(set)
    for i, g in enumerate(gold):
        by_gold[g].add(system[i])
    for g, sys_ids in by_gold.items():
        if len(sys_ids) > 1:
            errors.append(f"split: {g} into {len(sys_ids)} clusters")
    return {
        "mentions": len(ms),
        "stories": len(set(gold)),
        "clusters": len(clusters),
        "pairwise": pairs.to_dict(),
        "cross_article": cross.to_dict(),
        "bcubed": bcubed(gold, system),
        "errors": errors,
    }
