"""Which blocks at the head and tail of a document are not the article: bylines, bios, citations, rights.

Only the edges are searched (from the end backwards, from the start forwards, stopping at the
first block of prose), because that is where sites put these blocks, and a body paragraph that
happens to mention copyright or start with a name must not be lost.
"""

from __future__ import annotations

import re

from kronika.read.dates import find_date
from kronika.read.metadata import CITATION_PREFIX, bio_subject, parse_byline
from kronika.read.names import is_person_name, same_person
from kronika.read.repair import Block, clean_inline
from kronika.record import Author, BoilerplateKind

RIGHTS = re.compile(
    r"\bcopyright\b|©|\(c\)\s*(?:19|20)\d\d|\ball rights reserved\b|\brights reserved\b|"
    r"\breproduc\w+ (?:is )?(?:prohibited|without (?:written )?permission)|\bcreative commons\b|\bCC BY(?:-\w+)*\b",
    re.I,
)
# A rights notice by its form: it opens like one, or it is short and carries a notice's formula.
# The bare word "copyright" inside a sentence ("the deal covers copyright law") is prose.
_RIGHTS_LEAD = re.compile(
    r"^\W*(?:©|\(c\)|copyright\b|all rights reserved|rights reserved|reproduc\w+|republish\w*|licensed under|"
    r"this (?:article|work|content|story|piece|text) is (?:licensed|published|available|distributed) under|"
    r"creative commons|CC BY)",
    re.I,
)
_RIGHTS_FORMULA = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|\ball rights reserved\b|\brights reserved\b|\bcreative commons\b|\bCC BY(?:-\w+)*\b|"
    r"\breproduc\w+ (?:is )?(?:prohibited|without (?:written )?permission)",
    re.I,
)
OTHER = re.compile(
    r"^(?:share(?: this)?(?: article| post| story)?|tags?|topics?|filed under|related(?: articles| posts| stories)?|"
    r"read more|read also|see also|more on this|follow (?:us|me|him|her)|subscribe|sign up|advertisement|"
    r"image|photo(?:graph)?|picture|editor'?s note|note|disclaimer|the views expressed|opinions expressed|"
    r"this (?:article|piece|commentary|post) (?:was|first|originally|is)|originally published|"
    r"comments?|leave a (?:comment|reply))\b",
    re.I,
)
_MIDDLE_OTHER = re.compile(
    r"^(?:advertisement|read more|read also|related|see also|(?:photo|image|picture|source|credit)s?\s*:).{0,150}$",
    re.I,
)
# Words that make "Name is ..." a note about the author rather than a sentence about a newsmaker.
_BIO_CUES = re.compile(
    r"\b(?:research\w*|fellow|professor|lecturer|analyst|director|editor|journalist|correspondent|author of|"
    r"writer|writes|scholar|Ph\.?\s?D|doctorate|degree|graduated?|universit\w+|institut\w*|cent(?:er|re) for|"
    r"think tank|teaches|studies|expert)\b",
    re.I,
)
_FOOTNOTE = re.compile(r"^(?:\[\d{1,3}\]|\^\d{1,3}|\d{1,3}\s+(?=https?://|See |Ibid))\s*\S")
_NOTES_HEADING = re.compile(r"^(?:references|notes|endnotes|footnotes|sources|bibliography)\s*:?$", re.I)
_ABOUT = re.compile(r"^about the authors?\b", re.I)
_PRONOUN_BIO = re.compile(
    r"^(?:he|she|they|his|her|their)\s+(?:is|was|are|has|have|holds|held|writes|wrote|served|serves|research|"
    r"received|earned|teaches|previously)\b",
    re.I,
)
_CONTACT = re.compile(r"^(?:\S+@\S+\.\w+|@\w+|(?:twitter|x|email|e-mail|contact)\s*:.*)$", re.I)
_READING_TIME = re.compile(r"^\d+\s*min(?:ute)?s?\s+read$", re.I)
_DATE_LABEL = re.compile(r"^(?:published|posted|updated|date|last updated|first published)?\s*(?:on|:)?\s*", re.I)


def tail_kind(block: Block, known: list[str]) -> BoilerplateKind | None:
    """The kind of a block found after the body, or None if it reads as prose."""
    text = block.text
    if CITATION_PREFIX.match(text):
        return "citation"
    if looks_like_rights(text):
        return "rights"
    if _ABOUT.match(text) or _PRONOUN_BIO.match(text):
        return "bio"
    subject = bio_subject(text)
    if subject and (any(same_person(subject, k) for k in known) or _BIO_CUES.search(text)):
        return "bio"
    if len(text) < 400 and (OTHER.match(text) or _CONTACT.match(text)):
        return "other"
    if _FOOTNOTE.match(text) or _NOTES_HEADING.match(text):
        return "other"
    if len(text) < 300 and byline_authors(block, known) is not None:
        return "byline"
    return None


def looks_like_rights(text: str) -> bool:
    """A rights notice by position (the caller looks only at the tail) *and* form: it opens like
    one, or it is at most 30 words carrying a notice's formula (©, "all rights reserved", CC BY)."""
    if len(text) >= 1000 or not RIGHTS.search(text):
        return False
    return bool(_RIGHTS_LEAD.match(text)) or (len(text.split()) <= 30 and bool(_RIGHTS_FORMULA.search(text)))


def byline_authors(block: Block, known: list[str]) -> list[Author] | None:
    """The authors a byline block names, also when it is set on several lines (name, then affiliation)."""
    found = parse_byline(block.text, known)
    if found is None and "\n" in block.raw:
        lines = [clean_inline(x)[0].strip(" ,") for x in block.raw.split("\n")]
        found = parse_byline(", ".join(x for x in lines if x), known)
    return found


def head_kind(text: str, known: list[str], *, after_title: bool = False) -> BoilerplateKind | None:
    """The kind of a line or block before the body: bylines, date lines, reading times.

    A bare name is a byline only right under the title (elsewhere it could be a one-name heading).
    """
    if len(text) > 300:
        return None
    if after_title and is_person_name(text) and not text.endswith((".", "?", "!")):
        return "byline"
    if _READING_TIME.match(text):
        return "other"
    found = find_date(text)
    if found and len(text) <= 80:
        rest = (text[: found[1]] + text[found[2] :]).strip(" |·•,-–—")
        if not rest or len(_DATE_LABEL.sub("", rest, count=1).strip(" |·•,-–—:")) == 0:
            return "other"
    if parse_byline(text, known) is not None and not text.rstrip().endswith((".", "!", "?")):
        return "byline"
    return None


def tail_boilerplate(blocks: list[Block], first: int, known: list[str]) -> dict[int, BoilerplateKind]:
    """Kinds of the trailing blocks, scanning back from the end and never past block ``first``."""
    kinds: dict[int, BoilerplateKind] = {}
    i = len(blocks) - 1
    while i > first:
        kind = tail_kind(blocks[i], known)
        if kind is None:
            break
        kinds[i] = kind
        i -= 1
    # A run that starts with "He is ..." is only a bio when it follows other boilerplate, not prose.
    while kinds and (j := min(kinds)) in kinds and _PRONOUN_BIO.match(blocks[j].text):
        del kinds[j]
    return kinds


def middle_boilerplate(blocks: list[Block], start: int, end: int) -> dict[int, BoilerplateKind]:
    """Short interruptions inside the body ("Advertisement", "Read more: ...")."""
    return {i: "other" for i in range(start, end) if _MIDDLE_OTHER.match(blocks[i].text)}
