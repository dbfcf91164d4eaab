"""Where documents come from: files, folders, ``-`` (stdin) and pipes, read with bounded memory.

- Every source goes through one bounded reader. A pipe, a FIFO, ``<(process substitution)``,
  ``/dev/zero`` or a gzip bomb stops at ``--max-bytes`` exactly like a regular file: the size a
  ``stat`` reports means nothing for them, so the limit is enforced on the bytes actually read.
- JSON Lines (``.jsonl``/``.ndjson``, plain or ``.gz``, or recognised on stdin) is streamed line by
  line: memory holds one line at a time, and the limit applies to each line -- one document --
  not to the file, so a shard of 25,000 articles is as welcome as one article.
- Folders are walked in sorted order. Special files (FIFOs, sockets, devices), symbolic links to
  folders and folders that cannot be listed are reported as failures that say so, instead of
  hanging the run (a FIFO blocks whoever opens it) or vanishing without a word.
- File names are shown and stored through :func:`display_name`: bytes that are not UTF-8 become
  ``\\xNN`` and control characters are escaped, so no name can make the JSON output invalid,
  crash the store, or forge a line in an error report. The file is still opened by its real name
  (Python carries undecodable bytes as surrogate escapes).
- With ``lazy=True`` each document comes out as :class:`Unread` (its bytes and where they came
  from) instead of an article: decoding and normalising are most of the reader's cost, and a
  caller that already knows those bytes (a store re-ingesting a corpus) skips them unpaid.
"""

from __future__ import annotations

import gzip
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from kronika.errors import Errors, Failure, KronikaError, ReadError
from kronika.read.decode import decode_text, size_label
from kronika.read.formats import format_of, read_document, read_json_line, sniff, source_label
from kronika.record import Article, Source
from kronika.settings import Settings

CHUNK = 1 << 16  # bytes per read; also how much of a stream is looked at to guess its format
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16/32: lines are not split on a b"\n" byte
# Characters a name must not carry into a terminal, a log line or a table cell as themselves:
# C0/C1 controls (newline forges lines), line/paragraph separators and bidi overrides (which can
# make "txt.exe" read as "exe.txt").
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass
class Unread:
    """One document read as bytes, not yet decoded or normalised (``iter_inputs(..., lazy=True)``).

    ``read()`` yields exactly what the eager reader would have (articles and failures)."""

    raw: bytes
    source: Source
    read: Callable[[], Iterator[Article | Failure]]


def display_name(name: str | os.PathLike[str]) -> str:
    """A file name safe to print, write as JSON and store: valid UTF-8, one line, no controls.

    ``b"caf\\xe9.txt"`` (Latin-1 on disk) -> ``caf\\xe9.txt``; ``"a\\nb.txt"`` -> ``a\\nb.txt``.
    """
    s = os.fspath(name)
    try:
        raw = s.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that did not come from the file system
        raw = s.encode("utf-8", "surrogatepass")
    text = raw.decode("utf-8", "backslashreplace")
    return _UNSAFE.sub(lambda m: _ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04x}", text)


def _kind(mode: int) -> str | None:
    """What a special file is, or None for a regular file or folder."""
    return next((label for test, label in _SPECIAL if test(mode)), None)


def walk_folder(root: Path) -> Iterator[Path | Failure]:
    """The files under ``root`` that have a known extension, in sorted order (hidden ones skipped),
    and a :class:`Failure` for each thing that is skipped for a reason the user should hear."""
    problems: list[OSError] = []
    for dirpath, dirs, files in os.walk(root, onerror=problems.append):
        yield from _folder_failures(problems)
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            full = Path(dirpath) / d
            if full.is_symlink():
                yield Failure.from_error(Errors.E117(path=display_name(full)))
                continue
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            if name.startswith(".") or not format_of(name):
                continue
            full = Path(dirpath) / name
            try:
                kind = _kind(full.stat().st_mode)
            except OSError as exc:
                yield _os_failure(exc, display_name(full))
                continue
            if kind:
                yield Failure.from_error(Errors.E116(path=display_name(full), kind=kind))
                continue
            yield full
    yield from _folder_failures(problems)


def _folder_failures(problems: list[OSError]) -> Iterator[Failure]:
    while problems:
        exc = problems.pop(0)
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        yield Failure.from_error(Errors.E118(path=display_name(exc.filename or "?"), reason=reason))


def _os_failure(exc: OSError, name: str) -> Failure:
    if isinstance(exc, FileNotFoundError):
        return Failure.from_error(Errors.E107(path=name))  # also a broken symbolic link
    if isinstance(exc, PermissionError):
        return Failure.from_error(Errors.E108(path=name, reason="permission denied"))
    return Failure.from_error(Errors.E108(path=name, reason=exc.strerror or exc))


def iter_inputs(paths: Iterable[str], settings: Settings, lazy: bool = False) -> Iterator[Article | Failure | Unread]:
    """Documents from files, folders (recursively, by extension) and ``-``, in input order."""
    for p in paths:
        if p == "-":
            yield from read_stream(sys.stdin.buffer, "-", None, settings, lazy=lazy)
            continue
        path = Path(p)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield _os_failure(exc, display_name(p))
            continue
        if not stat.S_ISDIR(mode):
            yield from read_file(path, settings, lazy=lazy)  # named explicitly: a FIFO or a device is read, with limits
            continue
        found = False
        for item in walk_folder(path):
            if isinstance(item, Failure):
                yield item
                continue
            found = True
            yield from read_file(item, settings, lazy=lazy)
        if not found:
            yield Failure.from_error(Errors.E112(path=display_name(p)))


def read_file(
    path: Path, settings: Settings, fmt: str | None = None, lazy: bool = False
) -> Iterator[Article | Failure | Unread]:
    """Every document in one file (decompressed when its name ends in ``.gz``)."""
    name = display_name(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield _os_failure(exc, name)
        return
    with raw:
        gz = path.name.lower().endswith(".gz")
        stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb")) if gz else raw
        size = None if gz else _regular_size(raw)
        yield from read_stream(stream, name, fmt or format_of(path.name), settings, size, lazy)


def _regular_size(fh: IO[bytes]) -> int | None:
    """The size of a regular file (for messages); None for pipes and devices, whose size means nothing."""
    try:
        st = os.fstat(fh.fileno())
    except (OSError, ValueError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def read_stream(
    fh: IO[bytes], name: str, fmt: str | None, settings: Settings, size: int | None = None, lazy: bool = False
) -> Iterator[Article | Failure | Unread]:
    """The documents in one byte stream, never holding more than one document (``max_bytes``).

    ``fmt`` comes from the file name; without one (stdin, ``/dev/fd/63``) it is guessed from the
    first bytes, and a stream that starts like JSON Lines is streamed as JSON Lines.
    """
    limit = settings.max_bytes
    try:
        head = _read(fh, min(CHUNK, limit + 1), name)
        if fmt is None:
            fmt = sniff(head.decode("utf-8", "replace")) if head.strip() else "text"
        if fmt == "jsonl" and not head.startswith(_UNICODE_BOMS):
            yield from read_jsonl(_chunks(fh, head, name), name, settings, lazy)
            return
        data = head + _read(fh, limit + 1 - len(head), name)
        if len(data) > limit:
            if fmt == "json" and _starts_with_object_line(data):  # JSON Lines under a .json name
                yield from read_jsonl(_chunks(fh, data, name), name, settings, lazy)
                return
            raise _too_large(limit, name, size=size)
    except ReadError as exc:
        yield Failure.from_error(exc)
        return
    doc = _unread(data, Source(path=name, format=source_label(fmt)), fmt, settings)
    if lazy:
        yield doc
    else:
        yield from doc.read()


def _unread(data: bytes, source: Source, fmt: str | None, settings: Settings) -> Unread:
    """A document's bytes and how to read them: decoded, then one JSON line (``fmt`` None) or a file."""

    def read() -> Iterator[Article | Failure]:
        try:
            text, notes = decode_text(data, source.path, source.line)
        except ReadError as exc:
            yield Failure.from_error(exc)
            return
        if fmt is None:
            yield from with_notes(iter([read_json_line(text, source, settings)]), notes)
        else:
            yield from with_notes(read_document(text, fmt, source, settings), notes)

    return Unread(data, source, read)


def read_jsonl(
    chunks: Iterator[bytes], name: str, settings: Settings, lazy: bool = False
) -> Iterator[Article | Failure | Unread]:
    """JSON Lines from a stream of byte chunks, one document per line, each line within the limit."""
    n = 0
    try:
        for n, line in split_lines(chunks, settings.max_bytes):
            if line is None:
                yield Failure.from_error(_too_large(settings.max_bytes, name, n))
                continue
            if not line.strip():
                continue
            doc = _unread(line, Source(name, None, "jsonl", n), None, settings)
            if lazy:
                yield doc
            else:
                yield from doc.read()
    except ReadError as exc:  # the stream broke (truncated gzip, I/O error): what came before stays
        exc.line = n + 1
        yield Failure.from_error(exc)


def with_notes(items: Iterator[Article | Failure], notes: list[str]) -> Iterator[Article | Failure]:
    """The decoding notes on every record read from the decoded text (the guess applies to all)."""
    for item in items:
        if notes and isinstance(item, Article):
            item.notes[:0] = notes
        yield item


def split_lines(chunks: Iterable[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` for each line of a chunked stream; ``None`` for a line over ``limit``
    bytes, which is skipped without ever being held in memory whole."""
    buf = bytearray()
    over = False
    n = 0
    for chunk in chunks:
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if not over:
                buf += piece
                if len(buf) > limit:
                    over = True
                    buf.clear()
            if end < 0:
                break
            n += 1
            yield n, None if over else bytes(buf)
            buf.clear()
            over = False
            start = end + 1
    if buf or over:
        yield n + 1, None if over else bytes(buf)


def _chunks(fh: IO[bytes], first: bytes, name: str) -> Iterator[bytes]:
    if first:
        yield first
    while chunk := _read(fh, CHUNK, name):
        yield chunk


def _read(fh: IO[bytes], n: int, name: str) -> bytes:
    """Up to ``n`` bytes (fewer only at the end), with OS and gzip errors as :class:`ReadError`."""
    if n <= 0:
        return b""
    try:
        out = bytearray()
        while len(out) < n:  # a pipe returns what is there; keep reading to n or the end
            part = fh.read(n - len(out))
            if not part:
                break
            out += part
        return bytes(out)
    except PermissionError:
        raise Errors.E108(path=name, reason="permission denied") from None
    except IsADirectoryError:
        raise Errors.E108(path=name, reason="is a directory") from None
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise Errors.E109(path=name, error=exc) from None
    except OSError as exc:
        raise Errors.E108(path=name, reason=exc.strerror or exc) from None


def _too_large(limit: int, name: str, line: int | None = None, size: int | None = None) -> KronikaError:
    """E104 for a document over ``limit``; its whole size is known only for a regular file."""
    seen = size_label(size) if size is not None else "reading stopped there"
    return Errors.E104(path=name, line=line, limit=size_label(limit), size=seen)


def _starts_with_object_line(data: bytes) -> bool:
    import json

    first = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False
