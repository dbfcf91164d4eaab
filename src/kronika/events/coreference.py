"""Who "they", "the two leaders" and "the attack" are, across the whole article.

Two rules that look back beyond the paragraph:

- **Participants.** After a conversation, meeting or talks between named parties, a group named
  only by its role ("the two leaders", "the presidents", "the sides", "they") or an agentless
  passive ("it was agreed", "issues were discussed") stands for the participants of that
  meeting: official readouts tell a call in one sentence and what was said in the next ten. The
  actor becomes the participants (all of them, as PLOVER codes a reciprocal meeting). When the
  text has told no such meeting (a readout whose first line is its title), "the two presidents"
  are the article's two most mentioned heads of state or government of different countries.
- **The same happening.** A definite event noun that names no actor ("the attack", "this
  strike", "the airstrike") takes the actor of the last event of its type the article told with
  one, and its target when it has none ("Police shot a teenager." ... "The shooting took place in
  ..."). Within a paragraph ``discourse.py`` already does this for nouns with no argument at all.
"""

from __future__ import annotations

from kronika.events.candidate import DETERMINERS_ANAPHORIC, Candidate, DocContext, differs
from kronika.events.syntax import is_passive, prep_objects
from kronika.record import Entity, Ref

# Plural nouns naming the parties of a meeting by their role ("the two leaders", "both sides").
ROLE_NOUNS = frozenset(
    {
        "leader",
        "president",
        "side",
        "party",
        "participant",
        "interlocutor",
        "counterpart",
        "head",
        "minister",
        "premier",
        "delegation",
        "negotiator",
    }
)
GROUP_PRONOUNS = frozenset({"they", "we"})
# Offices whose holders are "the leaders" of a readout.
HEAD_TITLES = ("president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "leader", "head of")
NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
MEETING_TYPES = frozenset({"CONSULT"})
# Types told about a meeting's participants in readouts ("they agreed", "the sides discussed").
PARTICIPANT_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "REJECT", "CONCEDE", "REQUEST", "ACCUSE"})


def _parties(c: Candidate) -> list[Ref]:
    """The named parties of a meeting (actor and recipient, resolved to entities, each once)."""
    out: list[Ref] = []
    for r in c.actor + c.recipient:
        if r.entity and all(differs(r, o) for o in out):
            out.append(r)
    return out


def _role_group(c: Candidate) -> bool:
    """The actor is a group named by its role or a plural pronoun, with no party of its own."""
    toks = c.actor_toks
    if not toks or any(r.entity for r in c.actor):
        return False
    for t in toks:
        if t.lower_ in GROUP_PRONOUNS:
            continue
        if t.tag_ != "NNS" or t.lemma_.lower() not in ROLE_NOUNS:
            return False
        if prep_objects(t, {"of"}) or any(ch.dep_ == "poss" for ch in t.children):
            return False  # "the leaders of Peru and Chile", "their leaders": named already
    return True


def _agentless(c: Candidate) -> bool:
    """ "It was agreed", "issues will be discussed": a verb event in the passive with no agent."""
    return not c.actor and c.rule.pos == "V" and is_passive(c.tok)


def _unnamed_meeting(c: Candidate) -> bool:
    """ "the conversation", "the talks": a definite meeting noun whose actor names no person or state."""
    if c.type not in MEETING_TYPES or c.rule.pos != "N":
        return False
    dets = {d.lower_ for d in c.tok.children if d.dep_ in ("det", "poss")}
    return bool(dets & DETERMINERS_ANAPHORIC) and not any(r.entity for r in c.actor)


def _group_size(c: Candidate) -> int | None:
    """How many the role group says it is ("the two leaders", "both sides"), if it says."""
    for t in c.actor_toks:
        for ch in t.children:
            if ch.lower_ in NUMBERS and ch.dep_ in ("nummod", "det", "predet", "amod", "quantmod"):
                return NUMBERS[ch.lower_]
    return None


def principals(entities: list[Entity], size: int | None) -> list[Ref]:
    """The article's most mentioned heads of state or government, one per country."""
    heads = [
        e
        for e in entities
        if e.type == "PERSON" and any(r.title and r.title.lower().startswith(HEAD_TITLES) for r in e.roles)
    ]
    heads.sort(key=lambda e: -len(e.mentions))
    out: list[Ref] = []
    seen: set[str | None] = set()
    for e in heads:
        country = next((r.of for r in e.roles if r.of), e.country)
        if country in seen:
            continue
        seen.add(country)
        out.append(Ref(e.id, e.mentions[0].text if e.mentions else e.name))
    want = size or 2
    return out[:want] if len(out) >= want else []


# Role nouns that name people at the head of states: "the leaders" of a call are its two
# presidents, not the "Russian and Ukrainian representatives" whose talks the call discussed.
HEAD_NOUNS = frozenset({"leader", "president", "premier", "head"})


def _names_heads(c: Candidate) -> bool:
    return any(t.lemma_.lower() in HEAD_NOUNS for t in c.actor_toks)


def participants(dc: DocContext, cands: list[Candidate]) -> None:
    """Give role groups, agentless passives and "the conversation" the last meeting's participants
    ("the leaders": the last meeting of people, else the article's principals)."""
    people = {e.id for e in dc.article.entities if e.type == "PERSON"}
    meeting: list[Ref] = []
    summit: list[Ref] = []  # the last meeting whose parties are people
    for c in sorted(cands, key=lambda c: c.tok.i):
        if c.type in PARTICIPANT_TYPES and (_role_group(c) or _agentless(c) or _unnamed_meeting(c)):
            last = summit if _names_heads(c) else meeting
            found = last or principals(dc.article.entities, _group_size(c))
            if found:
                c.actor = list(found)
                c.recipient = [r for r in c.recipient if all(differs(r, m) for m in found)]
                if c.type in ("CONSULT", "AGREE", "COOPERATE"):
                    c.recipient = []  # reciprocal: all participants are actors
                c.extra["participants"] = [r.text for r in found]
                continue
        if c.type in MEETING_TYPES and len(_parties(c)) >= 2:
            meeting = _parties(c)
            if sum(1 for r in meeting if r.entity in people) >= 2:
                summit = meeting


def same_happening(cands: list[Candidate]) -> None:
    """A definite event noun with no actor takes the actor (and target, place and date) of the
    first event of its type the article told with an actor."""
    ordered = sorted(cands, key=lambda c: c.tok.i)
    for i, c in enumerate(ordered):
        if c.rule.pos != "N" or c.actor:
            continue
        dets = {d.lower_ for d in c.tok.children if d.dep_ in ("det", "poss")}
        if not (dets & DETERMINERS_ANAPHORIC) or "another" in dets:
            continue
        # the first such event: news tells its main happening first, and a bare "the strike"
        # paragraphs later names that one, not the last attack mentioned in passing
        ante = next((p for p in ordered[:i] if p.type == c.type and p.actor), None)
        if ante is None:
            continue
        c.actor = list(ante.actor)
        if not c.recipient:
            c.recipient = [r for r in ante.recipient if all(differs(r, a) for a in c.actor)]
        c.location = c.location or ante.location
        if c.date_source not in ("clause", "sentence") and ante.date is not None:
            c.date, c.date_source = ante.date, "coreference"  # and its date, unless the sentence has one
        c.extra.setdefault("inherited", []).append("actor")
