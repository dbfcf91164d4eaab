"""Step 4: negation, modality, source and stance of each event, and what they change.

The reading itself is in ``context.py``; here it is attached to the candidate (the source turned
into a reference) and PLOVER's rules that depend on it are applied: a future CONSULT, SUPPORT,
COOPERATE or AID is AGREE, a future RETREAT is CONCEDE, an announced conflict action is THREATEN,
and a negated acceptance is a REJECT. The weapon of an attack gives its mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kronika.events.candidate import COERCE_THREAT_MODE, CONFLICT_TYPES, THREAT_MODE, Candidate
from kronika.events.context import read_context
from kronika.events.syntax import prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kronika.events.arguments import ArgumentFinder

FUTURE_AS_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
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
# Words saying a deployment is to help, not to threaten: "sent troops to help restore order".
AID_PURPOSE = frozenset(
    {
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
)
REMOTE_WORDS = ("phone", "telephone", "videoconference")
# A promised answer to a hostile act is a threat: "promised a calibrated response", "vowed revenge".
PROMISE_VERBS = frozenset({"promise", "vow", "pledge", "swear"})
RESPONSE_NOUNS = frozenset({"response", "retaliation", "reply", "revenge", "retribution", "answer", "reprisal"})


def read_modality(c: Candidate, finder: ArgumentFinder) -> None:
    """Attach the context reading: negation, modality, and the source as a party reference."""
    c.ctx = read_context(c.tok)
    if c.negative_subject:
        c.ctx.negated = True
    if c.ctx.source is not None and not finder.is_action(c.ctx.source):
        c.source = finder.ref(c.ctx.source)
    elif c.ctx.source is not None:  # "the attack showed ...": not a party, so not a source
        c.ctx.source = None
    if c.source is None and c.ctx.stance == "asserts":  # an assertion by nobody named is just told
        c.ctx.stance = None
        if c.ctx.modality == "reported":
            c.ctx.modality = "asserted"


def assault_mode(tok: Token, current: str | None, theme: bool = False) -> str | None:
    """The PLOVER ASSAULT mode from the weapon named around the trigger ("drone strike", "with rockets")."""
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


def refine(c: Candidate) -> None:
    """Type and mode decisions that need the context: modes, aid deployments, PLOVER's future rules."""
    tok = c.tok
    if c.type == "ASSAULT":
        c.mode = assault_mode(tok, c.mode, c.rule.has("theme"))
    if c.type == "CONSULT" and c.mode is None and any(t.lemma_.lower() in REMOTE_WORDS for t in tok.subtree):
        c.mode = "phone"  # "spoke by phone with", "held talks by telephone"
    if c.type == "MOBILIZE" and c.mode == "troops" and tok.lemma_ in ("deploy", "send"):
        words = {t.lemma_.lower() for t in tok.subtree}
        if words & AID_PURPOSE and any(w == "to" for w, _ in prep_objects(tok)):
            c.type, c.mode = "AID", None
            c.extra["refined"] = "deployment with an assistance purpose is AID"
    if (
        c.type == "AGREE"
        and tok.lemma_.lower() in PROMISE_VERBS
        and any(o.dep_ == "dobj" and o.lemma_.lower() in RESPONSE_NOUNS for o in tok.children)
    ):
        c.extra["refined"] = "a promised response is a threat"
        c.type, c.mode = "THREATEN", None
        c.recipient = [r for r in c.recipient if r.text.lower().split()[-1] not in RESPONSE_NOUNS]
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
