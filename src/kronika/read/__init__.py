"""Reading documents: bytes in any supported format -> :class:`~kronika.record.Article`.

Public entry points: :func:`read_text` (one document given as a string) and :func:`read_inputs`
(files, folders, ``-`` for stdin; yields articles and :class:`~kronika.errors.Failure` records).

The modules, in the order a document passes through them: ``inputs`` (which files; bounded,
streaming reads of files, folders, stdin and pipes), ``formats`` (which format; JSON Lines
fields), ``decode`` (bytes -> text), ``html`` (trafilatura, for pages), ``repair`` (hard wraps,
links, emphasis, paragraphs), ``boilerplate`` (bylines, bios, citation and rights notices),
``metadata``/``names``/``dates`` (what those lines say), ``document`` (putting it together),
``citation`` (CSL-JSON, BibTeX, RIS out of a record).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

from kronika.errors import Errors, Failure
from kronika.record import Article, Source
from kronika.settings import Settings

__all__ = ["read_inputs", "read_text"]


def read_text(text: str, *, settings: Settings | None = None, source: Source | None = None) -> Article:
    """One document given as a string (plain text or Markdown; HTML when ``source.format`` says so).

    Raises :class:`~kronika.errors.ReadError` when there is nothing to read.
    """
    from kronika.read.document import build_article

    settings = settings or Settings()
    source = source or Source(format="text")
    if source.format == "html":
        from kronika.read.html import read_html

        return read_html(text, source=source, settings=settings)
    if not text.strip():
        raise Errors.E101(path=source.path, line=source.line, detail="nothing but whitespace")
    return build_article(text, source=source, settings=settings)


def read_inputs(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Every document under ``paths`` (files, folders read recursively by extension, ``-``), in order."""
    from kronika.read.inputs import iter_inputs

    yield from cast(Iterator[Article | Failure], iter_inputs(paths, settings or Settings()))
