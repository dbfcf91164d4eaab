"""What an analysis worker does for ``POST /api/analyze``: read, check, analyze, return records.

These run in the worker processes of :mod:`kronika.web.workers` (or its one thread), so they
take and return only picklable values -- settings, text or bytes in, records and failures out --
and never raise for a bad document: a failure comes back as a :class:`~kronika.errors.Failure`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kronika.errors import Errors, Failure, KronikaError
from kronika.record import Article
from kronika.settings import Settings

# Suffixes the readers understand; an upload keeps only these so its temp name cannot do harm.
SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl", ".json", ".gz"}


def analyze_text_job(text: str, settings: Settings) -> list[Article | Failure]:
    """One pasted text (metadata overrides in ``settings``) -> its record, or why not."""
    from kronika.pipeline import get_pipeline
    from kronika.read import read_text

    try:
        article = read_text(text, settings=settings)
    except KronikaError as exc:
        return [Failure.from_error(exc)]
    return list(get_pipeline(settings).run_many([article]))


def analyze_upload_job(data: bytes, filename: str, settings: Settings, max_chars: int) -> list[Article | Failure]:
    """An uploaded file, read by the same readers as ``kronika analyze FILE`` (format by extension);
    every document in it (one, or many for JSON Lines) -> its record, or why not, in order."""
    from kronika.pipeline import get_pipeline
    from kronika.read import read_inputs

    suffixes = "".join(s for s in Path(filename).suffixes[-2:] if s.lower() in SUFFIXES) or ".txt"
    with tempfile.TemporaryDirectory(prefix="kronika-upload-") as tmp:
        path = Path(tmp) / f"upload{suffixes.lower()}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)], settings))
    for item in items:  # the user knows their file by its name, never our temp path
        if isinstance(item, Failure):
            item.reason = item.reason.replace(str(path), filename)
            item.path = filename
        else:
            item.source.path = filename
    items = [
        Failure.from_error(Errors.E308(path=filename, line=a.source.line, size=len(a.text), limit=max_chars), "parse")
        if isinstance(a, Article) and len(a.text) > max_chars
        else a
        for a in items
    ]
    todo = [a for a in items if isinstance(a, Article)]
    done = iter(get_pipeline(settings).run_many(todo))
    return [next(done) if isinstance(item, Article) else item for item in items]
