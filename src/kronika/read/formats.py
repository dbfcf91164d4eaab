"""Inputs -> documents: paths, folders, ``-``, ``.gz``; format by extension or, failing that, by content.

Everything here streams: a folder or a JSON Lines corpus yields one document at a time, and a
document that cannot be read becomes a :class:`~kronika.errors.Failure` naming the file (and line)
so the good ones still come out.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kronika.errors import Errors, Failure, ReadError
from kronika.read.dates import parse_date
from kronika.read.decode import check_size, decode
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


def iter_files(path: Path) -> Iterator[Path]:
    """Files under a folder with a known extension, in sorted order (hidden ones skipped)."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and format_of(name):
                yield Path(root) / name


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """A file's bytes (decompressed for ``.gz``), refusing missing, unreadable and over-size input."""
    where = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise Errors.E107(path=where) from None
    except OSError as exc:
        raise Errors.E108(path=where, reason=exc.strerror or exc) from None
    try:
        if path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
            check_size(len(data), max_bytes, where)
            return data
        check_size(size, max_bytes, where)
        return path.read_bytes()
    except PermissionError:
        raise Errors.E108(path=where, reason="permission denied") from None
    except IsADirectoryError:
        raise Errors.E108(path=where, reason="is a directory") from None
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise Errors.E109(path=where, error=exc) from None
    except OSError as exc:
        if isinstance(exc, ReadError):
            raise
        raise Errors.E108(path=where, reason=exc.strerror or exc) from None


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
        except ValueError:
            data = None  # many ".json" corpora are really JSON Lines
        if data is not None:
            items = data if isinstance(data, list) else [data]
            for n, obj in enumerate(items, 1):
                yield _json_document(
                    obj, Source(source.path, source.url, "json", n if len(items) > 1 else None), settings
                )
            return
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Failure.from_error(Errors.E110(path=source.path, line=n, error=exc.msg, column=exc.colno))
            continue
        yield _json_document(obj, Source(source.path, source.url, "jsonl", n), settings)


def _json_document(obj: Any, source: Source, settings: Settings) -> Article | Failure:
    where = {"path": source.path, "line": source.line}
    try:
        if not isinstance(obj, dict):
            raise Errors.E111(**where, type=type(obj).__name__)
        body = obj.get("text")
        if not isinstance(body, str):
            missing = "missing" if body is None else f"not a string ({type(body).__name__})"
            raise Errors.E114(**where, problem=missing)
        if not body.strip():
            raise Errors.E101(**where, detail='the "text" field is empty')
        check_size(len(body.encode("utf-8", "replace")), settings.max_bytes, source.path)
        given = _given(obj)
        src = Source(source.path, given.url or source.url, source.format, source.line, id=_str(obj.get("id")))
        return build_article(body, source=src, settings=settings, given=given)
    except ReadError as exc:
        if exc.line is None:
            exc.line = source.line
        return Failure.from_error(exc)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _given(obj: dict[str, Any]) -> Evidence:
    """The optional JSON Lines fields, taken as given."""
    authors: list[Author] = []
    raw = obj.get("authors", obj.get("author"))
    for a in raw if isinstance(raw, list) else [raw] if raw else []:
        if isinstance(a, dict) and a.get("name"):
            authors.append(Author(str(a["name"]), _str(a.get("affiliation"))))
        elif isinstance(a, str) and a.strip():
            authors.append(Author(a.strip()))
    published = _str(obj.get("published"))
    return Evidence(
        title=_str(obj.get("title")),
        authors=authors,
        published=(parse_date(published) or published) if published else None,
        publication=_str(obj.get("publication")),
        url=_str(obj.get("url")),
    )


def read_path(path: Path, settings: Settings, fmt: str | None = None) -> Iterator[Article | Failure]:
    """Every document in one file."""
    try:
        data = read_bytes(path, settings.max_bytes)
        text = decode(data, str(path))
    except ReadError as exc:
        yield Failure.from_error(exc)
        return
    fmt = fmt or format_of(path.name) or sniff(text)
    yield from read_document(text, fmt, Source(path=str(path), format=_label(fmt)), settings)


def read_stdin(settings: Settings) -> Iterator[Article | Failure]:
    try:
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        check_size(len(data), settings.max_bytes, "-")
        text = decode(data, "-")
    except ReadError as exc:
        yield Failure.from_error(exc)
        return
    fmt = sniff(text)
    yield from read_document(text, fmt, Source(path="-", format=_label(fmt)), settings)


def _label(fmt: str) -> str:
    return "jsonl" if fmt == "json" else fmt


def iter_inputs(paths: Iterable[str], settings: Settings) -> Iterator[Article | Failure]:
    """Documents from files, folders (recursively, by extension) and ``-``, in input order."""
    for p in paths:
        if p == "-":
            yield from read_stdin(settings)
            continue
        path = Path(p)
        if path.is_dir():
            found = False
            for f in iter_files(path):
                found = True
                yield from read_path(f, settings)
            if not found:
                yield Failure.from_error(Errors.E112(path=p))
        else:
            yield from read_path(path, settings)
