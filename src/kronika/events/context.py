"""Event context: is it negated, how certain is it (modality), and who says so (source, stance).

All of it is read from the words governing the trigger in the parse, so each decision can be
explained by pointing at a word ("would", "deny", "suspicions", "planned").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kronika.events.syntax import NEGATIVE_SUBJECTS, is_verb, prep_objects, subject_of
from kronika.record import Modality, Stance

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs and nouns that report a claim, with the stance the source takes towards it.
REPORT_VERBS: dict[str, Stance] = {
    **dict.fromkeys(
        (
            "say",
            "tell",
            "state",
            "announce",
            "report",
            "confirm",
            "declare",
            "add",
            "note",
            "insist",
            "claim",
            "assert",
            "write",
            "explain",
            "stress",
            "reiterate",
            "acknowledge",
            "admit",
            "show",
            "reveal",
            "tweet",
            "quote",
            "testify",
            "argue",
            "maintain",
            "recall",
            "describe",
            "indicate",
        ),
        "asserts",
    ),
    **dict.fromkeys(("deny", "refute", "dispute", "disavow", "contest"), "deny"),
    **dict.fromkeys(("suspect", "believe", "think", "fear", "speculate", "allege", "surmise", "presume"), "suspects"),
}
REPORT_NOUNS: dict[str, Stance] = {
    **dict.fromkeys(
        (
            "speech",
            "statement",
            "remark",
            "address",
            "interview",
            "report",
            "announcement",
            "declaration",
            "claim",
            "assertion",
            "message",
            "communique",
            "post",
            "words",
        ),
        "asserts",
    ),
    **dict.fromkeys(("denial",), "deny"),
    **dict.fromkeys(("suspicion", "allegation", "speculation", "rumour", "rumor", "theory", "belief"), "suspects"),
}
SUSPECT_ADVERBS = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}
HYPOTHETICAL_AUX = {"could", "might", "may", "should", "must"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_NOUNS = {"risk", "threat", "danger", "possibility", "chance", "prospect", "fear", "scenario", "likelihood"}
HYPOTHETICAL_ADJ = {"possible", "potential", "likely", "unlikely", "probable", "hypothetical", "conceivable"}
EXPECTED_VERBS = {
    "plan",
    "intend",
    "expect",
    "prepare",
    "schedule",
    "aim",
    "hope",
    "want",
    "decide",
    "announce",
    "set",
    "due",
    "wish",
    "mean",
    "propose",
}
EXPECTING_VERBS = {"expect", "anticipate", "await", "predict", "forecast", "plan", "prepare", "schedule"}
EXPECTED_NOUNS = {"plan", "schedule", "intention", "preparation", "bid", "intent", "proposal", "readiness", "agenda"}
EXPECTED_ADJ = {
    "planned",
    "prepared",
    "expected",
    "upcoming",
    "forthcoming",
    "anticipated",
    "impending",
    "looming",
    "future",
    "proposed",
    "scheduled",
    "imminent",
    "intended",
    "next",
    "awaited",
    "prepare",
    "plan",
    "expect",
}
NEGATING_VERBS = {"fail", "refrain", "avoid", "cease", "stop", "forgo", "neglect", "abstain"}
# Verbs whose object did not (or not yet) happen: "cancelled his trip", "the summit was postponed".
CANCEL_VERBS = {"cancel", "postpone", "scrap", "abandon", "shelve", "scrub", "delay", "defer", "suspend"}


def _cancels(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in CANCEL_VERBS:
        return True
    return lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)


NEGATING_PREPS = {"without"}
OCCURRENCE_VERBS = {"happen", "occur", "take", "begin", "start", "continue", "resume", "materialize", "come"}


def _no_position(verb: Token) -> bool:
    """ "is in no position to object", "has no intention to attack": the infinitive does not happen."""
    for p in verb.children:
        if p.dep_ in ("prep", "dobj", "attr"):
            for o in [p, *p.children]:
                if o.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ == "no" for d in o.children):
                    return True
    return False


@dataclass
class ContextReading:
    negated: bool = False
    modality: Modality = "asserted"
    source: Token | None = None
    stance: Stance | None = None
    cue: str | None = None  # the word that decided modality/stance, for explanations
    source_kind: str | None = None  # "verb", "noun" (a speech, a statement), "relcl" or "according"
    cue_token: Token | None = None


def _governors(tok: Token) -> list[tuple[Token, Token]]:
    """(child, governor) pairs from the trigger up to the sentence root."""
    out = []
    cur = tok
    while cur.head.i != cur.i:
        out.append((cur, cur.head))
        cur = cur.head
    return out


def _has_neg(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "hardly", "scarcely")):
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
    return False


# Speech acts a speaker performs by saying "I would like to ...": "I would like to thank you" thanks.
PERFORMATIVE = frozenset(
    {"thank", "congratulate", "welcome", "express", "extend", "convey", "condemn", "apologise", "apologize"}
    | {"praise", "commend", "salute", "assure", "invite", "reaffirm", "reiterate", "emphasise", "emphasize"}
)


def performed(trigger: Token, gov: Token, rel: str) -> bool:
    """ "I would like to thank", "we wish to express": the speaker performs the act in saying it."""
    return (
        rel == "xcomp"
        and trigger.lemma_.lower() in PERFORMATIVE
        and gov.lemma_.lower() in ("like", "love", "wish", "want")
        and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in gov.children)
    )


def _modal(tok: Token) -> Modality | None:
    """Modality marked by the auxiliaries of a verb ("would have" = hypothetical, "will" = expected)."""
    auxes = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if not auxes:
        return None
    if "would" in auxes or "could" in auxes:
        if "have" in auxes or "could" in auxes:
            return "hypothetical"
        return "expected"
    if any(a in HYPOTHETICAL_AUX for a in auxes):
        return "hypothetical"
    if any(a in FUTURE_AUX for a in auxes):
        return "expected"
    if "going" in auxes or (tok.dep_ == "xcomp" and tok.head.lower_ == "going"):
        return "expected"
    return None


def _clause_marked_if(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children)


def read_context(trigger: Token, arg_resolver: object | None = None) -> ContextReading:
    """Negation, modality, source and stance for the event evoked by ``trigger``."""
    ctx = ContextReading()
    modal: Modality | None = None
    crossed_clause = False  # past a reporting verb, negation and modality belong to the report

    # the trigger itself
    if _has_neg(trigger):
        ctx.negated = True
    if is_verb(trigger):
        modal = _modal(trigger)
        if _clause_marked_if(trigger):
            modal = "hypothetical"
        for s in subject_of(trigger):
            if s.lower_ in NEGATIVE_SUBJECTS or any(c.lower_ == "no" for c in s.children if c.dep_ == "det"):
                ctx.negated = True
    else:
        for c in trigger.children:
            if c.dep_ == "amod":
                words = {c.lemma_.lower(), c.lower_} | {g.lemma_.lower() for g in c.children}
                if words & HYPOTHETICAL_ADJ:
                    modal = modal or "hypothetical"
                elif words & EXPECTED_ADJ:
                    modal = modal or "expected"
            if c.dep_ == "relcl" and _modal(c) == "hypothetical" and modal is None:
                modal = "hypothetical"  # "a strike, which would have caused a disaster": it did not happen
            if c.dep_ == "advmod" and c.lower_ in SUSPECT_ADVERBS:
                ctx.stance = ctx.stance or "suspects"
        # "the strike, which X deny any involvement in": the relative clause may hang on the trigger
        # or, by a parse slip, on the last noun of its phrase ("the attack on the depot, which ...")
        for c in trigger.subtree:
            if c.dep_ != "relcl" or ctx.stance is not None:
                continue
            if c.head.i != trigger.i and not (c.head.dep_ == "pobj" and c.head.head.head.i == trigger.i):
                continue
            lemma = c.lemma_.lower()
            if lemma in REPORT_VERBS and REPORT_VERBS[lemma] != "asserts":
                ctx.stance = REPORT_VERBS[lemma]
                subj = subject_of(c)
                ctx.source = subj[0] if subj else None
                ctx.cue = c.text
                ctx.source_kind = "relcl"
    for c in trigger.children:
        if c.dep_ == "advmod" and c.lower_ in SUSPECT_ADVERBS and ctx.stance is None:
            ctx.stance = "suspects"
            ctx.cue = c.text

    # what governs it
    for child, gov in _governors(trigger):
        lemma = gov.lemma_.lower()
        rel = child.dep_
        if gov.pos_ in ("VERB", "AUX"):
            if lemma in REPORT_VERBS and rel == "xcomp" and not crossed_clause:
                # "announced plans to travel", "confirmed it would": an intention, not a report
                modal = modal or "expected"
                crossed_clause = True
                continue
            if (
                lemma in REPORT_VERBS
                and rel in ("ccomp", "dobj", "parataxis", "advcl", "conj")
                and (rel != "conj" or child.pos_ != "VERB")
            ):
                if ctx.source is None and rel != "conj":
                    subj = subject_of(gov)
                    ctx.source = subj[0] if subj else None
                    ctx.source_kind = "verb"
                    if ctx.stance is None:
                        ctx.stance = REPORT_VERBS[lemma]
                        ctx.cue = gov.text
                crossed_clause = True
                continue
            if crossed_clause:
                continue
            if performed(trigger, gov, rel):
                continue
            # "the general's speech on the nation coming under attack" parsed with the speech as the
            # subject of the clause that holds the trigger
            speech = [s for s in gov.children if s.dep_ == "nsubj" and s.lemma_.lower() in REPORT_NOUNS]
            if speech and ctx.source is None and child.i != speech[0].i and rel != "conj":
                owners = [c for c in speech[0].children if c.dep_ == "poss"]
                owners += [o for _w, o in prep_objects(speech[0], {"by", "from"})]
                ctx.source = owners[0] if owners else None
                ctx.stance = ctx.stance or REPORT_NOUNS[speech[0].lemma_.lower()]
                ctx.cue = speech[0].text
                ctx.cue_token = speech[0]
                ctx.source_kind = "noun"
                crossed_clause = True
                continue
            noun_subject = child.pos_ in ("NOUN", "PROPN") and rel in ("nsubj", "nsubjpass")
            if rel in ("xcomp", "ccomp", "advcl", "pcomp", "conj") or child.pos_ in ("NOUN", "PROPN"):
                if rel != "conj" and _has_neg(gov) and (not noun_subject or lemma in OCCURRENCE_VERBS):
                    ctx.negated = True
                if rel in ("advcl", "xcomp", "acl") and _no_position(gov):
                    ctx.negated = True
                if lemma in NEGATING_VERBS and rel == "xcomp":
                    ctx.negated = True
                if rel in ("dobj", "nsubjpass", "xcomp") and _cancels(gov):
                    ctx.negated = True  # "cancelled his visit", "the talks were called off"
                    ctx.cue = ctx.cue or gov.text
                m = _modal(gov)
                if m and rel != "conj" and modal is None:
                    modal = m
                if rel == "xcomp" and lemma in EXPECTED_VERBS and modal is None:
                    modal = "expected"
                if rel == "dobj" and child.i == trigger.i and lemma in EXPECTING_VERBS and modal is None:
                    modal = "expected"  # "analysts expect a new offensive"
                if _clause_marked_if(gov) and rel != "conj":
                    modal = "hypothetical"
            if rel in ("ccomp", "relcl", "csubj") and gov.pos_ in ("VERB", "AUX"):
                crossed_clause = crossed_clause or rel == "relcl"
        elif gov.pos_ in ("NOUN", "PROPN"):
            if crossed_clause:
                continue
            if lemma in REPORT_NOUNS and ctx.source is None:
                ctx.cue_token = gov
                if ctx.stance is None:
                    ctx.stance = REPORT_NOUNS[lemma]
                    ctx.cue = gov.text
                owners = [c for c in gov.children if c.dep_ == "poss"]
                owners += [o for w, o in prep_objects(gov, {"by", "from"})]
                ctx.source = owners[0] if owners else None
                ctx.source_kind = "noun"
                crossed_clause = True
                continue
            if lemma in HYPOTHETICAL_NOUNS and modal is None:
                modal = "hypothetical"
            if lemma in EXPECTED_NOUNS and modal is None:
                modal = "expected"
            if any(c.dep_ == "det" and c.lower_ == "no" for c in gov.children) and rel in ("acl", "prep", "pobj"):
                ctx.negated = True
        elif gov.pos_ == "ADP":
            if lemma in NEGATING_PREPS and not crossed_clause:
                ctx.negated = True
        elif gov.pos_ == "ADJ" and lemma in HYPOTHETICAL_ADJ and modal is None and not crossed_clause:
            modal = "hypothetical"
    # "according to X" anywhere in the trigger's clause
    if ctx.source is None:
        root = trigger.sent.root
        for _word, o in prep_objects(root, {"according"}):
            ctx.source = o
            ctx.stance = ctx.stance or "asserts"
            ctx.cue = "according to"
            ctx.source_kind = "according"
    if modal:
        ctx.modality = modal
    elif ctx.source is not None or ctx.stance in ("deny", "suspects"):
        ctx.modality = "reported"
    return ctx
