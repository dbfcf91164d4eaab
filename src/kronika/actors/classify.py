"""Step 1: type every entity span with the KB, correcting the statistical NER where the KB knows better.

Kinds (``DocContext.info``): ``person``; ``entry`` (a KB entry: state, place, seat, IGO,
organisation, group, weapon); ``people`` (a plural demonym: "the Kazakhs"); ``demonym`` (an
adjective: "Kazakh", "Western"); ``place``, ``org``, ``group``, ``event`` (not in the KB);
``product`` ("Airbus A380", with the end token); ``alias`` (one word of an organisation's name
named before: "Mahan" after "Mahan Air", with the name's first token); ``skip``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kronika.actors.doc import DocContext, Info, clean
from kronika.actors.knowledge import KBEntry, fold
from kronika.actors.lexicon import ORG_SECTOR_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span

_MODEL = re.compile(r"^[A-Z]{0,3}-?\d{2,4}[A-Za-z0-9-]*$")  # A380, 737s, 737-800, A400M
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_CAMEL_PRODUCT = re.compile(r"^i[A-Z][a-z]")  # iPhone, iPod, iTunes
ISO3 = re.compile(r"^[A-Z]{3}$")
# A mined (weak) KB entry types only a span the NER labelled as this kind of thing.
# Last words of company names besides the sector words of ORG_SECTOR_WORDS ("Mahan Air").
ORG_LAST_WORDS = frozenset({"air", "airline", "telecom", "energy", "oil", "petroleum", "gas", "embassy", "consulate"})
WEAK_LABELS = {"PLACE": ("GPE", "LOC", "FAC"), "ORG": ("ORG", "NORP"), "IGO": ("ORG",)}


def classify(ctx: DocContext, ent: Span) -> Info:
    kb = ctx.kb
    span = clean(ent)
    text = span.text
    eid = ent.ent_id_.split("|", 1)[-1]  # the KB ruler's "<label>|<kb id>"
    f = fold(text)
    if ent.label_ == "PERSON" and eid == "person":
        return "person", None
    if eid and eid in kb.entries:
        return "entry", kb.entries[eid]
    if f in kb.people:
        return "people", kb.people[f]
    if f in kb.adjectives and ent.label_ in ("NORP", "GPE", "ORG", "LOC", "PERSON", "MISC"):
        return "demonym", kb.adjectives[f]
    entries = kb.lookup(text)
    strong = [x for x in entries if not x.weak]
    if strong:
        return "entry", strong[0]
    if ent.label_ == "PERSON":
        if kb.persons_named(text) or any(t.is_alpha and t.text[:1].isupper() for t in span):
            return "person", None
        return "skip", None
    end = product_end(ent) if ent.label_ in ("ORG", "PRODUCT") else None
    if end:
        return "product", end
    weak = [x for x in entries if ent.label_ in WEAK_LABELS.get(x.type, ())]
    if weak:
        return "entry", weak[0]  # a mined place or organisation the NER found too
    if ent.label_ in ("GPE", "LOC", "FAC"):
        # "Mahan Air" tagged FAC: a name ending in a company or institution word is an organisation
        return ("org", None) if is_org_name(span) else ("place", None)
    if ent.label_ in ("ORG", "PRODUCT"):
        return ("org", None) if ent.label_ == "ORG" else ("skip", None)
    if ent.label_ == "NORP":
        if span.root.tag_ in ("NNPS", "NNS"):
            return "group", None
        # "Saudi Aramco" tagged NORP: a demonym and a proper name after it is a name, not a people
        return ("org", None) if len(span) > 1 and span[-1].tag_ == "NNP" else ("skip", None)
    if ent.label_ == "EVENT":
        return "event", None
    return "skip", None


def is_org_name(span: Span) -> bool:
    """Does a name end in a word organisations end in ("Mahan Air", "Deutsche Bank", "Northern Command")?"""
    last = span[-1].lower_
    return len(span) > 1 and span[-1].text[:1].isupper() and (last in ORG_SECTOR_WORDS or last in ORG_LAST_WORDS)


def repair_spans(ctx: DocContext) -> None:
    """Undo two NER slips around offices before typing anything.

    "President of Tajikistan Emomali Rahmon" tagged ORG "Tajikistan Emomali Rahmon": the person the
    KB knows at the end is split off (and the country before it kept as a place name); "the Federal
    Chancellor of Germany" tagged ORG: an office, whose country is kept for the office step.
    """
    from spacy.tokens import Span

    doc, kb, out = ctx.doc, ctx.kb, []
    title_at = {t.start: t for t in ctx.titles}
    for ent in ctx.ents:
        if ent.label_ in ("ORG", "GPE", "NORP") and len(ent) >= 3:
            k = next((k for k in range(ent.start + 1, ent.end - 1) if kb.persons_named(doc[k : ent.end].text)), None)
            if k is not None:
                if is_state(ctx, doc[ent.start : k]):
                    out.append(Span(doc, ent.start, k, label="GPE"))
                out.append(Span(doc, k, ent.end, label="PERSON"))
                continue
        if ent.label_ == "ORG":
            t = next((title_at[i] for i in range(ent.start, ent.start + 3) if i in title_at), None)
            if t is not None and t.end + 1 < ent.end and doc[t.end].lower_ == "of":
                rest = doc[t.end + 1 + (doc[t.end + 1].lower_ == "the") : ent.end]
                if len(rest) and is_state(ctx, rest):
                    out.append(Span(doc, rest.start, rest.end, label="GPE"))
                    continue
        out.append(ent)
    if len(out) != len(ctx.ents) or any(a is not b for a, b in zip(out, ctx.ents, strict=True)):
        ctx.ents = out
        ctx.ent_by_start = {e.start: e for e in out}
        ctx.ent_by_end = {e.end: e for e in out}


def is_state(ctx: DocContext, span: Span) -> bool:
    text = span.text
    return fold(text) in ctx.kb.adjectives or any(x.type == "STATE" for x in ctx.kb.lookup(text))


def classify_all(ctx: DocContext) -> None:
    """Type every span; note the countries the text names; lone surnames of people are people."""
    repair_spans(ctx)
    for ent in ctx.ents:
        ctx.info[ent.start] = kind, payload = classify(ctx, ent)
        if kind == "entry" and isinstance(payload, KBEntry) and payload.type == "STATE":
            ctx.countries.add(payload.kb_id)
        elif kind in ("demonym", "people") and isinstance(payload, str) and ISO3.match(payload):
            ctx.countries.add(payload)
    surnames = {fold(clean(e)[-1].text) for e in ctx.ents if ctx.kind(e) == "person" and len(clean(e)) > 1}
    titled = set(ctx.titles_by_end)  # "President Trump" after "the Trump Organization" is the man
    named_by: dict[str, int] = {}  # a distinctive word of an organisation's name -> the name's first token
    for e in ctx.ents:
        span = clean(e)
        kind = ctx.kind(e)
        if kind in ("org", "place", "group", "skip") and len(span) == 1 and fold(span.text) in surnames:
            ctx.info[e.start] = ("person", None)  # "Jobs" tagged ORG after "Steve Jobs"
        elif (
            kind in ("person", "place", "org")
            and len(span) == 1
            and fold(span.text) in named_by
            and not (kind == "person" and (ctx.kb.persons_named(span.text) or span.start in titled))
        ):
            ctx.info[e.start] = ("alias", named_by[fold(span.text)])  # "Mahan" after "Mahan Air"
        elif kind == "org" and len(span) > 1:
            for tok in (span[0], span[-1]):
                f = fold(tok.text)
                if (
                    tok.is_title
                    and f not in ctx.kb.adjectives
                    and f not in ORG_SECTOR_WORDS
                    and f not in ORG_LAST_WORDS
                ):
                    named_by.setdefault(f, e.start)


def product_end(ent: Span) -> int | None:
    """A maker's name with a model designation is a product, not the maker ("Airbus A380", "iPod")."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and _MODEL.match(doc[end].text) and not _YEAR.match(doc[end].text):
        end += 1
    if end > ent.end:
        return end
    if len(ent) > 1 and _MODEL.match(ent[-1].text) and not _YEAR.match(ent[-1].text):
        return ent.end
    if _CAMEL_PRODUCT.match(ent[0].text):
        return ent.end
    return None


def iso_of(ctx: DocContext, ent: Span) -> str | None:
    """The ISO3 (or organisation code) an entity span stands for, if it is a state/IGO/demonym."""
    kind, payload = ctx.info.get(ent.start) or classify(ctx, ent)
    if kind in ("demonym", "people") and isinstance(payload, str):
        return payload
    if kind == "entry" and isinstance(payload, KBEntry):
        if payload.type == "STATE":
            return payload.kb_id
        if payload.type == "IGO" or (payload.type == "ORG" and ent.label_ == "ORG"):
            return payload.kb_id  # "NATO Secretary General ...", "Hamas leader ..."
        if payload.kind in ("capital", "seat"):
            return payload.country
    return None
