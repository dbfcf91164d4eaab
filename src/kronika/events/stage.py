"""Registers the events stage."""

from kronika.pipeline import StageContext, register_stage
from kronika.record import Article


@register_stage("kronika.events.plover.v1", requires=("text", "doc", "entities", "times"), assigns=("events",))
def events_stage(article: Article, ctx: StageContext) -> Article:
    return article
