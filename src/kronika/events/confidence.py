"""Step 7: how much to trust each event, and which candidates are dropped.

The confidence starts from the lexicon row's, is lowered when the event is told as background
("after ..." clauses, the purpose of another action, the theme of another event verb), when no
argument resolves to an entity or an argument was inherited, and raised when both sides resolve.
Events under :data:`MIN_CONFIDENCE`, and events of argument-hungry rows (``needs_arg``: "war",
"meeting", "deal"...) without any argument, are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kronika.events.candidate import DETERMINERS_ANAPHORIC, Candidate

if TYPE_CHECKING:
    from spacy.tokens import Token

MIN_CONFIDENCE = 0.3
BACKGROUND_MARKS = frozenset({"after", "before", "since", "following", "when", "while", "as", "until", "because"})


def backgrounding(tok: Token, triggers: frozenset[int] | set[int] = frozenset()) -> float:
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


def confidence(c: Candidate, trigger_tokens: frozenset[int]) -> float:
    """The candidate's confidence, 0.05-0.99, rounded to three places."""
    conf = c.rule.confidence * backgrounding(c.tok, trigger_tokens)
    ents = sum(1 for r in c.actor + c.recipient if r.entity)
    if not c.actor and not c.recipient:
        conf *= 0.7
    elif ents == 0:
        conf *= 0.85
    elif c.actor and c.recipient and ents >= 2:
        conf = min(0.99, conf + 0.05)
    if c.coref is not None or "inherited" in c.extra:
        conf *= 0.9
    return round(max(0.05, min(0.99, conf)), 3)


# What did it when an ASSAULT's actor is one of these is an accident or a disaster, not an attack
# ("a traffic collision killed a motorcyclist"): not codable.
ACCIDENTS = frozenset(
    {
        "collision",
        "crash",
        "accident",
        "earthquake",
        "quake",
        "storm",
        "flood",
        "flooding",
        "fire",
        "wildfire",
        "landslide",
        "avalanche",
        "disease",
        "virus",
        "heatwave",
        "tsunami",
        "hurricane",
        "typhoon",
        "cyclone",
        "tornado",
        "lightning",
    }
)


# A text or a vote does not act: "a proposed bill that would have allowed ...", "a referendum
# seeking to create ...", "the constitution prohibits ..." are no political actor's events.
INSTRUMENT_NOUNS = frozenset(
    {
        "bill",
        "law",
        "legislation",
        "referendum",
        "constitution",
        "amendment",
        "provision",
        "clause",
        "regulation",
        "charter",
        "treaty",
        "resolution",
        "decree",
        "notice",
    }
)
# A meeting named again as the time of what is told ("during his visit", "following the talks").
FRAME_PREPS = frozenset({"during", "following", "after", "before", "throughout", "since"})


def told_as_frame(c: Candidate, earlier_meetings: set[str]) -> bool:
    """A definite or owned meeting noun under a time preposition, the same noun the article told
    before ("will pay a visit ... During his visit, ..."): a time frame for what the sentence
    tells, not a new mention of the meeting."""
    tok = c.tok
    if c.type != "CONSULT" or tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in FRAME_PREPS:
        return False
    if not any((d.dep_ == "det" and d.lower_ in DETERMINERS_ANAPHORIC) or d.dep_ == "poss" for d in tok.children):
        return False
    return tok.lemma_.lower() in earlier_meetings


# "G7 meetings usually center on politics": what usually happens is no event.
HABITUAL = frozenset({"usually", "normally", "typically", "traditionally", "generally", "routinely", "customarily"})
VEHICLES = frozenset({"car", "vehicle", "truck", "lorry", "bus", "van", "train", "motorcycle", "tram"})


def habitual(tok: Token) -> bool:
    """The trigger's clause tells what usually happens ("usually", "normally", "typically")."""
    for t in [tok, *(a for a in tok.ancestors if a.pos_ in ("VERB", "AUX"))][:2]:
        if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in t.children):
            return True
    return False


def doers(c: Candidate) -> list[Token]:
    """The actor's head words, a relative pronoun read as its antecedent ("a bill that would
    have allowed ...": the bill)."""
    return [t.head.head if t.lower_ in ("which", "that", "who") and t.head.dep_ == "relcl" else t for t in c.actor_toks]


def accidental(c: Candidate) -> bool:
    """An ASSAULT whose doer is an accident, a disaster or a vehicle ("a collision which killed",
    "struck by a car"): not codable."""
    if c.type != "ASSAULT" or not c.actor_toks:
        return False
    return all(  # "a collision which killed": the relative pronoun's antecedent
        d.lemma_.lower() in ACCIDENTS
        or (d.lemma_.lower() in VEHICLES and not any(m.lemma_.lower() == "bomb" for m in d.children))
        for d in doers(c)
    )


# Relation nouns name a standing relation more often than a happening: as the topic of a noun or
# of a verb of talking ("the prospects of strategic partnership", "the level of cooperation",
# "discussed trade and economic cooperation") they are what was talked about, no event.
RELATION_NOUNS = frozenset({"cooperation", "partnership", "trade", "relation", "tie", "interaction", "collaboration"})
TOPIC_VERBS = frozenset(
    {"discuss", "consider", "review", "note", "emphasise", "emphasize", "stress", "underline", "address", "explore"}
)


def relation_as_topic(c: Candidate) -> bool:
    """A COOPERATE relation noun told as a topic (see ``RELATION_NOUNS``)."""
    tok = c.tok
    if c.type != "COOPERATE" or tok.pos_ != "NOUN" or tok.lemma_.lower() not in RELATION_NOUNS:
        return False
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "trade and economic cooperation": the phrase's first noun
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in TOPIC_VERBS


# What a host can host as an event: a meeting ("hosted the talks"), or guests (a party, which the
# host row turns into the recipient). "The site hosted video clips", "hosting the Olympics" are no
# political meeting.
MEETING_NOUNS = frozenset(
    {
        "summit", "talk", "meeting", "conference", "forum", "negotiation", "consultation", "round",
        "session", "dialogue", "delegation", "visit", "visitor", "guest", "ceremony", "congress",
    }
)  # fmt: skip


# What is released when nobody is set free: a text, a picture, figures ("a statement released
# after the attack", "police released footage"). Releasing one is publishing, not RETREAT release.
PUBLISHED = frozenset(
    {
        "statement", "report", "video", "footage", "image", "photo", "photograph", "picture",
        "document", "data", "figure", "detail", "list", "transcript", "communique", "recording",
        "information", "finding", "result", "text", "letter", "note", "album", "film", "book",
        "record", "audio", "map", "study", "survey", "poll", "memo", "readout", "declaration",
    }
)  # fmt: skip


def published(c: Candidate) -> bool:
    """A release of a text, a picture or figures (see ``PUBLISHED``)."""
    tok = c.tok
    if c.type != "RETREAT" or c.mode != "release" or tok.pos_ != "VERB":
        return False
    things = [o for o in tok.children if o.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        things.append(tok.head)  # "a statement released after the attack"
    return bool(things) and all(t.lemma_.lower() in PUBLISHED for t in things)


def no_meeting(c: Candidate) -> bool:
    """A host with neither guests nor a meeting, or "was met with applause" (a reception, not a
    meeting: passive *meet* with *with* and no one meeting)."""
    tok = c.tok
    if c.rule.has("host") and not c.recipient:
        objs = [o for o in tok.children if o.dep_ == "dobj"]
        return bool(objs) and not any(o.lemma_.lower() in MEETING_NOUNS for o in objs)
    if tok.lemma_.lower() == "meet" and any(t.dep_ == "auxpass" for t in tok.children):
        return any(t.dep_ == "prep" and t.lower_ == "with" for t in tok.children) and not any(
            t.dep_ == "agent" for t in tok.children
        )
    return False


def kept(c: Candidate) -> bool:
    """Whether a scored candidate becomes an event."""
    if c.confidence < MIN_CONFIDENCE:
        return False
    if c.actor_toks and all(t.lemma_.lower() in INSTRUMENT_NOUNS and t.pos_ == "NOUN" for t in doers(c)):
        return False
    if c.rule.has("needs_arg") and not c.actor and not c.recipient:
        return False
    if accidental(c) or habitual(c.tok) or relation_as_topic(c) or no_meeting(c) or published(c):
        return False  # "the crash killed two": an accident; "meetings usually center on": no event
    # "Thank you very much": a courtesy, not support of a political actor
    return not (c.type == "SUPPORT" and c.recipient_toks and all(t.lower_ == "you" for t in c.recipient_toks))
