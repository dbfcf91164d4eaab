"""Registers the time stage: fills ``times`` with TIMEX3-normalized expressions anchored at the article date."""

from __future__ import annotations

from kronika.pipeline import StageContext, register_stage
from kronika.record import Article
from kronika.time.resolve import extract_times


@register_stage("kronika.time.normalize.v1", requires=("text", "doc"), assigns=("times",))
def time_stage(article: Article, ctx: StageContext) -> Article:
    """Find and normalize every temporal expression; relative ones against ``metadata.published``.

    Without a usable article date, relative expressions keep X-values (``XXXX-05-03``) flagged
    ``anchor_missing`` and a note tells the user why — never a guessed year presented as fact.
    """
    published = article.metadata.published
    date = article.metadata.published_date  # parsed once, by the reader
    dct = date.day if date else None
    result = extract_times(article.text, dct, ctx.doc)
    article.times = result.times
    if dct is None and (published or result.unresolved):
        why = f"the article date {published!r} is not a full date" if published else "the article has no date"
        article.notes.append(
            f"time: {why}; {result.unresolved} relative time expression(s) left unresolved (anchor_missing: true). "
            "Give the date with --published YYYY-MM-DD."
        )
    return article
