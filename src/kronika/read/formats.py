"""Formats -> documents: which format a name or a text announces, and the documents in it.

Where the bytes come from (files, folders, stdin, pipes, ``.gz``) and the limits on them are in
:mod:`kronika.read.inputs`; this module turns decoded text (or one JSON Lines line) into
:class:`~kronika.record.Article` records. A document that cannot be read becomes a
:class:`~kronika.errors.Failure` naming the file (and line) so the good ones still come out.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kronika.errors import Errors, Failure, ReadError
from kronika.read.dates import parse_date
from kronika.read.decode import check_size
from kronika.read.document import build_article
from kronika.read.metadata import Evidence
from kronika.record import Article, Author, Source
from kronika.settings import Settings

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
JSONL_FIELDS = ("id", "title", "published", "url", "authors", "publication")


def format_of(name: str) -> str | None:
    """The format a file name announces (``a.jsonl.gz`` -> ``jsonl``), or None."""
    p = Path(name.lower())
    if p.suffix == ".gz":
        p = p.with_suffix("")
    return EXTENSIONS.get(p.suffix)


def sniff(text: str) -> str:
    """The format of text with no telling name (stdin, odd extensions)."""
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<?xml", "<article", "<div", "<p>")):
        return "html"
    if head.startswith("{"):
        first = text.lstrip().split("\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
        return "json"
    if head.startswith("["):
        return "json"
    return "text"


def read_document(
    text: str, fmt: str, source: Source, settings: Settings, given: Evidence | None = None
) -> Iterator[Article | Failure]:
    """Documents in one decoded file (one, or many for JSON Lines / JSON arrays)."""
    if fmt in ("jsonl", "json"):
        yield from read_json(text, fmt, source, settings)
        return
    try:
        if fmt == "html":
            from kronika.read.html import read_html

            yield read_html(text, source=source, settings=settings)
        else:
            yield build_article(text, source=source, settings=settings, given=given)
    except ReadError as exc:
        yield Failure.from_error(exc)


def read_json(text: str, fmt: str, source: Source, settings: Settings) -> Iterator[Article | Failure]:
    """JSON Lines (one object per line) or a JSON document (an object or a list of objects)."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None  # many ".json" corpora are really JSON Lines (a line too deep fails alone below)
        if data is not None:
            items = data if isinstance(data, list) else [data]
            for n, obj in enumerate(items, 1):
                yield _json_document(
                    obj, Source(source.path, source.url, "json", n if len(items) > 1 else None), settings
                )
            return
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield read_json_line(line, Source(source.path, source.url, "jsonl", n), settings)


def read_json_line(line: str, source: Source, settings: Settings) -> Article | Failure:
    """One JSON Lines document; ``source.line`` is its line number."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure.from_error(Errors.E110(path=source.path, line=source.line, error=exc.msg, column=exc.colno))
    except ValueError as exc:  # e.g. an integer too long to convert
        return Failure.from_error(Errors.E110(path=source.path, line=source.line, error=exc, column="?"))
    except RecursionError:
        return Failure.from_error(Errors.E119(path=source.path, line=source.line, depth=sys.getrecursionlimit()))
    return _json_document(obj, source, settings)


def _json_document(obj: Any, source: Source, settings: Settings) -> Article | Failure:
    where = source.path
    try:
        if not isinstance(obj, dict):
            raise Errors.E111(path=where, line=source.line, type=type(obj).__name__)
        body = obj.get("text")
        if not isinstance(body, str):
            missing = "missing" if body is None else f"not a string ({type(body).__name__})"
            raise Errors.E114(path=where, line=source.line, problem=missing)
        if not body.strip():
            raise Errors.E101(path=where, line=source.line, detail='the "text" field is empty')
        check_size(len(body.encode("utf-8", "replace")), settings.max_bytes, source.path)
        notes: list[str] = []
        given = _given(obj, notes)
        src = Source(source.path, given.url or source.url, source.format, source.line, id=_field(obj, "id", notes))
        article = build_article(_text(body), source=src, settings=settings, given=given)
        article.notes.extend(notes)
        return article
    except ReadError as exc:
        if exc.line is None:
            exc.line = source.line
        return Failure.from_error(exc)


# A JSON string may hold a lone surrogate ("\ud800"), which no UTF-8 output or database accepts.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value)


def _field(obj: dict[str, Any], name: str, notes: list[str], join: bool = False) -> str | None:
    """An optional field as text: a string or a number as given; a list of strings joined with a
    space when ``join`` (a title in parts); anything else ignored with a note, never its repr."""
    value = obj.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if join and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return _text(" ".join(v.strip() for v in value if v.strip())) or None
    notes.append(f'the "{name}" field is not text ({type(value).__name__}); ignored')
    return None


def _given(obj: dict[str, Any], notes: list[str]) -> Evidence:
    """The optional JSON Lines fields, taken as given."""
    authors: list[Author] = []
    raw = obj.get("authors", obj.get("author"))
    for a in raw if isinstance(raw, list) else [raw] if raw else []:
        if isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip():
            authors.append(Author(_text(a["name"].strip()), _field(a, "affiliation", notes, join=True)))
        elif isinstance(a, str) and a.strip():
            authors.append(Author(_text(a.strip())))
        else:
            notes.append(f"an author that is not a name ({type(a).__name__}) was ignored")
    published = _field(obj, "published", notes)
    return Evidence(
        title=_field(obj, "title", notes, join=True),
        authors=authors,
        published=(parse_date(published) or published) if published else None,
        publication=_field(obj, "publication", notes, join=True),
        url=_field(obj, "url", notes),
    )


def source_label(fmt: str) -> str:
    """The format a record's ``source`` names: a JSON document's objects are JSON Lines records."""
    return "jsonl" if fmt == "json" else fmt
