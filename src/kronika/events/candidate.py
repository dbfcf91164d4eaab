"""The values the extraction steps pass along: one document's context and its event candidates.

Every step of ``extract.py`` is a function over a :class:`DocContext` (what is fixed for one
document: the record, the parse, the lexicon, the argument finder, the located times) and the list
of :class:`Candidate` events it refines. Nothing is kept between documents or on a shared object,
so several documents can be analysed at once in one process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kronika.events.context import ContextReading
from kronika.events.lexicon import TriggerRule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kronika.events.arguments import ArgumentFinder, MentionIndex
    from kronika.events.dates import TimeIndex
    from kronika.events.lexicon import Lexicon
    from kronika.record import Article, EventDate, Ref

PRODUCER_PREFIX = "rule:"
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"})
# The threat a promise of conflict makes (PLOVER THREATEN modes), by the type of what is promised.
THREAT_MODE = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "SANCTION": "relations",
    "PROTEST": "restrict",
}
COERCE_THREAT_MODE = {"arrest": "arrest", "seize": "territory", "deport": "expel"}
OBLIGATION_RULE = TriggerRule(
    id="request.obligation", lemma="must", pos="V", type="REQUEST", mode=None, confidence=0.7, cameo="100"
)
DETERMINERS_ANAPHORIC = frozenset({"this", "that", "the", "these", "those", "such"})


@dataclass
class DocContext:
    """What every step may read about the document being analysed (built once per document)."""

    article: Article
    doc: Doc
    lexicon: Lexicon
    mentions: MentionIndex
    finder: ArgumentFinder
    times: TimeIndex
    # tokens of the events still standing after content and merging (step 3): an event noun that is
    # the object of one of them is its theme ("lifted the curfew"), which lowers its weight
    trigger_tokens: frozenset[int] = frozenset()


@dataclass
class Candidate:
    """An event being built: the trigger, the lexicon row, and what the steps found so far."""

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
    date_source: str | None = None  # which rule dated it (see event_dates.py)
    background_date: bool = False  # dated by a time told as background (dates.told_as_background)
    confidence: float = 0.0
    paragraph: int = 0
    producer: str = ""
    trigger_override: Token | None = None
    source: Ref | None = None
    recipient_toks: list[Token] = field(default_factory=list)
    actor_toks: list[Token] = field(default_factory=list)
    # the event inside a content-taking trigger ("refused to *condemn*"), until discourse reads it
    inner: Candidate | None = None
    # the earlier event an anaphoric noun ("this strike") took its arguments from
    coref: Candidate | None = None
    # the earlier event (maybe in another paragraph) "the attack" took its date from
    coref_date: Candidate | None = None


def differs(a: Ref, b: Ref) -> bool:
    """Two references name different parties (by entity when both resolved, else by text)."""
    if a.entity and b.entity:
        return a.entity != b.entity
    return a.text.lower() != b.text.lower()


def is_visit(c: Candidate) -> bool:
    """A visit told as happening, or promised (PLOVER files a future visit as AGREE)."""
    return c.type in ("CONSULT", "AGREE") and (c.mode == "visit" or c.extra.get("future_of", {}).get("mode") == "visit")


def paragraph_index(article: Article, offset: int) -> int:
    for i, p in enumerate(article.paragraphs):
        if p.start <= offset < p.end:
            return i
    return 0


def complement_tokens(tok: Token) -> set[int]:
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


def tokens_of(doc: Doc, indices: set[int]) -> list[Token]:
    return [doc[i] for i in sorted(indices)]
