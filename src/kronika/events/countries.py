"""The country an event argument belongs to when its entity does not say it.

The actors stage gives a country to states, places and demonym groups; an argument headed by a
person or body it could not place ("British Defence Secretary Tom King", "Taiwan's Vice Foreign
Minister", "rebels in the Ivory Coast") still names its country in the phrase. Rules, first that
applies:

1. the entity's own country, or the country of an office it holds (as the actors stage set it);
2. a person the knowledge base knows: the one country all its offices are of;
3. a modifier inside the phrase naming a country: another entity with a country ("Taiwan's"),
   or a demonym adjective from the knowledge base ("British", "Iraqi");
4. for a common-noun head, the country of the place it is located in ("rebels in the Ivory Coast");
5. a holder of a title with no country ("President Mugabe", "the Federal Minister"): the one
   country its sentence names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kronika.actors.knowledge import KnowledgeBase, fold, load_kb
from kronika.events.syntax import phrase_tokens, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kronika.events.arguments import MentionIndex
    from kronika.record import Entity


def kb() -> KnowledgeBase:
    """The bundled knowledge base (``load_kb`` caches it per process; it is only read here)."""
    return load_kb()


def entity_countries(ent: Entity | None) -> list[str]:
    """Rule 1: what the actors stage already knows."""
    if ent is None:
        return []
    out = [ent.country] if ent.country else []
    out += [r.of for r in ent.roles if r.of and r.of not in out]
    return out


def _is_country(code: str | None) -> bool:
    return code is not None and len(code) == 3 and code.isalpha() and code.isupper() and code in kb().country_names


def person_country(ent: Entity) -> str | None:
    """Rule 2: a known person whose offices are all of one country."""
    if ent.type != "PERSON":
        return None
    for name in (ent.name, *(ent.name.split()[-1:])):
        people = kb().persons_named(name)
        if len(people) != 1:
            continue
        ofs = {t.of for t in people[0].terms if _is_country(t.of)}
        if len(ofs) == 1:
            return ofs.pop()
        return None
    return None


def phrase_country(head: Token, eid: str | None, mentions: MentionIndex) -> str | None:
    """Rules 3 and 4: a country named by a modifier of the phrase, or the place a group is in."""
    # "French-led troops", "US-backed forces": the country hangs on the participle
    led = [n for a in head.children if a.dep_ in ("amod", "compound") for n in a.children if n.dep_ == "npadvmod"]
    for t in phrase_tokens(head) + led:
        other = mentions.at(t.idx, t.idx + len(t.text))
        if other and other != eid:
            codes = [c for c in entity_countries(mentions.entity(other)) if _is_country(c)]
            if codes:
                return codes[0]
        # "British", "Iraqi" as modifiers; "the Iraqis" as the head
        code = kb().adjectives.get(fold(t.text)) if t.i != head.i else kb().people.get(fold(t.text))
        if _is_country(code):
            return code
    if head.pos_ == "NOUN":
        for _w, o in prep_objects(head, {"in", "from", "throughout", "across"}):
            ent = mentions.entity(mentions.at(o.idx, o.idx + len(o.text)))
            if ent is not None and ent.type in ("STATE", "PLACE"):
                codes = [c for c in entity_countries(ent) if _is_country(c)]
                if codes:
                    return codes[0]
    return None


TITLE_WORDS = {
    "president",
    "vice-president",
    "minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "general",
    "governor",
    "mayor",
    "ambassador",
    "envoy",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
}


def office_country(head: Token, ent: Entity | None, mentions: MentionIndex) -> str | None:
    """Rule 5: "President Mugabe" with no country said: the one country its sentence is about.

    A title without its country is read, as a reader does, as an office of the country the story
    is set in; only when the sentence names exactly one country.
    """
    titled = ent is not None and any(r.title and not r.of for r in ent.roles)
    if not titled and not any(t.lower_ in TITLE_WORDS for t in phrase_tokens(head)):
        return None
    codes: set[str] = set()
    sent = head.sent
    for t in sent:
        other = mentions.at(t.idx, t.idx + len(t.text))
        if other and (ent is None or other != ent.id):
            o = mentions.entity(other)
            if o is not None and o.type in ("STATE", "PLACE", "GROUP"):
                codes.update(c for c in entity_countries(o) if _is_country(c))
    return codes.pop() if len(codes) == 1 else None


def argument_country(head: Token, eid: str | None, mentions: MentionIndex) -> str | None:
    """The country of the argument headed by ``head`` (resolved to entity ``eid``), if any rule finds one."""
    ent = mentions.entity(eid)
    known = entity_countries(ent)
    if known:
        return known[0]
    if ent is not None:
        code = person_country(ent)
        if code:
            return code
    code = phrase_country(head, eid, mentions)
    if code is None and (ent is None or ent.type in ("PERSON", "ORG")):
        code = office_country(head, ent, mentions)
    return code
