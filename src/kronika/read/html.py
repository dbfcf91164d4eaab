"""HTML pages -> article text and metadata, with trafilatura.

trafilatura finds the main text (dropping navigation, ads and comments) and reads the page's
meta tags (og:, article:, Dublin Core, JSON-LD). We ask it for Markdown-like text with links and
emphasis so that the one text reader (:mod:`kronika.read.document`) does the rest.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from kronika.errors import Errors
from kronika.read.dates import parse_date
from kronika.read.document import build_article
from kronika.read.metadata import Evidence
from kronika.read.names import strip_honorifics
from kronika.record import Article, Author, Source
from kronika.settings import Settings

_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z]+)?", re.I)


def read_html(html: str, *, source: Source, settings: Settings) -> Article:
    """Main text and metadata of a page; malformed HTML is read as far as it can be, never a crash."""
    text, ev = extract(html, source)
    lang = _LANG.search(html[:5000])
    article = build_article(text, source=source, settings=settings, html=ev, language=lang[1].lower() if lang else None)
    base = article.metadata.url
    if base:  # relative hrefs ("/tags/x") are only useful resolved against the page's address
        for link in article.links:
            if link.href and not urlsplit(link.href).scheme:
                link.href = urljoin(base, link.href)
    return article


def extract(html: str, source: Source) -> tuple[str, Evidence]:
    """trafilatura's main text (Markdown-like) and metadata; falls back to all page text."""
    import trafilatura
    from trafilatura.xml import xmltotxt

    path, line = source.path, source.line
    try:
        doc: Any = trafilatura.bare_extraction(  # a Document with output_format set
            html,
            url=source.url,
            with_metadata=True,
            include_links=True,
            include_formatting=True,
            include_comments=False,
            output_format="markdown",
        )
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise Errors.E106(path=path, line=line, error=f"{type(exc).__name__}: {exc}") from None
    text = xmltotxt(doc.body, include_formatting=True) if doc is not None and doc.body is not None else ""
    if not text.strip():
        try:
            text = trafilatura.html2txt(html) or ""
        except Exception:  # pragma: no cover - html2txt is lenient
            text = ""
    if not text.strip() or text.lstrip().startswith("<"):
        raise Errors.E113(path=path, line=line)
    ev = Evidence()
    if doc is not None:
        ev.title = doc.title or None
        if doc.author:
            ev.authors = [Author(strip_honorifics(n)) for n in re.split(r"\s*;\s*", doc.author) if n.strip()]
        ev.published = parse_date(doc.date) if doc.date else None
        ev.publication = doc.sitename or None
        ev.url = doc.url or None
    return text, ev
