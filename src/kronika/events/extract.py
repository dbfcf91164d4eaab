"""From a parsed article to PLOVER events, in numbered steps, each explainable by the words it points at.

1. triggers: tokens whose lemma (and dependents) match a row of the lexicon (``triggers.py``);
2. arguments: actor, recipient and location from the parse (``triggers.py``, ``arguments.py``);
3. content: "refused to condemn", "urged X to withdraw", "threatened to strike" are one event
   typed by the outer verb; a protest's demand is its topic; an event told twice in one clause is
   one (``content.py``);
4. context: negation, modality, source and stance, and PLOVER's rules that depend on them (a
   future cooperation is AGREE, a future RETREAT is CONCEDE) (``modality.py``, ``context.py``);
5. dates (``event_dates.py``, ``dates.py``);
6. discourse: coordinated verbs are one event, visits and "this strike" take what the paragraph
   told before, a speech claiming an attack is an ACCUSE (``discourse.py``); "the two leaders"
   are the participants of the meeting told before, "the attack" is the attack told before
   (``coreference.py``);
7. confidence and filters (``confidence.py``), then the targets named only around the event and
   the country of each side (``targets.py``), and the record's events (``emit.py``).

Each step is a function over one document's :class:`~kronika.events.candidate.DocContext` and its
candidates; nothing is kept between calls, so documents can be analysed concurrently with one
shared (immutable) lexicon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kronika.events.arguments import ArgumentFinder, MentionIndex
from kronika.events.candidate import DocContext
from kronika.events.confidence import confidence, kept, told_as_frame
from kronika.events.content import attach_content, merge_light, protest_topics
from kronika.events.coreference import participants, same_happening
from kronika.events.dates import TimeIndex
from kronika.events.discourse import discourse, merge_coordinated, reactions
from kronika.events.emit import to_event
from kronika.events.event_dates import assign_dates
from kronika.events.lexicon import Lexicon, load_lexicon
from kronika.events.modality import read_modality, refine
from kronika.events.targets import condition_party, content_party, place_target
from kronika.events.triggers import build_candidate, document_triggers, find_triggers, obligations

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kronika.record import Article, Event


def document_context(article: Article, doc: Doc, lexicon: Lexicon) -> DocContext:
    """What the steps read about one document: mentions, argument finder and times on the parse."""
    mentions = MentionIndex.build(article.entities)
    finder = ArgumentFinder(doc, mentions, lexicon.event_nouns)
    return DocContext(article, doc, lexicon, mentions, finder, TimeIndex.build(doc, article.times))


def extract_events(article: Article, doc: Doc, lexicon: Lexicon | None = None) -> list[Event]:
    """The PLOVER events of ``article`` (parsed as ``doc``), with the bundled lexicon by default."""
    dc = document_context(article, doc, lexicon or load_lexicon())
    # 1-2: triggers and their arguments
    cands = [build_candidate(dc, tok, rule) for tok, rule in document_triggers(dc)]
    cands.extend(obligations(dc))
    # 3: content, protest demands, events told twice
    attach_content(dc, cands)
    protest_topics(cands)
    merge_light(cands)
    live = [c for c in cands if not c.suppressed]
    dc.trigger_tokens = frozenset(c.tok.i for c in live)
    # 4: context
    for c in live:
        read_modality(c, dc.finder)
        refine(c)
    # 5-6: coordination, dates, discourse
    live = merge_coordinated(live)
    assign_dates(dc, live)
    discourse(live, article.metadata.published)
    participants(dc, live)
    same_happening(live)
    reactions(live)
    # 7: confidence, filters, targets and countries
    events: list[Event] = []
    told: set[str] = set()
    for c in sorted(live, key=lambda c: c.tok.i):
        c.confidence = confidence(c, dc.trigger_tokens)
        frame = told_as_frame(c, told)
        told.add(c.tok.lemma_.lower())
        if frame or not kept(c):
            continue
        condition_party(c, dc.finder)
        content_party(c, dc.finder)
        place_target(c, dc.finder)
        events.append(to_event(article, c, len(events) + 1, dc.finder))
    return events


__all__ = ["document_context", "extract_events", "find_triggers"]
