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

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kronika.stories.claims import claims
from kronika.stories.dates import date_range, date_relation
from kronika.stories.quad import quad_of

THRESHOLD = 0.5
WEIGHTS = {"participants": 0.4, "evidence": 0.35, "date": 0.25}
DATE_SCORE = {"same": 1.0, "compatible": 0.75, "near": 0.5, "unknown": 0.4}
UNDATED_MIN_EVIDENCE = 0.4
STATEMENT_MIN_EVIDENCE = 0.3  # two articles' statements (not happenings) must share some words
UNNAMED_MIN_EVIDENCE = 0.5  # a report naming no party we can compare joins another article on its words
# PLOVER's count fields (dead, injured, size) and the usual variants; other numbers in ``extra`` are
# the producer's bookkeeping, not claims about the event.
COUNT_FIELDS = frozenset({"dead", "killed", "injured", "wounded", "size", "troops", "arrested", "displaced"})
PLACE_DEFINED = frozenset({"ASSAULT", "PROTEST"})
PLACE_PENALTY = 0.1  # small: outlets name a place at different levels ("Almaty" vs "Kazakhstan")
TYPE_PENALTY = 0.1  # two types of one quad class: the evidence has to say a bit more
# Types whose event is a happening an article may tell in several sentences (the call, the strike);
# the other types are statements, each its own event (see repeat_in_article).
HAPPENINGS = frozenset(
    {"CONSULT", "ASSAULT", "PROTEST", "MOBILIZE", "AID", "COERCE", "RETREAT", "SANCTION", "COOPERATE"}
)
SAME_ARTICLE_MIN_EVIDENCE = 0.5

# A small stop list is enough: evidence similarity only needs the content words of one sentence.
_STOP_WORDS = (
    "a about after against all also an and are as at be been before between but by during first five for "
    "four from had has have he her his in into is it its last more new not of on one or other over said "
    "say says she since some such than that the their there they this three to two was were what when "
    "where which while who will with would"
)
# Courtesies of transcripts ("Thank you very much, colleagues") carry nothing an event is told by.
_FILLER = "again colleagues friends good like much once thank thanks very you your our ours we us"
_STOP = frozenset(_STOP_WORDS.split()) | frozenset(_FILLER.split())
MIN_STEMS = 3  # a sentence with fewer content words ("Putin: Thank you.") is too short to compare
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
    outlet: str | None = None
    published: str | None = None
    factual: bool = True  # told as having happened (not expected, hypothetical, negated)
    expected: bool = False  # told as expected or hypothetical (a denial is neither)

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
    An argument no entity resolved (a ``text:`` key without country: "they", "the two leaders",
    "seven people") is left out: it says nothing about who took part, so a side holding only such
    arguments counts as unnamed (see :func:`sides_overlap` and :func:`decide`).
    """
    codes: set[str] = set()
    units: set[str] = set()
    for key, country, *rest in items:
        if key.startswith("text:") and not country:
            continue  # a phrase no entity resolved ("they", "seven people"): no party we can compare
        affiliations = tuple(rest[0]) if rest and rest[0] else ()
        codes.add(key)
        if country:
            codes.add(f"country:{country}")
        for code in affiliations:
            codes.update((f"kb:{code}", f"country:{code}"))
        units.add(f"country:{country}" if country else (f"kb:{affiliations[0]}" if affiliations else key))
    return frozenset(codes), frozenset(units)


@lru_cache(maxsize=65536)
def stems(text: str) -> frozenset[str]:
    """Content-word stems of a sentence (first five letters: cheap, and 'deployed' meets 'deployment')."""
    return frozenset(w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP)


def evidence_similarity(a: str, b: str) -> float:
    """Dice overlap of content-word stems of two evidence sentences (0..1)."""
    sa, sb = stems(a), stems(b)
    if len(sa) < MIN_STEMS or len(sb) < MIN_STEMS:
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
    """The reports share a participant, and every side one names either shares a participant with
    the other report (on either side: "A hosted B" is "B visited A") or is a side the other leaves
    unnamed ("Germany airlifted Navalny" vs "Navalny was airlifted"). So "Putin met Lukashenko" and
    "Tokayev met Putin" stay apart: each names a recipient the other contradicts.
    """
    if not a.participants or not b.participants:
        return True  # one names no party we can compare: the evidence decides (see decide)
    if not a.participants & b.participants:
        return False
    for x, other in ((a, b), (b, a)):
        for side, other_side in ((x.actors, other.actors), (x.recipients, other.recipients)):
            if side and not side & other.participants and other_side:
                return False
    return True


def types_compatible(a: Report, b: Report) -> bool:
    """The same PLOVER type, or -- for reports from different articles -- the same quad class:
    outlets code one happening differently ("will hold talks" AGREE, "held talks" CONSULT), while
    one article that codes two types describes two things."""
    if a.type == b.type:
        return True
    qa = quad_of(a.type)
    return a.article != b.article and qa is not None and qa == quad_of(b.type)


def repeat_in_article(a: Report, b: Report) -> str | None:
    """Why two reports of ONE article are distinct events (None when one repeats the other).

    An article tells a happening -- a call, a strike, a visit -- in several sentences with the same
    parties and date ("the talks", "during the conversation"), but each statement it reports ("they
    agreed to...", "he thanked...") is its own event unless the sentences say nearly the same.
    """
    if a.type != b.type:
        return "one article, two types"
    if date_relation(a.date, b.date) not in ("same", "compatible", "unknown"):
        return "one article, two dates"
    if a.units and b.units and not (a.units <= b.units or b.units <= a.units):
        return "one article, other parties"  # (a side the article leaves unnamed is no other party)
    for side_a, side_b in ((a.actors, b.actors), (a.recipients, b.recipients)):
        if side_a and side_b and not side_a & side_b:
            return "one article, other roles"  # "Russia struck Ukraine" vs "Ukrainian units shelled Donbas"
    if _places_differ(a.location, b.location):
        return "one article, two places"
    if a.type not in HAPPENINGS and evidence_similarity(a.sentence, b.sentence) < SAME_ARTICLE_MIN_EVIDENCE:
        return "one article, two statements"
    return None


def _coarse(a: str | None, b: str | None) -> bool:
    """Whether the vaguer of two nested dates spans more than a month (a quarter, a year...)."""
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return False
    return max(dt_len(ra), dt_len(rb)) > 31


def _own_days_differ(a: Report, b: Report) -> bool:
    """Two articles of one outlet giving a happening two different days: two happenings (an outlet
    does not report one call on Friday and again on Saturday; other outlets disagreeing by a day
    do). Statements are exempt: an outlet repeats an announcement ("will hold talks") day after day."""
    if not (a.factual and b.factual):
        return False  # an announcement is dated when it is made, not when the visit happens
    return bool(a.outlet) and a.outlet == b.outlet and a.article != b.article and bool({a.type, b.type} & HAPPENINGS)


def _other_parties(a: Report, b: Report) -> bool:
    """A statement or a meeting is defined by who takes part: "the leaders agreed to maintain
    contact" after Putin's call with Bennett and after his call with Bettel are two agreements,
    though they share Putin and the words. Parties one report names beyond the other's, on both
    sides (neither report's parties hold the other's), make two happenings."""
    if (a.type in HAPPENINGS and a.type != "CONSULT") or (b.type in HAPPENINGS and b.type != "CONSULT"):
        return False
    return bool(a.units and b.units) and not (a.units <= b.units or b.units <= a.units)


def _told_before_it_happened(a: Report, b: Report) -> bool:
    """One report was published before the other's happening began: it cannot have told that
    happening as done (a readout of 11 March is not about a strike of 14 March, however alike).
    A day of slack: an outlet west of the happening publishes on the eve of its local date. Only
    between happenings: a statement ("agreed to sign the agreements") is often told before the
    happening it announces and belongs to its story."""
    if a.type not in HAPPENINGS or b.type not in HAPPENINGS:
        return False
    for x, y in ((a, b), (b, a)):
        ry = date_range(y.date)
        if x.expected or not x.published or ry is None:
            continue
        try:
            latest = dt.date.fromisoformat(x.published[:10]) + dt.timedelta(days=1)
        except ValueError:
            continue
        if ry[0] > latest.isoformat():
            return True
    return False


def decide(a: Report, b: Report, threshold: float = THRESHOLD) -> Decision:
    """Whether ``a`` and ``b`` report one event, with the score and the reasons (for docs and debugging)."""
    if not types_compatible(a, b):
        return Decision(False, 0.0, [f"types differ ({a.type} vs {b.type})"])
    same_article = bool(a.article) and a.article == b.article
    if same_article and (why := repeat_in_article(a, b)):
        return Decision(False, 0.0, [why])
    rel = date_relation(a.date, b.date)
    if rel == "incompatible":
        return Decision(False, 0.0, [f"dates incompatible ({a.date} vs {b.date})"])
    if not same_article and _told_before_it_happened(a, b):
        return Decision(
            False, 0.0, [f"published before the other's date ({a.published}, {b.published} vs {a.date}, {b.date})"]
        )
    if rel == "compatible" and _coarse(a.date, b.date):
        rel = "unknown"  # "in 2022" holds a whole year of happenings: no evidence that this is one
    if rel == "near" and _own_days_differ(a, b):
        return Decision(False, 0.0, [f"one outlet, two days ({a.date} vs {b.date})"])
    if not same_article and not sides_overlap(a, b):
        return Decision(False, 0.0, ["participants do not overlap"])
    if not same_article and _other_parties(a, b):
        return Decision(False, 0.0, ["statements or meetings of other parties"])
    places_differ = _places_differ(a.location, b.location)
    if places_differ and a.type in PLACE_DEFINED:
        return Decision(False, 0.0, [f"places differ ({a.location} vs {b.location})"])
    ev = evidence_similarity(a.sentence, b.sentence)
    unnamed = not a.participants or not b.participants
    if unnamed and not same_article:
        # "The leaders agreed to stay in contact": with no party to compare, the same words close
        # many calls; such a report joins only the happening its own article tells
        return Decision(False, 0.0, ["parties unknown"])
    # parties unknown on one side ("five people were killed"): the evidence stands in for them
    parts = ev if unnamed else (_jaccard(a.units, b.units) if a.units and b.units else 0.0)
    score = WEIGHTS["participants"] * parts + WEIGHTS["evidence"] * ev + WEIGHTS["date"] * DATE_SCORE[rel]
    if places_differ:
        score -= PLACE_PENALTY
    if a.type != b.type:
        score -= TYPE_PENALTY
    reasons = [f"dates {rel}", f"participants {parts:.2f}", f"evidence {ev:.2f}", f"score {score:.2f}"]
    dyad = bool(a.actors and a.recipients and b.actors and b.recipients)  # who to whom, on both
    # A statement is what was said: the same speaker says many things on one day, so unless both
    # reports name who said it to whom, the words must meet; and two types of one quad class are
    # one happening only when the words say so.
    wordy = a.type != b.type or (a.type not in HAPPENINGS and not dyad)
    if not same_article and wordy and ev < STATEMENT_MIN_EVIDENCE:
        return Decision(False, score, [*reasons, "statements (or types) with different words"])
    if same_article:  # repeat_in_article said it is one happening told twice ("killed in the strike")
        return Decision(True, max(score, threshold), [*reasons, "told again in one article"])
    if rel == "unknown" and ev < UNDATED_MIN_EVIDENCE:
        return Decision(False, score, [*reasons, "undated and evidence too different"])
    return Decision(score >= threshold, score, reasons)


def best_match(
    report: Report, stories: Mapping[str, Sequence[Report]], threshold: float = THRESHOLD
) -> tuple[str, float] | None:
    """The story (id -> its reports) ``report`` belongs to: the highest-scoring one above the threshold."""
    best: tuple[str, float] | None = None
    for story_id, members in stories.items():
        decisions = [(m, decide(report, m, threshold)) for m in members]
        # one report never merges two of its own distinct events, not even through other articles
        if any(m.article == report.article and not d.merge for m, d in decisions):
            continue
        # nor joins, through a member that names fewer parties, a meeting or statement of others
        if any(m.article != report.article and _other_parties(report, m) for m in members):
            continue
        for _m, d in decisions:
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
    # Disagreements are between articles: one article telling a happening twice is no dispute.
    # A vaguer date that contains the story date ("January 2022") is no disagreement; another day is.
    if len(by_article) > 1 and date and any(not _nested(r, date_range(date)) for _, r in dated):  # type: ignore[arg-type]
        conflicts["date"] = _who_said(sources, "date")
    if len(by_article) > 1 and len(modes) > 1:
        conflicts["mode"] = _who_said(sources, "mode")
    if len(by_article) > 1 and len({bool(s.get("negated")) for s in sources}) > 1:
        conflicts["negated"] = _who_said(sources, "negated")
    if len(by_article) > 1:
        for side in ("actor_keys", "recipient_keys"):
            # who an article names on a side, by entity; a phrase no entity resolved ("seven people")
            # is no named participant another article could have left out
            said = {
                a: set().union(*({k for k in s[side] if not k.startswith("text:")} for s in ss))
                for a, ss in by_article.items()
            }
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
        for c in claims(sources, countries):
            if not c["contested"]:
                continue
            if c["kind"].startswith("count:"):
                who = counts.setdefault(c["kind"][len("count:") :], {}).setdefault(str(c["value"]), [])
            elif c["kind"] in ("outcome", "actor"):
                key = "outcome" if c["kind"] == "outcome" else "done_by"
                value = c["value"] if c["kind"] == "outcome" else ", ".join(c["value"])
                who = conflicts.setdefault(key, {}).setdefault(str(value), [])
            else:
                continue
            if c["article_id"] not in who:
                who.append(c["article_id"])
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
