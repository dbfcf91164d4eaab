"""Mine the PETRARCH CAMEO verb dictionary into trigger rows of our lexicon format, with provenance.

``CAMEO.2.0.txt`` (Open Event Data Alliance, MIT) groups verbs into synonym blocks; each block,
verb or pattern carries a CAMEO code. We keep what our lexicon can express and check:

- a verb with its own code, or a block's default code, gives a row for the bare verb;
- ``- * OBJECT [code]`` gives a row with an object constraint (``obj:object``; a ``&SYNSET`` is
  expanded; a ``{MULTI WORD}`` object is constrained by its last word, its head);
- ``- &SUBJECT * [code]`` gives a row with a subject constraint;
- ``+VERB_PARTICLE`` multi-word verbs ("call off") give a row constrained by the particle;
- patterns with prepositional phrases, ``$``/``+``/``%`` markers or codes we cannot map are left out.

CAMEO codes become PLOVER types and modes through ``CAMEO2PLOVER-2021.txt``. Every row says the
file and line of the pattern it came from. A lemma our own lexicon already has is skipped: our rows
were checked by hand. Which mined rows ship is decided on dev data only (``select_rows``): a row
that adds false positives on dev goes.

Run: ``python -m kronika.events.mine_petrarch PETRARCH_DIR PLOVER_DIR OUT.tsv`` (all candidates).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kronika.events.lexicon import LEXICON_PATH, parse_lexicon
from kronika.events.plover import MODES, load_cameo_map

PARTICLES = frozenset({"up", "off", "down", "out", "back", "on", "in", "over", "away", "to", "aside", "forward"})
MINED_CONFIDENCE = 0.6
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_VERB = re.compile(r"^(\+?[A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*(?:#.*)?$")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*(?:#.*)?$")


@dataclass(frozen=True)
class MinedRow:
    lemma: str
    type: str
    mode: str | None
    when: str  # our constraint syntax, "-" for none
    cameo: str
    source: str  # "CAMEO.2.0.txt:LINE"

    def tsv(self) -> str:
        return "\t".join(
            [
                self.lemma,
                "V",
                self.type,
                self.mode or "-",
                self.when,
                "needs_arg",
                str(MINED_CONFIDENCE),
                self.cameo,
                self.source,
            ]
        )


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` -> its words (lower case; a multi-word member by its last word, its head)."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            break
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text.split()[0]
            sets[current] = []
        elif text.startswith("+") and current is not None:
            word = text[1:].strip("_").split("_")[-1].lower()
            if word.isalpha():
                sets[current].append(word)
    return sets


def _code(raw: str) -> str | None:
    """The CAMEO code of a pattern ("042:043" -> "042"); None for "---" or a target-only ":173"."""
    code = raw.strip().split(":")[0].strip()
    return code if code and code != "---" and code.isdigit() else None


def _objects(spec: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """Object words of "* OBJECT", "* &SET", "* {MULTI WORD}"; None when the pattern says more."""
    spec = spec.strip()
    if not spec:
        return []
    if re.fullmatch(r"\{[A-Z' -]+\}", spec):
        return [spec.strip("{}").split()[-1].lower()]
    if re.fullmatch(r"&[A-Z_]+", spec):
        return synsets.get(spec) or None
    if re.fullmatch(r"[A-Z][A-Z-]*", spec):
        return [spec.lower()]
    return None


def _lemma_of(word: str) -> str:
    """Plural object words as lemmas ("ATTACKS" -> "attack"), the way spaCy lemmatizes them."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def mine(dictionary: Path, cameo2plover: Path, skip: Iterable[str] = ()) -> list[MinedRow]:
    """Candidate rows from the dictionary (duplicates removed; lemmas in ``skip`` left out)."""
    cameo = load_cameo_map(cameo2plover)
    skipped = set(skip)
    lines = dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    name = dictionary.name

    def plover(code: str | None) -> tuple[str, str | None] | None:
        if code is None:
            return None
        entry = cameo.get(code) or cameo.get(code[:3])
        if not entry or not entry.get("type"):
            return None
        etype = str(entry["type"])
        mode = entry.get("mode")
        return etype, mode if mode and mode in MODES.get(etype, ()) else None

    rows: dict[tuple[str, str, str | None, str], MinedRow] = {}

    def add(lemma: str, when: str, code: str | None, line: int) -> None:
        mapped = plover(code)
        if mapped is None or lemma in skipped or not lemma.isalpha():
            return
        key = (lemma, mapped[0], mapped[1], when)
        rows.setdefault(key, MinedRow(lemma, mapped[0], mapped[1], when, code or "-", f"{name}:{line}"))

    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    block_code: str | None = None
    verbs: list[tuple[str, str]] = []  # (lemma, particle constraint or "")
    for n, raw in enumerate(lines[start + 1 :], start + 2):
        line = raw.rstrip()
        if line.startswith("####### ") or line.startswith("######## "):
            break
        if m := _HEADER.match(line):
            block_code, verbs = _code(m.group(2)), []
            continue
        if m := _PATTERN.match(line):
            code = _code(m.group(2))
            body = m.group(1)
            if any(ch in body for ch in "$%+(") or "*" not in body:
                continue
            subj_spec, obj_spec = (part.strip() for part in body.split("*", 1))
            objs = _objects(obj_spec, synsets)
            subjs = _objects(subj_spec, synsets) if subj_spec else []
            if objs is None or subjs is None:
                continue
            for lemma, prt in verbs:
                parts = [prt] if prt else []
                if objs:
                    parts.append("obj:" + "|".join(sorted({_lemma_of(o) for o in objs})))
                if subjs:
                    parts.append("subj:" + "|".join(sorted({_lemma_of(s) for s in subjs})))
                if len(parts) > (1 if prt else 0):
                    add(lemma, ";".join(parts), code, n)
            continue
        if m := _VERB.match(line.strip()):
            word, own = m.group(1), m.group(2)
            prt = ""
            if word.startswith("+"):
                pieces = word[1:].strip("_").lower().split("_")
                if len(pieces) != 2 or pieces[1] not in PARTICLES:
                    continue
                lemma, prt = pieces[0], f"prt:{pieces[1]}"
            else:
                lemma = word.lower()
            verbs.append((lemma, prt))
            code = _code(own) if own else block_code
            if code is not None:
                add(lemma, prt or "-", code, n)
    return sorted(rows.values(), key=lambda r: (r.lemma, r.type, r.when))


def ours() -> set[str]:
    """Verb lemmas our hand-written lexicon already covers."""
    return {
        r.lemma
        for r in parse_lexicon(LEXICON_PATH.read_text(encoding="utf-8"), str(LEXICON_PATH)).rules
        if r.pos == "V"
    }


HEADER = """# Trigger rows mined from the PETRARCH CAMEO verb dictionary (CAMEO.2.0.txt, Open Event Data
# Alliance, MIT licence) by kronika.events.mine_petrarch; CAMEO codes mapped to PLOVER 2.0 with
# CAMEO2PLOVER-2021.txt. Same columns as triggers.tsv plus the source (file:line of the pattern).
# Regenerate the candidates with: python -m kronika.events.mine_petrarch PETRARCH_DIR PLOVER_DIR OUT
# lemma\tpos\ttype\tmode\twhen\tflags\tconf\tcameo\tsource
"""


def write(rows: Iterable[MinedRow], out: Path) -> int:
    rows = list(rows)
    out.write_text(HEADER + "".join(r.tsv() + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    petrarch, plover, out = (Path(a) for a in argv)
    rows = mine(petrarch / "CAMEO.2.0.txt", plover / "CAMEO2PLOVER-2021.txt", skip=ours())
    print(f"{write(rows, out)} candidate rows -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
