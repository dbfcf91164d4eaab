"""The merge rule: when do reports in different articles describe one story event?

Two reports are the same event when

1. they have the same PLOVER type;
2. their dates are compatible at their granularity (:func:`~kronika.stories.dates.date_relation`:
   same, one inside the other, or days at most three apart -- recorded as a date conflict);
3. their participants overlap: every side (actors, recipients) one report names shares a
   participant with the other report, compared by entity key or by country code, so "Putin"
   (RUS) matches "Russia" and "the Kremlin" and a meeting written "A hosted B" matches "B visited A";
4. the combined score -- participant overlap, evidence-sentence similarity and date agreement -- is
   at least :data:`THRESHOLD`. An undated report needs similar evidence as well;
5. where the place defines the event (ASSAULT, PROTEST), two different named places ("Kyiv",
   "Odesa") keep reports apart; for other types differing places only lower the score.

Conflicting details (dates, who attended, mode, negation, counts) never block a merge: they are
what :func:`summarize` reports as ``conflicts``. The rule is measured on annotated pairs in
``tests/fixtures/merge`` (:func:`evaluate_pairs`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kronika.stories.dates import date_range, date_relation

THRESHOLD = 0.5
WEIGHTS = {"participants": 0.4, "evidence": 0.35, "date": 0.25}
DATE_SCORE = {"same": 1.0, "compatible": 0.75, "near": 0.5, "unknown": 0.4}
UNDATED_MIN_EVIDENCE = 0.4
# PLOVER's count fields (dead, injured, size) and the usual variants; other numbers in ``extra`` are
# the producer's bookkeeping, not claims about the event.
COUNT_FIELDS = frozenset({"dead", "killed", "injured", "wounded", "size", "troops", "arrested", "displaced"})
PLACE_DEFINED = frozenset({"ASSAULT", "PROTEST"})
PLACE_PENALTY = 0.1  # small: outlets name a place at different levels ("Almaty" vs "Kazakhstan")

# A small stop list is enough: evidence similarity only needs the content words of one sentence.
_STOP_WORDS = (
    "a about after against all also an and are as at be been before between but by during first five for "
    "four from had has have he her his in into is it its last more new not of on one or other over said "
    "say says she since some such than that the their there they this three to two was were what when "
    "where which while who will with would"
)
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@dataclass(frozen=True)
class Report:
    """One event as one article reports it: what the merge rule compares.

    ``actors``/``recipients`` hold participant codes: entity keys plus, for an entity with a
    country, ``country:<ISO3>`` (so a person and their state overlap); ``units`` holds one code per
    participant -- its country when it has one, else its key -- for measuring how much they share
    (build both with :func:`participants`).
    """

    type: str
    actors: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    date: str | None = None
    sentence: str = ""
    article: str = ""
    mode: str | None = None
    location: str | None = None
    units: frozenset[str] = frozenset()

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.recipients


@dataclass
class Decision:
    merge: bool
    score: float
    reasons: list[str] = field(default_factory=list)


def participants(items: Iterable[tuple[Any, ...]]) -> tuple[frozenset[str], frozenset[str]]:
    """``(codes, units)`` for participants given as ``(entity key, country or None[, affiliations])``.

    Affiliations are the ``of`` codes of the offices an entity holds ("President of the European
    Council" of EU): they let a person without a country meet the organisation they speak for.
    """
    codes: set[str] = set()
    units: set[str] = set()
    for key, country, *rest in items:
        affiliations = tuple(rest[0]) if rest and rest[0] else ()
        codes.add(key)
        if country:
            codes.add(f"country:{country}")
        for code in affiliations:
            codes.update((f"kb:{code}", f"country:{code}"))
        units.add(f"country:{country}" if country else (f"kb:{affiliations[0]}" if affiliations else key))
    return frozenset(codes), frozenset(units)


def stems(text: str) -> frozenset[str]:
    """Content-word stems of a sentence (first five letters: cheap, and 'deployed' meets 'deployment')."""
    return frozenset(w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP)


def evidence_similarity(a: str, b: str) -> float:
    """Dice overlap of content-word stems of two evidence sentences (0..1)."""
    sa, sb = stems(a), stems(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def _places_differ(a: str | None, b: str | None) -> bool:
    """Two named places neither of which contains the other's name ("Kyiv" vs "Odesa")."""
    if not a or not b:
        return False
    x, y = a.lower().strip(), b.lower().strip()
    return x not in y and y not in x


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def sides_overlap(a: Report, b: Report) -> bool:
    """Every side a report names must share a participant with the other report (either side)."""
    if not a.participants or not b.participants:
        return not a.participants and not b.participants
    return all(
        not side or side & other.participants for x, other in ((a, b), (b, a)) for side in (x.actors, x.recipients)
    )


def decide(a: Report, b: Report, threshold: float = THRESHOLD) -> Decision:
    """Whether ``a`` and ``b`` report one event, with the score and the reasons (for docs and debugging)."""
    if a.type != b.type:
        return Decision(False, 0.0, [f"types differ ({a.type} vs {b.type})"])
    rel = date_relation(a.date, b.date)
    if rel == "incompatible":
        return Decision(False, 0.0, [f"dates incompatible ({a.date} vs {b.date})"])
    if not sides_overlap(a, b):
        return Decision(False, 0.0, ["participants do not overlap"])
    places_differ = _places_differ(a.location, b.location)
    if places_differ and a.type in PLACE_DEFINED:
        return Decision(False, 0.0, [f"places differ ({a.location} vs {b.location})"])
    ev = evidence_similarity(a.sentence, b.sentence)
    parts = _jaccard(a.units, b.units) if a.units and b.units else 0.0
    score = WEIGHTS["participants"] * parts + WEIGHTS["evidence"] * ev + WEIGHTS["date"] * DATE_SCORE[rel]
    if places_differ:
        score -= PLACE_PENALTY
    reasons = [f"dates {rel}", f"participants {parts:.2f}", f"evidence {ev:.2f}", f"score {score:.2f}"]
    if rel == "unknown" and ev < UNDATED_MIN_EVIDENCE:
        return Decision(False, score, [*reasons, "undated and evidence too different"])
    return Decision(score >= threshold, score, reasons)


def best_match(
    report: Report, stories: Mapping[str, Sequence[Report]], threshold: float = THRESHOLD
) -> tuple[str, float] | None:
    """The story (id -> its reports) ``report`` belongs to: the highest-scoring one above the threshold."""
    best: tuple[str, float] | None = None
    for story_id, members in stories.items():
        for m in members:
            d = decide(report, m, threshold)
            if d.merge and (best is None or d.score > best[1]):
                best = (story_id, d.score)
    return best


def cluster(reports: Iterable[Report], threshold: float = THRESHOLD) -> list[list[int]]:
    """Group reports into story events, in order, the way ingest does incrementally."""
    stories: dict[str, list[Report]] = {}
    members: dict[str, list[int]] = {}
    for i, r in enumerate(reports):
        hit = best_match(r, stories, threshold)
        key = hit[0] if hit else str(i)
        stories.setdefault(key, []).append(r)
        members.setdefault(key, []).append(i)
    return list(members.values())


def summarize(sources: Sequence[dict[str, Any]], countries: dict[str, str | None] | None = None) -> dict[str, Any]:
    """The story-level view of its sources: type, mode, date, location, and what they disagree on.

    ``countries`` (entity key -> country) lets an article that names a state count as naming that
    state's people too: "Kazakhstan's president" and "Tokayev" are no disagreement about who came.

    ``sources`` are dicts with keys type, mode, date, negated, actor_keys, recipient_keys,
    location_text, article_id, extra (the ``event_sources`` rows). The story date is the one most
    sources give at the finest granularity; every other reported value stays in ``conflicts``.
    """
    types = Counter(s["type"] for s in sources)
    modes = Counter(s["mode"] for s in sources if s.get("mode"))
    dated = [(s["date"], r) for s in sources if (r := date_range(s.get("date")))]
    date = gran = dmin = dmax = None
    if dated:
        finest = min(dated, key=lambda x: (dt_len(x[1]), x[1][0]))[1][2]
        votes = Counter(v for v, r in dated if r[2] == finest)
        date = min(votes, key=lambda v: (-votes[v], v))
        dmin, dmax, gran = date_range(date)  # type: ignore[misc]
    locations = Counter(s["location_text"] for s in sources if s.get("location_text"))
    conflicts: dict[str, Any] = {}
    by_article = _group(sources)
    # A vaguer date that contains the story date ("January 2022") is no disagreement; another day is.
    if date and any(not _nested(r, date_range(date)) for _, r in dated):  # type: ignore[arg-type]
        conflicts["date"] = _who_said(sources, "date")
    if len(modes) > 1:
        conflicts["mode"] = _who_said(sources, "mode")
    if len({bool(s.get("negated")) for s in sources}) > 1:
        conflicts["negated"] = _who_said(sources, "negated")
    if len(by_article) > 1:
        for side in ("actor_keys", "recipient_keys"):
            said = {a: set().union(*(set(s[side]) for s in ss)) for a, ss in by_article.items()}
            union = set().union(*said.values())
            naming = [a for a in said if said[a]]  # an article that names nobody on a side is silent
            ctry = countries or {}
            named_countries = {a: {ctry.get(k) for k in said[a]} - {None} for a in naming}
            partial = {
                k: sorted(a for a in naming if k in said[a] or ctry.get(k) in named_countries[a]) for k in sorted(union)
            }
            partial = {k: arts for k, arts in partial.items() if len(arts) < len(naming)}
            if partial:
                conflicts[side.replace("_keys", "s")] = partial
        counts = _count_conflicts(sources)
        if counts:
            conflicts["counts"] = counts
    return {
        "type": min(types, key=lambda t: (-types[t], t)),
        "mode": min(modes, key=lambda m: (-modes[m], m)) if modes else None,
        "date": date,
        "granularity": gran,
        "date_min": dmin,
        "date_max": dmax,
        "location": min(locations, key=lambda x: (-locations[x], x)) if locations else None,
        "n_sources": len(sources),
        "n_articles": len(by_article),
        "conflicts": conflicts,
    }


def dt_len(r: tuple[str, str, str]) -> int:
    """Length of a date range in days-ish (string compare is enough to order granularities)."""
    from datetime import date

    return (date.fromisoformat(r[1]) - date.fromisoformat(r[0])).days


def _nested(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    return (b[0] <= a[0] and a[1] <= b[1]) or (a[0] <= b[0] and b[1] <= a[1])


def _group(sources: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for s in sources:
        out.setdefault(s["article_id"], []).append(s)
    return out


def _who_said(sources: Sequence[dict[str, Any]], key: str) -> dict[str, list[str]]:
    said: dict[str, set[str]] = {}
    for s in sources:
        said.setdefault(str(s.get(key)), set()).add(s["article_id"])
    return {v: sorted(a) for v, a in sorted(said.items())}


def _count_conflicts(sources: Sequence[dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """Numbers the sources give differently (killed, injured, size, troops...)."""
    values: dict[str, dict[str, set[str]]] = {}
    for s in sources:
        for k, v in (s.get("extra") or {}).items():
            if k in COUNT_FIELDS and isinstance(v, int | float) and not isinstance(v, bool):
                values.setdefault(k, {}).setdefault(str(v), set()).add(s["article_id"])
    return {k: {v: sorted(a) for v, a in vs.items()} for k, vs in values.items() if len(vs) > 1}
