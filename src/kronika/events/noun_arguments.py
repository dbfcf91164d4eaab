"""Arguments of event nouns ("Russia's annexation of Crimea", "the attack carried out by X", "held
talks"): the part of :class:`~kronika.events.arguments.ArgumentFinder` that reads a noun's
possessor, its prepositions, the light verb that carries it, and where it happened.

A mixin rather than functions so that the finder keeps one interface (``finder.noun_args``,
``finder.location``); it lives apart so that each module stays readable in one sitting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kronika.events.syntax import is_passive, is_verb, prep_objects
from kronika.events.words import (
    ACTOR_LABELS,
    HIT_VERBS,
    LIGHT_VERBS,
    LOCATION_PREPS,
    MEASURE_NOUNS,
    OF_TARGET_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kronika.events.lexicon import TriggerRule

CARRY_VERBS = frozenset(
    {"conduct", "carry", "launch", "stage", "perpetrate", "orchestrate", "mount", "execute", "commit", "claim"}
)
CLAIM_VERBS = frozenset({"claim", "take", "accept", "assume", "admit", "acknowledge", "bear"})


@dataclass
class ArgumentTokens:
    """What the parse says about a trigger's arguments, as tokens (heads of phrases).

    ``preps`` are the trigger's (preposition, object) pairs, kept for the location and for the
    rules that look for a target among them later.
    """

    actor: list[Token]
    recipient: list[Token]
    negative_subject: bool = False  # "none of them", "no country": the event is negated
    preps: list[tuple[str, Token]] = field(default_factory=list)


class NounArguments:
    """Noun triggers' arguments and every trigger's location (mixed into ``ArgumentFinder``)."""

    if TYPE_CHECKING:  # what it uses of the finder

        def entity_at(self, tok: Token) -> str | None: ...
        def is_party(self, tok: Token) -> bool: ...
        def is_place(self, tok: Token) -> bool: ...
        def subjects(self, verb: Token, seen: set[int] | None = None) -> tuple[list[Token], bool]: ...

    def noun_args(self, noun: Token, rule: TriggerRule) -> ArgumentTokens:
        actor: list[Token] = []
        recipient: list[Token] = []
        patient = rule.has("patient")
        of_target = noun.lemma_.lower() in OF_TARGET_NOUNS
        for c in noun.children:
            if c.dep_ == "poss" or (
                c.dep_ in ("amod", "compound", "nmod") and (self.entity_at(c) or c.ent_type_ in ACTOR_LABELS)
            ):
                (recipient if patient else actor).append(c)
        preps = prep_objects(noun)
        for word, o in preps:
            if word in ("by", "from", "between") and not actor:
                actor = [o]
            elif word == "of" and of_target and self.is_party(o) and not recipient:
                recipient = [o]  # "Russia's annexation of Crimea", "the recognition of Kosovo"
            elif word == "of" and self.is_party(o) and not (actor if not patient else recipient):
                (recipient if patient else actor).append(o)
            elif word in ("against", "on", "upon", "with", "to", "toward", "towards", "at") and not recipient:
                target_ok = rule.type in ("ASSAULT", "COERCE") and word in ("on", "upon", "at")
                if o.ent_type_ in ("DATE", "TIME"):  # "an attack on Sunday" is no target
                    continue
                if word in ("on", "at", "upon", "to") and not self.is_party(o) and not target_ok:
                    continue
                recipient = [o]
        if not actor:  # "Russia's fourteen-month-long war": the possessor sits inside a modifier
            for t in noun.lefts:
                for g in t.subtree:
                    if g.dep_ == "poss" and g.i != noun.i and (self.entity_at(g) or g.pos_ == "PROPN"):
                        (recipient if patient else actor).append(g)
                        break
        if rule.type == "ASSAULT" and not recipient:
            recipient = self.hit_target(noun)
        # "the operation staged by X", "an attack carried out by X"
        for c in noun.children:
            if c.dep_ == "acl" and not actor:
                actor = [o for w, o in prep_objects(c, {"by"})]
        if not actor and noun.dep_ == "pobj" and is_verb(noun.head.head):
            # "died in the attack, reportedly conducted by X": the parser hangs the participle on
            # the verb; a carrying participle's agent is still the attack's author
            for c in noun.head.head.children:
                if c.dep_ == "advcl" and c.tag_ == "VBN" and c.lemma_.lower() in CARRY_VERBS and c.i > noun.i:
                    actor = [o for w, o in prep_objects(c, {"by"})]
                    break
        if not actor:  # "X claimed responsibility for the attacks": X carried them out
            actor = self.claimant(noun)
        # light verbs: "held talks", "launched an attack", "confirmed his visit"
        carrier = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in MEASURE_NOUNS:
            carrier = noun.head.head  # "launched ten days of war games", "a wave of strikes"
        gov = carrier.head if carrier.dep_ in ("dobj", "attr", "pobj", "nsubjpass") else None
        any_verb = False
        if gov is not None and gov.dep_ == "prep":
            any_verb = gov.lemma_ == "for"  # "returned to Geneva for talks": whoever returned talks
            gov = gov.head if carrier.dep_ == "pobj" and gov.lemma_ in ("in", "for", "to", "under", "into") else None
        if gov is not None and is_verb(gov) and (any_verb or gov.lemma_.lower() in LIGHT_VERBS):
            if is_passive(gov) and not recipient:  # "was put under investigation"
                recipient = [c for c in gov.children if c.dep_ == "nsubjpass"]
            if not actor:
                actor, _neg = self.subjects(gov)
            if not recipient:
                for word, o in prep_objects(gov):
                    if word in ("to", "with", "against", "on", "for") and self.is_party(o):
                        recipient = [o]
                        break
        return ArgumentTokens(actor, recipient, False, preps)

    def claimant(self, noun: Token) -> list[Token]:
        """Who claimed (took, accepted, admitted) responsibility for the event ``noun`` names."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "responsibility":
            return []
        verb = prep.head.head
        if prep.head.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in CLAIM_VERBS:
            return []
        return self.subjects(verb)[0]

    def hit_target(self, noun: Token) -> list[Token]:
        """What an attack noun reached through a verb of hitting: "the strikes hit the refinery at X",
        "the port was struck by missile strikes" (the noun is the doer, its object the target)."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in MEASURE_NOUNS:
            noun = noun.head.head  # "a wave of strikes hit ..."
        head = noun.head
        if noun.dep_ == "nsubj" and head.lemma_.lower() in HIT_VERBS and not is_passive(head):
            return [c for c in head.children if c.dep_ == "dobj"]
        if noun.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in HIT_VERBS:
            return [c for c in head.head.children if c.dep_ == "nsubjpass"]
        return []

    def location(self, tok: Token, preps: list[tuple[str, Token]], taken: set[int]) -> Token | None:
        for word, o in preps:
            if word not in LOCATION_PREPS and word not in ("to", "on"):
                continue
            if o.i in taken:
                continue
            if self.is_place(o):
                return o
            for _w2, o2 in prep_objects(o, {"of"}):  # "in the capital city of Algiers"
                if self.is_place(o2):
                    return o2
        return None
