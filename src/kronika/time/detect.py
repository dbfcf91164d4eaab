"""Finding temporal expressions in running text: the grammar's patterns plus spaCy's DATE/TIME.

The grammar finds what spaCy's NER misses or cuts short ("four days prior to the big day", "the
early hours of May 3", "each season"); spaCy's entities are a second opinion for bare years and
months and a fallback for phrasings the grammar does not know (normalized through dateparser).

Candidates are found once per text: one pass of the combined trigger pattern
(:data:`~kronika.time.patterns.TRIGGER`: digits, months, weekdays, units and the few words that
are times by themselves) marks the stretches where an expression can be, and the rules run only
there. News text is mostly free of time words, so the rules see a small part of it instead of
every rule scanning the whole text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kronika.time.patterns import DAY, MONTH, TRIGGER, has_context
from kronika.time.rules import RULES, Rule

_RANGE_TAIL = re.compile(
    rf"\s*(?:-|–|—|to|until|till|through|and)\s*(?P<d>{DAY})(?!\s*(?:{MONTH}|%|percent|million|billion|[-–.,]?\d))",
    re.IGNORECASE,
)


_RANGE_HEAD = re.compile(rf"(?<![\d/.,:$])(?P<d>{DAY})\s*(?:-|–|—|and|to|until|till|through)\s*$", re.IGNORECASE)


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule | None  # None: a spaCy entity the grammar did not cover, normalized as a phrase
    match: re.Match[str] | None
    range_of: int | None = None  # index of the candidate this one ends a range for ("May 7 to 9")
    range_head_of: int | None = None  # index of the candidate this one starts a range for ("5-6 June")


# A phrase that opens with its own preposition or time word needs no context before it ("for days").
_SELF_INTRODUCED = re.compile(r"(?:over|for|in|during|within|since|(?:the\s+)?(?:past|last|coming|recent))\s", re.I)


def _word_bounded(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


# How far a match may reach before its first trigger word ("less than a" before "year") and after
# its last one (a lookahead such as "not followed by percent"); windows are that wide around triggers.
_BEFORE_TRIGGER = 80
_AFTER_TRIGGER = 100


def trigger_windows(text: str) -> list[tuple[int, int]]:
    """Disjoint stretches of ``text`` around trigger words: the only places a rule can match."""
    windows: list[tuple[int, int]] = []
    for m in TRIGGER.finditer(text):
        start, end = max(0, m.start() - _BEFORE_TRIGGER), min(len(text), m.end() + _AFTER_TRIGGER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def find_candidates(
    text: str, spacy_spans: list[tuple[int, int]] | None = None, *, whole_text: bool = False
) -> list[Candidate]:
    """Non-overlapping temporal expressions in ``text``, in text order (longest match wins).

    ``whole_text`` runs every rule over all of the text (what the trigger windows must equal; tests).
    """
    spacy_spans = spacy_spans or []
    found: list[tuple[int, int, int, Rule, re.Match[str]]] = []
    windows = [(0, len(text))] if whole_text else trigger_windows(text)
    for prio, rule in enumerate(RULES):
        for m in (m for ws, we in windows for m in rule.regex.finditer(text, ws, we)):
            s, e = m.span()
            if s == e or not _word_bounded(text, s, e):
                continue
            if rule.needs_context and not (
                has_context(text[max(0, s - 30) : s])
                or _inside(spacy_spans, s, e)
                or _SELF_INTRODUCED.match(m.group(0))
            ):
                continue
            found.append((s, e, prio, rule, m))
    found.sort(key=lambda x: (-(x[1] - x[0]), x[2], x[0]))
    taken = _Disjoint()
    for s, e, _, rule, m in found:
        taken.add(Candidate(s, e, rule, m))
    for s, e in spacy_spans:
        taken.add(Candidate(s, e, None, None))
    return _add_range_ends(text, taken.items)


class _Disjoint:
    """Non-overlapping candidates kept sorted by start, so each overlap test is a bisection."""

    def __init__(self) -> None:
        self.items: list[Candidate] = []
        self._starts: list[int] = []

    def add(self, c: Candidate) -> bool:
        i = bisect.bisect_left(self._starts, c.start)
        if i > 0 and self.items[i - 1].end > c.start:
            return False
        if i < len(self.items) and self.items[i].start < c.end:
            return False
        self.items.insert(i, c)
        self._starts.insert(i, c.start)
        return True


def _add_range_ends(text: str, cands: list[Candidate]) -> list[Candidate]:
    """The bare day of a range is a date too: '9' in 'from May 7 to 9', '5' in '5-6 June'."""
    out: list[Candidate] = []
    for i, c in enumerate(cands):
        if c.rule is not None and c.rule.name == "dmy" and c.match is not None and not c.match["wd"]:
            m = _RANGE_HEAD.search(text, max(0, c.start - 16), c.start)
            prev_end = out[-1].end if out else 0
            if m is not None and m.start("d") >= prev_end and _word_bounded(text, *m.span("d")):
                out.append(Candidate(*m.span("d"), None, m, range_head_of=len(out) + 1))
        out.append(c)
        if c.rule is None or c.rule.name != "mdy" or c.match is None or c.match["y"]:
            continue
        m = _RANGE_TAIL.match(text, c.end)
        if m is None:
            continue
        s, e = m.span("d")
        nxt = cands[i + 1].start if i + 1 < len(cands) else len(text)
        if e <= nxt and _word_bounded(text, s, e):
            out.append(Candidate(s, e, None, m, range_of=len(out) - 1))
    return out
