"""Where the story is set: the dateline, the countries of a sentence, the article's main country.

A reader resolves "police", "the Foreign Ministry" or "Mayor Adamowicz" to the country the story
is about. This module gives the actors stage that country, in the order a reader uses it:

1. the one country the sentence names (a state, a demonym, a capital, a place of that country);
2. the dateline's place ("BAKU, Oct 13 (Reuters) -"): a wire story is set where it is filed;
3. the country the article names most, when no other is named as often (counting the people and
   organisations the KB places in a country: "Trump" and "the US Congress" set a story in the US).

A dateline is also never an actor: its place is only a place (not "Baku" as Azerbaijan's
government) and the text up to its dash is marked so other stages can leave it out
(:func:`dateline`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kronika.actors.candidates import Cand
from kronika.actors.classify import ISO3
from kronika.actors.doc import DocContext, clean
from kronika.actors.knowledge import KBEntry, KnowledgeBase

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_DATELINE = re.compile(
    rf"""^[ \t]*(?P<place>[A-Z][A-Za-z'.\u2019-]*(?:[ ][A-Z][A-Za-z'.\u2019-]*){{0,3}})   # BAKU / New York
    (?:,[ ](?P<region>[A-Z][A-Za-z'.-]*(?:[ ][A-Z][A-Za-z'.-]*){{0,2}}))?               # , Azerbaijan
    (?:,?[ ](?P<date>{_DATE}))?                                                        # , Oct 13
    [ ]*(?:\((?P<agency>[^()\n]{{2,40}})\)[ ]*)?                                       # (Reuters)
    (?P<dash>[-\u2013\u2014]{{1,2}})[ ]""",
    re.X,
)


@dataclass(frozen=True)
class Dateline:
    place: tuple[int, int]  # character span of the place ("BAKU")
    agency: tuple[int, int] | None  # of the news agency, if given ("Reuters")
    end: int  # where the story proper starts (after the dash)


def dateline(text: str) -> Dateline | None:
    """The dateline opening a story: "BAKU, Oct 13 (Reuters) - ...", "WASHINGTON (AP) -- ...".

    A place in capitals with a dash is enough; a place written normally ("Baku -") needs a date or
    an agency too, or a sentence starting "Moscow - based ..." would count.
    """
    m = _DATELINE.match(text[:160])
    if not m:
        return None
    place = m.group("place")
    if not (place.isupper() and len(place) > 2) and not (m.group("date") or m.group("agency")):
        return None
    agency = (m.start("agency"), m.end("agency")) if m.group("agency") else None
    return Dateline((m.start("place"), m.end("place")), agency, m.end())


def head_text(ctx: DocContext) -> str:
    """The text of the document's first tokens, enough for a dateline (``Doc.text`` rebuilds the
    whole text on every access: a few milliseconds on a long article, four times a document)."""
    return ctx.doc[: min(len(ctx.doc), DATELINE_TOKENS)].text


DATELINE_TOKENS = 80  # a dateline lies in the first 160 characters: fewer than 80 tokens


def dateline_place(ctx: DocContext) -> Cand | None:
    """The dateline's place as a place entity, when the NER left it out ("BAKU" in capitals)."""
    head = head_text(ctx)
    line = dateline(head)
    if line is None:
        return None
    s, e = line.place
    if any(ent.start_char < e and s < ent.end_char for ent in ctx.ents):
        return None
    name = head[s:e]
    entry = next((x for x in ctx.kb.lookup(name) if x.type in ("PLACE", "STATE")), None)
    if entry is None:
        return None
    country = entry.kb_id if entry.type == "STATE" else entry.country
    return Cand(entry.kb_id, s, e, "PLACE", entry.name, country, None, entry.kb_id)


def place_country(kb: KnowledgeBase, name: str) -> str | None:
    """The country of a place name the KB knows (a capital, a city, a country itself)."""
    for entry in kb.lookup(name):
        if entry.type == "STATE":
            return entry.kb_id
        if entry.type == "PLACE" and entry.country and ISO3.match(entry.country):
            return entry.country
    return None


def span_country(ctx: DocContext, ent: Span) -> str | None:
    """The country an entity span names or lies in (a state, a demonym, a place of that country)."""
    kind, payload = ctx.info.get(ent.start, ("", None))
    if kind in ("demonym", "people") and isinstance(payload, str) and ISO3.match(payload):
        return payload
    if kind == "entry" and isinstance(payload, KBEntry):
        if payload.type == "STATE":
            return payload.kb_id
        if payload.type == "PLACE" and payload.country and ISO3.match(payload.country):
            return payload.country
    return None


def known_country(ctx: DocContext, ent: Span) -> str | None:
    """The country of a person or organisation the KB knows ("Trump", "the US Congress"): a story
    about them is set there as much as one naming the country ("House Speaker ... Trump ...")."""
    kind, payload = ctx.info.get(ent.start, ("", None))
    if kind == "entry" and isinstance(payload, KBEntry) and payload.type == "ORG":
        return payload.country if payload.country and ISO3.match(payload.country) else None
    if kind == "person":
        found = {p.affiliation(ctx.on)[0] for p in ctx.kb.persons_named(clean(ent).text)}
        if len(found) == 1:
            iso = found.pop()
            return iso if iso and ISO3.match(iso) else None
    return None


def find_setting(ctx: DocContext) -> None:
    """Fill ``ctx.setting`` (and ``ctx.dateline_end``): the dateline's country, else the dominant one."""
    head = head_text(ctx)
    line = dateline(head)
    if line is not None:
        ctx.dateline_end = line.end
        iso = place_country(ctx.kb, head[line.place[0] : line.place[1]])
        if iso:
            ctx.setting = iso
            return
    counts = Counter(c for c in (span_country(ctx, e) or known_country(ctx, e) for e in ctx.ents) if c)
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        ctx.setting = ranked[0][0]


def sentence_country(ctx: DocContext, tok: Token, skip: tuple[int, int] = (0, 0)) -> str | None:
    """The one country the token's sentence names (outside the token range ``skip``), if exactly one."""
    sent = tok.sent
    found = {
        c
        for e in ctx.ents
        if sent.start <= e.start < sent.end and not (skip[0] <= e.start < skip[1])
        for c in [span_country(ctx, e)]
        if c
    }
    return found.pop() if len(found) == 1 else None


def context_country(ctx: DocContext, tok: Token, skip: tuple[int, int] = (0, 0)) -> str | None:
    """The country a reader gives an actor that names none: its sentence's, else the story's."""
    return sentence_country(ctx, tok, skip) or ctx.setting
