"""Reading documents: bytes in any supported format -> :class:`~kronika.record.Article`.

Public entry points: :func:`read_text` (one plain-text document) and :func:`read_inputs`
(files, folders, ``-`` for stdin; yields articles and :class:`~kronika.errors.Failure` records).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kronika.errors import Failure, ReadError
from kronika.record import Article, Source, Span
from kronika.settings import Settings

__all__ = ["read_inputs", "read_text"]


def read_text(text: str, *, settings: Settings | None = None, source: Source | None = None) -> Article:
    """A plain-text document as an article (paragraphs split on blank lines)."""
    settings = settings or Settings()
    body = "\n\n".join(p.strip() for p in text.split("\n\n") if p.strip())
    article = Article(text=body, source=source or Source(format="text"))
    pos = 0
    for para in body.split("\n\n"):
        article.paragraphs.append(Span(pos, pos + len(para)))
        pos += len(para) + 2
    md = article.metadata
    md.title = settings.title or md.title
    md.published = settings.published or md.published
    md.url = settings.url or md.url
    return article


def read_inputs(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Article | Failure]:
    settings = settings or Settings()
    for p in paths:
        try:
            if p == "-":
                yield read_text(sys.stdin.read(), settings=settings, source=Source(path="-", format="text"))
                continue
            path = Path(p)
            files = sorted(x for x in path.rglob("*") if x.is_file()) if path.is_dir() else [path]
            for f in files:
                if not f.exists():
                    raise ReadError("no such file or directory", path=str(f))
                yield read_text(
                    f.read_text(encoding="utf-8"), settings=settings, source=Source(path=str(f), format="text")
                )
        except ReadError as exc:
            yield Failure.from_error(exc)
