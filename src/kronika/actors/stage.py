"""Registers the actors stage."""

from kronika.pipeline import StageContext, register_stage
from kronika.record import Article


@register_stage("kronika.actors.resolve.v1", requires=("text", "doc"), assigns=("entities",))
def actors_stage(article: Article, ctx: StageContext) -> Article:
    return article
