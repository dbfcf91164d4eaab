"""Event arguments: who acted, on whom, where — read off the dependency parse.

An argument is a token (the head of a phrase) turned into a :class:`~kronika.record.Ref`: the
entity of the record whose mention overlaps it (from the actors stage), else the phrase text with
``entity: None``. Compound actors ("Tokayev, Mirziyoyev and Berdimuhamedov") become one list.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kronika.events.countries import argument_country
from kronika.events.lexicon import TriggerRule
from kronika.events.noun_arguments import ArgumentTokens, NounArguments
from kronika.events.pronouns import agrees, other_possessor, speaker
from kronika.events.syntax import (
    NEGATIVE_SUBJECTS,
    RELATIVE,
    adjunct_preps,
    children,
    conjuncts,
    governor_verb,
    in_dateline,
    is_passive,
    is_pronoun,
    is_time,
    is_verb,
    phrase_bounds,
    prep_objects,
    subject_of,
)
from kronika.events.words import (
    ACTION_NOUNS,
    ACTOR_LABELS,
    NOMINAL_SUFFIXES,
    OBJECT_CONTROL,
    OF_TARGET_NOUNS,
    PARTITIVE,
    PARTY_NOUNS,
    PLACE_LABELS,
)
from kronika.record import Entity, Ref

# A non-party object leads to the party it is about: "contact with the US", "concern about
# Kiev's actions", "anger over the US decision".
# types aimed at someone: when the parse names no recipient, ``addressee`` looks further
ADDRESSED = frozenset({"REQUEST", "ACCUSE", "THREATEN"})
NOT_PARTY_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW", "WORK_OF_ART"}
)
# "Russia's readiness", "Kyiv's gratitude": nouns of states of mind name the event, not a party
STATE_SUFFIXES = ("ness", "ity", "ude", "ism", "ion", "ment")
THROUGH_PREPS = frozenset(
    {"with", "against", "to", "toward", "towards", "on", "from", "by", "about", "over", "regarding", "concerning"}
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class MentionIndex:
    """Entity mentions sorted by offset, for "which entity does this token belong to"."""

    starts: list[int] = field(default_factory=list)
    items: list[tuple[int, int, str]] = field(default_factory=list)
    by_id: dict[str, Entity] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: list[Entity]) -> MentionIndex:
        items = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        return cls([s for s, _, _ in items], items, {e.id: e for e in entities})

    def at(self, start: int, end: int) -> str | None:
        """The entity whose mention overlaps [start, end) the most (None when none does)."""
        best, best_len = None, 0
        i = bisect.bisect_right(self.starts, end)
        for s, e, eid in reversed(self.items[max(0, i - 50) : i]):
            overlap = min(e, end) - max(s, start)
            if overlap > best_len:
                best, best_len = eid, overlap
        return best

    def entity(self, eid: str | None) -> Entity | None:
        return self.by_id.get(eid or "")


class ArgumentFinder(NounArguments):
    """Finds actor, recipient and location of a trigger in one parsed document."""

    def __init__(self, doc: Doc, mentions: MentionIndex, event_nouns: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        self.mentions = mentions
        self.event_nouns = event_nouns
        self.countries: dict[str, str] = {}  # argument text -> its country (see countries.py)

    # --- turning tokens into references -------------------------------------------------
    def entity_at(self, tok: Token) -> str | None:
        return self.mentions.at(tok.idx, tok.idx + len(tok.text))

    def owner(self, tok: Token, depth: int = 0) -> Token | None:
        """For a common-noun head, the token naming the party: "Russian troops" -> Russian."""
        if depth > 3:
            return None
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and (
                self.entity_at(c) or c.ent_type_ in ACTOR_LABELS or c.pos_ == "PROPN"
            ):
                return c
        preps = {"of", "by", "from"} if self.is_action(tok) else {"of"}
        if tok.lemma_.lower() in OF_TARGET_NOUNS:  # "the annexation of Crimea": Crimea is annexed, not annexing
            preps = {"by"}
        for _word, o in prep_objects(tok, preps):
            if self.entity_at(o) or o.ent_type_ in ACTOR_LABELS or o.pos_ == "PROPN":
                return o
            deeper = self.owner(o, depth + 1)
            if deeper is not None:
                return deeper
        return None

    def resolve_pronoun(self, tok: Token) -> Token | None:
        """A pronoun's antecedent.

        A relative pronoun refers to the noun its clause modifies; "his visit" to the subject of
        the verb it hangs on ("Rahmon confirmed his visit"); otherwise the nearest earlier subject
        (this or the previous sentence) that agrees in number ("they" -> "the five states").
        """
        low = tok.text.lower()
        if low in RELATIVE:
            cur = tok.head
            while cur.dep_ not in ("relcl", "acl") and cur.head.i != cur.i:
                cur = cur.head
            if cur.dep_ in ("relcl", "acl"):
                return cur.head
            return None
        said = speaker(tok)
        if said is not None:
            return said
        gov = governor_verb(tok)
        if gov is not None:
            for s in subject_of(gov):
                inside = tok.i in {t.i for t in s.subtree}
                if not inside and not is_pronoun(s) and s.lower_ not in RELATIVE and agrees(tok, s):
                    return s
        sent = tok.sent
        lo = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        fallback = None
        for j in range(tok.i - 1, lo - 1, -1):
            t = self.doc[j]
            if is_pronoun(t) or t.lower_ in RELATIVE or not agrees(tok, t):
                continue
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN"):
                return t
            if (
                fallback is None
                and t.pos_ == "PROPN"
                and t.dep_ != "compound"
                and (self.entity_at(t) or t.ent_type_ in ACTOR_LABELS)
            ):
                fallback = t
        return fallback

    def ref(self, tok: Token, *, owner_for_actions: bool = True, avoid: frozenset[int] = frozenset()) -> Ref | None:
        """The reference for the phrase headed by ``tok`` (pronouns resolved, action nouns to their owner).

        ``avoid``: tokens of the other side (the actor's, for a recipient): "Putin supported his
        proposal" -- "his" is someone other than the supporter.
        """
        if in_dateline(tok) or is_time(tok):  # "Monday's attack": a time is never a party
            return None
        if is_pronoun(tok) or tok.lower_ in RELATIVE:
            ante = self.resolve_pronoun(tok)
            if ante is None or ante.i == tok.i:
                return None if tok.lower_ in RELATIVE else Ref(None, tok.text)
            tok = ante
        if owner_for_actions and self.is_action(tok):
            own = self.owner(tok)
            if own is None and avoid:
                own = self._other_possessor(tok, avoid)
            if own is not None:
                if is_pronoun(own):
                    r = self.ref(own)
                    return r
                return self._ref_of(own)
        return self._ref_of(tok)

    def _other_possessor(self, tok: Token, avoid: frozenset[int]) -> Token | None:
        return other_possessor(self, tok, avoid)

    def is_action(self, tok: Token) -> bool:
        """A noun naming an action ("aggression", "removal", "offer"), whose party is its owner."""
        low = tok.lemma_.lower()
        if tok.pos_ != "NOUN":
            return False
        if low in PARTY_NOUNS:
            return False
        return low in ACTION_NOUNS or low in self.event_nouns or low.endswith(NOMINAL_SUFFIXES)

    def _through(self, tok: Token) -> Token:
        """For a non-party object, the party it relates to: "contact with the US" -> the US."""
        if self.is_party(tok):
            return tok
        for word, o in prep_objects(tok, set(THROUGH_PREPS)):
            if word in ("by", "from") and not self.is_action(tok):
                continue
            if self.is_party(o):
                return o
        return tok

    def _ref_of(self, tok: Token, seen: frozenset[int] = frozenset()) -> Ref:
        """``seen``: the phrases already asked on the way here ("their forces" -> "their allies" ->
        "their forces" ... a pronoun chain can come back to where it started)."""
        start, end = phrase_bounds(tok)
        text = self.text[start:end]
        eid = self.entity_at(tok)
        if eid is None and (tok.pos_ == "NOUN" or tok.tag_ == "NNPS"):  # "Bosnian Serbs", "Iraqi troops"
            own = self.owner(tok)
            if own is not None:
                eid = self.entity_at(own)
        if text not in self.countries:
            code = argument_country(tok, eid, self.mentions)
            if code is None and not eid:  # "their forces": the country of whoever "their" is
                poss = next((c for c in tok.children if c.dep_ == "poss" and is_pronoun(c)), None)
                ante = self.resolve_pronoun(poss) if poss is not None else None
                if ante is not None and ante.i != tok.i and ante.i not in seen:
                    code = self.countries.get(self._ref_of(ante, seen | {tok.i}).text)
            if code:
                self.countries[text] = code
        return Ref(eid, text)

    def relative_antecedent(self, tok: Token) -> Token | None:
        """The noun a relative clause is about, for its relative pronoun or a "whose" noun.

        "the Poles and Lithuanians, whose ancestors fought side by side": the clause tells of the
        Poles and Lithuanians, so they are the party ("whose ancestors" names no one by itself).
        """
        rel = tok if tok.lower_ in RELATIVE else None
        if rel is None and tok.pos_ == "NOUN" and not self.entity_at(tok):
            rel = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
        if rel is None:
            return None
        ante = self.resolve_pronoun(rel)
        if ante is None or ante.i == tok.i or ante.lower_ in RELATIVE:
            return None
        if ante.lemma_.lower() in PARTITIVE:  # "most of the Poles and Lithuanians, whose ..."
            inner = [o for _w, o in prep_objects(ante, {"of"})]
            if inner:
                return inner[0]
        return ante

    def refs(self, tokens: list[Token], **kw: Any) -> list[Ref]:
        out: list[Ref] = []
        for t in tokens:
            ante = self.relative_antecedent(t)
            if ante is not None:  # a relative clause's party is its antecedent, with its conjuncts
                t = ante
            for c in conjuncts(t):
                for r in [self.ref(c, **kw), *self._members(c)]:
                    if r is not None and all(r.text != o.text for o in out):
                        out.append(r)
        return out

    def _members(self, tok: Token) -> list[Ref]:
        """ "the presidents of Latvia, Lithuania and Estonia": the other states of the group are actors too.

        A plural noun naming people or bodies ("presidents", "leaders", "foreign ministers",
        "delegations") whose *of* object is a list of parties: the first member is already in the
        phrase's own reference, the others become references of their own (PLOVER keeps every
        coordinated signatory).
        """
        if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or self.is_action(tok):
            return []
        of = [o for _w, o in prep_objects(tok, {"of"})]
        if not of or len(conjuncts(of[0])) < 2 or not all(self.is_party(m) for m in conjuncts(of[0])):
            return []
        return [r for m in conjuncts(of[0])[1:] if (r := self.ref(m)) is not None]

    def is_place(self, tok: Token) -> bool:
        ent = self.mentions.entity(self.entity_at(tok))
        if ent is not None:
            return ent.type in ("PLACE",) or (ent.type == "STATE" and tok.ent_type_ in PLACE_LABELS)
        return tok.ent_type_ in PLACE_LABELS

    def is_party(self, tok: Token) -> bool:
        """Could this phrase be an actor or recipient (a named party, a people, an organisation)?"""
        if is_pronoun(tok):
            return True
        if tok.ent_type_ in NOT_PARTY_LABELS:  # a time, a number; the Olympics, a treaty's name
            return False
        ent = self.mentions.entity(self.entity_at(tok))
        if ent is not None and ent.type in ("EVENT", "OTHER"):
            return False
        if self.entity_at(tok) or tok.ent_type_ in ACTOR_LABELS or tok.pos_ == "PROPN":
            return True
        return self.owner(tok) is not None

    # --- the parse patterns ----------------------------------------------------------------
    def subjects(self, verb: Token, seen: set[int] | None = None) -> tuple[list[Token], bool]:
        """The acting subject(s) of ``verb`` and whether the subject is negative ("none of them")."""
        seen = seen or set()
        if verb.i in seen:
            return [], False
        seen.add(verb.i)
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not is_passive(verb)]
        has_agent = any(c.dep_ == "agent" for c in verb.children)
        agent = [o for _w, o in prep_objects(verb, {"by"})] if has_agent else []
        if is_passive(verb):
            return agent, False
        if subj:
            s = subj[0]
            if s.lower_ in NEGATIVE_SUBJECTS or any(c.lower_ == "no" for c in s.children if c.dep_ == "det"):
                inner = [o for w, o in prep_objects(s, {"of"})]
                return (inner or [s]), True
            return subj, False
        head = verb.head
        if head.i == verb.i:
            return [], False
        if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            objs = children(head, "dobj")
            if objs:
                return objs, False
        if verb.dep_ == "xcomp" and is_passive(head):
            # "X were reported by Y to have visited", "X was asked to leave": X does it, not Y
            patient = [c for c in head.children if c.dep_ == "nsubjpass"]
            if patient:
                return patient, False
        if verb.dep_ == "conj" and is_verb(head):
            return self.subjects(head, seen)
        if verb.dep_ == "acl" and head.pos_ == "NOUN" and verb.tag_ != "VBN":
            own = self.owner(head)  # "a US offer to host", "Russia's plan to deploy": the owner acts
            if own is not None:
                return [own], False
        if verb.dep_ in ("xcomp", "advcl", "ccomp", "pcomp", "acl", "relcl", "conj"):
            if verb.dep_ == "relcl":
                return [], False
            gov = head if is_verb(head) else governor_verb(head)
            if gov is not None:
                return self.subjects(gov, seen)
        return [], False

    def verb_args(self, verb: Token, rule: TriggerRule) -> ArgumentTokens:
        subj, negative = self.subjects(verb)
        passive = is_passive(verb)
        recipients: list[Token] = []
        if passive:
            recipients = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
                recipients = [verb.head]
        objs = children(verb, "dobj")
        named = self.named_objects(objs, rule)
        if rule.has("theme"):
            recipients = []
        elif named:  # "expressed concern over X", "held talks with X": the noun is the event, X its party
            recipients = [t for t in (self._through(o) for o in named) if t.i not in {o.i for o in named}]
        elif objs and not recipients:
            recipients = [self._through(o) for o in objs]
            if rule.has("content"):  # "demanded an investigation": the object is the content, not a party
                recipients = [r for r in recipients if self.is_party(r) or not self.is_action(r)]
            if rule.type in ("ACCUSE", "REJECT") and not any(self.is_party(r) for r in recipients):
                for _word, o in prep_objects(verb, {"on", "against", "upon"}):  # "blamed it on X"
                    if self.is_party(o):
                        recipients = [o]
                        break
        preps = prep_objects(verb) + adjunct_preps(verb)
        if not recipients:
            for word, o in preps:
                force = rule.type in ("ASSAULT", "COERCE")
                if (
                    word in ("to", "with", "against", "toward", "towards", "on", "upon")
                    or (force and word == "at")
                    or (word == "from" and rule.type in ("REQUEST", "COOPERATE", "AID", "SANCTION", "RETREAT"))
                ):
                    if word in ("on", "upon") and not self.is_party(o) and rule.type != "REQUEST" and not force:
                        continue
                    if o.pos_ not in ("NOUN", "PROPN", "PRON") or o.ent_type_ in ("DATE", "TIME"):
                        continue  # "demanded on Tuesday that ...": a time is never the party
                    if word == "with" and rule.type in ("ASSAULT", "PROTEST", "COERCE") and not rule.has("mutual"):
                        continue  # "blocked roads with tractors", "attacked with drones": an instrument
                    if word == "to" and rule.type == "ACCUSE" and rule.mode == "disapprove":
                        continue
                    recipients = [o]
                    break
        if not recipients:
            dative = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")]
            recipients = dative
        if not recipients and rule.type in ADDRESSED:
            recipients = self.addressee(verb, rule)
        if not recipients and rule.has("theme"):  # "shared intelligence with X", "sent aid to X"
            for o in objs:
                for word, p in prep_objects(o, {"to", "with", "for"}):
                    if p.pos_ in ("NOUN", "PROPN", "PRON") and (word != "for" or self.is_party(p)):
                        recipients = [p]
                        break
        if rule.has("host"):  # the guests visit the host; "hosted a summit" has no guest to swap in
            guests = [t for t in (recipients or objs) if self.is_party(t)]
            if guests:
                subj, recipients = guests, subj
            else:
                recipients = []
        if rule.has("mutual") and not recipients and len(subj) == 1 and len(conjuncts(subj[0])) > 1:
            pass  # "X and Y met": all participants are actors, no recipient (PLOVER compound actors)
        return ArgumentTokens(subj, recipients, negative, preps)

    def addressee(self, verb: Token, rule: TriggerRule) -> list[Token]:
        """Whom a demand, accusation or threat is addressed to when no object or complement names
        them: the party whose action is demanded ("called for G7 action", "urged Israeli
        restraint"), the subject of the alleged clause ("alleged that the government was hiding
        ..."), or, for a participle, the party the governing verb went to ("wrote to the embassy
        asking to ...")."""
        if rule.type == "REQUEST":
            for _word, o in prep_objects(verb, {"for"}):
                owner = [
                    c
                    for c in o.children
                    if c.dep_ in ("poss", "compound", "amod") and (self.entity_at(c) or c.ent_type_ in ACTOR_LABELS)
                ]
                if owner:
                    return owner[:1]
        if rule.type == "ACCUSE":
            for clause in children(verb, "ccomp"):
                subj = [c for c in clause.children if c.dep_ == "nsubj" and self.is_party(c) and not is_pronoun(c)]
                if subj:
                    return subj
        if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and is_verb(verb.head):
            for _word, o in prep_objects(verb.head, {"to", "with"}):
                if self.is_party(o) and o.ent_type_ not in NOT_PARTY_LABELS:
                    return [o]
        return []

    def named_objects(self, objs: list[Token], rule: TriggerRule) -> list[Token]:
        """Objects that name the event itself (the row's ``obj:`` nouns, none a party):
        "expressed *concern*", "held *talks*", "imposed a *curfew*" -- never the recipient."""
        wanted = {lemma for c in rule.when if c.dep == "obj" and not c.negated for lemma in c.lemmas}
        return [
            o
            for o in objs
            if (o.lemma_.lower() in wanted or o.lower_ in wanted)
            and (not self.is_party(o) or self.is_action(o) or o.lemma_.lower().endswith(STATE_SUFFIXES))
        ]
