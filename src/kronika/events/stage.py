"""Registers the events stage: PLOVER events from the parse, the entities and the times."""

from __future__ import annotations

from kronika.events.extract import extract_events
from kronika.events.lexicon import Lexicon, load_lexicon, user_lexicons
from kronika.pipeline import StageContext, register_stage
from kronika.record import Article


def lexicon() -> Lexicon:
    """The bundled lexicon plus the user's files in ``KRONIKA_EVENTS_LEXICON``.

    Parsed once per process and set of files (``load_lexicon`` caches it); the lexicon is
    immutable, so every analysis, concurrent or not, shares it.
    """
    return load_lexicon(None, user_lexicons())


@register_stage("kronika.events.plover.v1", requires=("text", "doc", "entities", "times"), assigns=("events",))
def events_stage(article: Article, ctx: StageContext) -> Article:
    if ctx.doc is None:
        return article
    events = extract_events(article, ctx.doc, lexicon())
    floor = ctx.settings.events_min_confidence
    kept = [e for e in events if e.confidence >= floor]
    for n, e in enumerate(kept, 1):  # ids stay ev1..evN in text order
        e.id = f"ev{n}"
    article.events = kept
    return article
