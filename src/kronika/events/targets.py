"""After confidence: the target of events that name none, and the country of each side.

These rules fill a side from what the sentence says around the event (the condition of a threat,
the party its content is aimed at, the place it happened in) and read the country of each side
(``countries.py`` via the argument finder). They run after confidence is set: a target read off a
place is no evidence for the event itself, so it never decides which events are kept.
"""

from __future__ import annotations

from kronika.events.arguments import ArgumentFinder
from kronika.events.candidate import Candidate, complement_tokens, differs
from kronika.events.syntax import prep_objects
from kronika.record import Ref

CONTENT_TARGET_PREPS = frozenset({"against", "to", "with", "toward", "towards", "on", "upon"})


def condition_party(c: Candidate, finder: ArgumentFinder) -> None:
    """ "threatened to halt talks if the US deploys missiles", "will withdraw unless X holds
    elections": a threat's target is whoever must meet its condition (the subject of its
    *if/unless* clause), when the threat names no recipient itself."""
    if c.type != "THREATEN" or c.recipient:
        return
    for t in c.tok.subtree:
        if t.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in t.children):
            continue
        subj = [s for s in t.children if s.dep_ in ("nsubj", "nsubjpass") and finder.is_party(s)]
        rec = [r for r in finder.refs(subj) if all(differs(r, a) for a in c.actor)]
        if rec:
            c.recipient = rec
            c.extra["recipient_source"] = "condition"
            return


def content_party(c: Candidate, finder: ArgumentFinder) -> None:
    """ "threatened to deliver blows to X", "vowed to fight against X": with no recipient of its
    own, a content-taking event is aimed at the party its content is aimed at (the first named
    party under *against/to/with/on* in the complement, with its conjuncts)."""
    if c.recipient or not c.rule.has("content"):
        return
    region = complement_tokens(c.tok)
    for i in sorted(region):
        t = c.tok.doc[i]
        if t.dep_ != "pobj" or t.head.lower_ not in CONTENT_TARGET_PREPS:
            continue
        ent = finder.mentions.entity(finder.entity_at(t))
        if ent is None or ent.type in ("PLACE", "EVENT", "OTHER"):
            continue
        rec = [r for r in finder.refs([t]) if all(differs(r, a) for a in c.actor)]
        if rec:
            c.recipient = rec
            c.extra["recipient_source"] = "content"
            return


def _place(c: Candidate, finder: ArgumentFinder) -> Ref | None:
    """The located place (a country the finder knows) the event happened in or came from."""
    if c.location is not None and c.location.text in finder.countries:
        return c.location
    preps = [(w, o) for w, o in prep_objects(c.tok) if w in ("from", "in", "into", "to", "at", "inside")]
    objects = [t for t in c.tok.children if t.dep_ == "dobj" and t not in c.recipient_toks]
    for t in [*c.recipient_toks, *objects]:  # "withdrew its observers from Bolivia"
        preps += [(w, o) for w, o in prep_objects(t) if w in ("from", "in", "into", "to", "at")]
    if c.rule.has("content"):  # "threatened to impose a curfew in Algiers"
        region = complement_tokens(c.tok)
        preps += [
            (o.head.lower_, o)
            for o in (c.tok.doc[i] for i in sorted(region))
            if o.dep_ == "pobj" and o.head.lower_ in ("from", "in", "into", "at", "inside")
        ]
    for _w, o in preps:
        ent = finder.mentions.entity(finder.entity_at(o))
        if ent is not None and ent.type in ("STATE", "PLACE"):
            ref = finder.ref(o, owner_for_actions=False)
            if ref is not None and ref.entity and ref.text in finder.countries:
                return ref
    return None


def place_target(c: Candidate, finder: ArgumentFinder) -> None:
    """No party targeted: the target is the country of the place it happened in or came from.

    "demonstrated in Belgrade", "withdrew its troops from Lebanon", "evacuated the settlements in
    Gaza": PLOVER codes the place's country as the target when no party is named. Only a
    recipient that is no party (or none) is replaced, but not the thing an attack hit; a named but
    unplaced party stays.
    """
    known = finder.countries
    own = {known[a.text] for a in c.actor if a.text in known}
    if any(r.text in known and known[r.text] not in own for r in c.recipient):
        return  # a recipient of another country is a target already ("its troops" is not)
    if c.recipient_toks and any(finder.is_party(t) and t.pos_ != "PRON" for t in c.recipient_toks):
        return
    if c.recipient and c.type in ("ASSAULT", "COERCE"):
        return  # "shot down the plane", "razed the houses": the thing hit is the target
    place = _place(c, finder)
    if place is None or any(not differs(place, a) for a in c.actor):
        return
    if c.recipient:  # what the event acted on stays told: "its troops", "the settlements"
        c.extra["theme"] = [r.text for r in c.recipient]
    c.recipient = [place]
    c.extra["recipient_source"] = "place"


def side_countries(c: Candidate, finder: ArgumentFinder) -> dict[str, list[str]]:
    """Country of each side (ISO3), from the entity or, failing that, the argument phrase (countries.py)."""
    known = finder.countries
    out = {}
    for role, rs in (("actor", c.actor), ("recipient", c.recipient)):
        codes = sorted({known[r.text] for r in rs if r.text in known})
        if codes:
            out[role] = codes
    # a protest naming no target is against the authorities of the country it is held in (its
    # place, else its protesters' own country: "Algerian landowners began a hunger strike")
    if c.type == "PROTEST" and "recipient" not in out and not c.recipient:
        code = known.get(c.location.text) if c.location is not None else None
        code = code or (out["actor"][0] if out.get("actor") else None)
        if code:
            out["recipient"] = [code]
            c.extra["recipient_country_source"] = "protest"
    # an unnamed group acting somewhere ("prisoners rioted at a jail in Dili") is of that place
    if "actor" not in out and c.actor and all(r.entity is None for r in c.actor) and c.location is not None:
        code = known.get(c.location.text)
        if code:
            out["actor"] = [code]
            c.extra["actor_country_source"] = "place"
    return out
