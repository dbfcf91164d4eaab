"""The Python API a notebook starts from: ``kronika.analyze``, ``kronika.analyze_many``,
``kronika.open_store`` (re-exported by :mod:`kronika`).

A thin layer over :mod:`kronika.pipeline` and :mod:`kronika.read` that takes what a notebook has
-- a string, a dict of fields, a path, many of them -- and returns typed records
(:class:`~kronika.record.Article`) whose ``events`` and ``entities`` have ``to_pandas()``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from kronika.errors import Failure, KronikaError
from kronika.record import Article, Source
from kronika.settings import Settings

__all__ = ["analyze", "analyze_many"]

Item = str | Path | Mapping[str, Any]
OnError = Literal["raise", "skip", "yield"]


def _settings(settings: Settings | None, model: str | None, kb: Iterable[str] | None) -> Settings:
    s = settings or Settings()
    changes: dict[str, Any] = {}
    if model:
        changes["model"] = model
    if kb:
        changes["kb_files"] = (*s.kb_files, *kb)
    return s.with_(**changes) if changes else s


def analyze(
    text: str,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    *,
    model: str | None = None,
    kb: Iterable[str] | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyze one article given as text (plain text or Markdown) and return its typed record.

    ``published`` (``YYYY-MM-DD``) anchors relative dates ("on Tuesday"); ``title`` and ``url``
    go to the metadata. ``rec.events.to_pandas()`` and ``rec.entities.to_pandas()`` give tables.
    A text that is not English gets a note in ``rec.notes`` (and on stderr) instead of silently
    yielding no events. Raises :class:`~kronika.errors.KronikaError` for text it cannot read."""
    from kronika.pipeline import analyze_text

    rec = analyze_text(text, title=title, published=published, url=url, settings=_settings(settings, model, kb))
    _warn_language(rec)
    return rec


def _warn_language(rec: Article) -> None:
    import warnings

    from kronika.read.language import LANGUAGE_NOTE

    for note in rec.notes:
        if note.startswith(LANGUAGE_NOTE):
            warnings.warn(f"kronika: {note[len(LANGUAGE_NOTE) :].strip()}", UserWarning, stacklevel=3)


def analyze_many(
    items: Iterable[Item],
    *,
    model: str | None = None,
    kb: Iterable[str] | None = None,
    settings: Settings | None = None,
    errors: OnError = "skip",
) -> Iterator[Article | Failure]:
    """Analyze many articles, streaming: records come out (in input order) while later ones are read.

    Each item is a text (``str``), a ``dict`` with ``text`` and optional ``title``, ``published``,
    ``url``, ``authors``, ``publication``, ``id`` (the JSON Lines fields), or a
    :class:`~pathlib.Path` to a file or folder in any format ``kronika analyze`` reads. Documents
    are parsed in batches (``settings.batch_size``), so a generator of a million texts uses the
    memory of one batch.

    ``errors``: ``"skip"`` (default) leaves out a document that cannot be read and says why on
    stderr; ``"yield"`` yields its :class:`~kronika.errors.Failure` in its place; ``"raise"``
    stops with the error.
    """
    from kronika.pipeline import get_pipeline

    s = _settings(settings, model, kb)
    pipe = get_pipeline(s)
    pending: list[Article] = []

    def done(results: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        for r in results:
            if isinstance(r, Failure):
                if errors == "raise":
                    raise KronikaError(r.reason, path=r.path, line=r.line, code=r.code)
                if errors == "skip":
                    print(f"kronika: skipped {r}", file=sys.stderr)
                    continue
            else:
                _warn_language(r)
            yield r

    for n, item in enumerate(items):
        for doc in _read(item, n, s):
            if isinstance(doc, Failure):
                yield from done(pipe.run_many(pending))
                pending = []
                yield from done([doc])
                continue
            pending.append(doc)
            if len(pending) >= s.batch_size:
                yield from done(pipe.run_many(pending))
                pending = []
    yield from done(pipe.run_many(pending))


def _read(item: Item, n: int, settings: Settings) -> Iterator[Article | Failure]:
    """One input item as articles (a path may hold many) or failures."""
    from kronika.read import read_inputs, read_text
    from kronika.read.formats import read_json_line

    if isinstance(item, Path):
        yield from read_inputs([str(item)], settings)
    elif isinstance(item, Mapping):
        yield read_json_line(json.dumps(dict(item), default=str), Source(format="jsonl", line=n + 1), settings)
    elif isinstance(item, str):
        try:
            yield read_text(item, settings=settings, source=Source(format="text", line=n + 1))
        except KronikaError as exc:
            yield Failure.from_error(exc)
    else:
        yield Failure(None, f"item {n + 1} is a {type(item).__name__}; give a str, a dict or a Path", line=n + 1)
