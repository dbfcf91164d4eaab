"""HTML pages -> article text and metadata, with trafilatura.

trafilatura finds the main text (dropping navigation, ads and comments) and reads the page's
meta tags (og:, article:, Dublin Core, JSON-LD). We ask it for Markdown-like text with links and
emphasis so that the one text reader (:mod:`kronika.read.document`) does the rest.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
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
    text, ev, notes = extract(html, source)
    lang = _LANG.search(html[:5000])
    article = build_article(text, source=source, settings=settings, html=ev, language=lang[1].lower() if lang else None)
    article.notes[:0] = notes
    base = article.metadata.url
    if base:  # relative hrefs ("/tags/x") are only useful resolved against the page's address
        for link in article.links:
            if link.href and not urlsplit(link.href).scheme:
                link.href = urljoin(base, link.href)
    return article


def extract(html: str, source: Source) -> tuple[str, Evidence, list[str]]:
    """trafilatura's main text (Markdown-like) and metadata, and notes when text was not taken from it.

    When trafilatura finds nothing, or junk ("menu menu menu", what 300 unclosed ``<font>`` tags
    leave), or cannot parse the page at all (libxml2 stops at 255 nesting levels), the page's text
    is taken by :func:`page_text`, which a note says.
    """
    import trafilatura
    from trafilatura.xml import xmltotxt

    path, line = source.path, source.line
    failure: str | None = None
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
        doc, failure = None, f"{type(exc).__name__}: {exc}"
    notes: list[str] = []
    text = xmltotxt(doc.body, include_formatting=True) if doc is not None and doc.body is not None else ""
    if is_junk(text):
        fallback = page_text(html)
        if is_junk(fallback):
            if failure:
                raise Errors.E106(path=path, line=line, error=failure)
            raise Errors.E113(path=path, line=line)
        what = "failed" if failure else "found no usable main text" if text.strip() else "found no main text"
        notes.append(f"reader: the HTML main-text extractor {what}; the page's text was taken instead (fallback)")
        text = fallback
    ev = Evidence()
    if doc is not None:
        ev.title = doc.title or None
        if doc.author:
            ev.authors = [Author(strip_honorifics(n)) for n in re.split(r"\s*;\s*", doc.author) if n.strip()]
        ev.published = parse_date(doc.date) if doc.date else None
        ev.publication = doc.sitename or None
        ev.url = doc.url or None
    return text, ev, notes


_WORD = re.compile(r"[^\W\d_]{2,}")


def is_junk(text: str) -> bool:
    """No text, markup, or a few words repeated ("menu menu menu ..."): not an article's text."""
    if not text.strip() or text.lstrip().startswith("<"):
        return True
    return len(_WORD.findall(text)) < 3 or _repetitive(text)


def _repetitive(text: str) -> bool:
    """A handful of words repeated ("menu menu menu", "Home News Sport Home ..."), unlike prose,
    which repeats words but not only a handful of them."""
    words = [w.lower() for w in _WORD.findall(text)]
    distinct = len(set(words))
    return len(words) >= 10 and (distinct < 5 or distinct / len(words) < 0.05)


class _PageText(HTMLParser):
    """All visible text of a page, a paragraph per block element, skipping scripts and navigation.

    The standard library's tolerant parser, not lxml: it keeps no tree, so deep nesting and
    unclosed tags cost nothing (libxml2 refuses documents nested deeper than 255 levels).
    """

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "table",
            "section",
            "article",
            "blockquote",
            "pre",
            "td",
        ]
    )
    SKIP = frozenset(
        [
            "script",
            "style",
            "noscript",
            "template",
            "head",
            "nav",
            "footer",
            "header",
            "aside",
            "form",
            "button",
            "select",
            "svg",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The fallback extractor: the page's visible text, one paragraph per block, whitespace tidied."""
    parser = _PageText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # pragma: no cover - html.parser is lenient; keep what was read
        pass
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p and not _repetitive(p))
