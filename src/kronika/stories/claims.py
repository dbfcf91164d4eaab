"""Contested claims: within one story, each outlet's and each claimant's version side by side.

A story event keeps every report (:mod:`kronika.stories.merge`); this module turns those reports
into claims a reader compares -- *7 killed* says the ministry via outlet A, *5 killed* says outlet
B; *Russia did it* says one side, *Ukraine did it* says the other; *every missile was shot down*
against *a missile hit the battery*; *on 6 January* against *on 7 January* -- and marks which of
them disagree. Pure functions over the store's ``event_sources`` rows (as dicts), so the store,
the CLI and the web page show the same table.

A claim: ``{"kind", "claim", "value", "who", "outlet", "article_id", "published", "date",
"evidence", "stance", "contested"}``; ``kind`` is ``count:<killed|injured|...>``, ``date``,
``actor``, ``outcome`` or ``happened``; ``who`` is the claimant the article names ("the defence
ministry") or else the outlet itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kronika.stories.dates import date_range
from kronika.stories.quad import quad_of

# "all 20 missiles were shot down" vs "a missile hit the battery": the outcome of an attack.
_ALL_STOPPED = re.compile(
    r"\b(?:all|every|each)\b[^.;]{0,60}?\b(?:shot down|intercepted|destroyed|repelled|neutrali[sz]ed)\b"
    r"|\b(?:shot down|intercepted|destroyed|repelled|neutrali[sz]ed)\s+(?:all|every|each)\b",
    re.I,
)
_HIT = re.compile(r"\b(?:hit|struck|damaged|destroyed|landed on|exploded (?:at|in|on))\b", re.I)
# Who did it is a claim where responsibility is at stake (conflict: an attack, an accusation, a
# sanction); in a meeting "A met B" and "B hosted A" name the same parties, not rival culprits.
DISPUTED_QUADS = (3, 4)


def _who(s: dict[str, Any]) -> str:
    return s.get("claim_source") or s.get("outlet") or s.get("title") or s["article_id"][:10]


def _base(s: dict[str, Any]) -> dict[str, Any]:
    return {
        "who": _who(s),
        "outlet": s.get("outlet"),
        "article_id": s["article_id"],
        "published": s.get("published"),
        "date": s.get("date"),
        "evidence": s.get("sentence") or s.get("evidence") or "",
        "stance": _stance(s),
    }


def _stance(s: dict[str, Any]) -> str:
    """What the claimant does with the claim: asserts, denies, suspects, expects, or reports."""
    if s.get("stance") == "deny" or s.get("negated"):
        return "denies"
    if s.get("stance"):
        return str(s["stance"])
    if s.get("modality") in ("expected", "hypothetical"):
        return str(s["modality"])
    return "asserts"


def _counts(s: dict[str, Any]) -> list[dict[str, Any]]:
    return list(s.get("counts") or (s.get("extra") or {}).get("counts") or [])


def source_claims(s: dict[str, Any], countries: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """The claims one report makes about its story's event (``countries``: entity key -> country,
    so "Putin" and "Russia" are one claimant of who did it)."""
    out: list[dict[str, Any]] = []
    base = _base(s)
    for c in _counts(s):
        qual = {"at_least": "at least ", "more_than": "more than ", "about": "about ", "at_most": "up to "}
        value = c["value"]
        out.append(
            {
                **base,
                "kind": f"count:{c['kind']}",
                "value": value,
                "exactness": c.get("exactness", "exact"),
                "claim": f"{c['kind'].replace('_', ' ')}: {qual.get(c.get('exactness', ''), '')}{value:,} {c['unit']}",
            }
        )
    resolved = [k for k in s.get("actor_keys") or [] if not k.startswith("text:")]  # "a missile" blames nobody
    if resolved and quad_of(s.get("type")) in DISPUTED_QUADS:
        who_did = s.get("actor_text") or ", ".join(s.get("actor_keys") or [])
        out.append(
            {
                **base,
                "kind": "actor",
                "value": sorted(
                    {(countries or {}).get(k) or k for k in s.get("actor_keys") or [] if not k.startswith("text:")}
                ),
                "claim": f"done by {who_did}",
            }
        )
    sentence = base["evidence"]
    if _ALL_STOPPED.search(sentence):
        out.append({**base, "kind": "outcome", "value": "all stopped", "claim": "all were stopped (shot down)"})
    elif s.get("type") == "ASSAULT" and _HIT.search(sentence) and not s.get("negated"):
        out.append({**base, "kind": "outcome", "value": "hit", "claim": "it hit its target"})
    out.append(
        {
            **base,
            "kind": "happened",
            "value": base["stance"] != "denies",
            "claim": "it happened" if base["stance"] != "denies" else "it did not happen",
        }
    )
    if s.get("date"):
        out.append({**base, "kind": "date", "value": s["date"], "claim": f"on {s['date']}"})
    return out


def _counts_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two counts of one kind agree when equal, or when a lower bound ("at least 5") allows the other."""
    x, y = a["value"], b["value"]
    if x == y:
        return True
    for lo, hi in ((a, b), (b, a)):
        if lo.get("exactness") in ("at_least", "more_than") and hi["value"] >= lo["value"]:
            return True
        if lo.get("exactness") == "about" and abs(hi["value"] - lo["value"]) <= 0.1 * max(x, y):
            return True
    return False


def _dates_agree(a: str, b: str) -> bool:
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return True
    return (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1])


def _actors_agree(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def _disagree(kind: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    if kind.startswith("count:"):
        return not _counts_agree(a, b)
    if kind == "date":
        return not _dates_agree(a["value"], b["value"])
    if kind == "actor":
        return not _actors_agree(a["value"], b["value"])
    return bool(a["value"] != b["value"])


def claims(sources: Sequence[dict[str, Any]], countries: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """Every claim of a story's reports, those that another article contradicts marked ``contested``.

    Only claims from different articles can contest each other: one article giving two numbers
    ("5 dead, later 7") is a revision, not a dispute between sources. ``happened`` and ``date``
    claims are listed only when some source disagrees (otherwise every row would repeat them).
    """
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str, str, str]] = set()
    for s in sources:  # one sentence often yields several events ("attacked..., killing 7"): one claim each
        for c in source_claims(s, countries):
            # a date or "it happened" once per article; counts, actors and outcomes once per sentence
            per_article = c["kind"] in ("date", "happened")
            key = (c["kind"], str(c["value"]), c["article_id"], "" if per_article else c["evidence"], c["who"])
            if key not in seen:
                seen.add(key)
                rows.append(c)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(rows):
        by_kind[c["kind"]].append(i)
    for _kind, idx in by_kind.items():
        for i in idx:
            for j in idx:
                if i < j and rows[i]["article_id"] != rows[j]["article_id"] and _disagree(_kind, rows[i], rows[j]):
                    rows[i]["contested"] = rows[j]["contested"] = True
    out = []
    for c in rows:
        c.setdefault("contested", False)
        if c["kind"] in ("happened", "date") and not c["contested"]:
            continue
        out.append(c)
    return sorted(out, key=lambda c: (c["kind"], str(c.get("published") or ""), c["who"]))


def contested_kinds(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The kinds of claim the sources disagree on (e.g. ``["count:killed", "outcome"]``)."""
    return sorted({c["kind"] for c in rows if c["contested"]})
