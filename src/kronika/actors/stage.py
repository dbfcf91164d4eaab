"""Registers the actors stage: the spaCy ``Doc`` in, the record's ``entities`` out."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from kronika.actors.knowledge import load_kb
from kronika.actors.lexicon import TITLES
from kronika.actors.resolve import resolve
from kronika.pipeline import StageContext, register_stage
from kronika.record import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

# Below this share of English stop words among the words, the text is not English and the
# English model's entities would be noise.
MIN_STOPWORD_SHARE = 0.12
MIN_WORDS_FOR_LANGUAGE_CHECK = 30


@lru_cache(maxsize=4)
def _title_matcher(vocab: Vocab) -> PhraseMatcher:
    """One compiled matcher of titles per model vocabulary (a trie run in C, per document)."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("TITLE", [Doc(vocab, words=_words(t)) for t in TITLES])
    return matcher


def _words(title: str) -> list[str]:
    return title.replace("-", " - ").split()


def find_titles(doc: Doc) -> list[Span]:
    from spacy.util import filter_spans

    return sorted(filter_spans(_title_matcher(doc.vocab)(doc, as_spans=True)), key=lambda s: s.start)


def looks_english(doc: Doc) -> bool:
    words = [t for t in doc if t.is_alpha]
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return True
    return sum(t.is_stop for t in words) / len(words) >= MIN_STOPWORD_SHARE


def add_ruler(nlp: Language, kb_files: tuple[str, ...]) -> None:
    """The stage's model setup: the knowledge-base entity ruler (imported late: it loads spaCy)."""
    from kronika.actors.ruler import add_kb_ruler

    add_kb_ruler(nlp, kb_files)


@register_stage("kronika.actors.resolve.v1", requires=("text", "doc"), assigns=("entities",), setup=add_ruler)
def actors_stage(article: Article, ctx: StageContext) -> Article:
    """Find the article's actors: people with offices, states, places, organisations, groups, weapons."""
    doc = ctx.doc
    if doc is None:
        return article
    lang = (article.metadata.language or "en").lower()
    if not looks_english(doc):
        article.entities = []
        article.notes.append(
            f"actors: the text does not look like English (language {lang!r}); no entities were extracted"
        )
        return article
    if not lang.startswith("en"):
        # Page metadata is often wrong; the text itself reads as English, so we go on.
        article.notes.append(f"actors: metadata says language {lang!r} but the text reads as English")
    kb = load_kb(tuple(ctx.settings.kb_files))
    date = article.metadata.published_date  # parsed once, by the reader: the time stage sees the same
    on, known = (date.reference, True) if date else (dt.date.today(), False)
    if not known:
        article.notes.append(f"actors: no publication date; offices resolved as of {on.isoformat()}")
    article.entities = resolve(doc, kb, on, find_titles(doc))
    if not article.entities:
        article.notes.append("actors: no named entities found in the text")
    return article
