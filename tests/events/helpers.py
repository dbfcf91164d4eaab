"""Hand-built records for event tests: our own sentences, entities and times placed by substring."""

from __future__ import annotations

from kronika.events.extract import extract_events
from kronika.record import Article, Entity, Event, Mention, Metadata, Ref, Span, Time, refs


def build(
    nlp,
    text: str,
    entities: list[tuple[str, str, str | None, list[str]]] = (),
    times: list[tuple[str, str]] = (),
    published: str | None = "2024-03-15",
) -> tuple[Article, object]:
    """An article over ``text`` with entities ``(name, type, country, [surface forms])`` and times
    ``(surface, value)``; paragraphs are split on blank lines. Returns the article and its Doc."""
    paragraphs, pos = [], 0
    for part in text.split("\n\n"):
        paragraphs.append(Span(pos, pos + len(part)))
        pos += len(part) + 2
    art = Article(text=text, metadata=Metadata(published=published), paragraphs=paragraphs)
    for n, (name, etype, country, surfaces) in enumerate(entities, 1):
        mentions = []
        for s in surfaces:
            start = 0
            while (i := text.find(s, start)) >= 0:
                mentions.append(Mention(i, i + len(s), s))
                start = i + len(s)
        art.entities.append(Entity(id=f"e{n}", name=name, type=etype, country=country, mentions=mentions))  # type: ignore[arg-type]
    for n, (surface, value) in enumerate(times, 1):
        i = text.find(surface)
        assert i >= 0, surface
        art.times.append(Time(id=f"t{n}", text=surface, start=i, end=i + len(surface), type="DATE", value=value))
    return art, nlp(text)


def events_of(nlp, text: str, **kw) -> tuple[Article, list[Event]]:
    art, doc = build(nlp, text, **kw)
    return art, extract_events(art, doc)


def names(value: Ref | list[Ref] | None) -> str:
    return " | ".join(r.text for r in refs(value))


def main_event(events: list[Event]) -> Event:
    """The event a one-sentence test is about: the most confident, main-clause first."""
    from kronika.evaluate.events import primary_event

    ev = primary_event(events)
    assert ev is not None, "no event found"
    return ev
