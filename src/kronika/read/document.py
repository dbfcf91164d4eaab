"""Text of one document -> :class:`~kronika.record.Article`: head, body, tail and the metadata they give.

Every format ends here (HTML after trafilatura has turned the page into Markdown-like text, JSON
Lines with the given fields as evidence), so the repair, boilerplate and metadata rules are the
same for all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kronika.errors import Errors
from kronika.read.boilerplate import byline_authors, head_kind, middle_boilerplate, tail_boilerplate
from kronika.read.dates import date_from_url, find_date, normalize_published, parse_date
from kronika.read.decode import clean_unicode
from kronika.read.language import detect_language, language_note
from kronika.read.metadata import (
    CITATION_PREFIX,
    Evidence,
    affiliation_from_bio,
    bio_subject,
    byline_outlet,
    merge_authors,
    parse_byline,
    parse_citation,
    publication_from_rights,
    split_glued_title,
)
from kronika.read.names import is_person_name, name_key, same_person, strip_honorifics
from kronika.read.repair import (
    CONTINUATION_WORDS,
    Block,
    assemble,
    clean_inline,
    ends_sentence,
    merge_paragraphs,
    split_blocks,
)
from kronika.record import Article, Author, Boilerplate, BoilerplateKind, Metadata, Source
from kronika.settings import Settings

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_DATELINE_TAIL = re.compile(r"^\s*(?:[—–-]|\()")
NO_DATE_NOTE = "no publication date found: relative times cannot be anchored (give one with --published)"


def build_article(
    text: str,
    *,
    source: Source,
    settings: Settings,
    given: Evidence | None = None,
    html: Evidence | None = None,
    language: str | None = None,
) -> Article:
    """Split a document into title, head, body and tail, repair the body and gather its metadata."""
    text = clean_unicode(text)
    front, text = _front_matter(text)
    blocks = split_blocks(text)
    if not blocks:
        raise Errors.E101(path=source.path, line=source.line, detail="no text after clean-up")
    outside = [ev for ev in (given, front, html) if ev is not None]

    # Names the citation line gives confirm bylines and a title glued to its author.
    citations = [parse_citation(b.raw) for b in blocks[max(1, len(blocks) - 12) :] if CITATION_PREFIX.match(b.text)]
    known = _unique([a.name for ev in (*outside, *citations) for a in ev.authors])
    head = _read_head(blocks, known, next((ev.title for ev in outside if ev.title), None))
    known = _unique(known + [a.name for a in head.evidence.authors])

    kinds = dict(head.kinds)
    tail = tail_boilerplate(blocks, head.start, known)
    kinds.update(tail)
    end = min(tail) if tail else len(blocks)
    kinds.update(middle_boilerplate(blocks, head.start, end))
    body_blocks = [b for i, b in enumerate(blocks[head.start : end], head.start) if i not in kinds]
    if not body_blocks:
        raise Errors.E105(path=source.path, line=source.line)
    body = assemble(merge_paragraphs(body_blocks))

    citation = next((blocks[i] for i in sorted(tail) if tail[i] == "citation"), None)
    rights = next((blocks[i] for i in sorted(tail) if tail[i] == "rights"), None)
    sources = [*outside, *citations, head.evidence, _tail_evidence(blocks, tail, known)]
    md = Metadata()
    md.title = settings.title or _first(ev.title for ev in sources)
    md.authors = merge_authors(*(ev.authors for ev in sources))
    md.url = settings.url or _first(ev.url for ev in sources) or source.url
    md.published, date_note = normalize_published(
        settings.published or _first(ev.published for ev in sources) or _dateline(body.text) or date_from_url(md.url)
    )
    md.publication = _first(ev.publication for ev in sources) or (
        publication_from_rights(rights.raw) if rights else None
    )
    md.citation = citation.text if citation else None
    md.rights = rights.text if rights else None
    text_language = detect_language(body.text)
    md.language = language or text_language

    article = Article(
        text=body.text,
        source=source,
        metadata=md,
        paragraphs=body.paragraphs,
        links=body.links,
        boilerplate=head.boilerplate + [Boilerplate(kinds[i], blocks[i].text) for i in sorted(kinds)],
    )
    if date_note:
        article.notes.append(date_note)
    elif not md.published:
        article.notes.append(NO_DATE_NOTE)
    if text_language and not text_language.startswith("en"):
        article.notes.append(language_note(text_language))
    return article


@dataclass
class _Head:
    """What precedes the body: where the body starts, the title and bylines found, their kinds."""

    start: int = 0
    evidence: Evidence = field(default_factory=Evidence)
    kinds: dict[int, BoilerplateKind] = field(default_factory=dict)
    boilerplate: list[Boilerplate] = field(default_factory=list)  # head lines inside the title's block


def _read_head(blocks: list[Block], known: list[str], given_title: str | None) -> _Head:
    """The title (the first block when it reads like one), then bylines, date lines and the like."""
    head = _Head()
    first = blocks[0]
    title_line: str | None = None
    lines = [clean_inline(x)[0] for x in first.raw.split("\n")] if not first.heading else [first.text]
    if len(lines) > 1 and all(head_kind(x, known) for x in lines[1:]) and _title_shape(lines[0]):
        title_line, head.start = lines[0], 1  # "Title" / "By Name" / "date" set as one block
        for x in lines[1:]:
            head.boilerplate.append(Boilerplate(head_kind(x, known) or "other", x))
            _head_evidence(x, known, head.evidence)
    elif (
        len(blocks) > 1
        and (first.heading or _title_like(first.text, blocks[1].text, blocks[1].gap))
        and not head_kind(first.text, known)  # "By Jane Doe" or a date is not a title
    ):
        title_line, head.start = first.text, 1
    if title_line is not None and given_title and not _same_title(title_line, given_title):
        glued = split_glued_title(title_line, known)
        if not (glued and _same_title(glued[0], given_title)):
            return _read_head_lines(blocks, known, _Head(), after_title=False)  # a heading of the body, not a title
    if title_line is not None:
        glued = split_glued_title(title_line, known)
        if glued:
            head.evidence.title = glued[0]
            head.evidence.authors = [Author(n) for n in glued[1]] + head.evidence.authors
        else:
            head.evidence.title = title_line
    return _read_head_lines(blocks, known, head, after_title=title_line is not None)


def _read_head_lines(blocks: list[Block], known: list[str], head: _Head, *, after_title: bool) -> _Head:
    known = _unique(known + [a.name for a in head.evidence.authors])
    while head.start < len(blocks) - 1 and (kind := head_kind(blocks[head.start].text, known, after_title=after_title)):
        head.kinds[head.start] = kind
        _head_evidence(blocks[head.start].text, known, head.evidence, after_title=after_title)
        known = _unique(known + [a.name for a in head.evidence.authors])
        after_title = False
        head.start += 1
    return head


def _same_title(line: str, given: str) -> bool:
    """The body's first line repeats the given title (meta titles often carry a site suffix)."""
    a, b = name_key(line), name_key(given)
    return a == b or (min(len(a), len(b)) >= 12 and (b.startswith(a) or a.startswith(b)))


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _first(values) -> str | None:  # type: ignore[no-untyped-def]
    return next((v for v in values if v), None)


def _title_shape(text: str) -> bool:
    """Up to 30 words, capitalised, not ending like a sentence of prose (a question mark is fine)."""
    words = text.split()
    return (
        0 < len(words) <= 30
        and len(text) <= 300
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'")
        and not (ends_sentence(text) and text.rstrip("\"'”’)")[-1:] == ".")
        and text[-1] not in ",;:-–—(/&"
        and words[-1].lower() not in CONTINUATION_WORDS
    )


def _title_like(text: str, next_text: str, gap_after: int = 0) -> bool:
    """A first block is a title when it has a title's shape and the next block starts afresh."""
    if not _title_shape(text):
        return False
    nxt = next_text.lstrip("\"“‘'([")
    return gap_after >= 2 or (bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit()))


def _head_evidence(text: str, known: list[str], ev: Evidence, *, after_title: bool = False) -> None:
    authors = parse_byline(text, known)
    if authors is None and after_title and is_person_name(text):
        authors = [Author(strip_honorifics(text))]
    if authors:
        for a in authors:
            if not any(same_person(a.name, b.name) for b in ev.authors):
                ev.authors.append(a)
    found = find_date(text)
    if found and not ev.published:
        ev.published = found[0]
    outlet = byline_outlet(text) if authors else None
    if outlet and not ev.publication:
        ev.publication = outlet


def _tail_evidence(blocks: list[Block], tail: dict[int, BoilerplateKind], known: list[str]) -> Evidence:
    """Affiliations (and names) from bylines and bios after the body."""
    ev = Evidence()
    for i in sorted(tail):
        text = blocks[i].text
        if tail[i] == "byline":
            ev.authors.extend(byline_authors(blocks[i], known) or [])
        elif tail[i] == "bio":
            name = bio_subject(text)
            org = affiliation_from_bio(text)
            if name:
                ev.authors.append(Author(name, org))
    return ev


def _dateline(body: str) -> str | None:
    """``Almaty, 7 January 2022 — ...``: the date a report was filed, at the start of the body."""
    found = find_date(body[:120])
    if found and found[1] <= 45 and _DATELINE_TAIL.match(body[found[2] :]):
        return found[0]
    return None


def _front_matter(text: str) -> tuple[Evidence | None, str]:
    """Markdown front matter (``---`` / ``key: value`` / ``---``) -> evidence, and the rest of the text."""
    m = _FRONT_MATTER.match(text.lstrip("\n"))
    if not m:
        return None, text
    ev = Evidence()
    key = ""
    for line in m["body"].split("\n"):
        item = re.match(r"^\s*-\s+(.*)$", line)
        if item and key in ("author", "authors"):
            ev.authors.append(Author(item[1].strip().strip("\"'")))
            continue
        kv = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not kv:
            continue
        key, value = kv[1].lower(), kv[2].strip().strip("\"'")
        if not value:
            continue
        if key == "title":
            ev.title = value
        elif key in ("author", "authors", "by"):
            ev.authors.extend(Author(n.strip()) for n in re.split(r"\s*(?:;|&|\band\b)\s*", value.strip("[]")) if n)
        elif key in ("date", "published", "pubdate", "publication_date"):
            ev.published = parse_date(value) or value
        elif key in ("url", "link", "canonical_url", "canonical"):
            ev.url = value
        elif key in ("publication", "site", "source", "outlet", "publisher", "sitename"):
            ev.publication = value
    return ev, text.lstrip("\n")[m.end() :]
