"""Repairing scraped text: blocks, hard wraps, ``[text](#)`` links, emphasis, broken paragraphs.

Scrapers that flatten web pages to text leave three kinds of damage this module undoes:
lines hard-wrapped inside a paragraph (and even split across blank lines mid-sentence), links
reduced to Markdown (``[anchor](#)``, ``<https://...>``), and Markdown emphasis (``*Panorama*``).
The result is a list of paragraphs whose text is plain and whose links carry offsets into it.

The paragraph rule: a blank-line-separated block that does not end a sentence continues in the
next block, unless either block is a heading or a list item. Headings are recognised by form
(short, capitalised, no comma, no trailing function word, followed by a capitalised block after
a finished sentence), so the rule needs no knowledge of any particular site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kronika.record import Link, Span


@dataclass
class InlineLink:
    """A link found in one block; offsets are relative to that block's clean text."""

    text: str
    href: str | None
    start: int
    end: int


@dataclass
class Block:
    """A blank-line-separated piece of the source: its raw form (markup kept) and its clean text."""

    raw: str
    text: str
    links: list[InlineLink] = field(default_factory=list)
    gap: int = 0  # blank lines before the block (a title is often set off by several)
    heading: bool = False  # an explicit Markdown heading (``## ...``)
    item: bool = False  # a list item (``- ...``, ``1. ...``)


@dataclass
class Body:
    """The normalized body: text, paragraph spans and links, all offsets into ``text``."""

    text: str
    paragraphs: list[Span]
    links: list[Link]


_LINK = re.compile(  # the lookahead lets the engine skip plain characters quickly (twice as fast)
    r"(?=[!\[<])(?P<img>!)?\[(?P<anchor>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(?P<href><[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
    r"|<(?P<auto>(?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+)>"
)
# Spans stop at the next marker and are bounded, so a line full of stray asterisks stays linear.
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*_]{1,300}?)(?<=\S)\1")
_EM_STAR = re.compile(r"\*(?=[^\s*])([^*]{1,300}?)(?<=[^\s*])\*")
_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=[^\s_])([^_]{1,300}?)(?<=[^\s_])_(?!\w)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_ITEM = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)")
_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_SPACES = re.compile(r" {2,}")
_FIRST_SENTENCE = re.compile(r"^\S+(?:\s+\S+)?[.!?…](?=[\"'”’)]*(?:\s|$))")
_CLOSERS = "\"'”’»)]*_ "
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen lt col sen rep gov pres vs e.g i.e mt ft sgt capt".split()  # noqa: SIM905
)
# A heading or a finished line never ends with one of these.
CONTINUATION_WORDS = frozenset(
    """a an the and or but nor of to in on at for with by from as into onto over under than that which who whom
    whose its their his her our your my is are was were be been being has have had will would can could shall
    should may might must not this these those both either neither such very more most also only even so if
    while when where whether because although though after before during between about against among via per""".split()  # noqa: SIM905
)


def strip_emphasis(text: str) -> str:
    """``*Panorama*`` -> ``Panorama``; intra-word underscores (``snake_case``) are left alone."""
    if "*" in text:
        text = _EM_STAR.sub(r"\1", _STRONG.sub(r"\2", text))
    if "_" in text:
        text = _EM_UNDERSCORE.sub(r"\1", _STRONG.sub(r"\2", text))
    return text


def _join_lines(lines: list[str]) -> str:
    """Undo hard wrapping inside a block: lines joined by a space (a wrap after a hyphen joins tight)."""
    parts: list[str] = []
    last = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if parts and not (last.endswith("-") and len(last) > 1 and last[-2].isalpha() and line[0].islower()):
            parts.append(" ")
        parts.append(line)
        last = line
    return _SPACES.sub(" ", "".join(parts))


def clean_inline(raw: str) -> tuple[str, list[InlineLink]]:
    """One block's raw text -> plain text (one line) and its links with offsets into that text."""
    line = _join_lines(raw.split("\n"))
    pieces: list[str] = []
    links: list[InlineLink] = []
    length = 0

    def append(piece: str) -> None:
        nonlocal length
        if piece.startswith(" ") and (not pieces or pieces[-1].endswith(" ")):
            piece = piece.lstrip(" ")
        if piece:
            pieces.append(piece)
            length += len(piece)

    pos = 0
    if "[" in line or "<" in line:
        for m in _LINK.finditer(line):
            append(strip_emphasis(line[pos : m.start()]))
            pos = m.end()
            if m["img"]:
                continue  # an image's alt text is not part of the prose
            if m["auto"]:
                anchor, href = m["auto"], m["auto"]
            else:
                anchor = strip_emphasis(m["anchor"]).strip()
                href = m["href"].strip("<>").strip() or None
                if href is not None and href.startswith("#"):
                    href = None  # an in-page or placeholder target says nothing about the source
            if not anchor:
                continue
            start = length
            append(anchor)
            links.append(InlineLink(anchor, href, start, start + len(anchor)))
    append(strip_emphasis(line[pos:]))
    text = "".join(pieces).rstrip()
    return text, links


def split_blocks(text: str) -> list[Block]:
    """Split on blank lines; Markdown headings, rules and list items become blocks of their own."""
    blocks: list[Block] = []
    lines: list[str] = []
    is_item = False
    gap = 0

    def flush() -> None:
        nonlocal lines, is_item, gap
        for group in _paragraph_lines(lines) if len(lines) > 1 and not is_item else [lines]:
            raw = "\n".join(group)
            block_text, links = clean_inline(raw)
            if block_text:
                blocks.append(Block(raw, block_text, links, gap=gap, item=is_item))
                gap = 0
        lines, is_item = [], False

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
            gap += 1
        elif _RULE.match(stripped):
            flush()
        elif h := _HEADING.match(stripped):
            flush()
            block_text, links = clean_inline(h[2])
            if block_text:
                blocks.append(Block(stripped, block_text, links, gap=gap, heading=True))
                gap = 0
        elif _ITEM.match(stripped):
            flush()
            lines, is_item = [_ITEM.sub("", stripped, count=1)], True
        else:
            lines.append(stripped)
    flush()
    return blocks


def _paragraph_lines(lines: list[str]) -> list[list[str]]:
    """Lines of one block, grouped into paragraphs.

    Hard-wrapped text (short lines, breaks anywhere) is one paragraph. Corpora that put one
    paragraph per line (long lines, or most lines ending a sentence) break after each line that
    ends a sentence; lines that do not are joined as in wrapped text.
    """
    inner = lines[:-1]
    long_lines = sum(len(x) > 110 for x in inner)
    # A wrap falls at a sentence end by chance only now and then; in paragraph-per-line text it always does.
    ending = sum(ends_sentence(x) for x in inner)
    if long_lines * 2 < len(inner) and not (len(inner) >= 2 and ending * 4 >= len(inner) * 3):
        return [lines]
    groups: list[list[str]] = [[]]
    for line in lines:
        groups[-1].append(line)
        if ends_sentence(line):
            groups.append([])
    return [g for g in groups if g]


def ends_sentence(text: str) -> bool:
    """Does the block end a sentence (``.``, ``!``, ``?``, ``…``, before closing quotes/brackets)?"""
    t = text.rstrip(_CLOSERS)
    if not t or t[-1] not in ".!?…":
        return False
    if t.endswith("..") or t[-1] != ".":
        return True
    last = t.rsplit(" ", 1)[-1].lstrip("(\"'“‘")
    if re.fullmatch(r"[A-Z]\.", last):
        return False  # an initial ("Pavel K.") continues in the next block
    return last[:-1].lower() not in _ABBREVIATIONS


def looks_like_heading(text: str, next_text: str | None, *, max_words: int = 12, allow_comma: bool = False) -> bool:
    """A short capitalised line that ends no sentence and is followed by a capitalised block."""
    if next_text is None or not text or len(text) > max_words * 9:
        return False
    words = text.split()
    if len(words) > max_words or ends_sentence(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        return False
    if text[-1] in ",;:-–—(/&" or (not allow_comma and "," in text):
        return False
    if words[-1].lower().strip("\"'“”‘’") in CONTINUATION_WORDS:
        return False
    nxt = next_text.lstrip("\"“‘'([")
    if not nxt or not (nxt[0].isupper() or nxt[0].isdigit()):
        return False
    # "...President Vladimir" + "Putin. Later...": a one- or two-word "sentence" is the end of a wrapped one.
    first = _FIRST_SENTENCE.match(nxt)
    return not (first and len(first[0].split()) < 3)


def merge_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join blocks that continue a sentence into one paragraph (the hard-wrap repair across blank lines)."""
    headings = _heading_flags(blocks)
    groups: list[list[Block]] = []
    group_heading: list[bool] = []
    for i, block in enumerate(blocks):
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and not group_heading[-1]
            and not headings[i]
            and not last.item
            and not block.item
            and not ends_sentence(last.text)
        ):
            groups[-1].append(block)
            continue
        groups.append([block])
        group_heading.append(headings[i])
    return [_join_blocks(g) for g in groups]


def _join_blocks(group: list[Block]) -> Block:
    """One paragraph from consecutive blocks, joined by a space, link offsets shifted (linear time)."""
    first = group[0]
    if len(group) == 1:
        return Block(first.raw, first.text, list(first.links), first.gap, first.heading, first.item)
    links: list[InlineLink] = []
    offset = 0
    for b in group:
        links.extend(InlineLink(x.text, x.href, x.start + offset, x.end + offset) for x in b.links)
        offset += len(b.text) + 1
    text = " ".join(b.text for b in group)
    raw = "\n\n".join(b.raw for b in group)
    return Block(raw, text, links, first.gap, first.heading, first.item)


def _heading_flags(blocks: list[Block]) -> list[bool]:
    flags: list[bool] = []
    width = wrap_width(blocks)
    for i, b in enumerate(blocks):
        if b.heading:
            flags.append(True)
            continue
        prev_done = i == 0 or flags[i - 1] or ends_sentence(blocks[i - 1].text) or blocks[i - 1].item
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else None
        # In hard-wrapped text a line that fills the width was cut there, so it is not a heading.
        full_line = width is not None and "\n" not in b.raw and len(b.raw) >= 0.8 * width
        flags.append(prev_done and not b.item and not full_line and looks_like_heading(b.text, nxt))
    return flags


def wrap_width(blocks: list[Block]) -> int | None:
    """The column a hard-wrapped document was wrapped at (the median longest line of its
    multi-line blocks), or None when it is not hard-wrapped."""
    widths = sorted(max(len(x) for x in b.raw.split("\n")) for b in blocks if b.raw.count("\n") >= 2)
    return widths[len(widths) // 2] if widths else None


def assemble(paragraphs: list[Block]) -> Body:
    """Paragraph blocks -> one text (paragraphs separated by a blank line) with absolute offsets."""
    parts: list[str] = []
    spans: list[Span] = []
    links: list[Link] = []
    pos = 0
    for p in paragraphs:
        if parts:
            pos += 2
        spans.append(Span(pos, pos + len(p.text)))
        links.extend(Link(x.text, x.href, pos + x.start, pos + x.end) for x in p.links)
        parts.append(p.text)
        pos += len(p.text)
    return Body("\n\n".join(parts), spans, links)


def normalize_body(text: str) -> Body:
    """Raw scraped body text -> repaired paragraphs (no title, byline or boilerplate handling)."""
    return assemble(merge_paragraphs(split_blocks(text)))
