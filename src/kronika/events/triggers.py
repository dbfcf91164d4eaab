"""Steps 1-2: the words that evoke events, and each one's actor, recipient and place.

A trigger is a token whose lemma (and dependents) match a row of the lexicon; its arguments come
from the dependency parse (``arguments.py``). "X said Y must withdraw" has no trigger word of its
own: the obligation is read as X's REQUEST to Y.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kronika.events.candidate import (
    OBLIGATION_RULE,
    PRODUCER_PREFIX,
    Candidate,
    DocContext,
    differs,
    paragraph_index,
)
from kronika.events.context import REPORT_VERBS
from kronika.events.syntax import is_verb, prep_objects, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kronika.events.arguments import ArgumentFinder, ArgumentTokens, MentionIndex
    from kronika.events.dates import TimeIndex
    from kronika.events.lexicon import Lexicon, TriggerRule

# Nouns that carry an event named by their modifier: "a mediation effort", "an aid program".
CARRIER_NOUNS = frozenset(
    {
        "effort",
        "process",
        "mission",
        "campaign",
        "package",
        "program",
        "programme",
        "shipment",
        "delivery",
        "convoy",
        "initiative",
        "round",
    }
)
OBLIGATION_AUX = frozenset({"must", "should", "ought"})


def in_time_or_name(tok: Token, times: TimeIndex, mentions: MentionIndex, finder: ArgumentFinder) -> bool:
    """The token is part of a time expression or of a name ("Victory Day", "Operation Storm")."""
    if tok.i in times.by_token:
        return True
    eid = finder.entity_at(tok)
    ent = mentions.entity(eid)
    return ent is not None and ent.type not in ("EVENT", "OTHER")


def find_triggers(
    doc: Doc, lex: Lexicon, skip: Callable[[Token], bool] | None = None
) -> list[tuple[Token, TriggerRule]]:
    """Tokens evoking an event, with the lexicon row each matched."""
    out = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "AUX"):
            continue
        low = tok.lemma_.lower()
        if low not in lex.lemmas and tok.lower_.rstrip("s") not in lex.lemmas:
            continue
        carrier = None
        if tok.pos_ == "NOUN" and tok.dep_ == "compound":  # "sanctions regime", "trade flow"
            if tok.head.lemma_.lower() not in CARRIER_NOUNS:
                continue
            carrier = tok.head  # "a mediation effort", "an aid program": the event is the whole phrase
        if tok.pos_ == "VERB" and tok.dep_ in ("amod", "compound"):  # "US-supplied", "air-launched"
            continue
        if tok.pos_ == "ADJ" and tok.dep_ not in ("acomp", "amod", "ROOT", "conj", "xcomp"):
            continue
        if skip is not None and skip(tok):
            continue
        rule = lex.match(tok)
        if rule is not None:
            out.append((carrier if carrier is not None else tok, rule))
    return out


def document_triggers(dc: DocContext) -> list[tuple[Token, TriggerRule]]:
    """The document's triggers; a noun or adjective inside a time or a name is none."""
    return find_triggers(
        dc.doc,
        dc.lexicon,
        skip=lambda t: in_time_or_name(t, dc.times, dc.mentions, dc.finder) and t.pos_ != "VERB",
    )


def _arguments(finder: ArgumentFinder, tok: Token, rule: TriggerRule) -> ArgumentTokens:
    if rule.pos == "V":
        return finder.verb_args(tok, rule)
    if rule.pos == "A":  # "is ready to", "was critical of": the verb the adjective hangs on acts
        gov = tok.head if tok.dep_ in ("acomp", "xcomp") else tok
        if is_verb(gov):
            args = finder.verb_args(gov, rule)
            args.recipient = []
            return args
    return finder.noun_args(tok, rule)


def build_candidate(dc: DocContext, tok: Token, rule: TriggerRule) -> Candidate:
    """A candidate event for a trigger, with its actor, recipient and location from the parse."""
    finder = dc.finder
    c = Candidate(tok, rule, rule.type, rule.mode, paragraph=paragraph_index(dc.article, tok.idx))
    args = _arguments(finder, tok, rule)
    c.actor = finder.refs(args.actor)
    avoid = frozenset(t.i for a in args.actor for t in a.subtree)
    c.recipient = finder.refs(args.recipient, avoid=avoid)
    c.negative_subject = args.negative_subject
    c.recipient_toks = list(args.recipient)
    c.actor_toks = list(args.actor)
    taken = {t.i for t in args.actor + args.recipient}
    loc = finder.location(tok, args.preps, taken)
    if loc is None and tok.pos_ == "NOUN" and tok.head.i != tok.i and is_verb(tok.head):
        loc = finder.location(tok.head, prep_objects(tok.head), taken)
    if loc is None:  # "the attack on a border post in Tajikistan"
        for t in args.recipient:
            loc = finder.location(t, prep_objects(t), taken)
            if loc is not None:
                break
    if loc is None and tok.pos_ == "NOUN":  # "a Kabul car bombing", "the Geneva summit"
        loc = next((m for m in tok.children if m.dep_ in ("compound", "nmod") and finder.is_place(m)), None)
    if loc is not None:
        c.location = finder.ref(loc, owner_for_actions=False)
    # a visit's destination is where it happened
    if c.type == "CONSULT" and c.mode == "visit" and c.location is None and c.recipient:
        for word, o in args.preps:
            if word == "to" and finder.is_place(o):
                c.location = finder.ref(o, owner_for_actions=False)
    # an actor that is also the recipient is a parse slip ("X's visit to X")
    c.recipient = [r for r in c.recipient if all(r.text != a.text for a in c.actor)]
    c.producer = PRODUCER_PREFIX + rule.id
    return c


def obligations(dc: DocContext) -> list[Candidate]:
    """ "X said Y must withdraw": the speaker demands it of Y (a REQUEST whose content is the clause)."""
    finder = dc.finder
    out = []
    for tok in dc.doc:
        if tok.dep_ != "ccomp" or REPORT_VERBS.get(tok.head.lemma_.lower()) != "asserts":
            continue
        if not any(a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX for a in tok.children):
            continue
        speaker = list(subject_of(tok.head))
        addressee = [s for s in tok.children if s.dep_ in ("nsubj", "nsubjpass")]
        if not speaker or not addressee:
            continue
        c = Candidate(tok.head, OBLIGATION_RULE, "REQUEST", None)
        c.actor = finder.refs(speaker)
        c.recipient = [r for r in finder.refs(addressee) if all(differs(r, a) for a in c.actor)]
        if not c.recipient:
            continue
        c.producer = PRODUCER_PREFIX + OBLIGATION_RULE.id
        c.extra["obligation"] = tok.text
        out.append(c)
    return out
