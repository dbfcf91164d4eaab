"""Is this string a person's name? Shape rules for bylines, citation lines and glued titles.

Our own because the reader must not load a model: in the places we look (the head of a byline,
the tail of a title, the start of a bio) a name has a recognisable form (two to five capitalised
tokens or initials, optional particles and honorifics) that a few rules check in microseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kronika.normalize import fold

HONORIFIC = re.compile(
    r"^(?:(?:prof|professor|dr|assoc|asst|assist|mr|mrs|ms|miss|sir|dame|amb|ambassador|gen|col|lt|capt|hon|rev)"
    r"\.?\s+)+",
    re.I,
)
# Parts of a byline that are degrees or honorifics, not an affiliation.
DEGREE = re.compile(
    r"^(?:dr|prof|professor|ph\.?\s?d|msc|m\.?sc|ma|m\.?a|ba|b\.?a|mba|md|llm|jd|esq|jr|sr|ii|iii)\.?$", re.I
)
_SUFFIX = re.compile(r",?\s+(?:Ph\.?\s?D\.?|Jr\.?|Sr\.?|II|III)$")
_PARTICLES = frozenset("de da di del della van von der den du la le bin ibn al el y dos das ter ten zu".split())  # noqa: SIM905
_NOT_NAME = frozenset(
    """the of in on and for to with at by from as is are was will why how what who when where a an new after over
    under vs amid not no about into against between this that""".split()  # noqa: SIM905
)
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]\.-[A-Z]\.")
ORG_WORDS = re.compile(
    r"\b(?:Institut\w*|Universit\w*|College|School|Cent(?:er|re)|Council|Foundation|Academy|Department|Ministry|"
    r"Agency|Association|Society|Program(?:me)?|Forum|Fund|Initiative|Laborator\w*|Lab|Group|Office|Commission|"
    r"Committee|Bureau|Project|Network|Trust|Endowment|Studies|Research|Observatory|Corporation|Company|Inc|Ltd|"
    r"LLC|Times|News|Post|Journal|Review|Monitor|Press|Agency|Service|Council|Bank)\b"
)


@lru_cache(maxsize=4096)
def strip_honorifics(name: str) -> str:
    """``Dr. Pavel K. Baev, PhD`` -> ``Pavel K. Baev``."""
    name = HONORIFIC.sub("", name.strip()).strip(" ,;")
    return _SUFFIX.sub("", name).strip(" ,;")


@lru_cache(maxsize=4096)
def is_person_name(text: str) -> bool:
    """Two to five tokens, each capitalised, an initial or a particle, and none a common title word."""
    name = strip_honorifics(text)
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or tokens[-1].lower() in _PARTICLES:
        return False
    full = 0
    for tok in tokens:
        low = tok.lower()
        if low in _NOT_NAME:
            return False
        if low in _PARTICLES or _INITIALS.fullmatch(tok):
            continue
        if not tok[0].isupper() or tok.endswith(".") or not all(c.isalpha() or c in "-'’" for c in tok):
            return False
        full += 1
    return full >= 1


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """A comparison key: no honorifics, dots, case or extra spaces (``Dr. P. K. Baev`` ~ ``p k baev``)."""
    return fold(strip_honorifics(name).replace(".", " "))


def same_person(a: str, b: str) -> bool:
    """Same key, or same surname and compatible first initial (``Pavel K. Baev`` ~ ``P. Baev``)."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    return ka[-1] == kb[-1] and ka[0][0] == kb[0][0]


def split_names(text: str) -> list[str] | None:
    """``A, B and C`` -> names, or None when any part is not a name."""
    text = re.sub(r"^(?:by|written by|authors?:?)\s+", "", text.strip(), flags=re.I).strip(" .,;")
    parts = [p for p in re.split(r"\s*(?:,|;|&|\band\b)\s*", text) if p]
    if not parts:
        return None
    names = [strip_honorifics(p) for p in parts]
    return names if all(is_person_name(n) for n in names) else None
