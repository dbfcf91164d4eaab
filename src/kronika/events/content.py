"""Step 3: events inside events, and events told twice in one clause.

"refused to condemn", "urged X to withdraw", "threatened to strike" are one event typed by the
outer word: the inner event becomes its ``extra.content`` and gives its mode and recipient (and a
conflict content turns a promise into a THREATEN). A protest's demand is its topic, not a
REQUEST. "attended the meeting", "met ... to discuss" are one event, not two of the same type.
"""

from __future__ import annotations

from kronika.events.candidate import (
    COERCE_THREAT_MODE,
    CONFLICT_TYPES,
    OBLIGATION_RULE,
    THREAT_MODE,
    Candidate,
    DocContext,
    complement_tokens,
    differs,
)

# The mode of a REQUEST or REJECT, by the type of what is asked for or refused (PLOVER modes).
REQUEST_MODE = {
    "CONSULT": "meet",
    "AGREE": "meet",
    "AID": "assist",
    "COOPERATE": "assist",
    "SUPPORT": "assist",
    "RETREAT": "yield",
    "CONCEDE": "yield",
}


def attach_content(dc: DocContext, cands: list[Candidate]) -> None:
    """The first event in a content-taking trigger's complement becomes its content (suppressed)."""
    finder = dc.finder
    by_tok = {c.tok.i: c for c in cands}
    for c in sorted(cands, key=lambda c: -c.tok.i):
        if not c.rule.has("content") and c.rule is not OBLIGATION_RULE:
            continue
        region = (
            {t.i for ch in c.tok.children if ch.dep_ == "ccomp" for t in ch.subtree}
            if c.rule is OBLIGATION_RULE
            else complement_tokens(c.tok)
        )
        inner = [by_tok[i] for i in sorted(region) if i in by_tok and not by_tok[i].suppressed]
        if not inner:
            if not c.recipient:  # "demanded that Mugabe abandon ..."
                for ch in c.tok.children:
                    if ch.dep_ == "ccomp":
                        subj = [s for s in ch.children if s.dep_ in ("nsubj", "nsubjpass")]
                        c.recipient = [r for r in finder.refs(subj) if all(differs(r, a) for a in c.actor)]
                        break
            continue
        first = inner[0]
        # the content is the first event of the complement and those coordinated with it; events
        # further down (in a relative clause, say) are told in passing and stay events
        for x in inner:
            if x is first or x.tok.i in {t.i for t in first.tok.conjuncts}:
                x.suppressed = True
        c.inner = first
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
            if c.type == "REQUEST":  # "demanded that X cancel ...": X is asked
                asked = [s for ch in c.tok.children if ch.dep_ == "ccomp" for s in ch.children if s.dep_ == "nsubj"]
                asked_refs = [r for r in finder.refs(asked) if all(differs(r, a) for a in c.actor)]
                rec = asked_refs or rec
            c.recipient = list(rec)
        c.extra["content"]["recipient"] = [r.text for r in first.recipient]


def protest_topics(cands: list[Candidate]) -> None:
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


def _told_by_subject(c: Candidate, by_tok: dict[int, Candidate]) -> bool:
    """A verb whose doer is an event noun of its own type ("the attacks ... struck the plant") tells
    that event again: the verb is suppressed and its target given to the noun's event."""
    nouns = [by_tok[t.i] for t in c.actor_toks if t.i in by_tok and t.i != c.tok.i]
    same = [n for n in nouns if n.type == c.type and n.rule.pos == "N" and not n.suppressed]
    if not same:
        return False
    c.suppressed = True
    same[0].recipient = same[0].recipient or c.recipient
    same[0].location = same[0].location or c.location
    return True


def merge_light(cands: list[Candidate]) -> None:
    """ "attended the meeting", "paid a visit": one event, not two of the same type."""
    by_tok = {c.tok.i: c for c in cands}
    for c in cands:
        outer = by_tok.get(c.tok.head.i)
        if c.rule.pos == "V" and not c.suppressed and _told_by_subject(c, by_tok):
            continue  # "the attacks occurred and struck the plant": the attacks struck, one event
        if (
            c.rule.pos == "V"
            and c.tok.dep_ in ("advcl", "xcomp", "acl")
            and outer is not None
            and outer.type == c.type
            and (c.tok.dep_ != "acl" or c.tok.tag_ == "VBG")  # "the agreements reached": the verb tells it
            and (not outer.suppressed or c.tok.dep_ == "acl")
            and not c.suppressed
        ):  # "met ... to discuss", "blocked roads to protest", "the attack using drones": one event
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
            for conj in outer.tok.conjuncts:  # "the attack killed twelve and injured twelve more"
                other = by_tok.get(conj.i)
                own_subject = any(ch.dep_ in ("nsubj", "nsubjpass") for ch in conj.children)
                if other is not None and other.type == c.type and not own_subject:
                    other.suppressed = True
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
