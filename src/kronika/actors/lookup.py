"""From a character span of the text to the entity mentioned there (for the events stage and UIs).

    from kronika.actors.lookup import entity_at
    ent = entity_at(article, start, end)      # Entity | None

Preference: a mention with exactly that span; else the smallest mention containing the span
(a token of "Kazakhstan's President Kassym-Jomart Tokayev" -> Tokayev, the token "Kazakhstan" ->
Kazakhstan, since the country is also a mention of its own); else the mention overlapping it most.
"""

from __future__ import annotations

from kronika.record import Article, Entity


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    """The entity mentioned at ``text[start:end]``, or None when no mention overlaps it."""
    best: tuple[int, int, int] | None = None  # (rank, size, -overlap) smaller is better
    found: Entity | None = None
    for ent in article.entities:
        for m in ent.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0:
                continue
            if m.start == start and m.end == end:
                rank = 0
            elif m.start <= start and end <= m.end:
                rank = 1
            else:
                rank = 2
            key = (rank, m.end - m.start if rank < 2 else -overlap, 0)
            if best is None or key < best:
                best, found = key, ent
    return found


def entities_in(article: Article, start: int, end: int) -> list[Entity]:
    """Every entity with a mention inside ``[start, end)`` (e.g. a sentence), in text order."""
    hits: list[tuple[int, Entity]] = []
    seen: set[str] = set()
    for ent in article.entities:
        for m in ent.mentions:
            if start <= m.start and m.end <= end and ent.id not in seen:
                seen.add(ent.id)
                hits.append((m.start, ent))
                break
    return [e for _, e in sorted(hits, key=lambda x: x[0])]


def entity_by_id(article: Article, entity_id: str) -> Entity | None:
    return next((e for e in article.entities if e.id == entity_id), None)
