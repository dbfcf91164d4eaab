"""Registers the events stage: PLOVER events from the parse, the entities and the times."""

from __future__ import annotations

from kronika.events.extract import EventExtractor
from kronika.events.lexicon import load_lexicon, user_lexicons
from kronika.pipeline import StageContext, register_stage
from kronika.record import Article

_EXTRACTOR: EventExtractor | None = None


def extractor() -> EventExtractor:
    """One extractor per process (the lexicon is parsed once)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = EventExtractor(load_lexicon(None, user_lexicons()))
    return _EXTRACTOR


@register_stage("kronika.events.plover.v1", requires=("text", "doc", "entities", "times"), assigns=("events",))
def events_stage(article: Article, ctx: StageContext) -> Article:
    if ctx.doc is None:
        return article
    article.events = extractor().extract(article, ctx.doc)
    return article
