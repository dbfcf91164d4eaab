"""The last step: a finished candidate becomes an :class:`~kronika.record.Event` of the record."""

from __future__ import annotations

from typing import Any

from kronika.events.arguments import ArgumentFinder
from kronika.events.candidate import Candidate
from kronika.events.plover import QUAD, score
from kronika.events.targets import side_countries
from kronika.record import Article, Context, Event, EventDate, Mention, Ref


def _one_or_list(refs: list[Ref]) -> Ref | list[Ref] | None:
    if not refs:
        return None
    return refs[0] if len(refs) == 1 else list(refs)


def to_event(article: Article, c: Candidate, n: int, finder: ArgumentFinder) -> Event:
    """The record's event ``ev<n>`` for candidate ``c`` (trigger, sentence, context, extra)."""
    tok = c.trigger_override or c.tok
    sent = c.tok.sent
    s_start, s_text = sent.start_char, article.text[sent.start_char : sent.end_char]
    stripped = s_text.strip()
    s_start += len(s_text) - len(s_text.lstrip())
    extra: dict[str, Any] = {
        "depth": sum(1 for _ in c.tok.ancestors),
        "quad": QUAD.get(c.type),
        "plover_score": score(c.type, c.mode),
        "rule": c.rule.id,
        "cameo": c.rule.cameo,
    }
    extra.update(c.extra)
    if c.coref is not None:
        extra["coref_trigger"] = {"text": c.coref.tok.text, "start": c.coref.tok.idx}
    if c.ctx.cue:
        extra["context_cue"] = c.ctx.cue
    countries = side_countries(c, finder)
    if countries:
        extra["countries"] = countries
    for k in ("actor_country_source", "recipient_country_source"):
        if k in c.extra:
            extra[k] = c.extra[k]
    return Event(
        id=f"ev{n}",
        type=c.type,
        mode=c.mode,
        actor=_one_or_list(c.actor),
        recipient=_one_or_list(c.recipient),
        location=c.location,
        date=c.date or EventDate(None, None),
        trigger=Mention(tok.idx, tok.idx + len(tok.text), tok.text),
        sentence=Mention(s_start, s_start + len(stripped), stripped),
        context=Context(
            negated=c.ctx.negated,
            modality=c.ctx.modality,
            source=c.source,
            stance=c.ctx.stance,
        ),
        confidence=c.confidence,
        producer=c.producer,
        extra=extra,
    )
