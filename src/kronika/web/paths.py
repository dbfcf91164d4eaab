"""The API never shows where files live on the server.

Records keep the path they were read from (``kronika ingest /home/ann/news/a.txt`` stores it, and
the CLI shows it), but a web client has no business learning the server's folders. The web app
reads the store through :class:`PublicStore`, so every path a view can get passes
:func:`public_path`: one under the server's working directory becomes relative to it, any other
absolute path is cut to its file name. Messages pass :func:`hide_paths`, which does the same to
absolute paths inside text (database URLs included).
"""

from __future__ import annotations

import os
import re
from typing import Any

# An absolute POSIX path in running text: "/" not preceded by a word character, a colon or a slash
# (so URL paths like https://host/a/b are left alone), then path characters.
_ABSOLUTE = re.compile(r"(?<![\w:/.])/(?:[^\s'\"/:,;()<>]+/)*[^\s'\"/:,;()<>]*")
_SQLITE_URL = re.compile(r"sqlite\+?\w*:///+([^\s'\"]+)")


def public_path(path: str | None) -> str | None:
    """``path`` as a client may see it (relative to the working directory, else the file name)."""
    if not path or not os.path.isabs(path):
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        rel = ".."
    return rel if not rel.startswith("..") else (os.path.basename(path.rstrip("/")) or "<path>")


def hide_paths(text: str) -> str:
    """``text`` with every absolute path (and SQLite URL) replaced by its :func:`public_path`."""
    text = _SQLITE_URL.sub(lambda m: f"sqlite:///{public_path('/' + m[1].lstrip('/'))}", text)
    return _ABSOLUTE.sub(lambda m: public_path(m[0]) or m[0], text)


def public_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row (article list, error list) with its ``path``/``locator``/``reason`` made public."""
    out = dict(row)
    for key in ("path", "locator"):
        if isinstance(out.get(key), str):
            out[key] = public_path(out[key])
    if isinstance(out.get("reason"), str):
        out["reason"] = hide_paths(out["reason"])
    return out


def public_record(record: dict[str, Any]) -> dict[str, Any]:
    """A ``kronika.article/1`` record (plus its ``stored`` block) with no server path in it."""
    out = dict(record)
    if isinstance(out.get("source"), dict):
        out["source"] = public_row(out["source"])
    if isinstance(out.get("stored"), dict):
        out["stored"] = public_row(out["stored"])
    return out


class PublicStore:
    """The store as the web app sees it: the same methods, with paths made public in what they return."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def articles(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        return [public_row(r) for r in self._store.articles(*args, **kwargs)]

    def article(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        record = self._store.article(*args, **kwargs)
        return public_record(record) if record is not None else None

    def errors(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        return [public_row(e) for e in self._store.errors(*args, **kwargs)]
