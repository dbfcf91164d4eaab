"""``kronika evaluate times``: TIMEX3 extraction and normalization on MEANTIME (TempEval-3 measures).

The documents are rebuilt from MEANTIME's tokens (title, date line, body) and run through the real
pipeline (spaCy + the time stage) with the document creation time as the article date. Scored, as
in TempEval-3:

- relaxed extraction: a system time matches a gold TIMEX3 when their character spans overlap
  (one-to-one; exact spans are paired first);
- value accuracy: share of matched pairs whose normalized ``value`` is identical;
- value F1 = relaxed F1 × value accuracy.

Only sentences 0–5 are annotated in MEANTIME (see ``../shared/data/README.md``), so only system
times starting there are scored. The creation-time TIMEX3 is scored only when it is anchored to
tokens of the text (the date line); gold TIMEX3s with no tokens are not in the text and skipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from kronika.errors import ConfigError
from kronika.evaluate.report import PRF, Report
from kronika.record import Article, Metadata, Source, Span
from kronika.settings import Settings

DEFAULT_DATA = "../shared/data/meantime-dev"
SCORED_SENTENCES = 6  # sentences 0..5: title, date line, first four body sentences
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``"}


@dataclass
class GoldTime:
    start: int
    end: int
    type: str
    value: str
    text: str
    creation_time: bool = False


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: str | None
    scored_end: int  # character offset where sentence 6 begins
    times: list[GoldTime] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


def load_doc(path: Path) -> GoldDoc:
    """Rebuild one MEANTIME document: its text, its gold TIMEX3s (character spans) and its DCT."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ConfigError(f"[E220] {path}: not valid MEANTIME XML ({exc})") from exc
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    prev_sent = None
    prev_tok = ""
    para_start = 0
    scored_end = None
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = int(tok.get("sentence", "0"))
        if prev_sent is not None and sent != prev_sent:
            if scored_end is None and sent >= SCORED_SENTENCES:
                scored_end = pos
            # title and date line are paragraphs of their own; body sentences run on
            if prev_sent < 2:
                paragraphs.append((para_start, pos))
                parts.append("\n\n")
                pos += 2
                para_start = pos
            else:
                parts.append(" ")
                pos += 1
        elif prev_sent is not None and word not in _NO_SPACE_BEFORE and prev_tok not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    paragraphs.append((para_start, pos))
    text = "".join(parts)
    doc = GoldDoc(path.stem, text, None, scored_end if scored_end is not None else len(text), paragraphs=paragraphs)
    date_line: str | None = None
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in tx.findall("token_anchor")]
        creation = tx.get("functionInDocument") == "CREATION_TIME"
        if creation and tx.get("type") == "DATE" and doc.dct is None:
            doc.dct = tx.get("value")
        spans = [offsets[i] for i in ids if i in offsets]
        if not spans:
            continue  # not in the text (an implicit time of the annotation)
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        gold = GoldTime(start, end, tx.get("type", ""), tx.get("value", ""), text[start:end], creation)
        if date_line is None and tx.get("type") == "DATE" and start < doc.scored_end and "\n\n" in text[:start]:
            first_break = text.index("\n\n")
            second = text.find("\n\n", first_break + 2)
            if second == -1 or start < second:
                date_line = gold.value
        doc.times.append(gold)
    if doc.dct is None:
        doc.dct = date_line  # a few documents mark no CREATION_TIME: their date line is the DCT
    return doc


def load_corpus(data: Path) -> list[GoldDoc]:
    if not data.is_dir():
        raise ConfigError(f"[E221] {data}: no such directory (the MEANTIME dev set; pass --data DIR)")
    files = sorted(data.rglob("*.xml"))
    if not files:
        raise ConfigError(f"[E222] {data}: no MEANTIME .xml files found")
    return [load_doc(f) for f in files]


@dataclass
class Scores:
    extraction: PRF = field(default_factory=PRF)
    value_correct: int = 0
    type_correct: int = 0
    strict_tp: int = 0  # pairs whose spans are identical

    @property
    def strict_f1(self) -> float:
        e = self.extraction
        n_sys, n_gold = e.tp + e.fp, e.tp + e.fn
        return 2 * self.strict_tp / (n_sys + n_gold) if n_sys + n_gold else 0.0

    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.extraction.tp if self.extraction.tp else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.extraction.tp if self.extraction.tp else 0.0

    @property
    def value_f1(self) -> float:
        return self.extraction.f1 * self.value_accuracy


def score_doc(gold: list[GoldTime], system: list[tuple[int, int, str, str, str]], scores: Scores, name: str) -> None:
    """Pair system and gold times one-to-one (exact spans first, then any overlap) and count."""
    free_sys = list(range(len(system)))
    pairs: list[tuple[GoldTime, tuple[int, int, str, str, str]]] = []
    unmatched: list[GoldTime] = []
    for g in gold:
        hit = next((i for i in free_sys if system[i][0] == g.start and system[i][1] == g.end), None)
        if hit is None:
            unmatched.append(g)
        else:
            free_sys.remove(hit)
            pairs.append((g, system[hit]))
    scores.strict_tp += len(pairs)
    still: list[GoldTime] = []
    for g in unmatched:
        overlaps = [i for i in free_sys if system[i][0] < g.end and g.start < system[i][1]]
        if not overlaps:
            still.append(g)
            continue
        best = max(overlaps, key=lambda i: min(g.end, system[i][1]) - max(g.start, system[i][0]))
        free_sys.remove(best)
        pairs.append((g, system[best]))
    scores.extraction.add(PRF(tp=len(pairs), fp=len(free_sys), fn=len(still)))
    for g, s in pairs:
        scores.value_correct += s[3] == g.value
        scores.type_correct += s[2] == g.type
        if s[3] != g.value:
            scores.errors.append(
                {"doc": name, "kind": "value", "gold": f"{g.text} = {g.value}", "system": f"{s[4]} = {s[3]}"}
            )
    for g in still:
        scores.errors.append({"doc": name, "kind": "missed", "gold": f"{g.text} = {g.value}", "system": ""})
    for i in free_sys:
        s = system[i]
        scores.errors.append({"doc": name, "kind": "spurious", "gold": "", "system": f"{s[4]} = {s[3]}"})


def run(data: str | None, settings: Settings) -> Report:
    """Run the time stage over MEANTIME and report TempEval-3 style scores."""
    from kronika.pipeline import Pipeline

    path = resolve_data(data)
    docs = load_corpus(path)
    pipe = Pipeline(settings, stages=["kronika.time.normalize.v1"])
    articles = [
        Article(
            text=d.text,
            source=Source(path=d.name, format="meantime"),
            metadata=Metadata(published=d.dct),
            paragraphs=[Span(s, e) for s, e in d.paragraphs],
        )
        for d in docs
    ]
    with_ct = Scores()
    without_ct = Scores()
    from tqdm import tqdm

    results = pipe.run_many(articles)
    for d, art in tqdm(zip(docs, results, strict=True), total=len(docs), desc="times", unit="doc", leave=False):
        if not isinstance(art, Article):
            raise ConfigError(f"[E223] {d.name}: the time stage failed: {art.reason}")
        system = [(t.start, t.end, t.type, t.value, t.text) for t in art.times if t.start < d.scored_end]
        gold = [g for g in d.times if g.start < d.scored_end]
        score_doc(gold, system, with_ct, d.name)
        # the same without the date line carrying the creation time (it is given as the DCT)
        ct_spans = [(g.start, g.end) for g in gold if g.creation_time]
        sys_wo = [s for s in system if not any(s[0] < e and b < s[1] for b, e in ct_spans)]
        score_doc([g for g in gold if not g.creation_time], sys_wo, without_ct, d.name)
    rows = []
    for label, sc in (("all, sentences 0-5", with_ct), ("without date line", without_ct)):
        e = sc.extraction
        rows.append(
            [
                label,
                e.tp + e.fn,
                e.precision,
                e.recall,
                e.f1,
                sc.strict_f1,
                sc.value_accuracy,
                sc.value_f1,
                sc.type_accuracy,
            ]
        )
    report = Report(
        title=f"times on MEANTIME ({len(docs)} documents, {path})",
        columns=["scope", "gold", "P", "R", "F1", "strict F1", "value acc.", "value F1", "type acc."],
        rows=rows,
        figures={
            "documents": len(docs),
            "relaxed": with_ct.extraction.to_dict(),
            "strict_f1": round(with_ct.strict_f1, 4),
            "value_accuracy": round(with_ct.value_accuracy, 4),
            "value_f1": round(with_ct.value_f1, 4),
            "type_accuracy": round(with_ct.type_accuracy, 4),
            "excluding_creation_time": {
                "relaxed": without_ct.extraction.to_dict(),
                "value_accuracy": round(without_ct.value_accuracy, 4),
                "value_f1": round(without_ct.value_f1, 4),
            },
            "errors": with_ct.errors,
        },
        notes=[
            "TempEval-3 measures: P/R/F1 relaxed (any overlap); strict F1 = identical spans; "
            "value F1 = relaxed F1 x value accuracy.",
            "Reference (TempEval-3 value F1): HeidelTime 0.776, SUTime 0.674.",
            "MEANTIME: CC BY 4.0, (c) 2015 FBK, VU Amsterdam, UPV/EHU. Only sentences 0-5 are annotated and scored.",
            f"{len(with_ct.errors)} disagreements listed under 'errors' in --json.",
        ],
    )
    return report


def resolve_data(data: str | None) -> Path:
    """``--data`` as given, else the dev set relative to the project root (or the current directory)."""
    if data:
        return Path(data)
    here = Path(__file__).resolve().parents[3] / DEFAULT_DATA
    return here if here.exists() else Path.cwd() / DEFAULT_DATA
