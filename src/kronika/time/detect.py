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
from kronika.time.rules import RULES, RULES_BY_NAME, Rule
from kronika.time.rules_calendar import year_span_ends

_RANGE_TAIL = re.compile(
    rf"\s*(?P<join>-|–|—|to|until|till|through|and|or)\s*(?P<d>{DAY})(?!\s*(?:{MONTH}|%|percent|million|billion|[-–.,]?\d))",
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
    alternative: bool = False  # with range_of: "May 4 or 5" names either day, not a range
    year_end: bool = False  # "63" in "1962-63": the second year of a span (the candidate before is the first)


# A phrase that opens with its own preposition or time word needs no context before it ("for days").
_SELF_INTRODUCED = re.compile(r"(?:over|for|in|during|within|since|(?:the\s+)?(?:past|last|coming|recent))\s", re.I)


def _word_bounded(text: str, start: int, end: int) -> bool:
    """The span starts and ends at word boundaries of the text."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """The span lies inside one of ``spans`` (spaCy entities)."""
    return any(s <= start and end <= e for s, e in spans)


# How far a match may reach before its first trigger word ("approximately twenty-seven and a half"
# before "years": 38) and after its last one (" before eleven o'clock" after "quarter", plus a
# lookahead such as "not followed by per cent"); windows are that wide around triggers. Measured on
# 1,186 documents: at most 23 before and 15 after.
_BEFORE_TRIGGER = 48
_AFTER_TRIGGER = 48


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
    _split_year_spans(text, taken)
    for s, e in spacy_spans:
        if not _NUMBER_BEFORE.search(text, max(0, s - 12), s):
            taken.add(Candidate(s, e, None, None))
    return _add_range_ends(text, taken.items)


# "+7(495) 606 2035": a number right after another number is not a date spaCy may call one
_NUMBER_BEFORE = re.compile(r"\d[\s)]+$")
_YEAR = re.compile(r"\d{2,4}")


def _split_year_spans(text: str, taken: _Disjoint) -> None:
    """'2015-2016', '1962-63': two years (points), not one span; the second knows the first."""
    for i, c in reversed(list(enumerate(taken.items))):
        if c.rule is None or c.rule.name != "year_span" or c.match is None or year_span_ends(c.match) is None:
            continue
        (s1, e1), (s2, e2) = c.match.span("y1"), c.match.span("y2")
        first = Candidate(s1, e1, RULES_BY_NAME["year"], RULES_BY_NAME["year"].regex.match(text, s1, e1))
        second = Candidate(s2, e2, None, _YEAR.match(text, s2, e2), year_end=True)
        taken.items[i : i + 1] = [first, second]
        taken.starts[i : i + 1] = [s1, s2]


class _Disjoint:
    """Non-overlapping candidates kept sorted by start, so each overlap test is a bisection."""

    def __init__(self) -> None:
        self.items: list[Candidate] = []
        self.starts: list[int] = []

    def add(self, c: Candidate) -> bool:
        """Add ``c`` unless it overlaps a candidate already taken; True when added."""
        i = bisect.bisect_left(self.starts, c.start)
        if i > 0 and self.items[i - 1].end > c.start:
            return False
        if i < len(self.items) and self.items[i].start < c.end:
            return False
        self.items.insert(i, c)
        self.starts.insert(i, c.start)
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
            out.append(Candidate(s, e, None, m, range_of=len(out) - 1, alternative=m["join"].lower() == "or"))
    return out
