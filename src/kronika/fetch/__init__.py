"""Fetching what analysts have: article URLs and RSS/Atom feeds, politely.

:class:`Fetcher` gets pages with ``httpx`` and is a good citizen of the web: it reads each host's
``robots.txt`` (and obeys it), waits between requests to one host (``delay``, default 1 s),
retries connection errors and 429/5xx answers with growing pauses, and keeps a cache keyed by URL
(body plus ``ETag``/``Last-Modified``) so a page asked for again is requested with
``If-None-Match``/``If-Modified-Since`` and a 304 answer costs nothing. Feeds are parsed by
``feedparser``; pages are read by the HTML reader (trafilatura) like any ``.html`` file.

Why httpx rather than trafilatura's own ``fetch_url``: that one has no conditional requests, no
per-host pacing and no cache; httpx (already used by the tests and the web client) gives those
in a few lines.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.robotparser
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kronika import __version__
from kronika.errors import Errors, Failure, KronikaError
from kronika.record import Article, Source
from kronika.settings import Settings

__all__ = ["Fetched", "Fetcher", "feed_items", "is_url", "read_sources", "read_urls"]

USER_AGENT = f"kronika/{__version__} (news event coding; respects robots.txt)"


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def default_cache() -> Path:
    base = os.environ.get("KRONIKA_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / ("kronika/http" if not os.environ.get("KRONIKA_CACHE") else "")


@dataclass
class Fetched:
    url: str  # the URL asked for
    final_url: str  # after redirects
    body: bytes
    content_type: str
    not_modified: bool  # the server said 304: the cached copy is current (nothing new)


class Fetcher:
    """One polite HTTP client for a run (see the module doc). Use as a context manager."""

    def __init__(
        self,
        cache: str | Path | None = None,
        delay: float = 1.0,
        retries: int = 3,
        timeout: float = 20.0,
        max_bytes: int = 20_000_000,
    ) -> None:
        import httpx

        self.cache = Path(cache) if cache else default_cache()
        self.delay, self.retries, self.max_bytes = delay, retries, max_bytes
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT}, follow_redirects=True, timeout=timeout, trust_env=False
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    # -- politeness --------------------------------------------------------------------------------

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None and (pause := self.delay - (time.monotonic() - last)) > 0:
            time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets kronika fetch ``url`` (no robots.txt: yes)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            rp: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser(root + "/robots.txt")
            try:
                r = self._get(root + "/robots.txt", {})
                if r.status_code >= 400:
                    rp = None  # none (or unreadable): everything is allowed, as robots.txt says
                else:
                    rp.parse(r.text.splitlines())  # type: ignore[union-attr]
            except KronikaError:
                rp = None
            self._robots[root] = rp
        rp = self._robots[root]
        return rp is None or rp.can_fetch(USER_AGENT, url)

    def _get(self, url: str, headers: dict[str, str]) -> Any:
        """GET with pacing and retries (connection errors, 429 and 5xx)."""
        import httpx

        host = urlsplit(url).netloc
        for attempt in range(self.retries + 1):
            self._wait(host)
            try:
                r = self.client.get(url, headers=headers)
            except httpx.HTTPError as exc:
                if attempt == self.retries:
                    raise Errors.E140(path=url, error=f"{type(exc).__name__}: {exc}") from None
            else:
                if r.status_code not in (429, 500, 502, 503, 504) or attempt == self.retries:
                    return r
                after = r.headers.get("Retry-After", "")
                if after.isdigit():
                    time.sleep(min(int(after), 60))
            time.sleep(min(2**attempt * self.delay, 30))
        raise AssertionError("unreachable")

    # -- the cache -----------------------------------------------------------------------------------

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.cache / f"{key}.json", self.cache / f"{key}.body"

    def fetch(self, url: str) -> Fetched:
        """The page at ``url``: from the server, or from the cache when the server says it is unchanged.

        Raises a :class:`~kronika.errors.KronikaError` (E140 network, E141 robots.txt, E142 status)."""
        if not self.allowed(url):
            raise Errors.E141(path=url)
        meta_path, body_path = self._paths(url)
        meta: dict[str, Any] = {}
        if meta_path.exists() and body_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        headers = {}
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
        r = self._get(url, headers)
        if r.status_code == 304 and meta:
            return Fetched(url, meta.get("final_url", url), body_path.read_bytes(), meta.get("content_type", ""), True)
        if r.status_code >= 400:
            raise Errors.E142(path=url, status=r.status_code, reason=r.reason_phrase or "")
        body = r.content
        if len(body) > self.max_bytes:
            raise Errors.E104(path=url, limit=f"{self.max_bytes} bytes", size=f"{len(body)} bytes")
        self.cache.mkdir(parents=True, exist_ok=True)
        body_path.write_bytes(body)
        meta = {
            "url": url,
            "final_url": str(r.url),
            "etag": r.headers.get("ETag"),
            "last_modified": r.headers.get("Last-Modified"),
            "content_type": r.headers.get("Content-Type", ""),
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
        return Fetched(url, str(r.url), body, meta["content_type"], False)


def feed_items(fetcher: Fetcher, feed_url: str) -> list[dict[str, Any]]:
    """The items of an RSS/Atom feed: ``[{url, title, published}]`` (newest first, as the feed lists them)."""
    import feedparser

    got = fetcher.fetch(feed_url)
    parsed = feedparser.parse(got.body)
    if parsed.bozo and not parsed.entries:
        raise Errors.E143(path=feed_url, error=str(parsed.get("bozo_exception", "not a feed")))
    items = []
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        items.append({"url": link, "title": e.get("title"), "published": published})
    return items


def _read_page(got: Fetched, settings: Settings, hint: dict[str, Any] | None = None) -> Article:
    """A fetched page as an article (HTML through the HTML reader; text as text)."""
    from kronika.read import read_text
    from kronika.read.decode import decode

    text = decode(got.body, path=got.url)
    html = "html" in got.content_type or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))
    given = {k: v for k, v in (hint or {}).items() if v and k in ("title", "published")}
    s = settings.with_(url=settings.url or got.final_url, **{k: getattr(settings, k) or v for k, v in given.items()})
    return read_text(text, settings=s, source=Source(url=got.final_url, format="html" if html else "text"))


def read_urls(
    urls: Iterable[str | dict[str, Any]], settings: Settings, fetcher: Fetcher, skip_unchanged: bool = False
) -> Iterator[Article | Failure]:
    """Fetch and read each URL (or feed item ``{url, title, published}``); a failure never stops the rest.

    ``skip_unchanged``: leave out pages the server says have not changed since the cached copy."""
    for item in urls:
        hint = item if isinstance(item, dict) else {"url": item}
        url = str(hint["url"])
        try:
            got = fetcher.fetch(url)
            if skip_unchanged and got.not_modified:
                continue
            yield _read_page(got, settings, hint)
        except KronikaError as exc:
            yield Failure.from_error(exc, stage="fetch")


def read_sources(
    inputs: Iterable[str], settings: Settings, fetcher: Fetcher | None = None
) -> Iterator[Article | Failure]:
    """Files, folders, ``-`` and URLs, in the order given (URLs fetched with a :class:`Fetcher`)."""
    from kronika.read import read_inputs

    inputs = list(inputs)
    if not any(is_url(x) for x in inputs):
        yield from read_inputs(inputs, settings)
        return
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for x in inputs:
            yield from (read_urls([x], settings, fetcher) if is_url(x) else read_inputs([x], settings))
    finally:
        if own:
            fetcher.client.close()
