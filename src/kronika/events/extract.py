"""From a parsed article to PLOVER events: triggers, arguments, context, dates, discourse.

The steps, each explainable by the words it points at:
1. triggers: tokens whose lemma (and dependents) match a row of the lexicon;
2. arguments: actor, recipient and location from the parse (``arguments.py``);
3. content: "refused to condemn", "urged X to withdraw", "threatened to strike" are one event
   typed by the outer verb; the inner one becomes its ``extra.content`` and gives its mode and
   recipient (and a conflict content turns a promise into a THREATEN);
4. context: negation, modality, source and stance (``context.py``); PLOVER's rule that future
   cooperation is AGREE (and a future RETREAT is CONCEDE) is applied here;
5. dates (``dates.py``);
6. discourse: a visit without a destination takes the destination of the visit just told in the
   same paragraph; "this strike" takes the arguments of the attack it refers back to; a claim of an
   attack made in a speech is the speaker ACCUSing the alleged attacker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kronika.events.arguments import ArgumentFinder, MentionIndex
from kronika.events.context import REPORT_VERBS, ContextReading, read_context
from kronika.events.dates import (
    TimeIndex,
    article_date,
    clause_chain,
    context_date,
    occasion_index,
    scene_date,
    times_by_owner,
)
from kronika.events.lexicon import Lexicon, TriggerRule, load_lexicon
from kronika.events.plover import QUAD, score
from kronika.events.syntax import is_verb, prep_objects, subject_of
from kronika.record import Article, Context, Event, EventDate, Mention, Ref

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRODUCER_PREFIX = "rule:"
MIN_CONFIDENCE = 0.3
CONFLICT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"}
FUTURE_AS_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
ASSAULT_MODE_CUES = {
    "drone": "drone",
    "uav": "drone",
    "missile": "heavy-weapons",
    "rocket": "heavy-weapons",
    "artillery": "heavy-weapons",
    "shell": "heavy-weapons",
    "tank": "heavy-weapons",
    "mortar": "heavy-weapons",
    "air": "aerial",
    "aerial": "aerial",
    "warplane": "aerial",
    "jet": "aerial",
    "helicopter": "aerial",
    "aircraft": "aerial",
    "bomber": "aerial",
    "gun": "firearms",
    "gunman": "firearms",
    "rifle": "firearms",
    "bullet": "firearms",
    "gunfire": "firearms",
    "sniper": "firearms",
    "bomb": "explosives",
    "explosive": "explosives",
    "ied": "explosives",
    "mine": "explosives",
    "grenade": "explosives",
    "suicide": "suicide-attack",
    "knife": "primitive",
    "machete": "primitive",
    "stone": "primitive",
    "rock": "primitive",
    "arson": "primitive",
    "chemical": "unconventional",
    "nuclear": "unconventional",
    "biological": "unconventional",
    "tear": "crowd-control",
    "cannon": "crowd-control",
    "rubber": "crowd-control",
}
AID_PURPOSE = {
    "mission",
    "peacekeeping",
    "peacekeeper",
    "help",
    "assist",
    "assistance",
    "support",
    "protect",
    "protection",
    "restore",
    "stabilize",
    "stabilise",
    "relief",
    "rescue",
    "humanitarian",
}
THREAT_MODE = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "SANCTION": "relations",
    "PROTEST": "restrict",
}
COERCE_THREAT_MODE = {"arrest": "arrest", "seize": "territory", "deport": "expel"}
REQUEST_MODE = {
    "CONSULT": "meet",
    "AGREE": "meet",
    "AID": "assist",
    "COOPERATE": "assist",
    "SUPPORT": "assist",
    "RETREAT": "yield",
    "CONCEDE": "yield",
}
STATE_TYPES = {"STATE", "IGO", "ORG"}
CARRIER_NOUNS = {
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
OBLIGATION_AUX = {"must", "should", "ought"}
OBLIGATION_RULE = TriggerRule(
    id="request.obligation", lemma="must", pos="V", type="REQUEST", mode=None, confidence=0.7, cameo="100"
)
DETERMINERS_ANAPHORIC = {"this", "that", "the", "these", "those", "such"}


@dataclass
class Candidate:
    tok: Token
    rule: TriggerRule
    type: str
    mode: str | None
    actor: list[Ref] = field(default_factory=list)
    recipient: list[Ref] = field(default_factory=list)
    location: Ref | None = None
    ctx: ContextReading = field(default_factory=ContextReading)
    negative_subject: bool = False
    suppressed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    date: EventDate | None = None
    confidence: float = 0.0
    paragraph: int = 0
    producer: str = ""
    trigger_override: Token | None = None
    source: Ref | None = None
    recipient_toks: list[Token] = field(default_factory=list)


def _paragraph_index(article: Article, offset: int) -> int:
    for i, p in enumerate(article.paragraphs):
        if p.start <= offset < p.end:
            return i
    return 0


def _in_time_or_name(tok: Token, tindex: TimeIndex, mentions: MentionIndex, finder: ArgumentFinder) -> bool:
    if tok.i in tindex.by_token:
        return True
    eid = finder.entity_at(tok)
    ent = mentions.entity(eid)
    return ent is not None and ent.type not in ("EVENT", "OTHER")


def find_triggers(doc: Doc, lex: Lexicon, skip: Any = None) -> list[tuple[Token, TriggerRule]]:
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


def _assault_mode(tok: Token, current: str | None, theme: bool = False) -> str | None:
    # the passive subject names the weapon only when the verb takes the weapon as object ("rockets
    # were launched"), not the target ("the missile was shot down")
    deps = ("compound", "amod", "nmod", "nsubj", "npadvmod") + (("nsubjpass", "dobj") if theme else ())
    near = [c for c in tok.children if c.dep_ in deps]
    for p in tok.children:
        if p.dep_ in ("prep", "agent") and p.lemma_ in ("with", "by", "using", "from"):
            for o in p.children:
                near.append(o)
                near.extend(c for c in o.children if c.dep_ in ("compound", "amod"))
                # "with dozens of drones": look through the quantity
                near.extend(g for q in o.children if q.dep_ == "prep" and q.lower_ == "of" for g in q.children)
    if tok.lemma_.lower() in ASSAULT_MODE_CUES:
        near.append(tok)
    for c in near:
        mode = ASSAULT_MODE_CUES.get(c.lemma_.lower()) or ASSAULT_MODE_CUES.get(c.lower_)
        if mode:
            return mode
    return current


def _complement_tokens(tok: Token) -> set[int]:
    """Where the content of a content-taking trigger lies: its complement clause or object."""
    out: set[int] = set()
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj":  # "reiterated its demand today that Israel ease ..."
        for c in tok.head.children:
            if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                out.update(t.i for t in c.subtree)
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "acl", "advcl") or (
            c.dep_ == "prep" and c.lemma_ in ("for", "to", "of", "on", "upon", "with", "about")
        ):
            if c.dep_ == "advcl" and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                continue
            out.update(t.i for t in c.subtree)
    return out


class EventExtractor:
    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.event_nouns = frozenset(r.lemma for r in self.lex.rules if r.pos == "N") | {"summons"}
        self._finder: ArgumentFinder | None = None
        self._trigger_tokens: set[int] = set()

    def extract(self, article: Article, doc: Doc) -> list[Event]:
        mentions = MentionIndex.build(article.entities)
        finder = ArgumentFinder(doc, mentions, self.event_nouns)
        self._finder = finder
        tindex = TimeIndex.build(doc, article.times)
        triggers = find_triggers(
            doc, self.lex, skip=lambda t: _in_time_or_name(t, tindex, mentions, finder) and t.pos_ != "VERB"
        )
        cands = [self._candidate(article, finder, tok, rule) for tok, rule in triggers]
        cands = [c for c in cands if c is not None]
        cands.extend(self._obligations(doc, finder))
        self._content(cands)
        self._protest_topics(cands)
        self._merge_light(cands)
        live = [c for c in cands if not c.suppressed]
        self._trigger_tokens = {c.tok.i for c in live}
        for c in live:
            self._context(c, finder)
            self._refine(c)
        live = self._merge_coordinated(live)
        self._dates(article, doc, tindex, live)
        self._discourse(live, finder)
        self._reactions(live, finder)
        events = []
        for c in live:
            self._confidence(c)
            if c.confidence < MIN_CONFIDENCE:
                continue
            if c.rule.has("needs_arg") and not c.actor and not c.recipient:
                continue
            self._condition_party(c, finder)
            self._content_party(c, finder)
            self._place_target(c, finder)
            events.append(self._event(article, c, len(events) + 1))
        return events

    # --- 1-2: triggers and arguments -------------------------------------------------------
    def _candidate(self, article: Article, finder: ArgumentFinder, tok: Token, rule: TriggerRule) -> Candidate | None:
        c = Candidate(tok, rule, rule.type, rule.mode, paragraph=_paragraph_index(article, tok.idx))
        if rule.pos == "V":
            args = finder.verb_args(tok, rule)
        elif rule.pos == "A":
            gov = tok.head if tok.dep_ in ("acomp", "xcomp") else tok
            args = finder.verb_args(gov, rule) if is_verb(gov) else finder.noun_args(tok, rule)
            if is_verb(gov):
                args["recipient"] = []
        else:
            args = finder.noun_args(tok, rule)
        c.actor = finder.refs(args["actor"])  # type: ignore[arg-type]
        c.recipient = finder.refs(args["recipient"])  # type: ignore[arg-type]
        c.negative_subject = bool(args["negative_subject"])
        c.recipient_toks = list(args["recipient"])  # type: ignore[call-overload]
        taken = {t.i for t in args["actor"] + args["recipient"]}  # type: ignore[operator]
        loc = finder.location(tok, args["preps"], taken)  # type: ignore[arg-type]
        if loc is None and tok.pos_ == "NOUN" and tok.head.i != tok.i and is_verb(tok.head):
            loc = finder.location(tok.head, prep_objects(tok.head), taken)
        if loc is None:  # "the attack on a border post in Tajikistan"
            for t in args["recipient"]:  # type: ignore[union-attr]
                loc = finder.location(t, prep_objects(t), taken)
                if loc is not None:
                    break
        if loc is not None:
            c.location = finder.ref(loc, owner_for_actions=False)
        # a visit's destination is where it happened
        if c.type == "CONSULT" and c.mode == "visit" and c.location is None and c.recipient:
            for word, o in args["preps"]:  # type: ignore[union-attr]
                if word == "to" and finder.is_place(o):
                    c.location = finder.ref(o, owner_for_actions=False)
        # an actor that is also the recipient is a parse slip ("X's visit to X")
        c.recipient = [r for r in c.recipient if all(r.text != a.text for a in c.actor)]
        c.producer = PRODUCER_PREFIX + rule.id
        return c

    # --- 3: content of requests, refusals, promises, threats ------------------------------------
    def _content(self, cands: list[Candidate]) -> None:
        by_tok = {c.tok.i: c for c in cands}
        for c in sorted(cands, key=lambda c: -c.tok.i):
            if not c.rule.has("content") and c.rule is not OBLIGATION_RULE:
                continue
            region = (
                {t.i for ch in c.tok.children if ch.dep_ == "ccomp" for t in ch.subtree}
                if c.rule is OBLIGATION_RULE
                else _complement_tokens(c.tok)
            )
            inner = [by_tok[i] for i in sorted(region) if i in by_tok and not by_tok[i].suppressed]
            if not inner:
                if not c.recipient and self._finder is not None:  # "demanded that Mugabe abandon ..."
                    for ch in c.tok.children:
                        if ch.dep_ == "ccomp":
                            subj = [s for s in ch.children if s.dep_ in ("nsubj", "nsubjpass")]
                            c.recipient = [r for r in self._finder.refs(subj) if all(_differs(r, a) for a in c.actor)]
                            break
                continue
            first = inner[0]
            # the content is the first event of the complement and those coordinated with it; events
            # further down (in a relative clause, say) are told in passing and stay events
            for x in inner:
                if x is first or x.tok.i in {t.i for t in first.tok.conjuncts}:
                    x.suppressed = True
            c.extra["_inner"] = first
            c.extra["content"] = {
                "type": first.type,
                "mode": first.mode,
                "trigger": first.tok.text,
                "negated": first.ctx.negated,
            }
            if c.tok.lemma_ == "order" and first.type in CONFLICT_TYPES:
                c.type, c.mode = first.type, first.mode  # an order to coerce is the coercion
                c.recipient = list(first.recipient)
                c.extra["ordered"] = [a.text for a in first.actor]
            elif c.type == "AGREE" and first.type in ("RETREAT", "CONCEDE"):
                c.type, c.mode = "CONCEDE", None  # PLOVER: an announced future retreat is CONCEDE
            elif c.type == "AGREE" and first.type in CONFLICT_TYPES:
                c.type = "THREATEN"
                c.mode = THREAT_MODE.get(first.type) or COERCE_THREAT_MODE.get(first.mode or "")
            elif c.type == "THREATEN" and c.mode is None:
                c.mode = THREAT_MODE.get(first.type) or COERCE_THREAT_MODE.get(first.mode or "")
            elif c.type in ("REQUEST", "REJECT") and c.mode is None:
                c.mode = REQUEST_MODE.get(first.type, "change" if first.type in ("ACCUSE", "SUPPORT") else None)
            if not c.recipient and "ordered" not in c.extra:
                rec = first.recipient or [a for a in first.actor if all(a.text != b.text for b in c.actor)]
                if c.type == "REQUEST" and self._finder is not None:  # "demanded that X cancel ...": X is asked
                    asked = [s for ch in c.tok.children if ch.dep_ == "ccomp" for s in ch.children if s.dep_ == "nsubj"]
                    asked_refs = [r for r in self._finder.refs(asked) if all(_differs(r, a) for a in c.actor)]
                    rec = asked_refs or rec
                c.recipient = list(rec)
            c.extra["content"]["recipient"] = [r.text for r in first.recipient]

    def _obligations(self, doc: Doc, finder: ArgumentFinder) -> list[Candidate]:
        """ "X said Y must withdraw": the speaker demands it of Y (a REQUEST whose content is the clause)."""
        out = []
        for tok in doc:
            if tok.dep_ != "ccomp" or REPORT_VERBS.get(tok.head.lemma_.lower()) != "asserts":
                continue
            if not any(a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX for a in tok.children):
                continue
            speaker = [s for s in subject_of(tok.head)]
            addressee = [s for s in tok.children if s.dep_ in ("nsubj", "nsubjpass")]
            if not speaker or not addressee:
                continue
            c = Candidate(tok.head, OBLIGATION_RULE, "REQUEST", None)
            c.actor = finder.refs(speaker)
            c.recipient = [r for r in finder.refs(addressee) if all(_differs(r, a) for a in c.actor)]
            if not c.recipient:
                continue
            c.producer = PRODUCER_PREFIX + OBLIGATION_RULE.id
            c.extra["obligation"] = tok.text
            out.append(c)
        return out

    def _protest_topics(self, cands: list[Candidate]) -> None:
        """The demand a protest makes is its topic, not a separate REQUEST (PLOVER manual, PROTEST)."""
        protests = {c.tok.i: c for c in cands if c.type == "PROTEST" and not c.suppressed}
        # "staged demonstrations ... to demand": the demand hangs on the verb carrying the protest
        protests.update({c.tok.head.i: c for c in protests.values() if c.tok.dep_ in ("dobj", "nsubj")})
        if not protests:
            return
        for c in cands:
            if c.type != "REQUEST" or c.suppressed:
                continue
            for depth, a in enumerate(c.tok.ancestors):
                if depth > 3:
                    break
                p = protests.get(a.i)
                if p is not None:
                    c.suppressed = True
                    p.extra["demand"] = c.tok.text
                    p.recipient = p.recipient or c.recipient
                    break

    @staticmethod
    def _merge_coordinated(cands: list[Candidate]) -> list[Candidate]:
        """ "fought together and defeated X": coordinated verbs of one type and actor are one event.

        Merged when the verbs are conjuncts, type, actors, negation and modality agree, and the
        recipients agree or one side has none (coordinated verbs share their object's party). The
        event keeps the first trigger; the other verb goes to ``extra.coordinated``.
        """
        by_tok = {c.tok.i: c for c in cands}
        gone: set[int] = set()
        for c in sorted(cands, key=lambda c: c.tok.i):
            if c.tok.i in gone or c.tok.pos_ != "VERB":
                continue
            for t in c.tok.conjuncts:
                o = by_tok.get(t.i)
                if o is None or t.i in gone or t.i < c.tok.i or o.type != c.type:
                    continue
                if [a.text for a in o.actor] != [a.text for a in c.actor] or not c.actor:
                    continue
                if (o.ctx.negated, o.ctx.modality) != (c.ctx.negated, c.ctx.modality):
                    continue
                rc, ro = [r.text for r in c.recipient], [r.text for r in o.recipient]
                if rc and ro and rc != ro:
                    continue
                gone.add(t.i)
                c.recipient = c.recipient or o.recipient
                c.recipient_toks = c.recipient_toks or o.recipient_toks
                c.location = c.location or o.location
                c.mode = c.mode or o.mode
                c.date = c.date or o.date
                c.extra.setdefault("coordinated", []).append(o.tok.text)
        return [c for c in cands if c.tok.i not in gone]

    def _merge_light(self, cands: list[Candidate]) -> None:
        """ "attended the meeting", "paid a visit": one event, not two of the same type."""
        by_tok = {c.tok.i: c for c in cands}
        for c in cands:
            outer = by_tok.get(c.tok.head.i)
            if (
                c.rule.pos == "V"
                and c.tok.dep_ in ("advcl", "xcomp")
                and outer is not None
                and outer.type == c.type
                and not outer.suppressed
                and not c.suppressed
            ):  # "met ... to discuss", "blocked roads to protest": one event, told twice
                c.suppressed = True
                outer.recipient = outer.recipient or c.recipient
                outer.location = outer.location or c.location
                outer.mode = outer.mode or c.mode
                continue
            if c.suppressed or c.rule.pos != "N":
                continue
            if c.tok.dep_ == "nsubj" and outer is not None and outer.type == c.type and not outer.suppressed:
                outer.suppressed = True  # "the rocket attack destroyed the depot": one attack
                c.recipient = c.recipient or outer.recipient
                c.location = c.location or outer.location
                continue
            head = c.tok.head
            if head.dep_ == "prep":
                head = head.head
            outer = by_tok.get(head.i)
            if outer is None or outer is c or outer.suppressed or outer.type != c.type:
                continue
            c.suppressed = True
            outer.actor = outer.actor or c.actor
            outer.recipient = outer.recipient or c.recipient
            outer.location = outer.location or c.location
            outer.mode = outer.mode or c.mode

    # --- 4: context ---------------------------------------------------------------------------
    def _context(self, c: Candidate, finder: ArgumentFinder) -> None:
        c.ctx = read_context(c.tok)
        if c.negative_subject:
            c.ctx.negated = True
        if c.ctx.source is not None and not finder._is_action(c.ctx.source):
            c.source = finder.ref(c.ctx.source)
        elif c.ctx.source is not None:  # "the attack showed ...": not a party, so not a source
            c.ctx.source = None
        if c.source is None and c.ctx.stance == "asserts":  # an assertion by nobody named is just told
            c.ctx.stance = None
            if c.ctx.modality == "reported":
                c.ctx.modality = "asserted"

    def _refine(self, c: Candidate) -> None:
        tok = c.tok
        if c.type == "ASSAULT":
            c.mode = _assault_mode(tok, c.mode, c.rule.has("theme"))
        remote = ("phone", "telephone", "videoconference")
        if c.type == "CONSULT" and c.mode is None and any(t.lemma_.lower() in remote for t in tok.subtree):
            c.mode = "phone"  # "spoke by phone with", "held talks by telephone"
        if c.type == "MOBILIZE" and c.mode == "troops" and tok.lemma_ in ("deploy", "send"):
            words = {t.lemma_.lower() for t in tok.subtree}
            if words & AID_PURPOSE and any(w == "to" for w, _ in _preps(tok)):
                c.type, c.mode = "AID", None
                c.extra["refined"] = "deployment with an assistance purpose is AID"
        if c.ctx.negated and c.type == "AGREE" and tok.lemma_.lower() in ("accept", "agree", "agreement"):
            c.extra["negated_of"] = c.type  # "will not accept", "failed to reach agreement": a refusal
            c.type, c.mode = "REJECT", None
            c.ctx.negated = False
        if c.type == "MOBILIZE" and c.mode == "troops":
            words = {t.lemma_.lower() for t in tok.subtree} | {t.lemma_.lower() for t in tok.head.subtree}
            if words & {"peacekeeping", "peacekeeper", "humanitarian"}:
                c.type, c.mode = "AID", None
                c.extra["refined"] = "peacekeeping deployment is AID"
        if c.ctx.modality == "expected" and c.type in CONFLICT_TYPES - {"THREATEN"} and tok.pos_ == "VERB":
            c.extra["future_of"] = {"type": c.type, "mode": c.mode}  # "said they would boycott": a threat
            c.type, c.mode = "THREATEN", THREAT_MODE.get(c.type) or COERCE_THREAT_MODE.get(c.mode or "")
        elif c.ctx.modality == "expected" and c.type in FUTURE_AS_AGREE:
            c.extra["future_of"] = {"type": c.type, "mode": c.mode}
            c.type, c.mode = "AGREE", None
        elif c.ctx.modality == "expected" and c.type == "RETREAT":
            c.extra["future_of"] = {"type": c.type, "mode": c.mode}
            c.type, c.mode = "CONCEDE", None

    # --- 5: dates -----------------------------------------------------------------------------
    def _dates(self, article: Article, doc: Doc, tindex: TimeIndex, cands: list[Candidate]) -> None:
        trig = {c.tok.i for c in cands}
        owned = times_by_owner(doc, tindex, trig)
        occasions = occasion_index(doc)
        by_sent: dict[int, list[Candidate]] = {}
        for c in cands:
            by_sent.setdefault(c.tok.sent.start, []).append(c)
        for group in by_sent.values():
            claimed: set[str] = set()
            chains = {}
            for c in group:
                chain = clause_chain(c.tok)
                chains[c.tok.i] = chain
                for i in chain:
                    claimed.update(owned.get(i, []))
            sent = group[0].tok.sent
            in_sent = [tid for tid, h in tindex.head.items() if sent.start <= h < sent.end]
            for c in group:
                hit = next((owned[i] for i in chains[c.tok.i] if owned.get(i)), None)
                if not hit:  # "fought and defeated Germany in 1945": coordinated verbs share a date
                    sib = [t.i for t in c.tok.conjuncts]
                    hit = next((owned[i] for i in sib if owned.get(i)), None)
                if hit:
                    tid = min(hit, key=lambda t: (not _adverbial(doc[tindex.head[t]]), abs(tindex.head[t] - c.tok.i)))
                    c.date = self._date(tindex, tid, False)
                    c.extra["date_source"] = "clause"
                    continue
                free = [t for t in in_sent if t not in claimed]
                if free:
                    tid = min(free, key=lambda t: abs(tindex.head[t] - c.tok.i))
                    c.date = self._date(tindex, tid, False)
                    c.extra["date_source"] = "sentence"
                    continue
                # a future or hypothetical event does not happen on the date the story just told
                future = c.ctx.modality in ("expected", "hypothetical")
                prev = None if future else context_date(article, tindex, sent.start_char)
                if prev is not None:
                    c.date = EventDate(time=prev.id, value=prev.value, inferred=True)
                    c.extra["date_source"] = "context"
                elif not future and (scene := scene_date(article, doc, tindex, c.tok, occasions)) is not None:
                    c.date = EventDate(time=scene.id, value=scene.value, inferred=True)
                    c.extra["date_source"] = "scene"
                else:
                    c.date = article_date(article)
                    c.extra["date_source"] = "article" if c.date.value else "none"

    @staticmethod
    def _date(tindex: TimeIndex, tid: str, inferred: bool) -> EventDate:
        t = tindex.get(tid)
        return EventDate(time=tid, value=t.value if t else None, inferred=inferred)

    # --- 6: discourse -------------------------------------------------------------------------
    def _discourse(self, cands: list[Candidate], finder: ArgumentFinder) -> None:
        cands.sort(key=lambda c: c.tok.i)
        for i, c in enumerate(cands):
            earlier = [p for p in cands[:i] if p.paragraph == c.paragraph]
            if _is_visit(c) and not c.recipient:
                prev = next(
                    (p for p in reversed(earlier) if p.recipient and _is_visit(p)),
                    None,
                )
                if prev is not None:
                    c.recipient = list(prev.recipient)
                    c.location = c.location or prev.location
                    c.extra.setdefault("inherited", []).append("recipient")
            if c.rule.pos == "N" and not c.actor and not c.recipient:
                dets = {d.lower_ for d in c.tok.children if d.dep_ in ("det", "poss")}
                if dets & DETERMINERS_ANAPHORIC and "another" not in dets:
                    ante = next((p for p in reversed(earlier) if p.type == c.type), None)
                    if ante is not None:
                        c.actor, c.recipient = list(ante.actor), list(ante.recipient)
                        c.location = c.location or ante.location
                        c.mode = c.mode if c.mode and c.mode != c.rule.mode else (ante.mode or c.mode)
                        if c.extra.get("date_source") in ("context", "article", "none") and ante.date:
                            c.date = ante.date
                            c.extra["date_source"] = "coreference"
                        c.extra["coref"] = ante
            inner = c.extra.pop("_inner", None)
            if inner is not None and not inner.actor and not c.recipient:
                dets = {d.lower_ for d in inner.tok.children if d.dep_ == "det"}
                if dets & DETERMINERS_ANAPHORIC:  # "rejected the accusation": the accuser told before
                    ante = next((p for p in reversed(earlier) if p.type == inner.type and p.actor), None)
                    if ante is not None and all(_differs(a, b) for a in ante.actor for b in c.actor):
                        c.recipient = list(ante.actor)
                        c.extra.setdefault("inherited", []).append("recipient")
            # a speech or statement claiming an attack by someone else: the speaker accuses them
            if (
                c.type in ("ASSAULT", "COERCE")
                and c.ctx.source is not None
                and c.ctx.source_kind == "noun"
                and c.ctx.stance == "asserts"
                and c.actor
                and c.tok.pos_ == "NOUN"
            ):
                src = c.source
                if src is not None and all(_differs(a, src) for a in c.actor):
                    claim = {"type": c.type, "mode": c.mode, "actor": [a.text for a in c.actor]}
                    claim_recipient = [r.text for r in c.recipient]
                    c.recipient = list(c.actor)
                    c.actor = [src]
                    c.extra["claim"] = claim | {"recipient": claim_recipient}
                    c.type, c.mode = "ACCUSE", "allege"
                    c.ctx.source = None
                    c.source = None
                    c.ctx.stance = None
                    c.ctx.modality = "asserted"
                    c.producer = PRODUCER_PREFIX + "accuse.reported_attack"
                    c.trigger_override = c.ctx.cue_token or c.tok

    def _reactions(self, cands: list[Candidate], finder: ArgumentFinder) -> None:
        """ "Iran condemned the strikes": the party condemned is whoever carried the strikes out."""
        by_tok = {c.tok.i: c for c in cands}
        for c in cands:
            if c.type not in ("ACCUSE", "REJECT", "SUPPORT", "REQUEST") or c.rule.pos != "V":
                continue
            for obj in c.tok.children:
                inner = by_tok.get(obj.i) if obj.dep_ == "dobj" else None
                if inner is None or inner is c or not inner.actor:
                    continue
                if all(_differs(a, b) for a in inner.actor for b in c.actor):
                    c.extra["about"] = {"type": inner.type, "trigger": inner.tok.text}
                    c.recipient = list(inner.actor)

    @staticmethod
    def _condition_party(c: Candidate, finder: ArgumentFinder) -> None:
        """ "threatened to halt talks if the US deploys missiles", "will withdraw unless X holds
        elections": a threat's target is whoever must meet its condition (the subject of its
        *if/unless* clause), when the threat names no recipient itself."""
        if c.type != "THREATEN" or c.recipient:
            return
        for t in c.tok.subtree:
            if t.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in t.children):
                continue
            subj = [s for s in t.children if s.dep_ in ("nsubj", "nsubjpass") and finder.is_party(s)]
            rec = [r for r in finder.refs(subj) if all(_differs(r, a) for a in c.actor)]
            if rec:
                c.recipient = rec
                c.extra["recipient_source"] = "condition"
                return

    @staticmethod
    def _content_party(c: Candidate, finder: ArgumentFinder) -> None:
        """ "threatened to deliver blows to X", "vowed to fight against X": with no recipient of its
        own, a content-taking event is aimed at the party its content is aimed at (the first named
        party under *against/to/with/on* in the complement, with its conjuncts)."""
        if c.recipient or not c.rule.has("content"):
            return
        region = _complement_tokens(c.tok)
        for i in sorted(region):
            t = c.tok.doc[i]
            if t.dep_ != "pobj" or t.head.lower_ not in ("against", "to", "with", "toward", "towards", "on", "upon"):
                continue
            ent = finder.mentions.entity(finder.entity_at(t))
            if ent is None or ent.type in ("PLACE", "EVENT", "OTHER"):
                continue
            rec = [r for r in finder.refs([t]) if all(_differs(r, a) for a in c.actor)]
            if rec:
                c.recipient = rec
                c.extra["recipient_source"] = "content"
                return

    def _place_target(self, c: Candidate, finder: ArgumentFinder) -> None:
        """No party targeted: the target is the country of the place it happened in or came from.

        "demonstrated in Belgrade", "withdrew its troops from Lebanon", "evacuated the settlements in
        Gaza": PLOVER codes the place's country as the target when no party is named. Only a
        recipient that is no party (or none) is replaced, but not the thing an attack hit; a named but
        unplaced party stays. Done
        after confidence is set: a target read off a place is no evidence for the event itself.
        """
        known = finder.countries
        own = {known[a.text] for a in c.actor if a.text in known}
        if any(r.text in known and known[r.text] not in own for r in c.recipient):
            return  # a recipient of another country is a target already ("its troops" is not)
        if c.recipient_toks and any(finder.is_party(t) and t.pos_ != "PRON" for t in c.recipient_toks):
            return
        if c.recipient and c.type in ("ASSAULT", "COERCE"):
            return  # "shot down the plane", "razed the houses": the thing hit is the target
        place = None
        if c.location is not None and c.location.text in finder.countries:
            place = c.location
        else:
            preps = [(w, o) for w, o in prep_objects(c.tok) if w in ("from", "in", "into", "to", "at", "inside")]
            for t in c.recipient_toks:
                preps += [(w, o) for w, o in prep_objects(t) if w in ("from", "in", "into", "to", "at")]
            if c.rule.has("content"):  # "threatened to impose a curfew in Algiers"
                region = _complement_tokens(c.tok)
                preps += [
                    (o.head.lower_, o)
                    for o in (c.tok.doc[i] for i in sorted(region))
                    if o.dep_ == "pobj" and o.head.lower_ in ("from", "in", "into", "at", "inside")
                ]
            for _w, o in preps:
                ent = finder.mentions.entity(finder.entity_at(o))
                if ent is not None and ent.type in ("STATE", "PLACE"):
                    ref = finder.ref(o, owner_for_actions=False)
                    if ref.entity and ref.text in finder.countries:
                        place = ref
                        break
        if place is None or any(not _differs(place, a) for a in c.actor):
            return
        if c.recipient:  # what the event acted on stays told: "its troops", "the settlements"
            c.extra["theme"] = [r.text for r in c.recipient]
        c.recipient = [place]
        c.extra["recipient_source"] = "place"

    def _confidence(self, c: Candidate) -> None:
        conf = c.rule.confidence * _backgrounding(c.tok, self._trigger_tokens)
        ents = sum(1 for r in c.actor + c.recipient if r.entity)
        if not c.actor and not c.recipient:
            conf *= 0.7
        elif ents == 0:
            conf *= 0.85
        elif c.actor and c.recipient and ents >= 2:
            conf = min(0.99, conf + 0.05)
        if "coref" in c.extra or "inherited" in c.extra:
            conf *= 0.9
        c.confidence = round(max(0.05, min(0.99, conf)), 3)

    # --- output ---------------------------------------------------------------------------
    def _countries(self, c: Candidate) -> dict[str, list[str]]:
        """Country of each side (ISO3), from the entity or, failing that, the argument phrase (countries.py)."""
        known = self._finder.countries if self._finder is not None else {}
        out = {}
        for role, rs in (("actor", c.actor), ("recipient", c.recipient)):
            codes = sorted({known[r.text] for r in rs if r.text in known})
            if codes:
                out[role] = codes
        # a protest naming no target is against the authorities of the country it is held in (its
        # place, else its protesters' own country: "Algerian landowners began a hunger strike")
        if c.type == "PROTEST" and "recipient" not in out and not c.recipient:
            code = known.get(c.location.text) if c.location is not None else None
            code = code or (out.get("actor") or [None])[0]
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

    def _event(self, article: Article, c: Candidate, n: int) -> Event:
        tok = c.trigger_override or c.tok
        sent = c.tok.sent
        s_start, s_text = sent.start_char, article.text[sent.start_char : sent.end_char]
        stripped = s_text.strip()
        s_start += len(s_text) - len(s_text.lstrip())
        extra: dict[str, Any] = {
            "depth": sum(1 for _ in c.tok.ancestors),
            "quad": QUAD.get(c.type),
            "plover_score": score(c.type, c.mode),
            "rule": c.rule.id,
            "cameo": c.rule.cameo,
        }
        for k, v in c.extra.items():
            if k == "coref":
                continue
            extra[k] = v
        if "coref" in c.extra:
            extra["coref_trigger"] = {"text": c.extra["coref"].tok.text, "start": c.extra["coref"].tok.idx}
        if c.ctx.cue:
            extra["context_cue"] = c.ctx.cue
        countries = self._countries(c)
        if countries:
            extra["countries"] = countries
        for k in ("actor_country_source", "recipient_country_source"):
            if k in c.extra:
                extra[k] = c.extra[k]
        return Event(
            id=f"ev{n}",
            type=c.type,
            mode=c.mode,
            actor=_one_or_list(c.actor),
            recipient=_one_or_list(c.recipient),
            location=c.location,
            date=c.date or EventDate(None, None),
            trigger=Mention(tok.idx, tok.idx + len(tok.text), tok.text),
            sentence=Mention(s_start, s_start + len(stripped), stripped),
            context=Context(
                negated=c.ctx.negated,
                modality=c.ctx.modality,  # type: ignore[arg-type]
                source=c.source,
                stance=c.ctx.stance,  # type: ignore[arg-type]
            ),
            confidence=c.confidence,
            producer=c.producer,
            extra=extra,
        )


BACKGROUND_MARKS = {"after", "before", "since", "following", "when", "while", "as", "until", "because"}


def _backgrounding(tok: Token, triggers: set[int] | frozenset[int] = frozenset()) -> float:
    """Lower the weight of events told as background: in an "after ..." clause, the object of
    another event verb ("lifted the curfew"), or the purpose of another action ("to demand ...").

    Such events stay in the record; the weight only decides which event a sentence is mainly about.
    """
    factor = 1.0
    for a in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in a.children) and a.dep_ == "advcl":
            factor *= 0.75
            break
        if a.dep_ == "pobj" and a.head.lower_ in BACKGROUND_MARKS:
            factor *= 0.75
            break
    if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        factor *= 0.85  # "... to demand reforms": the purpose of the main action
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.i in triggers:
        factor *= 0.9  # "shortened the curfew": the verb is the event, the noun its theme
    return factor


TIME_PREPS = {"on", "in", "at", "during", "since", "until", "by", "before", "after"}


def _adverbial(tok: Token) -> bool:
    """A time attached as an adverbial ("on Monday", "last week") rather than a dateline or a noun."""
    return tok.dep_ in ("npadvmod", "tmod", "advmod") or (tok.dep_ == "pobj" and tok.head.lower_ in TIME_PREPS)


def _is_visit(c: Candidate) -> bool:
    return c.type in ("CONSULT", "AGREE") and (c.mode == "visit" or c.extra.get("future_of", {}).get("mode") == "visit")


def _differs(a: Ref, b: Ref) -> bool:
    """Two references name different parties (by entity when both resolved, else by text)."""
    if a.entity and b.entity:
        return a.entity != b.entity
    return a.text.lower() != b.text.lower()


def _preps(tok: Token) -> list[tuple[str, Token]]:
    from kronika.events.syntax import prep_objects

    return prep_objects(tok)


def _one_or_list(refs: list[Ref]) -> Ref | list[Ref] | None:
    if not refs:
        return None
    return refs[0] if len(refs) == 1 else list(refs)


__all__ = ["EventExtractor", "find_triggers", "subject_of"]
