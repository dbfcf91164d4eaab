"""The last step: a finished candidate becomes an :class:`~kronika.record.Event` of the record."""

from __future__ import annotations

from typing import Any

from kronika.events.arguments import ArgumentFinder
from kronika.events.calibration import calibrate
from kronika.events.candidate import Candidate
from kronika.events.counts import counts_in
from kronika.events.dates import dated
from kronika.events.plover import QUAD, score
from kronika.events.targets import side_countries
from kronika.record import Article, Context, Event, Mention, SideCountries, is_factual


def to_event(article: Article, c: Candidate, n: int, finder: ArgumentFinder) -> Event:
    """The record's event ``ev<n>`` for candidate ``c`` (trigger, sentence, context, typed fields, extra)."""
    tok = c.trigger_override or c.tok
    sent = c.tok.sent
    s_start, s_text = sent.start_char, article.text[sent.start_char : sent.end_char]
    stripped = s_text.strip()
    s_start += len(s_text) - len(s_text.lstrip())
    extra: dict[str, Any] = {"rule": c.rule.id, "score": c.confidence}
    extra.update(c.extra)
    if c.coref is not None:
        extra["coref_trigger"] = {"text": c.coref.tok.text, "start": c.coref.tok.idx}
    elif c.coref_date is not None:
        extra["date_of"] = {"text": c.coref_date.tok.text, "start": c.coref_date.tok.idx}
    if c.ctx.cue:
        extra["context_cue"] = c.ctx.cue
    countries = side_countries(c, finder)
    for k in ("actor_country_source", "recipient_country_source"):
        if k in c.extra:
            extra[k] = c.extra[k]
    context = Context(negated=c.ctx.negated, modality=c.ctx.modality, source=c.source, stance=c.ctx.stance)
    return Event(
        id=f"ev{n}",
        type=c.type,
        mode=c.mode,
        actor=list(c.actor),
        recipient=list(c.recipient),
        location=c.location,
        date=c.date or dated(None, None, inferred=False),
        trigger=Mention(tok.idx, tok.idx + len(tok.text), tok.text),
        sentence=Mention(s_start, s_start + len(stripped), stripped),
        context=context,
        confidence=calibrate(c.confidence),
        producer=c.producer,
        extra=extra,
        quad=QUAD.get(c.type),
        plover_score=score(c.type, c.mode),
        cameo=c.rule.cameo,
        countries=SideCountries(actor=countries.get("actor", []), recipient=countries.get("recipient", [])),
        date_source=c.date_source,
        depth=sum(1 for _ in c.tok.ancestors),
        # PLOVER's future rule recoded "will visit" as the AGREE that was made: that one happened
        factual=is_factual(context, future_rule="future_of" in c.extra),
        counts=counts_in(stripped, s_start),
    )
