"""Metadata evidence from the text itself: citation lines, bylines, titles glued to an author, bios.

Each parser returns what one line says; :mod:`kronika.read.document` weighs the evidence (meta
tags and given fields first, then the citation line, bylines, the title line, the URL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kronika.read.dates import find_date, parse_date
from kronika.read.names import (
    DEGREE,
    ORG_WORDS,
    is_person_name,
    name_key,
    same_person,
    split_names,
    strip_honorifics,
)
from kronika.read.repair import strip_emphasis
from kronika.record import Author

CITATION_PREFIX = re.compile(
    r"^(?:to cite this(?: \w+)?|cite this(?: \w+)?(?: as)?|suggested citation|recommended citation|"
    r"how to cite(?: this \w+)?|please cite(?: this \w+)?(?: as)?|citation|cite as)\s*[:\-–—]\s*",
    re.I,
)
_QUOTED = re.compile(r"[\"“”„«]\s*(?P<t>[^\"“”„«»]{3,}?)\s*[\"“”»]")
_EMPH = re.compile(r"(?<![*\w])\*(?!\s)([^*]+?)(?<!\s)\*|(?<!\w)_(?!\s)([^_]+?)(?<!\s)_(?!\w)")
_URL = re.compile(r"<(https?://[^\s<>]+)>|\]\((https?://[^\s()]+)\)|(https?://[^\s<>\"')\]]+)")
_APA = re.compile(r"^(?P<authors>.+?)\s*\((?P<date>(?:19|20)\d\d[^)]*)\)\.?\s*(?P<rest>.*)$")
_BY = re.compile(r"^(?:by|written by|words by|author(?:s)?\s*:)\s+", re.I)
_BIO_START = re.compile(
    r"^(?P<name>[^\s,;:()]+(?:\s+[^\s,;:()]+){1,6}?)(?:,\s*[^,]{1,60},)?\s+(?:\([^)]{0,40}\)\s+)?"
    r"(?:is|was|serves|served|has|holds|held|teaches|works|worked|leads|heads|directs|writes|received|earned|"
    r"joined|specializes|specialises|focuses|covers|reports)\b"
)
_BIO_AT = re.compile(
    r"\b(?:at|with|of)\s+(?:the\s+)?(?P<org>[A-Z][^;]*?)(?=\.\s+[A-Z]|\.$|;|\s+(?:where|since|and is|and was)\b|$)"
)


@dataclass
class Evidence:
    """What one part of a document says about its metadata."""

    title: str | None = None
    authors: list[Author] = field(default_factory=list)
    published: str | None = None
    publication: str | None = None
    url: str | None = None


def parse_citation(raw: str) -> Evidence:
    """A citation line (``To cite this work: A, "Title", *Outlet*, 18 May 2023, <url>``) -> evidence.

    ``raw`` keeps its Markdown, because the emphasis marks the publication's name.
    """
    line = " ".join(raw.split())
    line = CITATION_PREFIX.sub("", line, count=1)
    ev = Evidence()
    m = _URL.search(line)
    if m:
        ev.url = (m[1] or m[2] or m[3]).rstrip(".,;")
    q = _QUOTED.search(line)
    if q:
        ev.title = strip_emphasis(q["t"]).strip(" ,.")
        before, after = line[: q.start()], line[q.end() :]
        ev.authors = _citation_authors(before)
        pub = _first_emphasis(after)
        if not pub:
            segs = [s.strip() for s in re.split(r",", _strip_links(after)) if s.strip()]
            pub = next((s for s in segs if _looks_like_outlet(s)), None)
        ev.publication = pub
        ev.published = parse_date(_strip_links(after)) or parse_date(before)
        return ev
    apa = _APA.match(line)
    if apa:  # APA: Surname, I. (2023, May 18). Title. Outlet. URL
        ev.authors = _citation_authors(apa["authors"])
        ev.published = parse_date(apa["date"]) or _apa_date(apa["date"])
        rest = _strip_links(apa["rest"])
        segs = [s.strip() for s in re.split(r"\.\s+", strip_emphasis(rest)) if s.strip()]
        if segs:
            ev.title = segs[0].rstrip(".")
        ev.publication = _first_emphasis(apa["rest"]) or (segs[1].rstrip(".") if len(segs) > 1 else None)
    return ev


def _apa_date(text: str) -> str | None:
    m = re.match(r"((?:19|20)\d\d),\s*(.+)", text)
    return parse_date(f"{m[2]} {m[1]}") if m else None


def _strip_links(text: str) -> str:
    return re.sub(r"<https?://[^>]*>|https?://\S+", "", text)


def _first_emphasis(text: str) -> str | None:
    m = _EMPH.search(text)
    return (m[1] or m[2]).strip() if m else None


def _looks_like_outlet(seg: str) -> bool:
    seg = seg.strip(" .")
    return (
        bool(seg)
        and seg[0].isupper()
        and len(seg.split()) <= 6
        and find_date(seg) is None
        and seg.lower() not in {"online", "web", "blog", "print", "accessed"}
    )


def _citation_authors(text: str) -> list[Author]:
    """Author names before a citation's title; ``Surname, Given`` is turned round."""
    text = strip_emphasis(text).strip(" ,:;")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1].rstrip(" ,")
    if not text:
        return []
    names = split_names(text)
    if names:
        return [Author(n) for n in names]
    out = []
    for part in re.split(r"\s*(?:;|&|\band\b)\s*", text):
        bits = [b.strip() for b in part.split(",") if b.strip()]
        if len(bits) == 2 and " " not in bits[0] and is_person_name(f"{bits[1]} {bits[0]}"):
            out.append(Author(f"{bits[1]} {bits[0]}"))
        elif len(bits) >= 1 and is_person_name(bits[0]):
            out.append(Author(strip_honorifics(bits[0])))
    return out


def parse_byline(text: str, known: list[str] | None = None) -> list[Author] | None:
    """``Jane Q. Doe, Dr., Institute for Example Studies, Oslo (IES)`` or ``By A and B, Outlet`` -> authors.

    Returns None when the line is not a byline. The first comma part holds the names; the rest,
    less honorifics, degrees and dates, is the affiliation (from the first part naming an organisation).
    """
    known = known or []
    body = _BY.sub("", text.strip(), count=1)
    explicit = body != text.strip()
    if explicit and "|" in body:  # "By X | Outlet | date": the pipe parts are the outlet and date
        body = body.split("|", 1)[0].strip()
    parts = [p.strip() for p in re.split(r"\s*[,|·•]\s*|\s+[—–]\s+", body) if p.strip()]
    if not parts or len(text) > 300:
        return None
    names = split_names(parts[0]) or (
        [strip_honorifics(parts[0])] if any(same_person(parts[0], k) for k in known) else None
    )
    rest = parts[1:]
    if names is None and explicit and len(parts) > 1:
        # "By A, B and C, Outlet": names may be spread over several comma parts.
        for cut in range(len(parts), 0, -1):
            cand = split_names(", ".join(parts[:cut]))
            if cand:
                names, rest = cand, parts[cut:]
                break
    if not names:
        return None
    rest = [p for p in rest if not DEGREE.match(p.strip(". ")) and find_date(p) is None and p]
    if any(not (p[0].isupper() or p[0].isdigit() or p[0] in "(@") for p in rest):
        return None  # "Name, who chairs the Council, said..." is prose, not a byline
    confirmed = explicit or any(same_person(n, k) for n in names for k in known)
    has_org = [i for i, p in enumerate(rest) if ORG_WORDS.search(p)]
    if not confirmed and not has_org and (rest or len(parts) == 1):
        return None
    affiliation = ", ".join(rest[has_org[0] :]) if has_org else (", ".join(rest) or None)
    return [Author(n, affiliation if len(names) == 1 else None) for n in names]


def byline_outlet(text: str) -> str | None:
    """The outlet of a ``By Jane Doe | Example Gazette | 18 May 2023`` byline, or None: in this
    convention the names come before the first pipe, and the first part after one that is not a
    date names the outlet (an outlet's name can look like a person's, so shape cannot tell)."""
    line = text.strip()
    if "|" not in line or not _BY.match(line):
        return None
    for seg in (s.strip(" .") for s in line.split("|")[1:]):
        if seg and find_date(seg) is None and _looks_like_outlet(seg):
            return seg
    return None


def split_glued_title(title: str, known: list[str]) -> tuple[str, list[str]] | None:
    """``Some Title- Author Name`` -> (title, [names]) when the tail is confirmably a byline.

    Confirmed means: the names also appear in the citation or a byline, or the separator is ``by``,
    or a dash is glued to the title's last word (``Moscow- Pavel``), which no headline writer types.
    """
    for m in reversed(list(re.finditer(r"(?<=\S)(\s*)([-–—|:]|,?\s+by)\s+(?=\S)", title))):
        head, tail = title[: m.start()].rstrip(), title[m.end() :]
        if len(head.split()) < 2:
            continue
        names = split_names(tail)
        if not names:
            continue
        glued = not m[1] and m[2] in "-–—"
        by = "by" in m[2].lower()
        confirmed = any(same_person(n, k) for n in names for k in known)
        if confirmed or by or glued:
            return head.strip(" -–—|:,"), names
    return None


def affiliation_from_bio(text: str) -> str | None:
    """``Dr. X is a senior fellow at the Institute for Example Studies (IES).`` -> the institute."""
    text = strip_honorifics(text)
    first = re.split(r"(?<![ .][A-Z]\.)(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]
    m = _BIO_AT.search(first)
    if not m:
        return None
    org = m["org"].strip(" .,")
    return org if ORG_WORDS.search(org) else None


def bio_subject(text: str) -> str | None:
    """The name a bio starts with (``Dr. Marta J. Lind is a ...`` -> ``Marta J. Lind``), if any."""
    m = _BIO_START.match(text)
    if not m:
        return None
    name = strip_honorifics(m["name"])
    return name if is_person_name(name) else None


def publication_from_rights(raw: str) -> str | None:
    """``Copyright@Example *Gazette*``: the emphasised name in a rights notice is the outlet's.

    A bare ``Copyright 2023 Owner`` names the rights holder, which may be a person or a wire agency,
    so it is not taken as the publication.
    """
    return _first_emphasis(raw)


def merge_authors(*groups: list[Author]) -> list[Author]:
    """Authors from several sources in priority order: the first source naming any sets the list,
    the others only add affiliations and fuller name forms for the same people."""
    base = next((g for g in groups if g), [])
    out = [Author(a.name, a.affiliation) for a in base]
    for group in groups:
        for a in group:
            match = next((o for o in out if same_person(o.name, a.name)), None)
            if match is None:
                continue
            if not match.affiliation and a.affiliation:
                match.affiliation = a.affiliation
            if len(name_key(a.name)) > len(name_key(match.name)):
                match.name = a.name  # prefer the fuller form ("Pavel K. Baev" over "P. Baev")
    return out
