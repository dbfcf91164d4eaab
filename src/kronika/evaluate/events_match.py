"""Matching system events to real-news gold events, and the counts every figure is made of.

A system event can match a gold event when its trigger lies inside the gold evidence (the
sentence), found in the record's text (the reader normalizes whitespace and some characters, so
the search ignores those differences). Pairs are made one to one, best first: same type, then a
non-optional gold event, then overlap with the gold trigger, then nearness.

- **lenient**: a same-type pair is a hit (type + sentence);
- **strict**: a lenient hit whose actor, recipient and date also match. A side matches when a gold
  member's code is among the system side's codes (entity country, office countries, kb id, the
  events stage's own country reading) or a gold member's text is contained in the system side's
  text or entity name (normalized); an empty gold side accepts anything. The date matches when
  the system's ISO date starts with the gold date (a gold event with no date accepts any).
- ``optional`` gold events are neither false negatives when missed nor false positives when found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kronika.evaluate.events_gold import GoldDocument, GoldEvent, GoldParty
from kronika.evaluate.report import PRF
from kronika.events.dates import iso_date
from kronika.events.plover import TYPES
from kronika.record import Article, Entity, Event, Ref

# Types whose events are directed at someone (PLOVER's target): a recipient is expected.
RECIPIENT_TYPES = frozenset(
    {"SUPPORT", "CONCEDE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT"}
)
_CANON = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def norm(text: str | None) -> str:
    """Lower case, one space between words, straight quotes and hyphens: how names are compared."""
    return " ".join(str(text or "").translate(_CANON).split()).lower()


def _canonical(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs as one space and canonical quotes, and each char's source offset."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text.translate(_CANON)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        where.append(i)
    return "".join(out), where


class TextIndex:
    """Finds gold strings in a record's text despite the reader's whitespace and quote normalization."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.canon, self.where = _canonical(text)

    def find(self, needle: str, near: float = 0.0) -> tuple[int, int] | None:
        """Offsets of ``needle`` in the text (the occurrence nearest the relative position ``near``)."""
        hits = [m.start() for m in re.finditer(re.escape(needle), self.text)] if needle else []
        if hits:
            start = min(hits, key=lambda h: abs(h / max(1, len(self.text)) - near))
            return start, start + len(needle)
        canon = _canonical(needle)[0].strip()
        if not canon:
            return None
        hits = [m.start() for m in re.finditer(re.escape(canon), self.canon)]
        if not hits:
            return None
        start = min(hits, key=lambda h: abs(h / max(1, len(self.canon)) - near))
        end = start + len(canon) - 1
        return self.where[start], self.where[end] + 1


@dataclass
class Located:
    """A gold event placed in the record's text: its evidence span and its trigger span."""

    gold: GoldEvent
    span: tuple[int, int] | None
    trigger: tuple[int, int] | None


def locate(doc: GoldDocument, index: TextIndex) -> list[Located]:
    out = []
    for g in doc.events:
        near = max(0, doc.text.find(g.evidence)) / max(1, len(doc.text))
        span = index.find(g.evidence, near)
        trig = None
        if span is not None:
            at = -1
            for _ in range(g.trigger_occurrence):
                at = g.evidence.find(g.trigger, at + 1)
            inner = TextIndex(index.text[span[0] : span[1]]).find(g.trigger, max(0, at) / max(1, len(g.evidence)))
            trig = (span[0] + inner[0], span[0] + inner[1]) if inner else None
        out.append(Located(g, span, trig))
    return out


def match(located: list[Located], events: list[Event]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs, best first (see the module doc)."""
    scored = []
    for gi, loc in enumerate(located):
        if loc.span is None:
            continue
        lo, hi = loc.span
        for si, ev in enumerate(events):
            if not (lo <= ev.trigger.start and ev.trigger.end <= hi):
                continue
            t0, t1 = loc.trigger or (lo, lo)
            overlap = max(0, min(t1, ev.trigger.end) - max(t0, ev.trigger.start))
            key = (ev.type == loc.gold.type, not loc.gold.optional, overlap, -abs(ev.trigger.start - t0))
            scored.append((key, gi, si))
    scored.sort(key=lambda x: x[0], reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _key, gi, si in scored:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si))
    return pairs


def _side(article: Article, side: list[Ref], found: list[str]) -> tuple[set[str], list[str]]:
    """Codes and normalized names of a system side."""
    by_id: dict[str, Entity] = {e.id: e for e in article.entities}
    codes = {c.upper() for c in found}
    texts = []
    for r in side:
        texts.append(norm(r.text))
        ent = by_id.get(r.entity or "")
        if ent is None:
            continue
        texts.append(norm(ent.name))
        codes.update(c.upper() for c in [ent.country, *(role.of for role in ent.roles)] if c)
        if ent.kb_id:
            codes.update({ent.kb_id.upper(), ent.kb_id.split(".")[0].upper()})
    return codes, texts


def side_matches(gold: tuple[GoldParty, ...], article: Article, side: list[Ref], found: list[str]) -> bool:
    if not gold:
        return True
    codes, texts = _side(article, side, found)
    for g in gold:
        if g.code and g.code.upper() in codes:
            return True
        if norm(g.text) and any(norm(g.text) in t for t in texts):
            return True
    return False


def date_matches(gold: GoldEvent, ev: Event) -> bool:
    """The system's ISO date starts with the gold date (records older than ``date.iso``: from the value)."""
    iso = ev.date.iso or iso_date(ev.date.value)[0]
    return not gold.date or bool(iso and iso.startswith(gold.date))


def location_matches(gold: GoldParty, ev: Event, article: Article) -> bool:
    """The system's place names the gold place (either text inside the other) or its country."""
    if ev.location is None:
        return False
    codes, texts = _side(article, [ev.location], [])
    want = norm(gold.text)
    if gold.code and gold.code.upper() in codes:
        return True
    return any(want in t or (t and t in want) for t in texts)


def strict_checks(gold: GoldEvent, ev: Event, article: Article) -> dict[str, bool]:
    return {
        "actor": side_matches(gold.actor, article, ev.actor, ev.countries.actor),
        "recipient": side_matches(gold.recipient, article, ev.recipient, ev.countries.recipient),
        "date": date_matches(gold, ev),
    }


@dataclass
class Tally:
    """Counts for one split: P/R/F1 per type (lenient, strict, factual view), fill rates, modality."""

    lenient: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    strict: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    factual: PRF = field(default_factory=PRF)
    counts: Counter[str] = field(default_factory=Counter)
    documents: int = 0

    def add_document(self, doc: GoldDocument, article: Article, errors: list[dict[str, Any]] | None = None) -> None:
        self.documents += 1
        index = TextIndex(article.text)
        located = locate(doc, index)
        events = article.events
        self.counts["gold_events"] += sum(not g.optional for g in doc.events)
        self.counts["gold_optional"] += sum(g.optional for g in doc.events)
        self.counts["system_events"] += len(events)
        self.counts["evidence_not_found"] += sum(loc.span is None for loc in located)
        self._fill(doc, article)
        pairs = match(located, events)
        by_gold = dict(pairs)
        by_sys = {s: g for g, s in pairs}
        for gi, loc in enumerate(located):
            g = loc.gold
            si = by_gold.get(gi)
            ev = events[si] if si is not None else None
            same = ev is not None and ev.type == g.type
            if g.optional:
                continue
            if not same:
                self.lenient[g.type].fn += 1
                self.strict[g.type].fn += 1
                if errors is not None:
                    errors.append(_error("FN", doc, g, ev, loc))
                continue
            assert ev is not None
            self.lenient[g.type].tp += 1
            checks = strict_checks(g, ev, article)
            for what, ok in checks.items():
                self.counts[f"{what}_ok"] += ok
            if all(checks.values()):
                self.strict[g.type].tp += 1
            else:
                self.strict[g.type].fn += 1
                self.strict[ev.type].fp += 1
                if errors is not None:
                    errors.append(_error("strict", doc, g, ev, loc, tuple(k for k, ok in checks.items() if not ok)))
            self.counts["pairs"] += 1
            if g.location is not None:  # where: the gold place named in (or naming) the system's
                self.counts["located_pairs"] += 1
                self.counts["location_ok"] += location_matches(g.location, ev, article)
            self.counts["negated_ok"] += ev.context.negated == g.negated
            self.counts["factual_ok"] += ev.factual == g.factual
        for si, ev in enumerate(events):
            paired = by_sys.get(si)
            partner = located[paired].gold if paired is not None else None
            if partner is not None and partner.type == ev.type:
                continue  # a hit (counted above) or an optional event found: neither
            self.lenient[ev.type].fp += 1
            self.strict[ev.type].fp += 1
            if errors is not None:
                errors.append(_error("FP", doc, partner, ev, None))
        self._factual_view(doc, article, located)

    def _factual_view(self, doc: GoldDocument, article: Article, located: list[Located]) -> None:
        """Events that happened only: gold told as fact vs system events with ``factual`` true."""
        kept = [loc for loc in located if loc.gold.factual or loc.gold.optional]
        events = [e for e in article.events if e.factual]
        pairs = match(kept, events)
        hit_g = {gi for gi, si in pairs if events[si].type == kept[gi].gold.type}
        hit_s = {si for gi, si in pairs if events[si].type == kept[gi].gold.type}
        self.factual.tp += sum(1 for gi in hit_g if not kept[gi].gold.optional)
        self.factual.fn += sum(1 for gi, loc in enumerate(kept) if gi not in hit_g and not loc.gold.optional)
        self.factual.fp += len(events) - len(hit_s)

    def _fill(self, doc: GoldDocument, article: Article) -> None:
        for ev in article.events:
            self.counts["sys_actor"] += bool(ev.actor)
            self.counts["sys_location"] += ev.location is not None
            if ev.type in RECIPIENT_TYPES:
                self.counts["sys_directed"] += 1
                self.counts["sys_recipient"] += bool(ev.recipient)
        for g in doc.events:
            if g.optional:
                continue
            self.counts["gold_actor"] += bool(g.actor)
            self.counts["gold_location"] += g.location is not None
            if g.type in RECIPIENT_TYPES:
                self.counts["gold_directed"] += 1
                self.counts["gold_recipient"] += bool(g.recipient)

    @staticmethod
    def micro(per_type: dict[str, PRF]) -> PRF:
        total = PRF()
        for p in per_type.values():
            total.add(p)
        return total

    @staticmethod
    def macro(per_type: dict[str, PRF]) -> dict[str, float]:
        """Macro averages over the types present in the gold or the output."""
        present = [p for p in per_type.values() if p.tp + p.fn + p.fp > 0]
        n = len(present) or 1
        return {
            "precision": round(sum(p.precision for p in present) / n, 4),
            "recall": round(sum(p.recall for p in present) / n, 4),
            "f1": round(sum(p.f1 for p in present) / n, 4),
        }

    def fill_rates(self) -> dict[str, dict[str, float | None]]:
        """Share of events with an actor, with a recipient (among directed types), with a location."""
        c = self.counts

        def share(part: str, whole: str) -> float | None:
            return round(c[part] / c[whole], 4) if c[whole] else None

        return {
            "system": {
                "actor": share("sys_actor", "system_events"),
                "recipient_where_directed": share("sys_recipient", "sys_directed"),
                "location": share("sys_location", "system_events"),
            },
            "gold": {
                "actor": share("gold_actor", "gold_events"),
                "recipient_where_directed": share("gold_recipient", "gold_directed"),
                "location": share("gold_location", "gold_events"),
            },
        }

    def summary(self) -> dict[str, Any]:
        c = self.counts
        pairs = c["pairs"]
        return {
            "documents": self.documents,
            "gold_events": c["gold_events"],
            "gold_optional": c["gold_optional"],
            "system_events": c["system_events"],
            "evidence_not_found": c["evidence_not_found"],
            "lenient": self.micro(self.lenient).to_dict(),
            "strict": self.micro(self.strict).to_dict(),
            "lenient_macro": self.macro(self.lenient),
            "strict_macro": self.macro(self.strict),
            "factual_view": self.factual.to_dict(),
            "modality": {
                "pairs": pairs,
                "negated_accuracy": round(c["negated_ok"] / pairs, 4) if pairs else None,
                "factual_accuracy": round(c["factual_ok"] / pairs, 4) if pairs else None,
            },
            "arguments": {  # on the same pairs: which part of strict holds
                what: round(c[f"{what}_ok"] / pairs, 4) if pairs else None for what in ("actor", "recipient", "date")
            }
            | {
                "location": round(c["location_ok"] / c["located_pairs"], 4) if c["located_pairs"] else None,
            },
            "fill_rates": self.fill_rates(),
            "per_type": {
                t: {"lenient": self.lenient[t].to_dict(), "strict": self.strict[t].to_dict()}
                for t in TYPES
                if self.lenient[t].tp + self.lenient[t].fn + self.lenient[t].fp
            },
        }


def _error(
    kind: str,
    doc: GoldDocument,
    g: GoldEvent | None,
    ev: Event | None,
    loc: Located | None,
    failed: tuple[str, ...] = (),
) -> dict[str, Any]:
    """One line of the ``--errors`` listing: what was missed, wrongly found, or half right."""
    out: dict[str, Any] = {"kind": kind, "doc": doc.path.name}
    if g is not None:
        out["gold"] = {
            "id": g.id,
            "type": g.type,
            "trigger": g.trigger,
            "actor": [p.code or p.text for p in g.actor],
            "recipient": [p.code or p.text for p in g.recipient],
            "date": g.date,
        }
        out["sentence"] = g.evidence
    if ev is not None:
        out["system"] = {
            "type": ev.type,
            "trigger": ev.trigger.text,
            "actor": [r.text for r in ev.actor],
            "recipient": [r.text for r in ev.recipient],
            "date": ev.date.iso,
            "producer": ev.producer,
        }
        out.setdefault("sentence", ev.sentence.text)
    if failed:
        out["failed"] = list(failed)
    if loc is not None and loc.span is None:
        out["note"] = "evidence not found in the record's text"
    return out
