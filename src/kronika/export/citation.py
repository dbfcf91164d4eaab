"""Citations of an article record: CSL-JSON, BibTeX and RIS, from its metadata.

Written here rather than with citeproc/bibtex libraries because we only serialise one simple item
type (an online news or commentary article) and each format is a few lines of well-defined text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from kronika.record import Article

FORMATS = ("csl-json", "bibtex", "ris")
_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "bin", "ibn", "al"}


def split_name(name: str) -> dict[str, str]:
    """``Pavel K. Baev`` -> ``{"family": "Baev", "given": "Pavel K."}`` (particles stay with the family)."""
    tokens = name.split()
    if len(tokens) < 2:
        return {"literal": name}
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in _PARTICLES:
        i -= 1
    return {"family": " ".join(tokens[i:]), "given": " ".join(tokens[:i])}


def _date_parts(iso: str | None) -> list[int] | None:
    if not iso:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso)
    return [int(x) for x in m.groups() if x] if m else None


def csl_item(article: Article) -> dict[str, Any]:
    """One CSL-JSON item (type ``article-newspaper``: a dated piece in a named outlet)."""
    md = article.metadata
    item: dict[str, Any] = {"id": article.id, "type": "article-newspaper" if md.publication else "webpage"}
    if md.title:
        item["title"] = md.title
    if md.authors:
        item["author"] = [split_name(a.name) for a in md.authors]
    if md.publication:
        item["container-title"] = md.publication
    parts = _date_parts(md.published)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if md.url:
        item["URL"] = md.url
    if md.language:
        item["language"] = md.language
    return item


def to_csl_json(articles: list[Article]) -> str:
    return json.dumps([csl_item(a) for a in articles], ensure_ascii=False, indent=2)


def cite_key(article: Article) -> str:
    """``baev2023central``: first author's family name, year, first significant title word."""
    md = article.metadata
    family = split_name(md.authors[0].name).get("family", "anon") if md.authors else "anon"
    year = (md.published or "")[:4] or "nd"
    words = [w for w in re.findall(r"\w+", md.title or "") if w.lower() not in {"a", "an", "the", "on", "of"}]
    key = f"{family}{year}{words[0] if words else ''}".lower()
    key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", key) or article.id


def _bib_escape(value: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", value).replace("~", r"\textasciitilde{}").replace("^", r"\^{}")


def to_bibtex(articles: list[Article]) -> str:
    """BibTeX ``@article`` entries (``@misc`` without an outlet); titles braced to keep their case."""
    entries = []
    for a in articles:
        md = a.metadata
        fields: list[tuple[str, str]] = []
        if md.authors:
            names = []
            for au in md.authors:
                n = split_name(au.name)
                names.append(f"{n['family']}, {n['given']}" if "family" in n else f"{{{n['literal']}}}")
            fields.append(("author", " and ".join(_bib_escape(x) for x in names)))
        if md.title:
            fields.append(("title", "{" + _bib_escape(md.title) + "}"))
        if md.publication:
            fields.append(("journal", _bib_escape(md.publication)))
        parts = _date_parts(md.published)
        if parts:
            fields.append(("year", str(parts[0])))
            if len(parts) > 1:
                fields.append(("month", str(parts[1])))
            fields.append(("date", md.published or ""))
        if md.url:
            fields.append(("url", md.url))
        if md.language:
            fields.append(("langid", md.language))
        kind = "article" if md.publication else "misc"
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        entries.append(f"@{kind}{{{cite_key(a)},\n{body}\n}}\n")
    return "\n".join(entries)


def to_ris(articles: list[Article]) -> str:
    """RIS records (``TY - NEWS``: newspaper/online news article; ``ELEC`` without an outlet)."""
    out = []
    for a in articles:
        md = a.metadata
        lines = [("TY", "NEWS" if md.publication else "ELEC")]
        for au in md.authors:
            n = split_name(au.name)
            lines.append(("AU", f"{n['family']}, {n['given']}" if "family" in n else n["literal"]))
        if md.title:
            lines.append(("TI", md.title))
        if md.publication:
            lines.append(("T2", md.publication))
        parts = _date_parts(md.published)
        if parts:
            lines.append(("PY", str(parts[0])))
            lines.append(("DA", "/".join(f"{p:02d}" for p in parts) + "/"))
        if md.url:
            lines.append(("UR", md.url))
        if md.language:
            lines.append(("LA", md.language))
        lines.append(("ID", a.id))
        lines.append(("ER", ""))
        out.append("\n".join(f"{tag}  - {value}".rstrip() for tag, value in lines))
    return "\n\n".join(out) + "\n"


def render(articles: list[Article], fmt: str) -> str:
    if fmt == "csl-json":
        return to_csl_json(articles) + "\n"
    if fmt == "bibtex":
        return to_bibtex(articles)
    if fmt == "ris":
        return to_ris(articles)
    raise ValueError(f"unknown citation format {fmt!r}; choose one of {', '.join(FORMATS)}")
