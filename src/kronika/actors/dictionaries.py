"""Readers for the PETRARCH/TABARI dictionary formats (actors and agents), used by the converter.

Actor files: a block is a run of name lines (a root, ``+`` synonyms, or further roots) followed
by its codes, either in brackets on a name line (``AFGHANISTAN_ [AFG]``) or on indented lines
(``\\t[RUSGOV 991231-080507]``). A name line after codes starts the next block, except a ``+``
synonym right after a root whose code sits on its own line (``CYPRUS_ [CYP]`` then ``+NICOSIA_``).
Blank lines end a block. Dates are ``YYMMDD`` (years up to 20 are 20xx) or ``YYYYMMDD``; ``>D``
means from D on and ``<D`` until D. A code with a malformed date is dropped (the converter counts
them).

Agent files: ``NAME {PLURAL ...} [~CODE] # comment`` with the substitution sets declared as
``!PERSON! = MAN, MEN, ...``; ``{}`` says the name has no plural; a few names end in a stem
(``DEFENCE_MINIST``) that stands for its completions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_CODE = re.compile(r"\[([^\]\[]*)\]")
_DATE = re.compile(r"^\d{6}(\d\d)?$")


@dataclass
class Code:
    code: str
    start: dt.date | None
    end: dt.date | None
    line: int


@dataclass
class Block:
    file: str
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    comment: str = ""
    inline: bool = False  # the root carried its code on its own line
    tabbed: bool = False  # codes came on indented lines
    coded: bool = False  # a code was seen (even a malformed one): the next root starts a new block


def parse_date(text: str) -> dt.date | None:
    """``"080507"`` -> 2008-05-07, ``"19391109"`` -> 1939-11-09; raises ValueError when malformed."""
    text = text.strip()
    if not _DATE.match(text):
        raise ValueError(text)
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 20 else 1900 + yy
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(body: str, line: int) -> Code | None:
    """``"RUSGOV 991231-080507"`` / ``"RUSGOV >080508"`` / ``"RUSELI"`` -> :class:`Code` (None if malformed)."""
    body = body.strip()
    if not body:
        return None
    code, _, when = body.partition(" ")
    when = when.replace(" ", "")
    try:
        if not when:
            return Code(code, None, None, line)
        if when.startswith(">"):
            return Code(code, parse_date(when[1:]), None, line)
        if when.startswith("<"):
            return Code(code, None, parse_date(when[1:]), line)
        a, _, b = when.partition("-")
        return Code(code, parse_date(a), parse_date(b), line)
    except ValueError:
        return None


def read_blocks(path: Path) -> Iterator[Block]:
    """Every actor block of one dictionary file, with its first line number."""
    name = path.name
    block: Block | None = None
    with path.open(encoding="utf-8", errors="replace") as f:
        for no, raw in enumerate(f, 1):
            text, _, comment = raw.rstrip("\n").partition("#")
            if not text.strip():
                if not raw.strip() and block is not None:
                    yield block
                    block = None
                continue
            head = text.split("[", 1)[0].strip()
            codes = [c for c in (parse_code(m, no) for m in _CODE.findall(text)) if c is not None]
            bad = len(_CODE.findall(text)) - len(codes)
            if head:
                synonym = head.startswith("+")
                starts_new = block is None or (block.coded and (block.tabbed or not synonym))
                if starts_new:
                    if block is not None:
                        yield block
                    block = Block(name, no, comment=comment.strip())
                assert block is not None
                block.names.append(head.lstrip("+").strip())
                if codes or bad:
                    block.inline = True
            elif block is not None and (codes or bad):
                block.tabbed = True
            if block is not None:
                block.codes.extend(codes)
                block.coded = block.coded or bool(codes or bad)
        if block is not None:
            yield block


_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
STEMS = {
    "MINIST": ["MINISTER", "MINISTRY"],
    "COMPAN": ["COMPANY"],
    "INDUSTR": ["INDUSTRY"],
}


def read_agents(path: Path) -> Iterator[tuple[str, list[str] | None, str, int, str]]:
    """(name, plurals, code, line, file) per agent; names are lower case with spaces.

    ``plurals`` is None when the source gives none (the regular plural applies), ``[]`` for ``{}``.
    """
    subst: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", errors="replace") as f:
        for no, raw in enumerate(f, 1):
            text = raw.split("#", 1)[0].strip()
            if not text:
                continue
            m = _SUBST.match(text)
            if m:
                subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            cm = re.search(r"\[(~[A-Z]+)[\]}]", text)
            if not cm:
                continue
            body = text[: cm.start()]
            plurals: list[str] | None = None
            pm = re.search(r"\{([^}]*)\}", body)
            if pm:
                plurals = [p.strip() for p in pm.group(1).split(",") if p.strip()]
                body = body[: pm.start()] + body[pm.end() :]
            for name in _expand(body.strip(), subst):
                forms = None if plurals is None else [_words(p) for p in plurals]
                yield _words(name), forms, cm.group(1), no, path.name


def _expand(name: str, subst: dict[str, list[str]]) -> list[str]:
    for key, values in subst.items():
        if key in name:
            return [n for v in values for n in _expand(name.replace(key, v, 1), subst)]
    last = re.split(r"[_ ]", name.rstrip("_"))[-1]
    if last in STEMS:
        return [name.rstrip("_")[: -len(last)] + full for full in STEMS[last]]
    return [name]


def _words(name: str) -> str:
    return " ".join(name.replace("_", " ").lower().split())
