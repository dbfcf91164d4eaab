"""The trigger lexicon: which words (with which dependents) evoke which PLOVER event.

The rules live in a plain data file (``data/triggers.tsv``, format in its header) so analysts can
read and extend them without touching code; each row cites the CAMEO code whose CAMEO2PLOVER
mapping seeded it. Matching is a dictionary lookup by (lemma, coarse POS) followed by checks on
the token's dependents, so the stage stays fast: no pattern engine runs over tokens that cannot
be triggers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from kronika.errors import Errors
from kronika.events.plover import MODES, QUAD

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICON_PATH = Path(__file__).parent / "data" / "triggers.tsv"
# Rows mined from the PETRARCH verb dictionary and kept because they help on dev data (see
# ``mine_petrarch.py`` and ``kronika.evaluate.events_select``); read after our own rows.
MINED_PATH = Path(__file__).parent / "data" / "triggers_petrarch.tsv"
DEFAULT_CONF = {"V": 0.8, "N": 0.7, "A": 0.7}
FLAGS = {"content", "theme", "patient", "host", "mutual", "needs_arg"}
_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}


@dataclass(frozen=True)
class Constraint:
    dep: str
    lemmas: frozenset[str]  # empty = any lemma
    negated: bool = False


@dataclass(frozen=True)
class TriggerRule:
    """One row of the lexicon."""

    id: str
    lemma: str
    pos: str
    type: str
    mode: str | None
    when: tuple[Constraint, ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)
    confidence: float = 0.8
    cameo: str | None = None
    source: str | None = None  # where a mined row came from ("CAMEO.2.0.txt:1234")

    def has(self, flag: str) -> bool:
        return flag in self.flags


def _dependents(tok: Token, dep: str) -> list[Token]:
    if dep == "prep":  # "arrived unannounced in X": also a place phrase on an adjective beside the verb
        adjuncts = [
            g
            for c in tok.children
            if c.dep_ in ("acomp", "oprd", "advcl", "advmod") and c.pos_ in ("ADJ", "ADV")
            for g in c.children
            if g.dep_ == "prep" and g.lower_ in ("in", "at", "to", "into")
        ]
        return [c for c in tok.children if c.dep_ in ("prep", "agent", "dative")] + adjuncts
    if dep == "obj":
        deps = {"dobj", "nsubjpass", "attr"} if any(c.dep_ == "auxpass" for c in tok.children) else {"dobj", "dative"}
        out = [c for c in tok.children if c.dep_ in deps]
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the missiles deployed near the border"
            out.append(tok.head)
        if tok.dep_ == "relcl" and not out:  # "the obligations it must meet": the antecedent
            out.append(tok.head)
        return out
    if dep == "child":
        return list(tok.children)
    if dep == "subj":  # "paratroopers began arriving": the subject of the governing verb
        own = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not own and tok.dep_ in ("xcomp", "conj"):
            own = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return own
    if dep == "head":
        return [tok.head] if tok.head.i != tok.i else []
    return [c for c in tok.children if c.dep_ == dep]


def _holds(tok: Token, c: Constraint) -> bool:
    found = False
    for d in _dependents(tok, c.dep):
        if not c.lemmas or d.lemma_.lower() in c.lemmas or d.text.lower() in c.lemmas:
            found = True
            break
        # "sent thousands of troops", "thousands of protesters gathered": the head is a quantity,
        # look through "of"
        if c.dep in ("obj", "subj") and d.lemma_.lower() in _QUANTITIES:
            for p in d.children:
                pobjs = [g.lemma_.lower() for g in p.children if g.dep_ == "pobj"]
                if p.dep_ == "prep" and p.lemma_ == "of" and any(g in c.lemmas for g in pobjs):
                    found = True
    return found != c.negated


_QUANTITIES = {
    "thousand",
    "hundred",
    "million",
    "dozen",
    "ten",
    "number",
    "lot",
    "batch",
    "shipment",
    "ton",
    "tonne",
    "part",
    "some",
    "all",
    "most",
    "much",
    "half",
    "share",
    "portion",
}


class Lexicon:
    """Rules indexed by (lemma, pos); :meth:`match` picks the most specific row that holds.

    Immutable once built (tuples, frozensets and a read-only index), so one lexicon is shared by
    every analysis in a process, including concurrent ones.
    """

    __slots__ = ("_index", "event_nouns", "lemmas", "rules")

    rules: tuple[TriggerRule, ...]
    lemmas: frozenset[str]
    event_nouns: frozenset[str]  # lemmas of noun rows: nouns that name an action, not a party
    _index: Mapping[tuple[str, str], tuple[TriggerRule, ...]]

    def __init__(self, rules: Iterable[TriggerRule]) -> None:
        rows = tuple(rules)
        index: dict[tuple[str, str], list[TriggerRule]] = {}
        for r in rows:
            index.setdefault((r.lemma, r.pos), []).append(r)
        frozen = {
            key: tuple(sorted(found, key=lambda r: -len([c for c in r.when if not c.negated])))
            for key, found in index.items()
        }
        object.__setattr__(self, "rules", rows)
        object.__setattr__(self, "_index", MappingProxyType(frozen))
        object.__setattr__(self, "lemmas", frozenset(lemma for lemma, _ in frozen))
        object.__setattr__(self, "event_nouns", frozenset(r.lemma for r in rows if r.pos == "N") | {"summons"})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Lexicon is immutable (tried to set {name!r})")

    def candidates(self, lemma: str, pos: str) -> tuple[TriggerRule, ...]:
        return self._index.get((lemma, pos), ())

    def match(self, tok: Token) -> TriggerRule | None:
        pos = _POS.get(tok.pos_)
        if pos is None:
            return None
        lemma = tok.lemma_.lower()
        rows = self._index.get((lemma, pos))
        if not rows and pos == "N":  # plural nouns the lemmatizer left alone ("talks", "sanctions")
            rows = self._index.get((tok.text.lower().rstrip("s"), pos))
        if not rows:
            return None
        for r in rows:
            if all(_holds(tok, c) for c in r.when):
                return r
        return None


def _parse_when(text: str, where: str) -> tuple[Constraint, ...]:
    if text in ("", "-"):
        return ()
    out = []
    for part in text.split(";"):
        part = part.strip()
        negated = part.startswith("!")
        part = part.lstrip("!")
        if ":" not in part:
            raise Errors.E204(where=where, problem=f"constraint {part!r} is not DEP:lemma|lemma")
        dep, lemmas = part.split(":", 1)
        names = frozenset() if lemmas == "*" else frozenset(x.strip() for x in lemmas.split("|") if x.strip())
        out.append(Constraint(dep.strip(), names, negated))
    return tuple(out)


def parse_lexicon(text: str, source: str = "<lexicon>") -> Lexicon:
    """Parse the TSV lexicon; a malformed row is rejected with the file, line and reason."""
    rules: list[TriggerRule] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        where = f"{source}:{n}"
        if len(cols) not in (8, 9):
            found = len(cols)
            raise Errors.E204(where=where, problem=f"expected 8 tab-separated columns (9 with a source), found {found}")
        lemma, pos, etype, mode, when, flags, conf, cameo = (c.strip() for c in cols[:8])
        provenance = cols[8].strip() if len(cols) == 9 else None
        if pos not in DEFAULT_CONF:
            raise Errors.E204(where=where, problem=f"pos {pos!r} must be one of V, N, A")
        if etype not in QUAD:
            raise Errors.E204(where=where, problem=f"{etype!r} is not a PLOVER 2.0 type ({', '.join(QUAD)})")
        mode_v = None if mode in ("", "-") else mode
        if mode_v and mode_v not in MODES.get(etype, ()):
            raise Errors.E204(where=where, problem=f"mode {mode_v!r} is not a mode of {etype}")
        flag_set = frozenset() if flags in ("", "-") else frozenset(f.strip() for f in flags.split(","))
        if flag_set - FLAGS:
            raise Errors.E204(where=where, problem=f"unknown flags {sorted(flag_set - FLAGS)}; known: {sorted(FLAGS)}")
        try:
            confidence = DEFAULT_CONF[pos] if conf in ("", "-") else float(conf)
        except ValueError:
            raise Errors.E204(where=where, problem=f"confidence {conf!r} is not a number") from None
        rid = f"{etype.lower()}.{lemma.replace(' ', '_')}.{pos}{n}"
        rules.append(
            TriggerRule(
                id=rid,
                lemma=lemma.lower(),
                pos=pos,
                type=etype,
                mode=mode_v,
                when=_parse_when(when, where),
                flags=flag_set,
                confidence=confidence,
                cameo=None if cameo in ("", "-") else cameo,
                source=provenance,
            )
        )
    return Lexicon(rules)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None, extra: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicon (or ``path``) plus the users' own files ``extra`` (rows added after ours)."""
    p = Path(path) if path else LEXICON_PATH
    rules: tuple[TriggerRule, ...] = parse_lexicon(p.read_text(encoding="utf-8"), str(p)).rules
    if path is None and MINED_PATH.exists():
        rules = rules + parse_lexicon(MINED_PATH.read_text(encoding="utf-8"), str(MINED_PATH)).rules
    for name in extra:
        f = Path(name)
        try:
            text = f.read_text(encoding="utf-8")
        except OSError as exc:
            raise Errors.E205(path=str(f), reason=exc.strerror or exc) from None
        rules = rules + parse_lexicon(text, str(f)).rules
    return Lexicon(rules)


def user_lexicons() -> tuple[str, ...]:
    """Extra lexicon files named in ``KRONIKA_EVENTS_LEXICON`` (path-separated), in order."""
    import os

    return tuple(p for p in os.environ.get("KRONIKA_EVENTS_LEXICON", "").split(os.pathsep) if p)
